"""A small dialog that asks for one line of text (a place's name, a file to save to)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from explainer.i18n import N_, _


class AskScreen(ModalScreen[str | None]):
    """One question and an input; Enter answers, Escape cancels (answers None).

    Unlike the other dialogs it does not forward the app's letter keys: they are typed.
    The caller words ``question`` and ``note`` in the language in use.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", N_("Cancel"), tooltip=N_("Close without answering")),
    ]

    def __init__(self, question: str, default: str = "", note: str = "") -> None:
        super().__init__(id="ask")
        self._question, self._default, self._note = question, default, note

    def compose(self) -> ComposeResult:
        with Vertical(id="ask-box"):
            yield Static(Text(self._question, style="bold"), id="ask-question")
            yield Input(self._default, id="ask-input")
            yield Static(Text(self._note or _("Enter confirms, Escape cancels.")),
                         classes="dialog-hint", id="ask-note")

    @on(Input.Submitted, "#ask-input")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)
