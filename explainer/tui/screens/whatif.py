"""What if: build a custody setup and see at once what it would have exposed and lost.

The screen holds one ``whatif.Draft`` and replaces it on every edit (the edits are pure
functions in ``explainer.whatif``). After each edit it shows, at once, the figures of
one engine summary (``report.whatif.live``); the heavier analyses (theft and lock-out
cuts, the response curve, the hot share x delay sweep) run in a thread worker that
returns its result, and the screen shows it when it arrives, if the draft is still the
one it was computed for. A key press never waits for them.

Every text is written in the language in use when it is shown, from the draft and the
results the screen keeps; the app's language switch calls ``recompose``, which rebuilds
the screen in the new language keeping the draft, the highlighted row, the view and the
results (then works the analyses out again, for the names inside them).
"""

from __future__ import annotations

import errno
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Label, Select, Static
from textual.worker import Worker, WorkerState

from explainer import catalog, whatif
from explainer.i18n import N_, _
from explainer.model import Setup
from explainer.report import whatif as words
from explainer.tui.screens.replay import setup_option_label
from explainer.tui.widgets.heat_grid import HeatGrid
from explainer.tui.widgets.incident_bar import IncidentBar
from explainer.tui.widgets.key_bar import KeyBar
from explainer.tui.widgets.loss_curve import LossCurve
from explainer.tui.widgets.setup_rows import SetupRows

if TYPE_CHECKING:
    from explainer.tui.app import WalletApp

BLANK = "__blank__"
PENDING = 0.03  # seconds a change waits for the analyses before it is shown without them
VIEWS = ("whatif-figures", "whatif-curve", "whatif-heat")
VIEW_NAMES = {"whatif-figures": N_("figures"), "whatif-curve": N_("response curve"),
              "whatif-heat": N_("hot share x delay")}
# the figures panel's headings (translated where shown)
LOST, EXPOSED, WHY, HOLDS = N_("Lost"), N_("Exposed"), N_("Why"), N_("Attacker holds")
# why a file could not be written, for the errors a person can do something about (the
# system's own words, in English, for the rest)
WRITE_ERRORS = {errno.EACCES: N_("permission denied"), errno.EPERM: N_("permission denied"),
                errno.ENOENT: N_("no such folder"), errno.EISDIR: N_("that is a folder"),
                errno.ENOTDIR: N_("a part of the path is not a folder"),
                errno.ENOSPC: N_("the disk is full"), errno.EROFS: N_("read-only file system")}
YES = ("y", "yes")


