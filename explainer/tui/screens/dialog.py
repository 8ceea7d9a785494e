"""The base of the app's dialogs: Escape closes, and the app's keys still work.

Textual stops the key-binding chain at a modal screen, so the app's own keys (other than
priority ones like q) would be dead while a dialog is open; they are forwarded here.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen


class Dialog(ModalScreen[None]):
    """A dialog closed with Escape; h, b, a, l, r, c, w, g, ? and t act as they do elsewhere."""

    CSS_PATH = Path(__file__).parent.parent / "dialogs.tcss"  # read when first opened

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", tooltip="Close this dialog"),
        Binding("h", "app.goto('home')", "Home", show=False),
        Binding("b", "app.goto('incidents')", "Incidents", show=False),
        Binding("a", "app.goto('incident')", "About", show=False),
        Binding("g", "app.glossary", "Glossary", show=False),
        Binding("l", "app.goto('lessons')", "Lessons", show=False),
        Binding("r", "app.goto('replay')", "Replay", show=False),
        Binding("c", "app.goto('compare')", "Compare", show=False),
        Binding("w", "app.goto('whatif')", "What if", show=False),
        Binding("t", "app.toggle_contrast", "Contrast", show=False),
        Binding("question_mark", "app.help", "Help", show=False),
    ]

    def action_close(self) -> None:
        """Close the dialog."""
        self.dismiss()
