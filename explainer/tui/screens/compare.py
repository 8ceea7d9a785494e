"""Every setup of the scenario side by side: exposed, lost, share, value, first and last loss."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import reduce
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.widgets.data_table import ColumnKey

from explainer import i18n
from explainer.engine import Replay, replay
from explainer.i18n import N_, _, ngettext
from explainer.report.explain import explain
from explainer.report.rows import Row, comparison
from explainer.safe_text import clean, rich_text
from explainer.tui.links import linked
from explainer.tui.widgets.incident_bar import IncidentBar
from explainer.tui.widgets.key_bar import KeyBar
from explainer.wrap import wrap

if TYPE_CHECKING:
    from explainer.tui.app import WalletApp

BAR_WIDTH = 10
LATEST = datetime.max.replace(tzinfo=None)


@dataclass(frozen=True, slots=True)
class Line:
    """One setup's replay with its formatted row, in catalog order ``n``."""

    n: int
    replay: Replay
    row: Row


def _first(line: Line) -> tuple[bool, datetime]:
    at = line.replay.summary.first_loss
    return (at is None, at.replace(tzinfo=None) if at else LATEST)


def _last(line: Line) -> tuple[bool, datetime]:
    at = line.replay.summary.last_loss
    return (at is None, at.replace(tzinfo=None) if at else LATEST)


# column key, heading (translated where the table is filled), what it sorts by
COLUMNS: tuple[tuple[str, str, object], ...] = (
    ("setup", N_("Setup"), lambda x: x.n),
    ("lost", N_("Lost"), lambda x: x.replay.summary.lost),
    ("share", N_("Share"), lambda x: x.row.lost_fraction),
    ("bar", N_("of the pool"), lambda x: x.row.lost_fraction),
    ("fiat", N_("Value lost"), lambda x: x.replay.summary.lost),
    ("exposed", N_("Exposed"), lambda x: x.replay.summary.exposed),
    ("first", N_("First loss"), _first),
    ("last", N_("Last loss"), _last),
)
SORT_KEYS = [c[0] for c in COLUMNS]
# how the title names each order ("Sorted by share, largest first"); the bar sorts as share
SORT_NAMES = {"setup": N_("setup"), "lost": N_("amount lost"), "share": N_("share"),
              "bar": N_("share"), "fiat": N_("value lost"), "exposed": N_("exposed"),
              "first": N_("first loss"), "last": N_("last loss")}


EIGHTHS = " ▏▎▍▌▋▊▉"  # a cell filled by 0/8 to 7/8, left to right


def share_bar(fraction: Decimal, width: int = BAR_WIDTH) -> str:
    """A bar of ``width`` cells for a share of the pool, in eighths of a cell (drawing only).

    Ten cells of eight steps tell 1%, 2% and 5% apart ('▏', '▎', '▌'); any loss at all
    draws at least one eighth, and only a whole loss fills the bar."""
    steps = width * 8
    filled = round(float(fraction) * steps)
    if fraction > 0 and filled == 0:
        filled = 1  # any loss at all is visible
    if fraction < 1 and filled == steps:
        filled = steps - 1  # and a loss short of everything never reads as everything
    whole, part = divmod(filled, 8)
    bar = "█" * whole + (EIGHTHS[part] if part else "")
    return bar + "░" * (width - len(bar))


def name_cell(label: str, width: int) -> Text:
    """A setup's name for a column ``width`` cells wide. A name with wide (Japanese)
    characters is wrapped here, between characters but never inside a Latin word such
    as ``2-of-3`` or ``Safe``; the table's own wrap would cut those anywhere."""
    if cell_len(label) == len(label):
        return Text(label)  # English: the table wraps it at spaces
    return Text("\n".join(wrap(label, width)))


def sentences(parts: list[str]) -> str:
    """Sentences run together as the language writes them (a space in English, none
    in Japanese)."""
    return reduce(lambda text, more: _("{sentences} {sentence}").format(
        sentences=text, sentence=more), parts) if parts else ""