class SetupTable(SetupRows):
    """The draft's rows. Left/right change the highlighted value; Enter replays."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,minus", "screen.change(-1)", N_("Less"), show=False,
                key_display="left, -",
                tooltip=N_("The highlighted value down, or its previous choice")),
        Binding("right,plus,equals_sign", "screen.change(1)", N_("More"), show=False,
                key_display="right, +",
                tooltip=N_("The highlighted value up, or its next choice (so does a click on "
                           "the highlighted row)")),
        Binding("shift+left,pageup", "screen.change(-10)", N_("Much less"), show=False,
                key_display="shift+left", tooltip=N_("Ten steps down (the hot share by 10%)")),
        Binding("shift+right,pagedown", "screen.change(10)", N_("Much more"), show=False,
                key_display="shift+right", tooltip=N_("Ten steps up (the hot share by 10%)")),
        Binding("enter", "screen.replay", N_("Replay it"),
                tooltip=N_("Replay this setup on the replay screen")),
    ]


class WhatIfScreen(Screen[None]):
    """The setup builder: the draft's rows on the left, its results on the right."""

    # its rules, and the naming dialog's, are read when it first opens (not at start-up)
    CSS_PATH = Path(__file__).parent.parent / "whatif.tcss"

    AUTO_FOCUS = "#whatif-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "replay", N_("Replay it"),
                tooltip=N_("Replay this setup on the replay screen")),
        Binding("p", "to_compare", N_("To compare"),
                tooltip=N_("Add this setup to the comparison")),
        Binding("s", "save", N_("Save"), tooltip=N_("Save this setup as a setup file (TOML)")),
        Binding("v", "next_view", N_("View"),
                tooltip=N_("Figures, response curve, hot share x delay")),
        Binding("a", "add", N_("Add"), show=False,
                tooltip=N_("A key for the highlighted wallet (elsewhere: a wallet)")),
        Binding("x", "remove", N_("Remove"), show=False,
                tooltip=N_("Remove the highlighted key or wallet, or turn that option off")),
        Binding("n", "new_place", N_("New place"), show=False,
                tooltip=N_("Put the highlighted key or recovery key in a new place you name")),
        Binding("d", "signing", N_("Signing"), show=False,
                tooltip=N_("How the highlighted key signs: direct, via the interface, "
                           "verified")),
        Binding("b", "base", N_("Start from"), show=False,
                tooltip=N_("Start again from a blank, the incident's or the library's setup")),
        Binding("e", "rename", N_("Name"), show=False, tooltip=N_("Name this setup")),
    ]

    app: WalletApp  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__(id="whatif")
        incident = self.app.incident
        self.places = whatif.library_places(incident, catalog.library()[0])
        self.draft = self._start(self.app.setup_id)
        self.setup: Setup = whatif.to_setup(self.draft, incident)
        self.live: words.Live | None = None
        self.deep: Any = None  # the analyses' result for ``self.setup``, once it arrives
        self.edited = False
        self.view = VIEWS[0]
        self._row_keys: list[str] = []
        self._hints: dict[str, str] = {}
        self._shown_hint: tuple[str, str] = ("", "")
        self._pending: Setup | None = None
        self._heat_shown: words.Heat | None = None
        self._heat: dict[str | None, words.Heat] = {}  # by place: the grid never changes
        self._message: tuple[str, dict[str, Any]] = ("", {})  # the status line's

    # --- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield IncidentBar()
        with Horizontal(id="whatif-top"):
            yield Label(_("Start from (b):"), id="whatif-base-label")
            yield Select(self._base_options(), value=self.draft.based_on or BLANK,
                         allow_blank=False, compact=True, id="whatif-base")
        with Horizontal(id="whatif-main"):
            with Vertical(id="whatif-left"):
                yield SetupTable(id="whatif-table")
                yield Static(id="whatif-hint")
            with ContentSwitcher(id="whatif-view", initial=self.view):
                yield Static(id="whatif-figures", markup=False)
                with Vertical(id="whatif-curve"):
                    yield Static(id="whatif-curve-labels", markup=False)
                    yield LossCurve(id="whatif-plot")
                    yield Static(id="whatif-curve-note", markup=False)
                with Vertical(id="whatif-heat"):
                    yield Static(id="whatif-heat-note", markup=False)
                    yield HeatGrid(id="whatif-grid")
        yield Static(id="whatif-status", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._status("")
        self.show_draft()

    async def recompose(self) -> None:
        """Rebuild the screen in the language in use (the app's language switch), keeping
        the draft, the highlighted row, the view and the results; the names the draft
        took from the incident's or the library's setup are taken again in the new
        language, and the analyses are worked out again for the names inside them."""
        row = self._highlighted() if self._row_keys else None
        incident = self.app.incident
        self.places = whatif.library_places(incident, catalog.library()[0])
        base = next((s for s in self.app.setups if s.id == self.draft.based_on), None)
        self.draft = whatif.relabel(self.draft, base, self.places)
        self._shown_hint, self._heat_shown, self._row_keys = ("", ""), None, []
        await super().recompose()
        if not self.is_attached:
            return
        self.setup = whatif.to_setup(self.draft, incident)
        self.live = words.live(incident, self.setup)
        self._fill_table()
        table = self.query_one(SetupTable)
        if row in self._row_keys:
            table.move_cursor(self._row_keys.index(row))
        self._show_hint()
        self._show_figures()
        self._show_message()
        if self.view == "whatif-curve":
            self._show_curve()
        place = words.heat_place(incident, self.draft)
        heat = self._heat.get(place)
        if heat is not None:
            self._show_heat(heat)
        self._pending = None
        self.compute_deep(self.setup, place, heat)

    def on_screen_resume(self) -> None:
        # opened again from another setup's replay: start from that one unless edited
        if not self.edited and self.app.setup_id != (self.draft.based_on or BLANK) \
                and self.app.setup_id != self.setup.id:
            self.start_from(self.app.setup_id)

    def _base_options(self) -> list[tuple[Text, str]]:
        # labels come from scenario files: shown as plain Text, never as markup
        own = [(setup_option_label(s), s.id) for s in self.app.setups
               if s.id not in self.app.custom_ids]
        return [(Text(_("Blank: one key holds everything")), BLANK), *own]

    def _start(self, setup_id: str) -> whatif.Draft:
        if setup_id == BLANK or not any(s.id == setup_id for s in self.app.setups):
            return whatif.blank(self.app.incident, self.places)
        return whatif.from_setup(self.app.find_setup(setup_id), self.places)

    # --- showing the draft ----------------------------------------------------------------

    def show_draft(self) -> None:
        """Put the draft's rows and its live figures on screen; start the analyses."""
        incident = self.app.incident
        self.setup = whatif.to_setup(self.draft, incident)
        self.live = words.live(incident, self.setup)
        # The analyses usually return within a millisecond or two: the rows and the
        # figures are then redrawn once, with them (one paint per change, not two).
        # Should they take longer, the rows and live figures go up on their own after
        # PENDING seconds, the cuts marked as being worked out.
        self._pending = self.setup
        self.set_timer(PENDING, self._show_live_only)
        place = words.heat_place(incident, self.draft)
        self.compute_deep(self.setup, place, self._heat.get(place))

    def _show_live_only(self) -> None:
        if self._pending is self.setup:
            self._pending = None
            self.deep = None
            self._fill_table()
            self._show_hint()
            self._show_figures()

    def _fill_table(self) -> None:
        rows = words.draft_rows(self.draft, self.app.incident)
        self._hints = {r.key: r.hint for r in rows}
        table = self.query_one(SetupTable)
        table.show([(r.key, r.item, r.value) for r in rows])
        self._row_keys = table.keys

    def _highlighted(self) -> str:
        return self.query_one(SetupTable).highlighted or "hot"

    def _show_figures(self) -> None:
        live = self.live
        if live is None:
            return
        rows = [(_(LOST), live.lost_text), (_(EXPOSED), live.exposed_text),
                (_(WHY), live.why), (_(HOLDS), live.held)]
        deep = self.deep
        lines = (deep.worded(short=True) if deep is not None
                 else ((_(words.CUTS), _("working them out...")),))
        rows += lines
        panel = self.query_one("#whatif-figures", Static)
        text = Text.assemble((self.draft.title, "bold underline"), "\n")
        text.append_text(hanging(rows, panel.content_size.width, self.app.console))
        # the panel's size is fixed by the layout (1fr): no relayout for new figures
        panel.update(text, layout=False)

    def on_resize(self) -> None:
        self._show_figures()  # the hanging indent depends on the width

    def _show_hint(self) -> None:
        row = self._highlighted()
        kind = whatif.parse_row(row)[0]
        hint = self._hints.get(row, "")
        shown = (hint, kind)
        if shown == self._shown_hint:  # a Static update relayouts: only on change
            return
        self._shown_hint = shown

        def link(action: str, text: str) -> str:
            return f"[@click=screen.{action}]{escape(text)}[/]"

        links = [link("less", _("◀ less")), link("more", _("more ▶"))]
        if kind == "key":
            links += [link("new_place", _("n new place")), link("signing", _("d signing"))]
        if kind == "recovery":
            links.append(link("new_place", _("n new place")))
        links += [link("add", _("a add key")) if kind not in ("hot", "response", "add-wallet")
                  else link("add", _("a add wallet")),
                  link("remove", _("x remove"))]
        content = Content(hint + "\n") + Content.from_markup("  ".join(links))
        self.query_one("#whatif-hint", Static).update(content)

    @on(SetupRows.Highlighted, "#whatif-table")
    def _row_highlighted(self) -> None:
        self._show_hint()

    @on(SetupRows.Selected, "#whatif-table")
    def _row_clicked(self) -> None:
        # a click on the highlighted row moves the value on, as right does
        self.action_change(1)

    # --- the analyses, off the UI thread ----------------------------------------------------

    @work(thread=True, exclusive=True, group="whatif-deep", exit_on_error=False)
    def compute_deep(self, setup: Setup, place: str | None,
                     heat: words.Heat | None) -> tuple[Setup, words.Deep, words.Heat]:
        """The analyses of ``setup`` and, unless ``heat`` is already known, the hot share
        x delay grid with the hot key at ``place`` (in a thread: it reads only its
        arguments, touches no widget and returns its result)."""
        incident = self.app.incident
        if heat is None:
            heat = words.heat(incident, place)
        return setup, words.deep(incident, setup), heat

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != "whatif-deep":
            return
        if event.state == WorkerState.ERROR:
            self._status(N_("The analyses failed: {error}"), error=str(worker.error))
            return
        if event.state != WorkerState.SUCCESS:
            return
        setup, deep, heat = worker.result
        if setup is not self.setup:  # a later edit has started a newer computation
            return
        self._pending = None
        self.deep = deep
        self._fill_table()
        self._show_hint()
        self._show_figures()
        if self.view == "whatif-curve":  # drawn when it is shown
            self._show_curve()
        place = words.heat_place(self.app.incident, self.draft)
        if self._heat.get(place) is not heat or self._heat_shown is not heat:
            self._heat[place] = heat
            self._show_heat(heat)

    def _show_heat(self, heat: words.Heat) -> None:
        self._heat_shown = heat
        self.query_one("#whatif-heat-note", Static).update(Text(heat.note(self.app.incident)))
        self.query_one(HeatGrid).show(heat)

    def _show_curve(self) -> None:
        deep = self.deep
        if deep is None:
            return
        mark = words.freeze_minutes(self.app.incident, self.draft)
        left_out = self.query_one(LossCurve).show(
            deep.curve, _("Lost against the freeze delay"), deep.span_minutes, mark,
            x_label=(_("freeze delay after the first outflow (minutes)"),
                     _("freeze delay after the first outflow (hours)")),
            y_label=_("lost, % of pool"))
        # labels plotext cannot lay out (double-width characters) go above the plot
        shown = [left_out["title"]] if "title" in left_out else []
        if "y" in left_out or "x" in left_out:
            shown.append(_("up: {y}; across: {x}").format(y=left_out.get("y", ""),
                                                           x=left_out.get("x", "")))
        labels = self.query_one("#whatif-curve-labels", Static)
        labels.update(Text("\n".join(shown)))
        labels.display = bool(shown)
        note = _("{note}.").format(note=deep.curve_note)
        if mark is not None:
            note = _("{note} The vertical line: this setup's freeze.").format(note=note)
        self.query_one("#whatif-curve-note", Static).update(Text(note))

    # --- edits ------------------------------------------------------------------------------

    def apply(self, draft: whatif.Draft) -> None:
        """Make ``draft`` the one shown (every edit ends here)."""
        if draft == self.draft:
            return
        self.draft, self.edited = draft, True
        self._status("")
        self.show_draft()

    def action_change(self, step: int) -> None:
        """Move the highlighted value ``step`` places (left -1, right +1)."""
        self.apply(whatif.change(self.draft, self.app.incident, self._highlighted(), step))

    def action_less(self) -> None:
        """The highlighted value one place down (the hint line's "less")."""
        self.action_change(-1)

    def action_more(self) -> None:
        """The highlighted value one place up (the hint line's "more")."""
        self.action_change(1)

    def action_add(self) -> None:
        """A key for the highlighted wallet, or a wallet."""
        self.apply(whatif.add(self.draft, self.app.incident, self._highlighted()))

    def action_remove(self) -> None:
        """Remove the highlighted key or wallet, or turn the highlighted option off."""
        self.apply(whatif.remove(self.draft, self._highlighted()))

    def action_signing(self) -> None:
        """How the highlighted key's holder signs: direct, interface, verified on device."""
        self.apply(whatif.next_signing(self.draft, self._highlighted()))

    def action_new_place(self) -> None:
        """Ask for a name, then put the highlighted key (or recovery key) there."""
        row = self._highlighted()
        if whatif.parse_row(row)[0] not in ("key", "recovery"):
            self._status(N_("Highlight a key or a recovery key first, then press n."))
            return
        from explainer.tui.screens.ask import AskScreen


        def named(label: str | None) -> None:
            if label is not None and label.strip():
                self.apply(whatif.place_new(self.draft, row, label))

        self.app.push_screen(AskScreen(_("Name the new place (an office, a person's device, "
                                         "a second site...):"), _("new place"),
                                       _("Enter confirms, Escape cancels.")), named)

    def action_rename(self) -> None:
        """Name the setup (its id in a saved file comes from the name)."""
        from explainer.tui.screens.ask import AskScreen

        def named(label: str | None) -> None:
            if label is not None and label.strip():
                self.apply(whatif.rename(self.draft, label))

        self.app.push_screen(AskScreen(_("Name this setup:"), self.draft.title,
                                       _("Enter confirms, Escape cancels.")), named)

    def action_base(self) -> None:
        """Focus the "start from" list (Enter opens it)."""
        self.query_one("#whatif-base", Select).focus()

    @on(Select.Changed, "#whatif-base")
    def _base_chosen(self, event: Select.Changed) -> None:
        # a Select built again (the language switch) says its value once: not a choice
        if isinstance(event.value, str) and event.value != (self.draft.based_on or BLANK):
            self.start_from(event.value)
            self.query_one(SetupTable).focus()

    def start_from(self, setup_id: str) -> None:
        """Start again from ``setup_id`` (or ``BLANK``)."""
        self.draft = self._start(setup_id)
        self.edited = False
        select = self.query_one("#whatif-base", Select)
        value = self.draft.based_on or BLANK
        if select.value != value:
            with self.prevent(Select.Changed):
                select.value = value
        self.show_draft()

    # --- leaving with it ------------------------------------------------------------------

    def action_replay(self) -> None:
        """Replay the setup being built on the replay screen."""
        setup_id = self.app.add_setup(self.setup, replace_same_id=True)
        self.app.open_replay(setup_id)

    def action_to_compare(self) -> None:
        """Add the setup being built to the comparison (as a new line each time)."""
        setup_id = self.app.add_setup(self.setup, replace_same_id=False)
        self._status(N_("Added to the comparison as '{label}' (c shows it)."),
                     label=self.app.find_setup(setup_id).label)

    def action_next_view(self) -> None:
        """Figures, the response curve, the heatmap."""
        self.view = VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)]
        self.query_one(ContentSwitcher).current = self.view
        self.set_class(self.view != VIEWS[0], "-chart")
        if self.view == "whatif-curve":
            self._show_curve()
        self._status(N_("Showing: {view} (v for the next view)."), view=VIEW_NAMES[self.view],
                     translate=("view",))

    def action_save(self) -> None:
        """Ask where to save the setup as a setup file, then write it (never overwriting
        a file without asking)."""
        from explainer.tui.screens.ask import AskScreen

        default = default_path(Path.cwd(), self.draft.id)

        def chosen(answer: str | None) -> None:
            if answer is None or not answer.strip():
                return
            path = Path(answer.strip()).expanduser()
            if path.exists():
                def confirmed(yes: str | None) -> None:
                    answers = {*YES, _("y").lower(), _("yes").lower()}
                    if yes is not None and yes.strip().lower() in answers:
                        self.write(path, overwrite=True)
                self.app.push_screen(AskScreen(
                    _("{path} exists. Overwrite it? (y/n)").format(path=path), _("n"),
                    _("Enter confirms, Escape cancels.")), confirmed)
                return
            self.write(path, overwrite=False)

        self.app.push_screen(AskScreen(
            _("Save this setup as a setup file (TOML):"), str(default),
            _("Enter saves; a file that exists is never overwritten without asking. "
              "Escape cancels.")), chosen)

    def write(self, path: Path, overwrite: bool) -> bool:
        """Write the setup file; show the path written or why it could not be."""
        text = whatif.to_toml(self.draft, self.app.incident)
        try:
            with path.open("w" if overwrite else "x", encoding="utf-8") as out:
                out.write(text)
        except FileExistsError:
            # the words first
            self._status(N_("Not saved: that file already exists ({path})."), path=str(path))
            return False
        except OSError as exc:
            known = WRITE_ERRORS.get(exc.errno or 0)
            self._status(N_("Not saved: {error} ({path})."), path=str(path),
                         error=known or str(exc.strerror or exc),
                         translate=("error",) if known else ())
            return False
        written = path.resolve()
        self._status(N_("Saved {path}. Replay: {command}"), path=str(written),
                     command=f"wallet-explainer replay {self.app.incident.id} --setups "
                             f"{written} --setup {self.draft.id}")
        return True

    def _status(self, message: str, translate: tuple[str, ...] = (), **params: Any) -> None:
        """Show ``message`` (a template marked ``N_``, '' for none) with ``params`` on
        the status line (those named in ``translate`` are messages too); it is worded
        again after a change of language."""
        self._message = (message, {**params, "_translate": translate})
        self._show_message()

    def _show_message(self) -> None:
        message, params = self._message
        values = dict(params)
        for name in values.pop("_translate", ()):
            values[name] = _(str(values[name]))
        text = _(message).format(**values) if message else ""
        status = self.query_one("#whatif-status", Static)
        status.update(Text(text))
        status.display = bool(text)


