"""The incident browser: every bundled incident and every file named on the command line.

Each incident is one option of three lines (what, when and where; what left and the share
lost as run; the one-line teaching point). Enter or a click makes it the app's current
incident and opens its page; ``r`` and ``c`` open its replay or comparison straight away.

The bundled lines come from the committed index of the reader's language
(``explainer.incident_index``); entries the index lacks (a bundled file changed since, or
files from the command line) are worked out by a thread worker after the first frame and
filled in when ready. Entries are kept per language, so switching back and forth works
nothing out twice; ``compose`` builds the list from them, so a language switch (which
recomposes the screen) shows the other language's lines with the highlight where it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from explainer import i18n
from explainer.i18n import N_, _
from explainer.incident_index import Entry, shown_date
from explainer.safe_text import clean
from explainer.tui.breaking import shown
from explainer.tui.widgets.incident_bar import IncidentBar
from explainer.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from pathlib import Path

    from explainer.model import Incident
    from explainer.tui.app import WalletApp

PENDING = N_("working out the replay...")
CANNOT_READ = N_("cannot be read: {problem}")


def entry_text(entry: Entry, current: bool) -> Text:
    """One incident's three lines: every field through the text guard, as Text, not markup."""
    e = entry
    text = Text.assemble((clean(shown_date(e.date)), "bold"), "  ", (clean(e.title), "bold"),
                         # TRANSLATORS: between an incident's title and its venue
                         _(" · ") + clean(e.venue))
    if current:
        text.append("  " + _("◀ current"), style="bold reverse")
    if e.lost and e.left:
        figures = _("{left} left; lost {setup}: {share} of the pool").format(
            left=e.left, setup=e.lost_setup, share=e.lost)
    elif e.lost:
        figures = _("lost {setup}: {share} of the pool").format(setup=e.lost_setup,
                                                                 share=e.lost)
    else:
        figures = _(PENDING)
    text.append("\n" + clean(figures))
    if e.point:
        text.append("\n" + clean(e.point), style="italic")
    return text


def placeholder(ref: str, incident: Incident | None) -> Entry:
    """An entry shown until its replay has been worked out."""
    if incident is None:
        return Entry(ref, ref, ref, "", "", "", "", "", "", "", bundled=False)
    return Entry(ref, incident.id, incident.title, incident.venue, incident.date, "", "", "",
                 "", "", bundled=False)


def sort_entries(entries: dict[str, Entry]) -> dict[str, Entry]:
    """Bundled incidents by date, then the files from the command line in their order."""
    bundled = sorted((e for e in entries.values() if e.bundled), key=lambda e: (e.date, e.id))
    files = [e for e in entries.values() if not e.bundled]
    return {e.ref: e for e in (*bundled, *files)}


