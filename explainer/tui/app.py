"""The interactive terminal app: home, lessons, an animated replay and a comparison.

The app computes nothing itself. Every figure comes from the engine (through the replay
clock in ``explainer.player``) and from ``explainer.report.rows``; screens only lay them
out. Screens are imported when their mode is first opened, so start-up stays lean.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen
from textual.theme import Theme

from explainer import catalog, loader
from explainer.model import Incident, Setup
from explainer.paths import DEFAULT_SCENARIO

if TYPE_CHECKING:
    from explainer.plans import Plan

MIN_WIDTH, MIN_HEIGHT = 80, 24
DEFAULT_THEME = "textual-dark"

# Pure black and white with saturated accents: every foreground/background pair the
# stylesheet uses reaches a high contrast ratio.
HIGH_CONTRAST = Theme(
    name="wallet-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    warning="#ffff00",
    error="#ff6060",
    success="#00ff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#202020",
    boost="#303030",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "footer-key-foreground": "#ffff00",
        "block-cursor-background": "#ffff00",
        "block-cursor-foreground": "#000000",
        "border": "#ffffff",
    },
)


# For a projector: pure black and white, big contrasts, one warm accent. A room's light
# washes out mid-greys, so nothing relies on them.
PROJECTOR = Theme(
    name="wallet-projector",
    primary="#ffd000",
    secondary="#7fd4ff",
    accent="#ffd000",
    warning="#ffd000",
    error="#ff5050",
    success="#50ff50",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#202020",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
)


def _home() -> Screen:
    from explainer.tui.screens.home import HomeScreen

    return HomeScreen()


def _lessons() -> Screen:
    from explainer.tui.screens.lessons import LessonsScreen

    return LessonsScreen()


def _replay() -> Screen:
    from explainer.tui.screens.replay import ReplayScreen

    return ReplayScreen()


def _compare() -> Screen:
    from explainer.tui.screens.compare import CompareScreen

    return CompareScreen()


def _whatif() -> Screen:
    from explainer.tui.screens.whatif import WhatIfScreen

    return WhatIfScreen()




class WalletApp(App[int]):
    """Learn custody security by replaying a real theft under different setups."""

    # absolute, so subclasses defined elsewhere (tests, benchmarks) find it too
    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "wallet-explainer"
    MODES: ClassVar[dict[str, Any]] = {
        "home": _home, "lessons": _lessons, "replay": _replay, "compare": _compare,
        "whatif": _whatif,
    }
    DEFAULT_MODE = "home"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", priority=True, tooltip="Leave the app"),
        Binding("question_mark", "help", "Help", key_display="?",
                tooltip="Every key, on one screen"),
        Binding("h", "goto('home')", "Home", tooltip="The story and the ways in"),
        Binding("l", "goto('lessons')", "Lessons", tooltip="Hot, cold and multisig, step by step"),
        Binding("r", "goto('replay')", "Replay", tooltip="Watch the theft under a setup"),
        Binding("c", "goto('compare')", "Compare", tooltip="Every setup side by side"),
        Binding("w", "goto('whatif')", "What if",
                tooltip="Build your own setup and see at once what it loses"),
        Binding("t", "toggle_contrast", "Contrast", tooltip="Switch the high-contrast theme"),
        Binding("P", "present", "Present", key_display="P",
                tooltip="Walk a lesson plan on a projector"),
    ]

    def __init__(self, incident: Incident | None = None, setup_id: str | None = None,
                 size: tuple[int, int] | None = None, plan: Plan | None = None,
                 notes: bool = True) -> None:
        # an explicit scenario or setup means "show me its replay"
        self.DEFAULT_MODE = "replay" if incident is not None or setup_id else "home"  # type: ignore[misc]
        super().__init__()
        self.incident: Incident = incident or loader.load(DEFAULT_SCENARIO)
        self.setup_id: str = setup_id or self.incident.setups[0].id
        self.requested_size = size
        self._setups: list[Setup] | None = None
        self.custom_ids: set[str] = set()  # setups built in the What-if screen
        self.setups_version = 0  # counts changes to ``setups``, for screens that list them
        self._theme_before = DEFAULT_THEME
        self._too_small: Screen | None = None
        self.plan = plan
        self.plan_notes = notes
        if setup_id is not None:
            # refuse an unknown id now, not when the replay screen mounts; the replay
            # opens first when a setup is given, so building the setups costs nothing extra
            self.find_setup(setup_id)

    # --- shared session state -------------------------------------------------------------

    @property
    def setups(self) -> list[Setup]:
        """The incident's own setups, then the library's (built on first use)."""
        if self._setups is None:
            self._setups = catalog.setups_for(self.incident)
        return self._setups

    def find_setup(self, setup_id: str) -> Setup:
        """One of ``setups`` by id: ``catalog.find_setup`` over this session's setups, so
        an unknown id raises ``catalog.UnknownSetup`` here as everywhere."""
        return catalog.find_setup(self.incident, setup_id, self.setups)

    def add_setup(self, setup: Setup, replace_same_id: bool) -> str:
        """Add a setup built in the What-if screen to ``setups``; returns its id.

        With ``replace_same_id`` an earlier built setup of the same id is replaced (the
        replay of "the setup being built"); otherwise it gets a fresh id and a numbered
        label, so the comparison can hold several versions. Never replaces a scenario's
        or the library's setup.
        """
        from dataclasses import replace

        setups = self.setups
        taken = {s.id for s in setups}
        if replace_same_id and setup.id in self.custom_ids:
            self._setups = [setup if s.id == setup.id else s for s in setups]
        else:
            # a snapshot for the comparison is numbered, so the replay's own slot (the
            # bare id) never replaces it
            ident, label, n = setup.id, setup.label, 1
            while ident in taken or (not replace_same_id and n == 1):
                ident, label, n = f"{setup.id}-{n}", f"{setup.label} ({n})", n + 1
            setup = replace(setup, id=ident, label=label)
            self._setups = [*setups, setup]
            self.custom_ids.add(ident)
        self.setups_version += 1
        return setup.id

    def open_replay(self, setup_id: str) -> None:
        """Show the replay of ``setup_id`` (used by the comparison's rows)."""
        self.setup_id = setup_id
        self.action_goto("replay")

    # --- lifecycle --------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        self.register_theme(PROJECTOR)
        if self.plan is not None:
            self.start_presenting(self.plan)
        if self.theme not in self.available_themes:
            self.theme = DEFAULT_THEME
        self._check_size(self.size.width, self.size.height)

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size.width, event.size.height)

    @property
    def too_small(self) -> bool:
        """True while the terminal is below the minimum size and the notice is shown."""
        return self._too_small is not None

    def _check_size(self, width: int, height: int) -> None:
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        if not small and self._too_small is None:
            return  # the usual case: nothing to show or take down
        from explainer.tui.screens.too_small import TooSmallScreen

        if small and self._too_small is None:
            while isinstance(self.screen, ModalScreen):
                self.pop_screen()
            self._too_small = TooSmallScreen(width, height)
            self.push_screen(self._too_small)
        elif small and isinstance(self._too_small, TooSmallScreen):
            self._too_small.show_size(width, height)
        elif not small and self._too_small is not None:
            if self.screen is self._too_small:
                self.pop_screen()
            self._too_small = None
        self.refresh_bindings()

    # --- actions ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._too_small is not None and action != "quit":
            return False
        if getattr(self.screen, "PRESENTING", False) and action in (
                "goto", "toggle_contrast", "present"):
            return False  # the presenter's own keys only, so a slip never leaves the plan
        if action == "goto" and parameters and parameters[0] == self.current_mode:
            return None  # shown dimmed: you are already there
        return True

    def action_goto(self, mode: str) -> None:
        """Close any dialog, then switch to ``mode``."""
        while isinstance(self.screen, ModalScreen):
            self.pop_screen()
        if mode != self.current_mode:
            self.switch_mode(mode)
        self.refresh_bindings()

    def action_help(self) -> None:
        """Open the list of keys (or close it if it is open)."""
        from explainer.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        while isinstance(self.screen, ModalScreen):
            self.pop_screen()
        self.push_screen(HelpScreen())

    def start_presenting(self, plan: Plan) -> None:
        """Put ``plan`` on the screen, step by step, in the projector theme."""
        from explainer.tui.screens.presenter import PresenterScreen

        while isinstance(self.screen, ModalScreen):
            self.pop_screen()
        self.push_screen(PresenterScreen(plan, show_notes=self.plan_notes))

    def action_present(self) -> None:
        """Choose a bundled lesson plan and present it."""
        from explainer import plans
        from explainer.tui.screens.presenter import PlanChooser

        def chosen(path: str | None) -> None:
            if path:
                self.start_presenting(plans.load(path))

        self.push_screen(PlanChooser(), chosen)

    def action_toggle_contrast(self) -> None:
        """Switch between the high-contrast theme and the theme used before it."""
        if self.theme == HIGH_CONTRAST.name:
            self.theme = self._theme_before
        else:
            self._theme_before = self.theme
            self.theme = HIGH_CONTRAST.name


def make_app(incident: Incident | None = None, setup_id: str | None = None,
             size: tuple[int, int] | None = None, plan: Plan | None = None,
             notes: bool = True) -> WalletApp:
    """Build the app; shared by ``run_app``, the tests and the benchmarks."""
    return WalletApp(incident=incident, setup_id=setup_id, size=size, plan=plan, notes=notes)


def run_app(incident: Incident | None = None, setup_id: str | None = None,
            plan: Plan | None = None, notes: bool = True) -> int:
    """Run the app in the terminal until the user quits; returns the exit status."""
    app = make_app(incident=incident, setup_id=setup_id, plan=plan, notes=notes)
    app.run()
    return app.return_code or 0
