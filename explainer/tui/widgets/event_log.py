"""The attempted outflows so far, one row each, with outcome and reason."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from explainer.engine import Event, Replay
from explainer.report.rows import EventRow, event_row

COLUMNS = (("time", "Time"), ("wallet", "Wallet"), ("moved", "Moved"),
           ("outcome", "Outcome"), ("reason", "Reason"))
OUTCOME_CLASS = {"moved": "log--moved", "partly moved": "log--partial", "blocked": "log--blocked"}


class EventLog(DataTable):
    """A line-API table that grows as the replay applies outflows; never rebuilt per tick."""

    COMPONENT_CLASSES = DataTable.COMPONENT_CLASSES | set(OUTCOME_CLASS.values())

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._replay: Replay | None = None
        self._events: tuple[Event, ...] = ()
        self.rows_shown: list[EventRow] = []

    def on_mount(self) -> None:
        for key, label in COLUMNS:
            self.add_column(label, key=key)
        self.app.theme_changed_signal.subscribe(self, self._on_theme)

    def _on_theme(self, _theme: object) -> None:
        # outcome colours are baked into the cells; redo them once the new theme's CSS applies
        self.call_after_refresh(self._restyle)

    def _restyle(self) -> None:
        replay, events, row = self._replay, self._events, self.cursor_row
        if replay is None:
            return
        self._replay, self._events = None, ()
        self.show(replay, events)
        if events:
            self.move_cursor(row=row, animate=False)

    @property
    def highlighted_event(self) -> Event | None:
        """The event under the cursor, if any."""
        if not self._events or not 0 <= self.cursor_row < len(self._events):
            return None
        return self._events[self.cursor_row]

    def show(self, replay: Replay, events: tuple[Event, ...]) -> None:
        """List ``events`` of ``replay``: append when the list only grew, else rebuild."""
        if replay is self._replay and events == self._events:
            return
        grew = replay is self._replay and events[:len(self._events)] == self._events
        start = len(self._events) if grew else 0
        if not grew:
            self.clear()
            self.rows_shown = []
            for column in self.columns.values():
                # widths only ever grow as rows come; a new setup starts from the headings
                column.content_width = column.label.cell_len
        symbol = replay.incident.asset.symbol
        for n, e in enumerate(events[start:], start):
            row = event_row(replay, e, symbol)
            self.rows_shown.append(row)
            style = self.get_component_rich_style(OUTCOME_CLASS[row.outcome], partial=True)
            moved = row.moved
            if row.outcome == "partly moved":
                moved = f"{row.moved} of {row.requested}"
            # Text cells: a plain str cell would be parsed as markup (rows are cleaned already)
            self.add_row(Text(row.time), Text(row.wallet), Text(moved, justify="right"),
                         Text(row.outcome, style=style), Text(row.reason), key=str(n))
        self._replay, self._events = replay, events
        if events:
            self.move_cursor(row=len(events) - 1, animate=False)