class IncidentsScreen(Screen[None]):
    """A list of incidents; choosing one makes it current."""

    AUTO_FOCUS = "#incident-list"
    # here rather than in app.tcss: parsed when the screen first opens, not at start-up
    DEFAULT_CSS = """
    #incidents-title {
        padding: 0 1;
        background: $panel;
    }

    #incident-list {
        height: 1fr;
        border: none;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose('incident')", N_("Open"), key_display="enter",
                tooltip=N_("Make the highlighted incident current and read its page")),
        Binding("r", "choose('replay')", N_("Replay it"),
                tooltip=N_("Make the highlighted incident current and replay it")),
        Binding("c", "choose('compare')", N_("Compare it"),
                tooltip=N_("Make the highlighted incident current and compare its setups")),
    ]

    app: WalletApp  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__(id="incidents")
        # entries by language, then by ref in display order; kept across language switches
        self.by_lang: dict[str, dict[str, Entry]] = {}
        self.highlight: str | None = None  # the highlighted ref, kept across recomposes

    @property
    def entries(self) -> dict[str, Entry]:
        """The current language's entries, by ref, in display order (read from the index
        of that language the first time it is asked for)."""
        lang = i18n.current()
        if lang not in self.by_lang:
            self.by_lang[lang] = {}
            self._start(lang)
        return self.by_lang[lang]

    def compose(self) -> ComposeResult:
        yield IncidentBar()
        yield Static(
            _("Incidents: Enter or a click makes one current and opens its page; "
              "r replays it, c compares its setups."), id="incidents-title", markup=False)
        yield OptionList(*self._options(), id="incident-list")
        yield KeyBar()

    def on_mount(self) -> None:
        # the current incident can change elsewhere (a lesson's replay key): keep the mark true
        self.watch(self.app, "current_ref", self._current_changed, init=False)
        self._highlight()

    async def recompose(self) -> None:
        """Rebuild in the current language, keeping the highlighted incident."""
        await super().recompose()
        self._highlight()

    def _start(self, lang: str) -> None:
        """Fill ``lang``'s entries from its index; hand what the index lacks to the worker."""
        app = self.app
        entries = self.by_lang[lang]
        # the app's copy, in the language in use (the app reads it again after a switch):
        # shared with the home screen and the incident bar
        stale, index = app.verify_index(), app.index
        for entry in index:
            entries[entry.ref] = entry
        todo: list[tuple[str, Path | None]] = []
        for path in stale:
            entries[path.stem] = placeholder(path.stem, None)
            todo.append((path.stem, path))
        for ref, incident in app.files.items():
            if ref not in entries:
                entries[ref] = placeholder(ref, incident)
                todo.append((ref, None))
        self.by_lang[lang] = sort_entries(entries)
        if todo:
            self._work_out(todo, lang)

    def _current_changed(self, _ref: str) -> None:
        self._fill(follow=True)

    def _options(self) -> list[Option | None]:
        """The list's options: bundled incidents, then files from the command line."""
        entries = self.entries
        bundled = [e for e in entries.values() if e.bundled]
        files = [e for e in entries.values() if not e.bundled]
        items: list[Option | None] = []
        current = self.app.current_ref
        for entry in bundled:
            if items:
                items.append(None)  # a separator line
            items.append(Option(shown(entry_text(entry, entry.ref == current)), id=entry.ref))
        if files:
            items.append(None)
            items.append(Option(Text(_("Files named on the command line"),
                                     style="bold underline"), disabled=True))
            for entry in files:
                items.append(Option(shown(entry_text(entry, entry.ref == current)),
                                    id=entry.ref))
        return items

    def _highlight(self, target: str | None = None) -> None:
        """Highlight ``target``, else the one highlighted before, else the current one."""
        options = self.query_one("#incident-list", OptionList)
        target = target or self.highlight or self.app.current_ref
        try:
            options.highlighted = options.get_option_index(target)
        except Exception:  # noqa: BLE001 - an unknown id: keep the first option
            options.highlighted = 0

    @on(OptionList.OptionHighlighted, "#incident-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.highlight = event.option.id

    def _fill(self, follow: bool = False) -> None:
        """(Re)build the list, keeping the highlight (or moving it to the current one)."""
        options = self.query_one("#incident-list", OptionList)
        keep = options.highlighted_option.id if options.highlighted_option else None
        options.clear_options()
        options.add_options(self._options())
        self._highlight(self.app.current_ref if follow else keep)

    @work(thread=True, group="incident-index")
    def _work_out(self, todo: list[tuple[str, Path | None]], lang: str) -> None:
        # a thread: loads and replays without touching a widget, then hands entries back
        from explainer import incident_index, loader
        from explainer.loader import ScenarioError

        done: list[Entry] = []
        steady = True  # no language switch while working (the words follow the language)
        for ref, path in todo:
            steady = steady and i18n.current() == lang
            try:
                incident = loader.load_incident(path) if path is not None else self.app.files[ref]
                done.append(incident_index.local_entry(incident, path, ref, lang))
            except ScenarioError as exc:
                first = str(exc).splitlines()[0]
                done.append(Entry(ref, ref, ref, "", "", "", "", "",
                                  _(CANNOT_READ).format(problem=first), "",
                                  bundled=path is not None))
        steady = steady and i18n.current() == lang
        self.app.call_from_thread(self._worked_out, done, lang, steady)

    def _worked_out(self, done: list[Entry], lang: str, steady: bool) -> None:
        if not steady or i18n.current() != lang:
            # switched while working: work this language out again when it is next shown
            self.by_lang.pop(lang, None)
            if i18n.current() == lang and self.is_attached:
                self._fill()  # asks for the entries again, which starts over
            return
        entries = self.by_lang.setdefault(lang, {})
        for entry in done:
            entries[entry.ref] = entry
        self.by_lang[lang] = sort_entries(entries)
        if self.is_attached:
            self._fill()

    # --- choosing -------------------------------------------------------------------------

    async def action_choose(self, mode: str) -> None:
        """Make the highlighted incident current, then open ``mode`` for it."""
        option = self.query_one("#incident-list", OptionList).highlighted_option
        if option is None or not option.id:
            return
        if await self.app.set_incident(option.id):
            self._fill()
            self.app.action_goto(mode)

    @on(OptionList.OptionSelected, "#incident-list")
    async def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        await self.action_choose("incident")
