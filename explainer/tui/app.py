"""The interactive terminal app: home, the incident browser and pages, lessons, an animated
replay, a comparison and the glossary.

The app computes nothing itself. Every figure comes from the engine (through the replay
clock in ``explainer.player``) and from ``explainer.report.rows``; screens only lay them
out. Screens are imported when their mode is first opened, and the current incident is
loaded only when a screen needs it (the home screen and the browser read the committed
index, ``explainer.incident_index``), so start-up stays lean.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.theme import Theme

from explainer import i18n, incident_index, paths
from explainer.i18n import N_, _
from explainer.paths import DEFAULT_SCENARIO

if TYPE_CHECKING:
    from explainer.model import Incident, Setup
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


def _incidents() -> Screen:
    from explainer.tui.screens.incidents import IncidentsScreen

    return IncidentsScreen()


def _incident() -> Screen:
    from explainer.tui.screens.incident import IncidentScreen

    return IncidentScreen()


# modes whose screens show the current incident: rebuilt when it changes
INCIDENT_MODES = ("incident", "replay", "compare")


def ref_of(incident: Incident) -> str:
    """How the app names an incident: its id if bundled, else the path of its file."""
    path = Path(incident.path) if incident.path else None
    if path is not None and path.parent.resolve() == paths.scenarios_dir().resolve():
        return incident.id
    return incident.path or incident.id


def _whatif() -> Screen:
    from explainer.tui.screens.whatif import WhatIfScreen

    return WhatIfScreen()


def _wrap_between_characters() -> None:
    """Let lines break between Japanese characters, never inside a Latin word (installed
    once, for the rest of the process: English wraps identically with it)."""
    from explainer.tui.cjk_wrap import install

    install()


class WalletApp(App[int]):
    """Learn custody security by replaying a real theft under different setups."""

    # absolute, so subclasses defined elsewhere (tests, benchmarks) find it too
    CSS_PATH = Path(__file__).parent / "app.tcss"
    TITLE = "wallet-explainer"
    MODES: ClassVar[dict[str, Any]] = {
        "home": _home, "lessons": _lessons, "replay": _replay, "compare": _compare,
        "incidents": _incidents, "incident": _incident,
        "whatif": _whatif,
    }
    DEFAULT_MODE = "home"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", N_("Quit"), priority=True, tooltip=N_("Leave the app")),
        Binding("question_mark", "help", N_("Help"), key_display="?",
                tooltip=N_("Every key, on one screen")),
        Binding("h", "goto('home')", N_("Home"), tooltip=N_("The story and the ways in")),
        Binding("b", "goto('incidents')", N_("Incidents"),
                tooltip=N_("Every incident: choose the one to read, replay and compare")),
        Binding("a", "goto('incident')", N_("About"),
                tooltip=N_("The current incident's page: story, attacker's path, facts, "
                           "sources")),
        Binding("l", "goto('lessons')", N_("Lessons"),
                tooltip=N_("Hot, cold and multisig, step by step")),
        Binding("r", "goto('replay')", N_("Replay"), tooltip=N_("Watch the theft under a setup")),
        Binding("c", "goto('compare')", N_("Compare"), tooltip=N_("Every setup side by side")),
        Binding("g", "glossary", N_("Glossary"),
                tooltip=N_("Every term, defined in a sentence or two")),
        Binding("w", "goto('whatif')", N_("What if"),
                tooltip=N_("Build your own setup and see at once what it loses")),
        Binding("t", "toggle_contrast", N_("Contrast"),
                tooltip=N_("Switch the high-contrast theme")),
        Binding("P", "present", N_("Present"), key_display="P",
                tooltip=N_("Walk a lesson plan on a projector")),
        # listed in the help, not in the key bar: the bar's room goes to the modes
        Binding("L", "switch_language", N_("Language"), key_display="L", show=False,
                tooltip=N_("Switch between English and Japanese (日本語), on the same screen")),
    ]

    # the current incident's ref (bundled id or file path); screens watch it
    current_ref: reactive[str] = reactive(DEFAULT_SCENARIO, init=False)

    def __init__(self, incident: Incident | None = None, setup_id: str | None = None,
                 size: tuple[int, int] | None = None, plan: Plan | None = None,
                 notes: bool = True, files: Sequence[Incident] = (),
                 lang: str | None = None) -> None:
        if lang is not None and lang != i18n.current():
            i18n.use(lang)  # the language is process state: the CLI sets it, so may a caller
        if i18n.current() != i18n.DEFAULT:
            _wrap_between_characters()
        # an explicit scenario or setup means "show me its replay"; files alone, "list them"
        mode = "replay" if incident is not None or setup_id else "home"
        if mode == "home" and files:
            mode = "incidents"
        self.DEFAULT_MODE = mode  # type: ignore[misc]
        super().__init__()
        # incidents loaded from files named on the command line, by ref, in the given order,
        # as read (in English): the app shows them localized, and again after a switch
        self.files: dict[str, Incident] = {}
        for extra in (*files, *((incident,) if incident is not None else ())):
            self.files.setdefault(ref_of(extra), extra)
        first = incident or (files[0] if files else None)
        self._original: Incident | None = first  # the current incident in English
        self._incident: Incident | None = None if first is None else self._localized(first)
        self.set_reactive(WalletApp.current_ref,
                          ref_of(first) if first is not None else DEFAULT_SCENARIO)
        self._setup_id: str | None = setup_id
        self.requested_size = size
        self._setups: list[Setup] | None = None
        self._index: list[incident_index.Entry] | None = None
        self._stale: list[Path] | None = None
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
    def incident(self) -> Incident:
        """The current incident in the language in use, loaded on first use."""
        if self._incident is None:
            self._original = self._load_original(self.current_ref)
            self._incident = self._localized(self._original)
        return self._incident

    def _load_original(self, ref: str) -> Incident:
        """An incident by ref, in English: one named on the command line, or a bundled one."""
        if ref in self.files:
            return self.files[ref]
        from explainer import loader

        return loader.load(ref)

    @staticmethod
    def _localized(original: Incident) -> Incident:
        """``original`` with its texts in the language in use (itself in English)."""
        lang = i18n.current()
        if lang == i18n.DEFAULT:
            return original
        from explainer.translations import localize  # only a translated reader needs it

        return localize(original, lang)

    def load_incident(self, ref: str) -> Incident:
        """An incident by ref (one named on the command line, or a bundled one by id), in
        the language in use."""
        return self._localized(self._load_original(ref))

    @property
    def setup_id(self) -> str:
        """The setup the replay shows (the incident's first unless one was chosen)."""
        if self._setup_id is None:
            self._setup_id = self.incident.setups[0].id
        return self._setup_id

    @setup_id.setter
    def setup_id(self, value: str) -> None:
        self._setup_id = value

    @property
    def index(self) -> list[incident_index.Entry]:
        """The bundled incidents' entries (read once; checked against the files once the
        browser has called :meth:`verify_index`)."""
        if self._index is None:
            self._index = incident_index.read_index()
        return self._index

    def verify_index(self) -> list[Path]:
        """Drop entries whose file changed; return the bundled files the index lacks."""
        if self._stale is None:
            self._index, self._stale = incident_index.verify(self.index)
        return self._stale

    def current_entry(self) -> incident_index.Entry | None:
        """The index entry of the current incident, if the index has it."""
        return next((e for e in self.index if e.ref == self.current_ref), None)

    def current_parts(self) -> tuple[str, str, str]:
        """The current incident's title, date and venue, without loading its file if the
        index has it."""
        entry = self.current_entry() if self._incident is None else None
        if entry is not None:
            return entry.title, entry.date, entry.venue
        i = self.incident
        return i.title, i.date, i.venue

    async def set_incident(self, ref: str, setup_id: str | None = None) -> bool:
        """Make ``ref`` the current incident (and ``setup_id`` its replayed setup).

        Screens of the previous incident (its page, replay and comparison) are removed and
        rebuilt on their next visit. Returns False, with a notice, if the file cannot be
        loaded (a bundled file edited since start-up, say).
        """
        from explainer.loader import ScenarioError

        changed = ref != self.current_ref
        if changed or self._incident is None:
            try:
                original = self._load_original(ref)
                incident = self._localized(original)
            except ScenarioError as exc:
                self.notify(str(exc).splitlines()[0], title=_("Cannot open this incident"),
                            severity="error", markup=False)
                return False
            self._original, self._incident, self._setups = original, incident, None
            self.current_ref = ref
            if changed:
                await self._reset_incident_modes()
        if changed or setup_id is not None:
            self._setup_id = setup_id
        return True

    async def _reset_incident_modes(self) -> None:
        if self.current_mode in INCIDENT_MODES:
            await self.switch_mode("home")  # never remove the active mode (Textual forbids it)
        for mode in INCIDENT_MODES:
            if mode in self._screen_stacks:
                # wait for the old screens to go: the new ones reuse their ids
                await self.remove_mode(mode)
                self.add_mode(mode, self.MODES[mode])

    @property
    def setups(self) -> list[Setup]:
        """The incident's own setups, then the library's (built on first use)."""
        if self._setups is None:
            from explainer import catalog

            self._setups = catalog.setups_for(self.incident)
        return self._setups

    def find_setup(self, setup_id: str) -> Setup:
        """One of ``setups`` by id: ``catalog.find_setup`` over this session's setups, so
        an unknown id raises ``catalog.UnknownSetup`` here as everywhere."""
        from explainer import catalog

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
                "goto", "toggle_contrast", "present", "glossary", "switch_language"):
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

    def action_glossary(self, term_id: str = "") -> None:
        """Open the glossary (at ``term_id`` if given); close it if it is open at no term."""
        from explainer.tui.screens.glossary import GlossaryScreen

        if isinstance(self.screen, GlossaryScreen):
            if not term_id:
                self.pop_screen()
                return
            self.screen.show_term(term_id)
            return
        on_screen = self._terms_on_screen(self.screen)
        while isinstance(self.screen, ModalScreen):
            self.pop_screen()
        self.push_screen(GlossaryScreen(term_id or None, on_screen=tuple(on_screen)))

    @staticmethod
    def _terms_on_screen(screen: Screen) -> list[str]:
        """Glossary terms linked on ``screen``: its own list, or those its texts link to."""
        if hasattr(screen, "glossary_terms"):
            return list(screen.glossary_terms())
        from rich.text import Text
        from textual.widgets import Static

        from explainer.tui.links import link_ids

        found: list[str] = []
        for widget in screen.query(Static):
            content = widget.content
            if isinstance(content, Text):
                found += [t for t in sorted(link_ids(content)) if t not in found]
        return found

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

    async def action_switch_language(self) -> None:
        """Switch between English and Japanese, on the same screen at the same place."""
        await self.switch_language("ja" if i18n.current() == i18n.DEFAULT else i18n.DEFAULT)

    async def switch_language(self, lang: str) -> None:
        """Show everything in ``lang`` from now on, keeping every screen and its state.

        The protocol every screen follows (``docs/architecture.md``): the incident and the
        setups are translated again from their English originals, then every screen of
        every mode is recomposed (its ``compose`` builds each text from the state it keeps
        in attributes) and its ``after_language_switch`` hook, if any, restores what its
        ``on_mount`` had set up.
        """
        if lang == i18n.current():
            return
        i18n.use(lang)
        if lang != i18n.DEFAULT:
            _wrap_between_characters()
        if self._original is not None:
            self._incident = self._localized(self._original)
        if self._setups is not None:
            from explainer import catalog

            # What-if setups keep the labels they were built with
            built = [s for s in self._setups if s.id in self.custom_ids]
            self._setups = [*catalog.setups_for(self.incident), *built]
            self.setups_version += 1
        self._index = self._stale = None  # read again: its entries are in the new language
        for stack in list(self._screen_stacks.values()):
            for screen in list(stack):  # bottom first: a dialog may read the screen below
                focused = screen.focused.id if screen.focused is not None else None
                await screen.recompose()
                self._refocus(screen, focused)
                hook = getattr(screen, "after_language_switch", None)
                if hook is not None:
                    done = hook()
                    if inspect.isawaitable(done):
                        await done
        self.refresh_bindings()
        # said in the new language, with the way back
        self.notify(_("Now in English. L switches to Japanese (日本語).") if lang == i18n.DEFAULT
                    else _("Now in Japanese. L switches back to English."), timeout=4)

    @staticmethod
    def _refocus(screen: Screen, widget_id: str | None) -> None:
        """Give the focus back to the recomposed widget of the same id (or the screen's
        first choice): the one that had it was removed with the old widgets."""
        from textual.css.query import NoMatches

        for selector in (f"#{widget_id}" if widget_id else "", screen.AUTO_FOCUS or ""):
            if not selector:
                continue
            try:
                widget = screen.query(selector).first()
            except NoMatches:
                continue
            if widget.focusable:
                widget.focus(scroll_visible=False)
                return

    def action_toggle_contrast(self) -> None:
        """Switch between the high-contrast theme and the theme used before it."""
        if self.theme == HIGH_CONTRAST.name:
            self.theme = self._theme_before
        else:
            self._theme_before = self.theme
            self.theme = HIGH_CONTRAST.name


