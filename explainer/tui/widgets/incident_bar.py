"""One line at the top of every screen naming the app's current incident."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from explainer.i18n import _
from explainer.incident_index import shown_date
from explainer.safe_text import clean

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

    def on_resize(self) -> None:
        self._show()

    def _show(self, _ref: str = "") -> None:
        # the longest form that fits whole: never a word cut in half
        title, date, venue = self.app.current_parts()
        # the file's ISO date, as the reader's language writes it (2018年1月26日)
        title, date, venue = clean(title), clean(shown_date(date)), clean(venue)
        room = max(0, self.size.width - 2) if self.size.width else 10_000
        label = _("Incident:") + " "
        hint = "   " + _("b: all incidents")
        full = _("{title}, {date}: {venue}").format(title=title, date=date, venue=venue)
        dated = _("{title}, {date}").format(title=title, date=date)
        forms = [(full, hint), (full, ""), (dated, hint), (dated, ""), (title, "")]
        # measured in cells: a Japanese character takes two
        words, tail = next(((w, h) for w, h in forms
                            if cell_len(f"{label}{w}{h}") <= room), forms[-1])
        # the title comes from a scenario file: a Text, never markup
        text = Text.assemble((label, "bold"), words)
        text.append(tail, style="dim")
        self.update(text)
