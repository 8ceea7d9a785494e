"""Presenter mode: a lesson plan on the projector, one uncluttered step at a time.

The class sees only the step: a lesson page, an incident, a replay at its moment with big
gauges, a comparison, a question (answer hidden until revealed) or a discussion prompt,
with a small step counter and clock. The teacher moves with the arrow keys; notes and
timing go to a second terminal (``wallet-explainer present PLAN --notes``, fed through
``explainer.presenting``) or, on one screen, to a panel toggled with ``N``.

Every figure comes from the engine (``explainer.player``) and ``explainer.report.rows``;
text from the plan file reaches the screen only as plain text (``markup=False``).
"""

from __future__ import annotations

import re
import time
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult, RenderResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Markdown, OptionList, Static
from textual.widgets.option_list import Option

from explainer import i18n, presenting
from explainer import numbers as fmt
from explainer.i18n import N_, _
from explainer.incident_index import shown_date
from explainer.plans import Plan, Step
from explainer.player import SPEEDS, Player, speed_label
from explainer.presenting import Position
from explainer.safe_text import clean, rich_text
from explainer.tui.breaking import Breaking, shown

if TYPE_CHECKING:
    from datetime import datetime

    from explainer.model import Incident
    from explainer.tui.app import WalletApp

TICK = 0.1
EIGHTHS = " ▏▎▍▌▋▊▉"


def wall_time() -> float:
    """Seconds since the epoch (a function of its own so tests can freeze it)."""
    return time.time()


def monotonic() -> float:
    """Seconds on a monotonic clock, for the replay's animation (tests freeze it)."""
    return time.monotonic()


class BigBar(Widget):
    """A thick bar with a heading: a wallet that drains, or a setup's share lost.

    It draws the fraction it is given, to an eighth of a cell, and computes nothing else.
    """

    DEFAULT_CSS = """
    BigBar { height: auto; }
    BigBar.wallet-bar { margin-bottom: 1; }
    """

    def __init__(self, heading: Text, fraction: Decimal, style: str, rows: int = 2,
                 classes: str = "") -> None:
        super().__init__(classes=classes)
        self.heading, self.fraction, self.style, self.rows = heading, fraction, style, rows

    def show(self, heading: Text, fraction: Decimal, style: str) -> None:
        """New figures from the engine's state; repaint only on change."""
        if (heading, fraction, style) != (self.heading, self.fraction, self.style):
            self.heading, self.fraction, self.style = heading, fraction, style
            self.refresh()

    def get_content_height(self, container, viewport, width: int) -> int:
        return 1 + self.rows

    def render(self) -> RenderResult:
        width = max(10, self.size.width)
        cells = max(Decimal(0), min(Decimal(1), self.fraction)) * width
        full = int(cells)
        part = int((cells - full) * 8)
        bar = ("█" * full + (EIGHTHS[part] if full < width and part else "")).ljust(width)
        body = Text(bar, style=f"{self.style} on grey15")
        return Text("\n").join([self.heading, *([body] * self.rows)])


_FIELD = re.compile(r"\{(\w+)\}")


def styled(template: str, lead: str = "", **parts: str | Text) -> Text:
    """A translated sentence as Text, each ``{name}`` filled with its part (a ``Text``
    keeps its own style) and the words before the first part in the ``lead`` style: the
    words stay whole and in the translation's order."""
    text = Text()
    last = 0
    for m in _FIELD.finditer(template):
        text.append(template[last:m.start()], style=lead if last == 0 else "")
        part = parts[m.group(1)]
        if isinstance(part, Text):
            text.append_text(part)
        else:
            text.append(part)
        last = m.end()
    text.append(template[last:])
    return text


def wallet_heading(label: str, balance: str, reachable: bool) -> tuple[Text, str]:
    """A wallet bar's heading and colour: red while the attacker can reach it."""
    status = _("(reachable by the attacker)") if reachable else _("(out of the attacker's reach)")
    heading = Text.assemble((label, "bold"), "  ", balance, "  ", (status, "italic"))
    return heading, "bold red" if reachable else "bold green"


def plan_in_language(plan: Plan) -> Plan:
    """``plan`` with its texts in the language in use (a bundled plan's translation, where
    there is one); the same plan if it is already, or if it cannot be read again."""
    from explainer import plans

    lang = i18n.current()
    if plan.lang == lang or not plan.path:
        return plan
    try:
        return plans.load(plan.path, lang)
    except plans.PlanError:
        return plan  # the file changed under the class: keep what is on screen


def local_incident(ref: str) -> Incident:
    """A plan step's incident, with its texts in the language in use."""
    from explainer import loader, translations

    return translations.localize(loader.load(ref), i18n.current())