def hanging(rows: list[tuple[str, str]], width: int, console: Console) -> Text:
    """Headings in a bold column, each body wrapped beside its heading (a Rich grid looks
    the same but measures every cell twice, which costs a frame's worth of time)."""
    gutter = max(cell_len(h) for h, _body in rows) + 1
    out = Text()
    for heading, body in rows:
        room = max(10, width - gutter)
        if width <= gutter + 10:
            lines = [Text(body)]
        elif cell_len(body) != len(body):  # Japanese: no spaces to break at
            lines = [Text(line) for line in wrap_wide(body, room)]
        else:
            lines = list(Text(body).wrap(console, room))
        for n, line in enumerate(lines):
            shown = heading if n == 0 else ""
            out.append(shown + " " * (gutter - cell_len(shown)), style="bold")
            out.append_text(line)
            out.append("\n")
    out.rstrip()
    return out


# a run kept whole on one line: a figure, a word or symbol in Latin letters (a line may
# break between two Japanese characters, never inside '473,670,009' or 'XEM')
_RUN = re.compile(r"[!-~]+|\s+|.", re.DOTALL)
# characters that never start a line (Japanese line breaking's closing marks)
NO_START = frozenset("、。，．）」』】〕！？：；・ー…ぁぃぅぇぉっゃゅょァィゥェォッャュョ")
NO_END = frozenset("（「『【〔")  # and the opening marks that never end one


