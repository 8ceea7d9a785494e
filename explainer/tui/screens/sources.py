"""A dialog listing the sources behind one event: title and address of each."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from explainer.model import Incident
from explainer.safe_text import clean, web_url
from explainer.tui.screens.dialog import Dialog


def sources_text(incident: Incident, ids: tuple[str, ...], heading: str) -> Text:
    """Each source id with its title and URL, as the scenario records them (as text: an
    address is shown, never followed; one that is not http or https says so)."""
    text = Text.assemble((clean(heading), "bold"))
    for sid in ids:
        try:
            src = incident.source(sid)
        except KeyError:
            text.append(clean(f"\n\n{sid}: not listed in the scenario's sources", multiline=True))
            continue
        text.append(f"\n\n{clean(sid)}  ", style="bold")
        text.append(clean(src.title))
        if not src.url:
            address = "(no address recorded)"
        elif web_url(src.url):
            address = src.url
        else:
            address = f"{clean(src.url)} (not a web address)"
        text.append("\n    " + address)
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
