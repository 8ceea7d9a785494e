"""One line at the top of every screen naming the app's current incident."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

if TYPE_CHECKING:
    from explainer.tui.app import WalletApp


class IncidentBar(Static):
    """'Incident: Coincheck NEM theft, 2018-01-26: Coincheck (Tokyo)   b: all incidents'."""

    DEFAULT_CSS = """
    IncidentBar {
        dock: top;
        height: 1;
        width: 1fr;
        padding: 0 1;
        background: $boost;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    app: WalletApp  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__("", id="incident-bar", markup=False)

    def on_mount(self) -> None:
        self.watch(self.app, "current_ref", self._show, init=True)

    def _show(self, _ref: str = "") -> None:
        # the title comes from a scenario file: a Text, never markup
        text = Text.assemble(("Incident: ", "bold"), self.app.current_title())
        text.append("   b: all incidents", style="dim")
        self.update(text)
