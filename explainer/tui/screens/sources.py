"""A dialog listing the sources behind one event: title and address of each."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from explainer.model import Incident
from explainer.tui.screens.dialog import Dialog


def sources_text(incident: Incident, ids: tuple[str, ...], heading: str) -> Text:
    """Each source id with its title and URL, as the scenario records them."""
    text = Text.assemble((heading, "bold"))
    for sid in ids:
        try:
            src = incident.source(sid)
        except KeyError:
            text.append(f"\n\n{sid}: not listed in the scenario's sources")
            continue
        text.append(f"\n\n{sid}  ", style="bold")
        text.append(src.title)
        text.append("\n    " + (src.url or "(no address recorded)"))
    return text


class SourcesScreen(Dialog):
    """Shows where an event's figures come from; Escape or i closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("i", "close", "Close sources", key_display="i",
                tooltip="Close the sources (as Escape does)"),
    ]

    def __init__(self, text: Text) -> None:
        super().__init__(id="sources")
        self._text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="sources-box"):
            yield Static(self._text, id="sources-text")
            yield Static("Escape or i closes this.", classes="dialog-hint")
