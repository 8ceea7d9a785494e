"""A wallet's balance as a draining bar, with whether the attacker can reach it."""

from __future__ import annotations

from decimal import Decimal

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from explainer import numbers as fmt
from explainer.engine import WalletAccess
from explainer.i18n import _
from explainer.safe_text import clean

FULL, EMPTY = "█", "░"


class WalletGauge(Widget):
    """Two lines: label, bar and balance; then the attacker's reach and keys."""

    DEFAULT_CSS = """
    WalletGauge {
        height: 2;
        width: 1fr;
    }
    """

    COMPONENT_CLASSES = {"gauge--bar", "gauge--empty", "gauge--open", "gauge--safe"}

    def __init__(self, wallet_id: str, label: str, initial: Decimal, symbol: str,
                 *, id: str | None = None) -> None:
        super().__init__(id=id, classes="gauge")
        self.wallet_id = wallet_id
        self.label = clean(label)
        self.initial = initial
        self.symbol = clean(symbol)
        self.balance = initial
        self.access: WalletAccess | None = None

    def show(self, balance: Decimal, access: WalletAccess) -> None:
        """Take the balance and access from an engine state; repaint only on change."""
        if balance == self.balance and access == self.access:
            return
        self.balance, self.access = balance, access
        self.refresh()

    def render(self) -> Text:
        width = max(self.size.width, 40)
        amount = f" {fmt.amount(self.balance, self.symbol)}"
        head = f"{self.label} "
        room = max(8, width - cell_len(head) - cell_len(amount))
        # the bar is drawing, not arithmetic: the engine's balance against the start
        filled = round(room * float(self.balance / self.initial)) if self.initial else 0
        if self.balance > 0 and filled == 0:
            filled = 1  # whatever is left stays visible
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(head, style="bold")
        text.append(FULL * filled, style=self.get_component_rich_style("gauge--bar"))
        text.append(EMPTY * (room - filled), style=self.get_component_rich_style("gauge--empty"))
        text.append(amount)
        text.append("\n")
        a = self.access
        if a is None:
            return text
        keys = _("keys held {held}, needed {needed}").format(held=a.held, needed=a.threshold)
        if a.recovery:
            keys = _("recovery key in the attacker's hands")
        reach = _("ATTACKER CAN SPEND") if a.reachable else _("out of reach")
        if not a.recovery and cell_len(f"  {reach}  {keys}") > (self.size.width or width):
            # laid out by cell width: the short form rather than a figure cut off
            # TRANSLATORS: the keys the attacker holds and the keys a spend needs, in short
            keys = _("keys {held}/{needed}").format(held=a.held, needed=a.threshold)
        text.append("  " + reach, style=self.get_component_rich_style(
            "gauge--open" if a.reachable else "gauge--safe"))
        text.append("  " + keys)
        return text