def _flush(line: str, lines: list[str]) -> str:
    """End ``line`` (appending it to ``lines``) and return what starts the next one: an
    opening mark left at its end (before a space) moves down to what it opens."""
    kept = line.rstrip()
    carry = ""
    while kept and kept[-1] in NO_END:
        kept, carry = kept[:-1], kept[-1] + carry
    if kept.strip():
        lines.append(kept)
    return carry


def wrap_wide(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells for a language written without
    spaces: a line breaks between any two wide characters or at a space, never inside a
    figure or a Latin word (unless it is wider than a line), never before a closing mark
    or after an opening one."""
    tokens: list[str] = []
    for token in _RUN.findall(text):
        if tokens and not token.isspace() and not tokens[-1].isspace() and (
                token[0] in NO_START or tokens[-1][-1] in NO_END):
            tokens[-1] += token  # a closing mark goes with what it closes, and an
            # opening mark with what it opens
        else:
            tokens.append(token)
    lines: list[str] = []
    line = ""
    for token in tokens:
        if cell_len(line + token) <= width:
            line += token
            continue
        line = _flush(line, lines)
        if token.isspace():
            continue
        token, line = line + token, ""
        while cell_len(token) > width:  # longer than a line: cut between characters
            cut, cells = token[0], cell_len(token[0])
            for ch in token[1:]:
                if cells + cell_len(ch) > width:
                    break
                cut, cells = cut + ch, cells + cell_len(ch)
            while len(cut) > 1 and token[len(cut)] in NO_START:
                cut = cut[:-1]  # push a character down with the mark, which may not start a line
            lines.append(cut)
            token = token[len(cut):]
        line = token
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def default_path(directory: Path, setup_id: str) -> Path:
    """``directory/ID.toml``, or ``ID-2.toml``... when that file exists."""
    path, n = directory / f"{setup_id}.toml", 2
    while path.exists():
        path, n = directory / f"{setup_id}-{n}.toml", n + 1
    return path
