"""The animated replay: the theft minute by minute under one custody setup.

One ``Player`` (explainer.player) holds the position; one interval timer calls its
``tick``; each tick updates the existing widgets in place (nothing is recomposed).
A language switch recomposes the screen: every text is built again from the player,
which keeps the scenario time, speed, setup and the highlighted event.
"""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Label, Select, Static

from explainer import i18n
from explainer import numbers as fmt
from explainer.engine import State, initial_balances
from explainer.i18n import N_, _
from explainer.model import Setup
from explainer.player import Player, speed_label
from explainer.report.reason_text import words_for
from explainer.report.rows import event_row, fiat
from explainer.report.rows import when as when_text
from explainer.safe_text import clean, rich_text
from explainer.tui.links import linked
from explainer.tui.screens.sources import SourcesScreen, sources_text
from explainer.tui.styled import styled
from explainer.tui.widgets import AccessPanel, EventLog, ReplayClock, WalletGauge
from explainer.tui.widgets.incident_bar import IncidentBar
from explainer.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from explainer.tui.app import WalletApp

TICK = 0.1  # seconds between animation frames
MAX_STEP = 0.5  # a late frame never jumps more than this much real time


def wall_clock() -> float:
    """Seconds on a monotonic clock (a function of its own so tests can freeze it)."""
    return time.monotonic()


def setup_option_label(setup: Setup) -> Text:
    """How a setup is named in the setup picker (a ``Text``: a label is never markup)."""
    where = {"library": _("{label} (library)"), "what-if": _("{label} (yours)")}
    return rich_text(where.get(setup.origin, "{label}").format(label=setup.label))


