"""The base of the app's dialogs: Escape closes, and the app's keys still work.

Textual stops the key-binding chain at a modal screen, so the app's own keys (other than
priority ones like q) would be dead while a dialog is open; they are forwarded here.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen

from explainer.i18n import N_


class Dialog(ModalScreen[None]):
    """A dialog closed with Escape; h, b, a, l, r, c, w, g, ?, t and L act as they do elsewhere."""

    CSS_PATH = Path(__file__).parent.parent / "dialogs.tcss"  # read when first opened

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close"), tooltip=N_("Close this dialog")),
        Binding("h", "app.goto('home')", N_("Home"), show=False),
        Binding("b", "app.goto('incidents')", N_("Incidents"), show=False),
        Binding("a", "app.goto('incident')", N_("About"), show=False),
        Binding("g", "app.glossary", N_("Glossary"), show=False),
        Binding("l", "app.goto('lessons')", N_("Lessons"), show=False),
        Binding("r", "app.goto('replay')", N_("Replay"), show=False),
        Binding("c", "app.goto('compare')", N_("Compare"), show=False),
        Binding("w", "app.goto('whatif')", N_("What if"), show=False),
        Binding("t", "app.toggle_contrast", N_("Contrast"), show=False),
        Binding("question_mark", "app.help", N_("Help"), show=False),
        Binding("L", "app.switch_language", N_("Language"), show=False),
    ]

    def action_close(self) -> None:
        """Close the dialog."""
        self.dismiss()
