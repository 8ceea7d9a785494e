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

from explainer.safe_text import clean
from explainer.tui.widgets.incident_bar import IncidentBar
from explainer.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from explainer.incident_index import Entry
    from explainer.tui.app import WalletApp

# (action, key, name, what it offers); the action is a mode or "glossary"
WAYS_IN = (
    ("incidents", "b", "Incidents", "every real theft here: choose one to read, replay, compare"),
    ("incident", "a", "About", "this incident: story, attacker's path, facts, sources"),
    ("lessons", "l", "Lessons", "hot, cold and multisig wallets, one idea at a time"),
    ("replay", "r", "Replay", "watch the theft minute by minute under any custody setup"),
    ("compare", "c", "Compare", "every setup side by side: what the attacker would take"),
    ("glossary", "g", "Glossary", "every term explained in a sentence or two"),
)


def story(entry: Entry) -> Text:
    """The current incident in three short paragraphs (all text from the index, as Text)."""
    # a file from the command line is untrusted: every field passes the one guard
    text = Text.assemble((clean(f"{entry.title}, {entry.date}: {entry.venue}"), "bold"))
    text.append(clean(f"\n{entry.left} left; lost {entry.lost_setup}: {entry.lost} of the pool.",
                      multiline=True))
    text.append("\n" + clean(entry.point))
    return text


class HomeScreen(Screen[None]):
    """The first screen: what happened, and where to go from here."""

    BINDINGS: ClassVar[list[BindingType]] = []

    app: WalletApp  # type: ignore[assignment]

    def compose(self) -> ComposeResult:
        yield IncidentBar()
        with Vertical(id="home"):
            yield Static("wallet-explainer: how custody setups fail, replayed from real thefts",
                         id="home-title", markup=False)
            yield Static(id="story", markup=False)
            yield Static("Where to go (arrows and Enter, a click, or the key):",
                         id="ways-in-label")
            yield OptionList(*[
                Option(Text.assemble((f"{key}  ", "bold"), (f"{name:<11}", "bold"), words),
                       id=action)
                for action, key, name, words in WAYS_IN
            ], id="ways-in")
        yield KeyBar()

    def on_mount(self) -> None:
        self.watch(self.app, "current_ref", self._show_story, init=True)

    def _show_story(self, _ref: str = "") -> None:
        entry = self.app.current_entry()
        if entry is None:  # a file from the command line, or a bundled file newer than the index
            from explainer import incident_index

            entry = incident_index.entry_for(self.app.incident, "", self.app.current_ref, False)
        self.query_one("#story", Static).update(story(entry))

    @on(OptionList.OptionSelected, "#ways-in")
    def _go(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == "glossary":
            self.app.action_glossary()
        elif event.option.id:
            self.app.action_goto(event.option.id)
