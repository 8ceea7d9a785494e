"""The notice shown instead of the layout while the terminal is below 80x24."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import ModalScreen
from textual.widgets import Static

from explainer.i18n import _


def too_small_message(width: int, height: int) -> str:
    """'terminal too small (need 80x24, have 60x20)'."""
    from explainer.tui.app import MIN_HEIGHT, MIN_WIDTH

    return _("terminal too small (need {need}, have {have})\n"
             "make the window larger, or press q to quit").format(
        need=f"{MIN_WIDTH}x{MIN_HEIGHT}", have=f"{width}x{height}")


class TooSmallScreen(ModalScreen[None]):
    """Covers everything with one plain message until the terminal is large enough."""

    def __init__(self, width: int, height: int) -> None:
        super().__init__(id="too-small")
        self.terminal_size = (width, height)

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(too_small_message(*self.terminal_size), id="too-small-message",
                         markup=False)

    def show_size(self, width: int, height: int) -> None:
        """Update the message with the terminal's new size."""
        self.terminal_size = (width, height)
        if self.is_mounted:
            self.query_one("#too-small-message", Static).update(
                too_small_message(width, height))
