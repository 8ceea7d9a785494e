"""The attempted outflows so far, one row each, with outcome and reason.

Reasons are shown whole: the Reason column takes the width the other columns leave and a
long reason wraps onto more lines of its row. The highlighted row is marked with a ▶ in
its time cell as well as by the cursor's colour, so it stays visible under ``NO_COLOR``.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

from explainer.engine import Event, Replay
from explainer.i18n import N_, _
from explainer.report.rows import OUTCOME_WORDS, EventRow, event_row, event_rows

# headings are translated where the columns are added (each mount: a language switch
# recomposes the screen, so a new log takes the new language's headings)
COLUMNS = (("time", N_("Time")), ("wallet", N_("Wallet")), ("moved", N_("Moved")),
           ("outcome", N_("Outcome")), ("reason", N_("Reason")))
# by the engine's outcome code, not the shown word (which follows the language)
OUTCOME_CLASS = {"moved": "log--moved", "partial": "log--partial", "blocked": "log--blocked"}
MARK = "▶ "  # before the highlighted row's time; blank before the others
WALLET_WIDTH = 22  # cells; a longer wallet name wraps
WALLET_MIN = 10  # cells the wallet column keeps on a narrow screen
MIN_REASON = 24
MIN_REASON_WIDE = 12  # cells: a Japanese reason breaks anywhere, so it can go narrower


def moved_text(row: EventRow, partial: bool, two_lines: bool = False) -> str:
    """'100,000,000', or '5 of 10' for a partial move (on two lines where the screen is
    too narrow for one: '5' above 'of 10')."""
    if not partial:
        return row.moved
    if two_lines:
        return _("{moved}\nof {requested}").format(moved=row.moved, requested=row.requested)
    return _("{moved} of {requested}").format(moved=row.moved, requested=row.requested)


def breaking(text: str) -> Text:
    """A reason cell: Japanese breaks between characters the Japanese way (never inside a
    figure or a katakana word, no line starting with a closing mark), English at spaces."""
    if cell_len(text) == len(text):
        return Text(text)
    from explainer.report.ja_wrap import BreakText

    return BreakText(text)


class EventLog(DataTable):
    """A line-API table that grows as the replay applies outflows; never rebuilt per tick."""

    COMPONENT_CLASSES = DataTable.COMPONENT_CLASSES | set(OUTCOME_CLASS.values())

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._replay: Replay | None = None
        self._events: tuple[Event, ...] = ()
        self._marked: str | None = None
        self._laid_out_at = 0  # the width the columns were sized for
        self._building = False  # rows are being replaced: the ▶ waits until they are in
        self._two_lines = False  # partial moves shown on two lines (a narrow screen)
        self.rows_shown: list[EventRow] = []

    def on_mount(self) -> None:
        for key, label in COLUMNS:
            self.add_column(_(label), key=key)
        self.app.theme_changed_signal.subscribe(self, self._on_theme)

    def _on_theme(self, _theme: object) -> None:
        # outcome colours are baked into the cells; redo them once the new theme's CSS applies
        self.call_after_refresh(self._restyle)

    def on_resize(self) -> None:
        if self.size.width != self._laid_out_at:
            self._restyle()  # the Reason column's width, and so every row's height, changes

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

    def _size_columns(self, replay: Replay) -> None:
        """Fix every column's width for the whole replay, so rows added later never change
        the Reason column's width (and with it the height of rows already shown)."""
        # in cells, never characters: a Japanese wallet name is twice as wide as it is long
        rows = event_rows(replay)
        partial = [e.outcome == "partial" for e in replay.events]
        widths = {
            "time": max((cell_len(r.time) for r in rows), default=4) + cell_len(MARK),
            "wallet": min(WALLET_WIDTH, max((cell_len(r.wallet) for r in rows), default=6)),
            "moved": self._moved_width(rows, partial, two_lines=False),
            # every outcome's word, not only those of this replay: the column keeps its width
            "outcome": max(cell_len(w) for w in (*map(_, OUTCOME_WORDS.values()),
                                                 *(r.outcome for r in rows))),
        }
        for key, label in COLUMNS[:-1]:
            widths[key] = max(widths[key], cell_len(_(label)))
        room = self.scrollable_content_region.width or self.size.width or 100
        padding = 2 * self.cell_padding * len(COLUMNS)
        # a long (Japanese) wallet name gives way before the reason would be squeezed
        # below its minimum: it wraps onto more lines, down to WALLET_MIN cells
        over = sum(widths.values()) + padding + MIN_REASON - room
        if over > 0:
            widths["wallet"] = max(min(WALLET_MIN, widths["wallet"]), widths["wallet"] - over)
        # then a partial move's "5 of 10" goes onto two lines
        self._two_lines = sum(widths.values()) + padding + MIN_REASON > room and any(partial)
        if self._two_lines:
            widths["moved"] = max(self._moved_width(rows, partial, two_lines=True),
                                  cell_len(_("Moved")))
        if any(cell_len(r.reason) != len(r.reason) for r in rows):
            # a reason that breaks between characters (Japanese) fills its lines to the
            # last cell: a column reaching past the screen would hide a character of every
            # line, so it takes exactly what is left, the scroll bar's room set aside
            left = (self.size.width or room) - self.styles.scrollbar_size_vertical
            widths["reason"] = max(MIN_REASON_WIDE, left - sum(widths.values()) - padding)
        else:
            widths["reason"] = max(MIN_REASON, room - sum(widths.values()) - padding)
        for column in self.columns.values():
            column.auto_width = False
            column.width = widths[str(column.key.value)]
        self._laid_out_at = self.size.width

    @staticmethod
    def _moved_width(rows: list[EventRow], partial: list[bool], two_lines: bool) -> int:
        texts = [moved_text(r, p, two_lines) for r, p in zip(rows, partial, strict=True)]
        return max((cell_len(line) for t in texts for line in t.split("\n")), default=5)

    def show(self, replay: Replay, events: tuple[Event, ...]) -> None:
        """List ``events`` of ``replay``: append when the list only grew, else rebuild."""
        if replay is self._replay and events == self._events:
            return
        grew = replay is self._replay and events[:len(self._events)] == self._events
        start = len(self._events) if grew else 0
        self._building = True
        if not grew:
            self.clear()
            self.rows_shown = []
            self._marked = None
            self._size_columns(replay)
        symbol = replay.incident.asset.symbol
        for n, e in enumerate(events[start:], start):
            row = event_row(replay, e, symbol)
            self.rows_shown.append(row)
            style = self.get_component_rich_style(OUTCOME_CLASS[e.outcome], partial=True)
            self.add_row(self._time_cell(row, marked=False), Text(row.wallet),
                         Text(moved_text(row, e.outcome == "partial", self._two_lines),
                              justify="right"),
                         Text(row.outcome, style=style), breaking(row.reason),
                         key=str(n), height=None)
        self._replay, self._events = replay, events
        if events:
            self.move_cursor(row=len(events) - 1, animate=False)
        self._building = False
        self._mark_cursor()

    @staticmethod
    def _time_cell(row: EventRow, marked: bool) -> Text:
        return Text((MARK if marked else " " * cell_len(MARK)) + row.time,
                    style="bold" if marked else "")

    def _mark_cursor(self) -> None:
        """Move the ▶ to the highlighted row."""
        event = self.highlighted_event
        key = str(self.cursor_row) if event is not None else None
        if key == self._marked:
            return
        for old, marked in ((self._marked, False), (key, True)):
            if old is not None and int(old) < len(self.rows_shown):
                self.update_cell(old, "time", self._time_cell(self.rows_shown[int(old)], marked))
        self._marked = key

    def watch_cursor_coordinate(self, old, new) -> None:  # type: ignore[no-untyped-def]
        super().watch_cursor_coordinate(old, new)
        if not self._building:
            self._mark_cursor()
