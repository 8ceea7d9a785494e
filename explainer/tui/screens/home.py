"""Home: the current incident in a few lines, then every way in (incidents, lessons, ...).

The lines come from the committed incident index (``explainer.incident_index``), so the
first frame needs neither the scenario loader nor the engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from explainer.i18n import N_, _
from explainer.incident_index import shown_date
from explainer.safe_text import clean
from explainer.tui.widgets.incident_bar import IncidentBar
from explainer.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from explainer.incident_index import Entry
    from explainer.tui.app import WalletApp

# (action, key, name, what it offers); the action is a mode or "glossary"; the words are
# translated when shown
WAYS_IN = (
    ("incidents", "b", N_("Incidents"),
     N_("every real theft here: choose one to read, replay, compare")),
    ("incident", "a", N_("About"), N_("this incident: story, attacker's path, facts, sources")),
    ("lessons", "l", N_("Lessons"), N_("hot, cold and multisig wallets, one idea at a time")),
    ("replay", "r", N_("Replay"), N_("watch the theft minute by minute under any custody setup")),
    ("compare", "c", N_("Compare"),
     N_("every setup side by side: what the attacker would take")),
    ("glossary", "g", N_("Glossary"), N_("every term explained in a sentence or two")),
    ("whatif", "w", N_("What if"), N_("build your own setup and see at once what it would lose")),
    ("present", "P", N_("Present"), N_("for teachers: walk a lesson plan on a projector")),
)
NAME_CELLS = 11  # the names' column, in cells (a Japanese character takes two)


def way_in(key: str, name: str, words: str) -> Text:
    """One line of the menu: key, name padded to its column by display width, words."""
    label = Text(name, style="bold")
    label.pad_right(max(0, NAME_CELLS - label.cell_len))
    return Text.assemble((f"{key}  ", "bold"), label, words)


def story(entry: Entry) -> Text:
    """The current incident in three short paragraphs (all text from the index, as Text)."""
    # a file from the command line is untrusted: every field passes the one guard (the
    # template is ours and trusted; only the values are cleaned)
    heading = _("{title}, {date}: {venue}").format(
        title=clean(entry.title), date=clean(shown_date(entry.date)), venue=clean(entry.venue))
    text = Text.assemble((heading, "bold"))
    text.append("\n" + _("{left} left; lost {setup}: {lost} of the pool.").format(
        left=clean(entry.left), setup=clean(entry.lost_setup), lost=clean(entry.lost)))
    text.append("\n" + clean(entry.point))
    return text


class HomeScreen(Screen[None]):
    """The first screen: what happened, and where to go from here."""

    BINDINGS: ClassVar[list[BindingType]] = []

    app: WalletApp  # type: ignore[assignment]

    way_index = 0  # the highlighted way in, kept across a language switch

    def compose(self) -> ComposeResult:
        yield IncidentBar()
        with Vertical(id="home"):
            yield Static(_("wallet-explainer: how custody setups fail, replayed from real "
                           "thefts"), id="home-title", markup=False)
            yield Static(self._story(), id="story", markup=False)
            yield Static(_("Where to go (arrows and Enter, a click, or the key):"),
                         id="ways-in-label", markup=False)
            yield OptionList(*[Option(way_in(key, _(name), _(words)), id=action)
                               for action, key, name, words in WAYS_IN], id="ways-in")
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch(self.app, "current_ref", self._show_story, init=False)

    def _story(self) -> Text:
        entry = self.app.current_entry()
        if entry is None:  # a file from the command line, or a bundled file newer than the index
            from explainer import incident_index

            entry = incident_index.entry_for(self.app.incident, "", self.app.current_ref, False)
        return story(entry)

    def _show_story(self, _ref: str = "") -> None:
        self.query_one("#story", Static).update(self._story())

    @on(OptionList.OptionHighlighted, "#ways-in")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.way_index = event.option_index

    def after_language_switch(self) -> None:
        """Keep the menu's highlight where it was (recompose built a new list)."""
        self.query_one("#ways-in", OptionList).highlighted = self.way_index

    @on(OptionList.OptionSelected, "#ways-in")
    def _go(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == "glossary":
            self.app.action_glossary()
        elif event.option.id == "present":
            self.app.action_present()
        elif event.option.id:
            self.app.action_goto(event.option.id)