class CompareTable(DataTable):
    """The comparison's table: left and right scroll one whole column at a time."""

    def _column_edges(self) -> list[int]:
        """Where each scrolling column starts, in cells from the first scrolling one."""
        edges, x = [0], 0
        for column in self.ordered_columns[self.fixed_columns:]:
            x += column.get_render_width(self)
            edges.append(x)
        return edges

    def action_cursor_right(self) -> None:
        """Scroll so that the next column starts at the left edge."""
        now = round(self.scroll_x)
        later = [e for e in self._column_edges() if e > now]
        self.scroll_to(x=min(later[0], self.max_scroll_x) if later else self.max_scroll_x,
                       animate=False)

    def action_cursor_left(self) -> None:
        """Scroll so that the previous column starts at the left edge."""
        now = round(self.scroll_x)
        earlier = [e for e in self._column_edges() if e < now]
        self.scroll_to(x=earlier[-1] if earlier else 0, animate=False)


class CompareScreen(Screen[None]):
    """A sortable table of every setup; Enter opens the highlighted setup's replay."""

    CSS_PATH = Path(__file__).parent.parent / "compare.tcss"  # read when first opened

    AUTO_FOCUS = "#compare-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", N_("Open replay"), tooltip=N_("Replay the highlighted setup")),
        Binding("s", "sort_next", N_("Sort"), tooltip=N_("Sort by the next column")),
        Binding("o", "reverse", N_("Reverse"), tooltip=N_("Reverse the order")),
    ]

    app: WalletApp  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__(id="compare")
        self.sort_key = "share"
        self.descending = True
        self.lines: list[Line] = []
        self._version = -1
        self._lang = i18n.current()  # the language the widgets were composed in
        self._recomposing = False  # messages from the widgets being replaced are ignored

    def compose(self) -> ComposeResult:
        self._lang = i18n.current()
        yield IncidentBar()
        yield Static(id="compare-title", markup=False)
        yield CompareTable(id="compare-table", cursor_type="row", zebra_stripes=True,
                           fixed_columns=1)
        with VerticalScroll(id="compare-detail", can_focus=False):
            yield Static(id="compare-why", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._load()

    async def recompose(self) -> None:
        """Rebuild every text in the current language (the app's live language switch),
        keeping the order and the highlighted setup; the replays are made again from the
        app's incident, localized by now, so labels and explanations change language too."""
        if not self.is_attached:
            return
        keep = self._highlighted() if self.query("#compare-table") else None
        self._recomposing = True
        try:
            await super().recompose()
        finally:
            self._recomposing = False
        self._load(keep)
        self.query_one("#compare-table", DataTable).focus()

    async def on_screen_resume(self) -> None:
        if self._lang != i18n.current():  # the language changed while this was hidden
            await self.recompose()
        # the What-if screen may have added setups since the table was filled
        elif self._version != self.app.setups_version:
            self._load()

    def _load(self, highlight: str | None = None) -> None:
        incident = self.app.incident
        self._version = self.app.setups_version
        replays = [replay(incident, s) for s in self.app.setups]
        self.lines = [Line(n, r, row) for n, (r, row) in
                      enumerate(zip(replays, comparison(replays), strict=True))]
        self._fill(highlight)

    def on_resize(self) -> None:
        if not self._recomposing:
            self._fill()

    # --- the table ------------------------------------------------------------------------

    @property
    def ordered(self) -> list[Line]:
        """The lines in the current sort order (ties keep catalog order)."""
        key = dict((k, f) for k, _, f in COLUMNS)[self.sort_key]
        out = sorted(self.lines, key=lambda x: x.n)
        return sorted(out, key=key, reverse=self.descending)  # type: ignore[arg-type]

    def _label_width(self) -> int:
        # what is left of the screen after the figures, but no wider than the longest name;
        # a longer name wraps onto more lines of its row rather than being cut
        others = 13 + 8 + BAR_WIDTH + 14 + 2 * 5 + 2
        # in cells: a Japanese name is twice as wide as it is long
        longest = max((cell_len(x.row.label) for x in self.lines), default=18)
        return max(18, min(longest, self.size.width - others))

    def _fill(self, highlight: str | None = None) -> None:
        if not self.lines:
            return
        table = self.query_one("#compare-table", DataTable)
        current = highlight or self._highlighted()
        # rows only: clearing columns too and refilling before the table's idle pass
        # leaves Textual 8.2.8 with the headings' widths
        table.clear()
        symbol = clean(self.app.incident.asset.symbol)
        width = self._label_width()
        for key, heading, _sort in COLUMNS:
            mark = "  "  # same width either way: the heading's width is fixed when added
            if key == self.sort_key:
                mark = " v" if self.descending else " ^"
            heading = _(heading)
            if key in ("lost", "exposed"):
                heading = _("{heading} ({symbol})").format(heading=heading, symbol=symbol)
            label = Text(heading + mark)
            if ColumnKey(key) not in table.columns:
                table.add_column(label, key=key, width=width if key == "setup" else None)
            else:
                column = table.columns[ColumnKey(key)]
                column.label = label
                if key == "setup":
                    column.width = width
        for line in self.ordered:
            r, s = line.row, line.replay.summary
            table.add_row(
                name_cell(r.label, width),
                Text(r.lost_units, justify="right"),
                Text(r.lost_share, justify="right"),
                Text(share_bar(r.lost_fraction)),
                Text(r.fiat, justify="right"),
                Text(_("{amount} ({share})").format(amount=r.exposed_units,
                                                   share=r.exposed_share), justify="right"),
                Text(r.first_loss if s.first_loss else _("none")),
                Text(r.last_loss if s.last_loss else _("none")),
                key=r.setup_id,
                height=None,  # as many lines as the name needs at this width
            )
        ids = [x.row.setup_id for x in self.ordered]
        table.move_cursor(row=ids.index(current) if current in ids else 0, animate=False)
        heading = _(SORT_NAMES.get(self.sort_key, self.sort_key))
        order = _("largest first") if self.descending else _("smallest first")
        if self.sort_key == "setup":
            order = _("reversed") if self.descending else _("as listed")
        elif self.sort_key in ("first", "last"):
            order = _("latest first") if self.descending else _("earliest first")
        self.query_one("#compare-title", Static).update(rich_text(ngettext(
            "{title}: {count} setup. Sorted by {column}, {order}. Times {zone}.",
            "{title}: {count} setups. Sorted by {column}, {order}. Times {zone}.",
            len(self.lines)).format(title=self.app.incident.title, count=len(self.lines),
                                    column=heading, order=order,
                                    zone=self.app.incident.timezone)))
        self._show_detail()

    def _highlighted(self) -> str | None:
        table = self.query_one("#compare-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return key

    def _show_detail(self) -> None:
        setup_id = self._highlighted()
        line = next((x for x in self.lines if x.row.setup_id == setup_id), None)
        if line is None:
            return
        r = line.row
        text = Text.assemble((r.label, "bold"))
        where = {"library": _("from the library"), "what-if": _("built in What if")}
        text.append(_(" ({origin}): lost {lost}, exposed {exposed}").format(
            origin=where.get(r.origin, _("this incident")), lost=r.lost_share,
            exposed=r.exposed_share))
        text.append("\n")
        # it names places from the file (linked() guards them); glossary terms are links
        text.append_text(linked(sentences(explain(line.replay))))
        text.append("\n")
        text.append(_("Enter opens its replay; left/right scroll the table a column at a time."),
                    style="italic")
        detail = self.query_one("#compare-detail", VerticalScroll)
        detail.query_one("#compare-why", Static).update(text)
        detail.scroll_home(animate=False)

    @on(DataTable.RowHighlighted, "#compare-table")
    def _row_highlighted(self) -> None:
        if not self._recomposing:
            self._show_detail()

    @on(DataTable.RowSelected, "#compare-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.app.open_replay(event.row_key.value)

    @on(DataTable.HeaderSelected, "#compare-table")
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        key = event.column_key.value or "share"
        self.sort_by(key, not self.descending if key == self.sort_key else key != "setup")

    # --- actions ---------------------------------------------------------------------------

    def sort_by(self, key: str, descending: bool) -> None:
        """Sort the table by column ``key``."""
        self.sort_key, self.descending = key, descending
        self._fill()

    def action_sort_next(self) -> None:
        """Sort by the next column (figures largest first, setups in catalog order)."""
        key = SORT_KEYS[(SORT_KEYS.index(self.sort_key) + 1) % len(SORT_KEYS)]
        self.sort_by(key, key != "setup")

    def action_reverse(self) -> None:
        """Reverse the order."""
        self.sort_by(self.sort_key, not self.descending)

    def action_open(self) -> None:
        """Open the highlighted setup's replay."""
        setup_id = self._highlighted()
        if setup_id:
            self.app.open_replay(setup_id)