def lesson_page(step: Step):  # noqa: ANN201 - a lessons.Page (imported late)
    """The lesson page a step names, in the language in use (English where untranslated)."""
    from explainer.lessons import load_lessons

    lesson = next(x for x in load_lessons(i18n.current()) if x.id == step.lesson)
    return lesson.pages[step.page - 1]


_MODAL_CSS = """
    {name} { align: center middle; background: $background 70%; }
    {name} OptionList { width: 90%; max-width: 110; height: auto; max-height: 80%;
                        border: thick $primary; }
"""


class JumpScreen(ModalScreen[int | None]):
    """Pick a step to jump to."""

    DEFAULT_CSS = _MODAL_CSS.replace("{name}", "JumpScreen")

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", N_("Cancel"))]

    def __init__(self, plan: Plan, current: int) -> None:
        super().__init__(id="jump")
        self.plan, self.current = plan, current

    def compose(self) -> ComposeResult:
        options = [Option(rich_text(f"{n:>2}. {step.title}"), id=str(n - 1))
                   for n, step in enumerate(self.plan.steps, 1)]
        listing = OptionList(*options, id="jump-list")
        listing.highlighted = self.current
        yield listing

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))


class PresenterScreen(Screen[None]):
    """One step of the plan at a time, large, for a projector."""

    PRESENTING = True  # the app's mode keys (h, l, r, c, t) stand aside while presenting
    DEFAULT_CSS = """
    PresenterScreen { background: $background; layers: base blank; }
    #present-top { height: 1; padding: 0 2; color: $text-muted; }
    #present-counter { width: 1fr; }
    #present-clock { width: auto; }
    #present-body { padding: 1 4; align-horizontal: center; }
    #present-body > * { max-width: 150; }
    .present-title { text-style: bold; color: $accent; margin-bottom: 1; }
    .present-sub { color: $text-muted; margin-bottom: 1; }
    .present-prompt { text-style: bold; margin-bottom: 1; }
    .present-facts { margin-bottom: 1; }
    .present-point { text-style: italic; }
    .present-why { color: $text-muted; margin-bottom: 1; }
    .present-markdown { margin: 0; padding: 0; }
    #present-replay-clock, #present-attacker { text-style: bold; margin-bottom: 1; }
    #present-choices { margin: 1 0; }
    #present-answer { color: $accent; }
    #present-notes {
        display: none; height: auto; max-height: 40%; padding: 0 2;
        border-top: solid $secondary; color: $secondary;
    }
    PresenterScreen.-notes #present-notes { display: block; }
    #present-blank { display: none; layer: blank; width: 100%; height: 100%;
                     background: #000000; }
    PresenterScreen.-blank #present-blank { display: block; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,n,pagedown", "move(1)", N_("Next"), key_display="→", priority=True,
                tooltip=N_("The next step")),
        Binding("left,p,pageup", "move(-1)", N_("Back"), key_display="←", priority=True,
                tooltip=N_("The previous step")),
        Binding("r", "reveal", N_("Reveal"),
                tooltip=N_("Show or hide the answer of this question")),
        Binding("space", "play", N_("Play/pause"), tooltip=N_("Start or stop this replay")),
        Binding("b", "blank", N_("Blank"), tooltip=N_("Black out the screen (again to light it)")),
        Binding("g", "jump", N_("Jump"), tooltip=N_("Choose a step to go to")),
        Binding("N", "notes", N_("Notes"), key_display="N",
                tooltip=N_("Show or hide the presenter notes on this screen "
                           "(the class sees them)")),
        Binding("escape", "leave", N_("Leave"), tooltip=N_("Stop presenting")),
    ]

    app: WalletApp  # type: ignore[assignment]

    def __init__(self, plan: Plan, *, show_notes: bool = True, publish: bool = True) -> None:
        super().__init__(id="presenter")
        self.plan = plan
        self.position: Position = presenting.start(wall_time())
        self.allow_notes = show_notes
        self.publishing = publish
        self.player: Player | None = None
        self._bars: list[BigBar] = []
        self._timer: Timer | None = None
        self._last_tick = 0.0
        self._theme_before = ""
        self._recomposing = False

    # --- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="present-top"):
            yield Static(id="present-counter", markup=False)
            yield Static(id="present-clock", markup=False)
        yield VerticalScroll(id="present-body")
        yield Static(id="present-notes", markup=False)
        yield Static("", id="present-blank")

    async def on_mount(self) -> None:
        self._theme_before = self.app.theme
        self.app.theme = "wallet-projector"
        self.set_interval(1, self._show_top)
        self._timer = self.set_interval(TICK, self._on_timer, pause=True)
        await self._show_step()

    def on_unmount(self) -> None:
        if self._theme_before:
            self.app.theme = self._theme_before

    @property
    def step(self) -> Step:
        """The step on screen."""
        return self.plan.steps[self.position.index]

    def _show_top(self) -> None:
        if self._recomposing:
            return
        now = wall_time()
        total = len(self.plan.steps)
        self.query_one("#present-counter", Static).update(
            rich_text(f"{self.position.index + 1} / {total}   {self.plan.title}"))
        self.query_one("#present-clock", Static).update(
            presenting.minutes_text(now - self.position.started))
        if self.has_class("-notes"):
            self.query_one("#present-notes", Static).update(self._notes_text(now))

    def _notes_text(self, now: float) -> Text | Breaking:
        step = self.step
        text = Text.assemble((_("Notes (the class can see this panel): "), "bold"),
                             presenting.timing(self.plan, self.position, now))
        if step.notes:
            text.append("\n" + clean(step.notes, multiline=True))
        nxt = self.position.index + 1
        if nxt < len(self.plan.steps):
            text.append("\n" + _("Next: {title}").format(title=clean(self.plan.steps[nxt].title)),
                        style="italic")
        return shown(text)

    async def recompose(self) -> None:
        """Show the same step again in the language now in use, a replay at the same
        moment (and still playing if it was)."""
        player = self.player
        at, playing = (player.at, player.playing) if player is not None else (None, False)
        self.plan = plan_in_language(self.plan)
        self._stop_playing()
        self._recomposing = True  # the clock's interval must not look for removed widgets
        try:
            await super().recompose()
        finally:
            self._recomposing = False
        await self._show_step(at=at, playing=playing)

    async def _show_step(self, at: datetime | None = None, playing: bool | None = None) -> None:
        """Put the current step on screen; ``at`` and ``playing`` restore a replay step's
        moment and state (otherwise the step's own)."""
        self._stop_playing()
        self.player = None
        self._bars = []
        body = self.query_one("#present-body", VerticalScroll)
        await body.remove_children()
        await body.mount_all(self._step_widgets(self.step))
        body.scroll_home(animate=False)
        if self.player is not None:
            if at is not None:
                self.player.seek(at)
            self._refresh_replay()
            if self.step.play if playing is None else playing:
                self.action_play()
        self._apply_position()

    def _apply_position(self) -> None:
        self.set_class(self.position.blank, "-blank")
        self._show_top()
        self._show_answer()
        self.refresh_bindings()
        if self.publishing:
            presenting.publish(self.plan, self.position)

    # --- what each kind of step shows -------------------------------------------------------

    def _step_widgets(self, step: Step) -> list[Widget]:
        heading = Static(shown(rich_text(step.title)), classes="present-title")
        kind = step.kind
        if kind == "lesson":
            return [heading, *self._lesson(step)]
        if kind in ("question", "pause"):
            out: list[Widget] = [heading, Static(shown(rich_text(step.prompt, multiline=True)),
                                                 classes="present-prompt")]
            if kind == "question":
                out.append(Static(id="present-choices", markup=False))
                out.append(Static(id="present-answer", markup=False))
            return out
        incident = local_incident(step.incident)
        if kind == "incident":
            return [heading, *self._incident(incident)]
        if kind == "replay":
            return [heading, *self._replay(step, incident)]
        if kind == "whatif":
            return [heading, *self._whatif(step, incident)]
        return [heading, *self._compare(step, incident)]

    def _lesson(self, step: Step) -> list[Widget]:
        from explainer.tui.screens.lessons import extra_widget

        page = lesson_page(step)
        out: list[Widget] = [Markdown(page.markdown, classes="present-markdown",
                                      open_links=False), *extra_widget(page)]
        if page.question is not None:  # the page's own question, revealed like a step's
            out += [Static(page.question.prompt, classes="present-prompt", markup=False),
                    Static(id="present-choices", markup=False),
                    Static(id="present-answer", markup=False)]
        return out

    def _question(self) -> tuple[tuple[str, ...], str] | None:
        """The choices and answer on screen: a question step's, or a lesson page's own."""
        step = self.step
        if step.kind == "question":
            return step.choices, step.answer
        if step.kind == "lesson":
            question = lesson_page(step).question
            if question is not None:
                return question.choices, question.choices[question.answer]
        return None

    def _incident(self, incident: Incident) -> list[Widget]:
        facts = Text()
        for fact in incident.facts[:5]:
            facts.append(_("{label}: ").format(label=clean(fact.label)), style="bold")
            facts.append(f"{clean(fact.value)}\n")
        where = rich_text(
            # TRANSLATORS: an incident's date and its venue, under the title
            _("{date} · {venue}").format(date=shown_date(incident.date), venue=incident.venue),
            style="italic")
        return [Static(shown(where), classes="present-sub"),
                Static(shown(rich_text(incident.summary.strip(), multiline=True)),
                       classes="present-prompt"),
                Static(shown(facts), classes="present-facts"),
                Static(shown(rich_text(incident.teaching_point.strip(), multiline=True)),
                       classes="present-point")]

    def _replay(self, step: Step, incident: Incident) -> list[Widget]:
        from explainer import catalog

        player = Player(incident, catalog.find_setup(incident, step.setup))
        if step.at_end:
            player.seek(player.end)
        elif step.at is not None:
            player.seek(step.at)
        speed = {"1x": 1, "60x": 60, "600x": 600}.get(step.speed, SPEEDS[-1])
        player.speed = speed
        self.player = player
        start = player.state.balances
        symbol = clean(incident.asset.symbol)
        self._bars = []
        for wallet in player.setup.wallets:
            heading, style = wallet_heading(clean(wallet.label),
                                            fmt.amount(start[wallet.id], symbol),
                                            reachable=False)
            self._bars.append(BigBar(heading, Decimal(1), style, classes="wallet-bar"))
        return [Static(id="present-replay-clock", markup=False), *self._bars,
                Static(id="present-attacker", markup=False),
                Static(id="present-reason", markup=False)]

    def _refresh_replay(self) -> None:
        p = self.player
        if p is None:
            return
        from explainer.engine import initial_balances
        from explainer.report.rows import event_row

        incident, state = p.incident, p.state
        symbol = clean(incident.asset.symbol)
        initial = initial_balances(p.setup, incident.pool, incident.asset.decimals)
        for bar, wallet in zip(self._bars, p.setup.wallets, strict=True):
            balance = state.balances[wallet.id]
            fraction = balance / initial[wallet.id] if initial[wallet.id] else Decimal(0)
            heading, style = wallet_heading(clean(wallet.label), fmt.amount(balance, symbol),
                                            state.access[wallet.id].reachable)
            bar.show(heading, fraction, style)
        state_words = (_("playing at {speed}") if p.playing else _("paused at {speed}")).format(
            speed=speed_label(p.speed))
        clock = Text.assemble((f"{fmt.clock(p.at)} {clean(incident.timezone)}", "bold"),
                              f"   {state_words}   ",
                              _("outflow {done} of {total}").format(done=p.done,
                                                                   total=p.attempts))
        self.query_one("#present-replay-clock", Static).update(clock)
        taken = styled(_("The attacker has taken {amount} ({share} of the pool)"), lead="bold",
                       amount=Text(fmt.amount(state.lost, symbol), style="bold red"),
                       share=fmt.percent(state.lost_fraction))
        self.query_one("#present-attacker", Static).update(taken)
        events = p.events
        reason = Text()
        if events:
            row = event_row(p.replay, events[-1], symbol)
            reason = Text.assemble((_("{time} {wallet}, {outcome}: ").format(
                time=row.time, wallet=row.wallet, outcome=row.outcome), "bold"), row.reason)
        self.query_one("#present-reason", Static).update(shown(reason))

    def _whatif(self, step: Step, incident: Incident) -> list[Widget]:
        """The setup a what-if starts from, as the builder sees it: what it loses, what
        the attacker holds, and which places must fall (theft) or be lost (lock-out)."""
        from explainer import catalog
        from explainer.report import whatif as words

        setup = catalog.find_setup(incident, step.setup or incident.setups[0].id)
        live, deep = words.live(incident, setup), words.deep(incident, setup)
        rows = [(_("Lost"), live.lost_text), (_("Exposed"), live.exposed_text),
                (_("Attacker holds"), live.held), (_("Why"), live.why), *deep.lines]
        # padded by display width: a Japanese heading is twice as wide as its length
        width = max(cell_len(h) for h, _body in rows) + 2
        table = Text()
        for head, body in rows:
            table.append(head + " " * (width - cell_len(head)), style="bold")
            table.append(f"{clean(body)}\n")
        hint = Text(_("To change it with the class: Esc, then w opens the What-if builder."),
                    style="italic")
        return [Static(rich_text(setup.label), classes="present-sub"),
                Static(shown(table), classes="present-facts"),
                Static(shown(hint), classes="present-sub")]

    def _compare(self, step: Step, incident: Incident) -> list[Widget]:
        from explainer import catalog
        from explainer.engine import replay
        from explainer.report.rows import comparison

        setups = catalog.setups_for(incident)
        if step.setups:
            setups = [catalog.find_setup(incident, s) for s in step.setups]
        rows = comparison([replay(incident, s) for s in setups])
        out: list[Widget] = []
        for r in sorted(rows, key=lambda r: r.lost_fraction):
            heading = Text.assemble((f"{r.lost_share:>7}  ", "bold red"), (r.label, "bold"))
            out.append(BigBar(heading, r.lost_fraction, "bold red", rows=1))
            out.append(Static(shown(Text(_("lost {amount}; {why}").format(amount=r.lost,
                                                                          why=r.why))),
                              classes="present-why"))
        return out

    def _show_answer(self) -> None:
        asked = self._question()
        if asked is None:
            return
        options, answer = asked
        revealed = self.position.revealed
        choices = Text()
        for n, choice in enumerate(options):
            right = revealed and choice == answer
            mark = "✔ " if right else "  "
            choices.append(f"{mark}{chr(65 + n)}. {clean(choice)}\n",
                           style="bold" if right else "")
        self.query_one("#present-choices", Static).update(shown(choices))
        said = (Text.assemble((_("Answer: "), "bold"), clean(answer)) if revealed
                else Text(_("The answer is hidden."), style="italic"))
        self.query_one("#present-answer", Static).update(shown(said))

    # --- keys -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reveal":
            return self._question() is not None
        if action == "play":
            return self.player is not None
        if action == "notes":
            return self.allow_notes
        if action == "move" and parameters:
            target = self.position.index + int(str(parameters[0]))
            return 0 <= target < len(self.plan.steps)
        return True

    async def action_move(self, direction: int) -> None:
        """The next (1) or previous (-1) step."""
        await self.go(self.position.index + direction)

    async def go(self, index: int) -> None:
        """Show step ``index`` (0-based)."""
        before = self.position.index
        self.position = self.position.go(self.plan, index, wall_time())
        if self.position.index != before:
            await self._show_step()
        else:
            self._apply_position()

    def action_reveal(self) -> None:
        """Show or hide the answer."""
        self.position = self.position.reveal()
        self._apply_position()

    def action_blank(self) -> None:
        """Black out the screen, or light it again."""
        self.position = self.position.toggle_blank()
        self._apply_position()

    def action_notes(self) -> None:
        """Show or hide the notes panel on this screen."""
        self.toggle_class("-notes")
        self._show_top()

    def action_jump(self) -> None:
        """Choose a step from the plan's list."""
        async def chosen(index: int | None) -> None:
            if index is not None:
                await self.go(index)

        self.app.push_screen(JumpScreen(self.plan, self.position.index), chosen)

    def action_leave(self) -> None:
        """Stop presenting and go back to where the app was."""
        self._stop_playing()
        self.dismiss()

    def action_play(self) -> None:
        """Play or pause the replay of this step."""
        if self.player is None:
            return
        if self.player.toggle():
            self._last_tick = monotonic()
            if self._timer is not None:
                self._timer.resume()
        else:
            self._stop_playing()
        self._refresh_replay()

    def advance(self, real_seconds: float) -> None:
        """Tick the replay by ``real_seconds`` (tests drive this)."""
        if self.player is None:
            return
        self.player.tick(real_seconds)
        if not self.player.playing:
            self._stop_playing()
        self._refresh_replay()

    def _on_timer(self) -> None:
        now = monotonic()
        elapsed, self._last_tick = min(0.5, now - self._last_tick), now
        self.advance(elapsed)

    def _stop_playing(self) -> None:
        if self._timer is not None:
            self._timer.pause()
        if self.player is not None and self.player.playing:
            self.player.toggle()


class PlanChooser(ModalScreen[str | None]):
    """The bundled lesson plans, to start presenting one."""

    DEFAULT_CSS = _MODAL_CSS.replace("{name}", "PlanChooser") + """
    #plan-chooser-title { width: 90%; max-width: 110; text-style: bold; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", N_("Cancel"))]

    def compose(self) -> ComposeResult:
        from explainer import plans

        options = []
        for path in plans.bundled_plans():
            plan = plans.load(str(path))
            options.append(Option(shown(Text.assemble(
                (clean(plan.title), "bold"), "\n", (clean(plan.summary, multiline=True),
                                                     "italic"))), id=str(path)))
        yield Static(_("Present a lesson plan (Enter starts it; Esc cancels):"),
                     id="plan-chooser-title")
        yield OptionList(*options, id="plan-list")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
