"""A dialog listing the sources behind one event: title and address of each."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from explainer.i18n import N_, _
from explainer.model import Incident
from explainer.safe_text import clean, web_url
from explainer.tui.breaking import shown
from explainer.tui.screens.dialog import Dialog

# The dialog's heading when no event is highlighted (the replay's own words, the same
# message): sources of the figure everything else is a share of.
POOL_HEADING = N_("No event is highlighted yet. Sources of the scenario's pool figure:")


def sources_text(incident: Incident, ids: tuple[str, ...], heading: str) -> Text:
    """Each source id with its title and URL, as the scenario records them (as text: an
    address is shown, never followed; one that is not http or https says so)."""
    text = Text.assemble((clean(heading), "bold"))
    for sid in ids:
        try:
            src = incident.source(sid)
        except KeyError:
            text.append(clean("\n\n" + _("{id}: not listed in the scenario's sources").format(
                id=sid), multiline=True))
            continue
        text.append(f"\n\n{clean(sid)}  ", style="bold")
        text.append(clean(src.title))
        if not src.url:
            address = _("(no address recorded)")
        elif web_url(src.url):
            address = src.url
        else:
            address = _("{address} (not a web address)").format(address=clean(src.url))
        text.append("\n    " + address)
    return text


class SourcesScreen(Dialog):
    """Shows where an event's figures come from; Escape or i closes it.

    Give it the text, or better a function that builds it: the function is called again
    when the screen is recomposed (a language switch), so the dialog follows the language.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("i", "close", N_("Close sources"), key_display="i",
                tooltip=N_("Close the sources (as Escape does)")),
    ]

    def __init__(self, text: Text | Callable[[], Text]) -> None:
        super().__init__(id="sources")
        self._text = text

    def compose(self) -> ComposeResult:
        text = self._text() if callable(self._text) else self._text
        with VerticalScroll(id="sources-box"):
            yield Static(shown(text), id="sources-text")
            yield Static(_("Escape or i closes this."), classes="dialog-hint")
