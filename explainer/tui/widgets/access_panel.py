"""What the attacker controls at the current moment, and what it gives them per wallet."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from explainer.engine import Replay, State
from explainer.i18n import _
from explainer.report.reason_text import words_for
from explainer.report.rows import wallet_label
from explainer.safe_text import clean


class AccessPanel(Static):
    """Compromised domains, then each wallet's threshold against the keys the attacker has."""

    DEFAULT_CSS = """
    AccessPanel {
        height: auto;
    }
    """

    COMPONENT_CLASSES = {"access--title", "access--open", "access--safe"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._shown: tuple[object, ...] = ()
        self._last: tuple[Replay, State] | None = None

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._on_theme)

    def _on_theme(self, _theme: object) -> None:
        self.call_after_refresh(self._restyle)

    def _restyle(self) -> None:
        if self._last is not None:
            self._shown = ()
            self.show(*self._last)

    def show(self, replay: Replay, state: State) -> None:
        """Describe ``state.access`` with the engine's own words; repaint only on change."""
        shown = (id(replay), state.compromised, tuple(state.access.values()))
        if shown == self._shown:
            return
        self._shown = shown
        self._last = (replay, state)
        title = self.get_component_rich_style("access--title")
        text = Text(no_wrap=False)
        text.append(_("Attacker controls: "), style=title)
        text.append(clean(_(", ").join(state.compromised)) if state.compromised
                    else _("nothing yet"))
        words = words_for(replay)
        for wallet_id, access in state.access.items():
            text.append("\n")
            text.append(_("{wallet}: ").format(wallet=wallet_label(replay, wallet_id)),
                        style=title)
            if access.reachable:
                text.append(_("CAN SPEND"), style=self.get_component_rich_style("access--open"))
            else:
                text.append(_("out of reach"), style=self.get_component_rich_style("access--safe"))
            text.append(_(" - {access}").format(access=clean(words.access(access))))
        self.update(text)
