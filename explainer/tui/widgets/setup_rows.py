"""The What-if builder's rows: one line per editable item, with a cursor.

One small widget per row, so a change repaints only the rows whose value changed (a
DataTable repaints every visible cell on any update, which cost the builder most of a
frame). Up/down move the cursor; a click moves it, and a click on the row already
under the cursor asks for that row's next value (``Selected``). What a change does is
the screen's business: this widget only shows the rows it is given.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from explainer.i18n import N_


class RowView(Static):
    """One row: the item, then its value."""

    DEFAULT_CSS = """
    RowView {
        height: 1;
        width: 1fr;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    RowView.-cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    """

    def __init__(self, key: str, item: str, value: str, width: int) -> None:
        super().__init__(self.line(item, value, width), markup=False)
        self.key, self.item, self.value = key, item, value

    @staticmethod
    def line(item: str, value: str, width: int) -> Text:
        """The row's text: the item padded to ``width`` cells, then the value (cells, not
        characters: a Japanese character takes two)."""
        style = "" if item.startswith(" ") else "bold"
        head = Text(item, style=style)
        if cell_len(item) > width:  # cut whole characters, never half of a wide one
            head.truncate(width, overflow="ellipsis")
        head.append(" " * (width - head.cell_len + 1))
        return Text.assemble(head, value)

    def on_click(self, event: events.Click) -> None:
        rows = self.parent.parent if self.parent else None
        if isinstance(rows, SetupRows):
            event.stop()
            rows.clicked(self.key)


class _RowMessage(Message):
    """Something happened at row ``key`` of a ``SetupRows``."""

    def __init__(self, rows: SetupRows, key: str) -> None:
        super().__init__()
        self.rows, self.key = rows, key

    @property
    def control(self) -> SetupRows:
        """The rows that sent it."""
        return self.rows


class SetupRows(VerticalScroll, can_focus=True):
    """The draft's rows. Up/down move the cursor; the screen binds the other keys."""

    DEFAULT_CSS = """
    SetupRows {
        height: 1fr;
        overflow-x: hidden;
    }
    SetupRows > #rows {
        height: auto;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", N_("Up"), show=False),
        Binding("down", "cursor(1)", N_("Down"), show=False),
        Binding("home", "cursor_to(0)", N_("First"), show=False),
        Binding("end", "cursor_to(-1)", N_("Last"), show=False),
    ]

    ITEM_WIDTH = 16  # the item column's width in cells, at least...
    ITEM_MAX = 18  # ...and at most: longer items (a Japanese label, say) are cut with '…'

    class Highlighted(_RowMessage):
        """The cursor moved to ``key``."""

    class Selected(_RowMessage):
        """A click on the row under the cursor."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.keys: list[str] = []
        self.cursor_row = 0
        self._views: dict[str, RowView] = {}
        self._width = self.ITEM_WIDTH

    def compose(self):  # type: ignore[no-untyped-def]
        from textual.containers import Vertical

        yield Vertical(id="rows")

    @property
    def highlighted(self) -> str | None:
        """The key of the row under the cursor."""
        return self.keys[self.cursor_row] if self.keys else None

    def show(self, rows: list[tuple[str, str, str]]) -> None:
        """Show ``rows`` of (key, item, value); only changed rows are repainted. The
        cursor stays on the same key when it is still there."""
        keys = [k for k, _, _ in rows]
        width = max(self.ITEM_WIDTH,
                    min(self.ITEM_MAX, max((cell_len(item) for _, item, _ in rows), default=0)))
        if keys == self.keys and width == self._width:
            for key, item, value in rows:
                view = self._views[key]
                if (view.item, view.value) != (item, value):
                    view.item, view.value = item, value
                    view.update(RowView.line(item, value, width), layout=False)
            return
        self._width = width
        current = self.highlighted
        box = self.query_one("#rows")
        box.remove_children()
        self._views = {k: RowView(k, item, value, width) for k, item, value in rows}
        box.mount_all(self._views.values())
        self.keys = keys
        self.move_cursor(keys.index(current) if current in keys else
                         min(self.cursor_row, len(keys) - 1))

    def move_cursor(self, row: int) -> None:
        """Put the cursor on ``row`` (clamped) and say so."""
        if not self.keys:
            return
        row = max(0, min(row, len(self.keys) - 1))
        old = self._views.get(self.keys[self.cursor_row]) if self.cursor_row < len(
            self.keys) else None
        if old is not None:
            old.remove_class("-cursor")
        self.cursor_row = row
        view = self._views[self.keys[row]]
        view.add_class("-cursor")
        # after the next refresh: a row just mounted has no place on screen yet
        self.call_after_refresh(self.scroll_to_widget, view, animate=False)
        self.post_message(self.Highlighted(self, self.keys[row]))

    def action_cursor(self, step: int) -> None:
        """Move the cursor ``step`` rows."""
        self.move_cursor(self.cursor_row + step)

    def action_cursor_to(self, row: int) -> None:
        """The first (0) or the last (-1) row."""
        self.move_cursor(row if row >= 0 else len(self.keys) - 1)

    def clicked(self, key: str) -> None:
        """A click on row ``key``: the cursor goes there, or, if it is there, the row is
        selected."""
        self.focus()
        if key == self.highlighted:
            self.post_message(self.Selected(self, key))
        elif key in self.keys:
            self.move_cursor(self.keys.index(key))
