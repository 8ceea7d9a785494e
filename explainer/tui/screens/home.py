"""Home: the story in a few lines, then the three ways in (lessons, replay, compare)."""

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

from explainer.model import Incident
from explainer.report.rows import headline
from explainer.safe_text import clean, rich_text
from explainer.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from explainer.tui.app import WalletApp

# Facts worth a line on the home screen, when the scenario has them.
HOME_FACTS = ("customers", "attack-path")

WAYS_IN = (
    ("lessons", "l", "Lessons", "hot, cold and multisig wallets, one idea at a time"),
    ("replay", "r", "Replay", "watch the theft minute by minute under any custody setup"),
    ("compare", "c", "Compare", "every setup side by side: what the attacker would have taken"),
)


def story(incident: Incident) -> Text:
    """The headline lines of the report layer plus a few sourced facts."""
    lines = headline(incident)
    text = Text.assemble((lines[0], "bold"))
    for line in lines[1:]:
        text.append("\n" + line)
    facts = {f.id: f for f in incident.facts}
    for fid in HOME_FACTS:
        if fid in facts:
            text.append(clean(f"\n{facts[fid].label}: {facts[fid].value}.", multiline=True))
    return text


class HomeScreen(Screen[None]):
    """The first screen: what happened, and where to go from here."""

    BINDINGS: ClassVar[list[BindingType]] = []

    app: WalletApp  # type: ignore[assignment]

    def compose(self) -> ComposeResult:
        incident = self.app.incident
        with Vertical(id="home"):
            yield Static("wallet-explainer", id="home-title")
            yield Static(story(incident), id="story")
            yield Static("Where to start (arrows and Enter, a click, or the key):",
                         id="ways-in-label")
            yield OptionList(*[
                Option(Text.assemble((f"{key}  ", "bold"), (f"{name:<9}", "bold"), words),
                       id=mode)
                for mode, key, name, words in WAYS_IN
            ], id="ways-in")
            yield Static(rich_text(incident.teaching_point.strip(), multiline=True),
                         id="teaching-point")
        yield KeyBar()

    @on(OptionList.OptionSelected, "#ways-in")
    def _go(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.app.action_goto(event.option.id)
