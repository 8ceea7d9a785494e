"""The incident browser: every bundled incident and every file named on the command line.

Each incident is one option of three lines (what, when and where; what left and the share
lost as run; the one-line teaching point). Enter or a click makes it the app's current
incident and opens its page; ``r`` and ``c`` open its replay or comparison straight away.

The bundled lines come from the committed index (``explainer.incident_index``); entries the
index lacks (a bundled file changed since, or files from the command line) are worked out
by a thread worker after the first frame and filled in when ready.
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

from explainer.incident_index import Entry
from explainer.safe_text import clean
from explainer.tui.widgets.incident_bar import IncidentBar
from explainer.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from pathlib import Path

    from explainer.model import Incident
    from explainer.tui.app import WalletApp

PENDING = "working out the replay..."


def entry_text(entry: Entry, current: bool) -> Text:
    """One incident's three lines: every field through the text guard, as Text, not markup."""
    e = entry
    text = Text.assemble((clean(e.date), "bold"), "  ", (clean(e.title), "bold"),
                         " · " + clean(e.venue))
    if current:
        text.append("  ◀ current", style="bold reverse")
    lost = clean(f"lost {e.lost_setup}: {e.lost} of the pool") if e.lost else PENDING
    text.append("\n" + (clean(f"{e.left} left; ") if e.left else "") + lost)
    if e.point:
        text.append("\n" + clean(e.point), style="italic")
    return text


def placeholder(ref: str, incident: Incident | None) -> Entry:
    """An entry shown until its replay has been worked out."""
    if incident is None:
        return Entry(ref, ref, ref, "", "", "", "", "", "", "", bundled=False)
    return Entry(ref, incident.id, incident.title, incident.venue, incident.date, "", "", "",
                 "", "", bundled=False)


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
        Binding("enter", "choose('incident')", "Open", key_display="enter",
                tooltip="Make the highlighted incident current and read its page"),
        Binding("r", "choose('replay')", "Replay it",
                tooltip="Make the highlighted incident current and replay it"),
        Binding("c", "choose('compare')", "Compare it",
                tooltip="Make the highlighted incident current and compare its setups"),
    ]

    app: WalletApp  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__(id="incidents")
        self.entries: dict[str, Entry] = {}  # by ref, in display order

    def compose(self) -> ComposeResult:
        yield IncidentBar()
        yield Static(
            "Incidents: Enter or a click makes one current and opens its page; "
            "r replays it, c compares its setups.", id="incidents-title", markup=False)
        yield OptionList(id="incident-list")
        yield KeyBar()

    def on_mount(self) -> None:
        app = self.app
        stale = app.verify_index()
        for entry in app.index:
            self.entries[entry.ref] = entry
        todo: list[tuple[str, Path | None]] = []
        for path in stale:
            self.entries[path.stem] = placeholder(path.stem, None)
            todo.append((path.stem, path))
        for ref, incident in app.files.items():
            if ref not in self.entries:
                self.entries[ref] = placeholder(ref, incident)
                todo.append((ref, None))
        self._fill()
        # the current incident can change elsewhere (a lesson's replay key): keep the mark true
        self.watch(self.app, "current_ref", self._current_changed, init=False)
        if todo:
            self._work_out(todo)

    def _current_changed(self, _ref: str) -> None:
        self._fill(follow=True)

    def _fill(self, follow: bool = False) -> None:
        """(Re)build the list, keeping the highlight (or moving it to the current one)."""
        options = self.query_one("#incident-list", OptionList)
        keep = options.highlighted_option.id if options.highlighted_option else None
        if follow:
            keep = None
        options.clear_options()
        bundled = [e for e in self.entries.values() if e.bundled]
        files = [e for e in self.entries.values() if not e.bundled]
        items: list[Option | None] = []
        current = self.app.current_ref
        for entry in bundled:
            if items:
                items.append(None)  # a separator line
            items.append(Option(entry_text(entry, entry.ref == current), id=entry.ref))
        if files:
            items.append(None)
            items.append(Option(Text("Files named on the command line", style="bold underline"),
                                disabled=True))
            for entry in files:
                items.append(Option(entry_text(entry, entry.ref == current), id=entry.ref))
        options.add_options(items)
        target = keep or current
        try:
            options.highlighted = options.get_option_index(target)
        except Exception:  # noqa: BLE001 - an unknown id: keep the first option
            options.highlighted = 0

    @work(thread=True, exclusive=True, group="incident-index")
    def _work_out(self, todo: list[tuple[str, Path | None]]) -> None:
        # a thread: loads and replays without touching a widget, then hands entries back
        from explainer import incident_index, loader
        from explainer.loader import ScenarioError

        done: list[Entry] = []
        for ref, path in todo:
            try:
                if path is not None:
                    incident = loader.load_incident(path)
                    done.append(incident_index.entry_for(incident, incident_index.digest(path),
                                                         ref, True))
                else:
                    incident = self.app.files[ref]
                    done.append(incident_index.entry_for(incident, "", ref, False))
            except ScenarioError as exc:
                first = str(exc).splitlines()[0]
                done.append(Entry(ref, ref, ref, "", "", "", "", "", f"cannot be read: {first}",
                                  "", bundled=path is not None))
        self.app.call_from_thread(self._worked_out, done)

    def _worked_out(self, done: list[Entry]) -> None:
        for entry in done:
            self.entries[entry.ref] = entry
        bundled = sorted((e for e in self.entries.values() if e.bundled),
                         key=lambda e: (e.date, e.id))
        files = [e for e in self.entries.values() if not e.bundled]
        self.entries = {e.ref: e for e in (*bundled, *files)}
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