def make_app(incident: Incident | None = None, setup_id: str | None = None,
             size: tuple[int, int] | None = None, plan: Plan | None = None,
             notes: bool = True, files: Sequence[Incident] = (),
             lang: str | None = None) -> WalletApp:
    """Build the app; shared by ``run_app``, the tests and the benchmarks.

    ``incident`` (``open FILE``) starts on its replay; ``files`` (``wallet-explainer
    FILE...``) are listed in the incident browser, which opens first with the first one
    current. Both are listed in the browser after the bundled incidents. ``plan`` starts
    presenting a lesson plan. ``lang`` is the language it opens in (by default the one in
    use, which the command line sets from ``--lang`` or the locale); incidents are given in
    English, as read, and shown in the app's language.
    """
    return WalletApp(incident=incident, setup_id=setup_id, size=size, plan=plan, notes=notes,
                     files=files, lang=lang)


def run_app(incident: Incident | None = None, setup_id: str | None = None,
            plan: Plan | None = None, notes: bool = True,
            files: Sequence[Incident] = (), lang: str | None = None) -> int:
    """Run the app in the terminal until the user quits; returns the exit status."""
    app = make_app(incident=incident, setup_id=setup_id, plan=plan, notes=notes, files=files,
                   lang=lang)
    app.run()
    return app.return_code or 0