class ReplayScreen(Screen[None]):
    """Clock, wallet gauges, the attacker's total and access, and the event log."""

    CSS_PATH = Path(__file__).parent.parent / "replay.tcss"  # read when first opened

    AUTO_FOCUS = "#log"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_play", N_("Play/pause"), tooltip=N_("Start or stop the clock")),
        Binding("full_stop", "step(1)", N_("Step"), key_display=".",
                tooltip=N_("Pause and apply the next outflow")),
        Binding("comma", "step(-1)", N_("Back"), key_display=",",
                tooltip=N_("Pause and undo the last outflow")),
        Binding("s", "cycle_speed", N_("Speed"),
                tooltip=N_("1x, 60x, 600x, or jump from event to event")),
        Binding("left_square_bracket", "cycle_setup(-1)", N_("Previous setup"), key_display="[",
                show=False, tooltip=N_("The previous setup, at the same moment")),
        Binding("right_square_bracket", "cycle_setup(1)", N_("Setup"), key_display="[ ]",
                tooltip=N_("The next setup, at the same moment ([ goes back)")),
        Binding("i", "sources", N_("Sources"),
                tooltip=N_("Where the highlighted event comes from")),
        # last: the key bar leaves keys out from the end when the screen is narrow
        Binding("0", "restart", N_("Restart"), tooltip=N_("Back to the start, paused")),
    ]

    app: WalletApp  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__(id="replay")
        self.player = Player(self.app.incident, self.app.find_setup(self.app.setup_id),
                             skip_quiet=True)
        self._gauges: list[WalletGauge] = []
        self._timer: Timer | None = None
        self._last_tick = 0.0
        self._shown_lost: Decimal | None = None
        self._shown_detail: tuple[object, ...] = ()
        self._edges: tuple[bool, bool] | None = None  # (at the start, at the end)
        self._setups_version = self.app.setups_version
        self._lang = i18n.current()  # the language the widgets were composed in
        self._recomposing = False  # messages from the widgets being replaced are ignored

    # --- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self._lang = i18n.current()
        setups = self.app.setups
        yield IncidentBar()
        yield ReplayClock(id="clock")
        with Horizontal(id="setup-bar"):
            yield Label(_("Setup ([ ]):"), id="setup-label")
            yield Select([(setup_option_label(s), s.id) for s in setups],
                         value=self.player.setup.id, allow_blank=False, compact=True,
                         id="setup")
        with Horizontal(id="replay-top"):
            with Vertical(id="wallets"):
                yield Vertical(id="gauges")
                yield Static(id="attacker", markup=False)
            yield AccessPanel(id="access")
        yield EventLog(id="log")
        yield Static(id="detail", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._timer = self.set_interval(TICK, self._on_timer, pause=True)
        self._composed()

    def _composed(self) -> None:
        """Fill freshly composed widgets from the player (on mount, and after a recompose)."""
        self._build_gauges()
        self.watch(self.query_one("#setup", Select), "expanded", self._chooser_toggled,
                   init=False)
        self.refresh_view()

    async def recompose(self) -> None:
        """Rebuild every text in the current language (the app's live language switch),
        keeping the scenario time, speed, play state, setup and highlighted event.

        The app has localized its incident again by now: the player takes that copy (and
        the setup's), so labels, reasons and notes come out in the new language too."""
        if not self.is_attached:
            return
        logs = self.query(EventLog)
        row = logs.first().cursor_row if logs else -1
        chose = self.focused is not None and isinstance(self.focused, Select)
        try:
            setup = self.app.find_setup(self.player.setup.id)
        except LookupError:  # a setup the app no longer lists: keep replaying it
            setup = self.player.setup
        if self.app.incident is not self.player.incident:
            self.player.relocalize(self.app.incident, setup)
        self._shown_lost, self._shown_detail, self._edges = None, (), None
        self._pause_timer()  # no tick may find the widgets half replaced
        self._recomposing = True
        try:
            await super().recompose()
        finally:
            self._recomposing = False
        self._composed()
        if self.player.playing and self._timer is not None:
            self._last_tick = wall_clock()
            self._timer.resume()
        log = self.query_one(EventLog)
        if self.player.events and 0 <= row < len(self.player.events):
            log.move_cursor(row=row, animate=False)
        (self.query_one("#setup", Select) if chose else log).focus()
        self._show_detail()

    def _chooser_toggled(self, expanded: bool) -> None:
        # once the setup chooser closes (a choice, Escape or a click away), the keys go back
        # to the log: Space then plays instead of opening the chooser again
        if not expanded:
            self.call_after_refresh(self._back_to_log)

    def _back_to_log(self) -> None:
        select = self.query_one("#setup", Select)
        if not select.expanded and self.focused is select:
            self.query_one(EventLog).focus()

    async def on_screen_resume(self) -> None:
        if self._lang != i18n.current():  # the language changed while this was hidden
            await self.recompose()
        # the comparison may have asked for another setup while this screen was hidden,
        # and the What-if screen may have added setups (or rebuilt the one shown)
        if self._setups_version != self.app.setups_version:
            self._setups_version = self.app.setups_version
            with self.prevent(Select.Changed):
                self.query_one("#setup", Select).set_options(
                    [(setup_option_label(s), s.id) for s in self.app.setups])
        if self.app.setup_id != self.player.setup.id or \
                self.app.find_setup(self.app.setup_id) is not self.player.setup:
            self.show_setup(self.app.setup_id, force=True)

    def on_screen_suspend(self) -> None:
        self._pause()

    def _build_gauges(self) -> None:
        incident, setup = self.app.incident, self.player.setup
        start = initial_balances(setup, incident.pool, incident.asset.decimals)
        self._gauges = [WalletGauge(w.id, clean(w.label), start[w.id],
                                    clean(incident.asset.symbol))
                        for w in setup.wallets]
        box = self.query_one("#gauges", Vertical)
        box.remove_children()
        box.mount_all(self._gauges)

    # --- showing the player's position ---------------------------------------------------------

    def refresh_view(self) -> None:
        """Put the player's current position into the existing widgets."""
        p, incident = self.player, self.app.incident
        state = p.state
        edges = (p.done == 0 and p.at <= p.start, p.at_end)
        if edges != self._edges:  # Back and Step are hidden where they would do nothing
            self._edges = edges
            self.refresh_bindings()
        note = (_("jumped {span}: nothing recorded").format(span=fmt.duration(p.skipped))
                if p.skipped else "")
        self.query_one(ReplayClock).show(p.at, incident.timezone, p.playing,
                                         speed_label(p.speed), p.progress, p.done, p.attempts,
                                         note)
        for g in self._gauges:
            g.show(state.balances[g.wallet_id], state.access[g.wallet_id])
        if state.lost != self._shown_lost:  # a Static update relayouts: only on change
            self._shown_lost = state.lost
            self.query_one("#attacker", Static).update(self._attacker_text(state))
        self.query_one(AccessPanel).show(p.replay, state)
        log = self.query_one(EventLog)
        log.show(p.replay, p.events)
        self._show_detail()

    def _attacker_text(self, state: State) -> Text:
        incident, lost = self.app.incident, state.lost
        text = styled(_("Attacker has taken {amount}"), "bold",
                      amount=(fmt.amount(lost, clean(incident.asset.symbol)), "bold"))
        text.append(_(" ({share} of the pool)").format(share=fmt.percent(state.lost_fraction)))
        money = fiat(incident, lost)
        if money and lost and money[0].currency != incident.asset.symbol:
            text.append(_(", {money} at the {valuation}").format(
                money=money[0].text, valuation=clean(money[0].label)))
        return text

    def _show_detail(self) -> None:
        p = self.player
        event = self.query_one(EventLog).highlighted_event
        shown = (id(p.replay), event)
        if shown == self._shown_detail:
            return
        self._shown_detail = shown
        detail = self.query_one("#detail", Static)
        if event is None:
            freeze = p.replay.summary
            if freeze.freeze_at:
                words = _("No outflow yet. Space plays at {speed} (s changes the speed; "
                          ". jumps to the next outflow). In this setup outflows freeze at "
                          "{time} {zone} ({freeze}).")
            else:
                words = _("No outflow yet. Space plays at {speed} (s changes the speed; "
                          ". jumps to the next outflow). In this setup there is no freeze.")
            detail.update(rich_text(words.format(
                speed=speed_label(p.speed),
                time=when_text(self.app.incident, freeze.freeze_at) if freeze.freeze_at else "",
                zone=self.app.incident.timezone,
                freeze=words_for(p.replay)(freeze.freeze_reason) if freeze.freeze_at else "")))
            return
        row = event_row(p.replay, event, self.app.incident.asset.symbol)
        text = Text.assemble((_("▶ {time} {wallet}, {outcome}: ").format(
            time=row.time, wallet=row.wallet, outcome=row.outcome), "bold"))
        text.append_text(linked(row.reason))  # glossary terms in the reason are links
        text.append(_("  (sources {sources}: press i)").format(sources=row.sources),
                    style="italic")
        detail.update(text)

    @on(DataTable.RowHighlighted, "#log")
    def _row_highlighted(self) -> None:
        if not self._recomposing:
            self._show_detail()

    # --- the clock ------------------------------------------------------------------------------

    def advance(self, real_seconds: float) -> None:
        """Tick the player by ``real_seconds`` and show the result (tests drive this)."""
        self.player.tick(real_seconds)
        if not self.player.playing:
            self._pause_timer()
        self.refresh_view()

    def _on_timer(self) -> None:
        now = wall_clock()
        elapsed = min(MAX_STEP, now - self._last_tick)
        self._last_tick = now
        self.advance(elapsed)

    def _pause_timer(self) -> None:
        if self._timer is not None:
            self._timer.pause()

    def _pause(self) -> None:
        if self.player.playing:
            self.player.toggle()
        self._pause_timer()
        self.refresh_view()

    def action_toggle_play(self) -> None:
        """Play or pause the replay."""
        if self.player.toggle():
            self._last_tick = wall_clock()
            if self._timer is not None:
                self._timer.resume()
        else:
            self._pause_timer()
        self.refresh_view()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step" and parameters:
            p = self.player
            if int(str(parameters[0])) < 0:
                return p.done > 0 or p.at > p.start
            return not p.at_end
        return True

    def action_step(self, direction: int) -> None:
        """Apply the next outflow (1) or undo the last one (-1); pauses."""
        self._pause_timer()
        if direction > 0:
            self.player.step_forward()
        else:
            self.player.step_back()
        self.refresh_view()

    def action_cycle_speed(self) -> None:
        """The next speed: 1x, 60x, 600x, next event."""
        self.player.cycle_speed()
        self.refresh_view()

    def action_restart(self) -> None:
        """Back to the start, paused."""
        self._pause_timer()
        self.player.restart()
        self.refresh_view()

    # --- setups -----------------------------------------------------------------------------

    def action_cycle_setup(self, direction: int) -> None:
        """Switch to the previous or next setup, keeping the scenario time."""
        ids = [s.id for s in self.app.setups]
        i = ids.index(self.player.setup.id) if self.player.setup.id in ids else 0
        self.show_setup(ids[(i + direction) % len(ids)])

    def show_setup(self, setup_id: str, force: bool = False) -> None:
        """Replay ``setup_id`` from the current scenario time (``force``: even when it has
        the id of the one shown, which the What-if screen may have rebuilt)."""
        if setup_id == self.player.setup.id and not force:
            return
        self.player.switch_setup(self.app.find_setup(setup_id))
        self.app.setup_id = self.player.setup.id
        select = self.query_one("#setup", Select)
        if select.value != self.player.setup.id:
            with self.prevent(Select.Changed):
                select.value = self.player.setup.id
        self._build_gauges()
        self.refresh_view()

    @on(Select.Changed, "#setup")
    def _setup_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and not self._recomposing:
            self.show_setup(event.value)

    def action_sources(self) -> None:
        """Show the sources of the highlighted event."""
        event = self.query_one(EventLog).highlighted_event
        incident = self.app.incident
        if event is None:
            heading = _("No event is highlighted yet. Sources of the scenario's pool figure:")
            self.app.push_screen(SourcesScreen(sources_text(incident, incident.pool_sources,
                                                            heading)))
            return
        row = event_row(self.player.replay, event, incident.asset.symbol)
        heading = clean(_("Sources of the outflow at {time} {zone} ({amount} requested):").format(
            time=row.time, zone=incident.timezone,
            amount=f"{row.requested} {incident.asset.symbol}"))
        self.app.push_screen(SourcesScreen(sources_text(incident, event.sources, heading)))
