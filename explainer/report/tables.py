"""Rich renderables for people at a terminal, built from the same rows as every output.

Every cell and heading is a ``Text`` (``_t``), never a markup string: a label such as
``[/]`` or ``[link=...]`` from a scenario file is shown as written.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from explainer import i18n
from explainer import numbers as fmt
from explainer.engine import Replay
from explainer.i18n import N_, _
from explainer.model import Incident, Setup
from explainer.report.rows import (
    EventRow,
    Row,
    comparison,
    event_rows,
    first_day,
    freeze_note,
    headline,
    last_loss,
)
from explainer.safe_text import clean, rich_text

if TYPE_CHECKING:
    from explainer.report.matrix import Matrix


def _t(text: str, style: str = "", multiline: bool = False) -> Text:
    """Every string handed to Rich goes through this: the guard's ``Text``, which in
    Japanese breaks between characters (``ja_wrap``) rather than only at spaces."""
    made = rich_text(text, style=style, multiline=multiline)
    if i18n.current() == "ja":
        from explainer.report.ja_wrap import BreakText

        return BreakText.of(made)
    return made


def _longest(text: str) -> int:
    """The widest part of ``text`` a line cannot break (a word; in Japanese, a run of
    Latin letters and digits or one character)."""
    if i18n.current() == "ja":
        from explainer.report.ja_wrap import longest_piece

        return longest_piece(text)
    return max((cell_len(w) for w in text.split()), default=0)


_OUTCOME_STYLE = {"moved": "bold red", "partial": "yellow", "blocked": "green"}
# Column headings, translated where a table is built.
SETUP, HELD, SHARE, VALUE_LOST, WHY = (N_("Setup"), N_("Attacker held"), N_("Share"),
                                        N_("Value lost"), N_("Why"))
TIME, WALLET, REQUESTED, MOVED, OUTCOME, REASON, WHAT_HAPPENED = (
    N_("Time"), N_("Wallet"), N_("Requested"), N_("Moved"), N_("Outcome"), N_("Reason"),
    N_("What happened"))
ID, INCIDENT, DATE, FROM = N_("Id"), N_("Incident"), N_("Date"), N_("From")
ORIGIN_WORDS = {"incident": N_("incident"), "library": N_("library")}


def header(incident: Incident) -> Text:
    """The incident's story in three lines."""
    lines = headline(incident)
    text = _t(lines[0], style="bold")
    for line in lines[1:]:
        text.append("\n" + line)
    return text


WIDE = 140  # below this many columns, details go under each row instead of into columns
_UNBOUNDED = 100_000
_TEXT_MIN = 20  # a column of words narrower than this reads badly: switch layout instead
MIN_WIDTH = 40  # narrower terminals get 40-column lines, which the terminal wraps itself


def fits(renderable: RenderableType, width: int) -> bool:
    """True when ``renderable`` can be drawn ``width`` columns wide without cutting a cell
    (Rich would otherwise shorten a no-wrap cell, a figure, with an ellipsis)."""
    # measured without a bound: Rich clamps measurements to the width it is given
    console = Console(width=_UNBOUNDED, file=io.StringIO(), color_system=None)
    return Measurement.get(console, console.options, renderable).minimum <= width


def _keep_whole(layout: Table) -> Table:
    """Give each no-wrap column of a table its widest cell as its minimum width.

    Rich measures a column's minimum as its longest word even when the column never
    wraps, so a several-word cell (mtgox-2014's date window '2011-09-11 to 2014-02-28')
    could be judged to fit and then be cropped; with the whole cell as the minimum,
    ``fits`` is honest. (The figure tables need not: their no-wrap cells are one figure,
    or a figure Rich keeps whole, which the width tests hold at every width.)"""
    if isinstance(layout, Table):
        for column in layout.columns:
            if column.no_wrap:
                widest = max((cell_len(line) for cell in column.cells
                              for line in (cell.plain if isinstance(cell, Text) else
                                           str(cell)).splitlines()), default=0)
                column.min_width = max(column.min_width or 0, widest)
    return layout


def _first_that_fits(width: int, *builders: Callable[[], RenderableType]) -> RenderableType:
    """The first layout that fits ``width``; the last one is built to fit any width."""
    for build in builders[:-1]:
        layout = build()
        if fits(layout, width):
            return layout
    return builders[-1]()


def _facts(pairs: list[tuple[str, Text]]) -> Table:
    """Name/value lines for the stacked layouts: values wrap between words only."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="dim")
    grid.add_column(ratio=1, overflow="fold")
    for name, value in pairs:
        grid.add_row(name, value)
    return grid


def comparison_table(replays: list[Replay], width: int = 80) -> RenderableType:
    """Setups side by side: what the attacker held, exposed, lost, share, value, why.

    The widest layout that shows every figure whole: all columns at 140 columns and more,
    then figures in columns with the details under each setup, then (narrow terminals)
    one block per setup with a figure per line.
    """
    rows = comparison(replays)
    if width >= WIDE:
        return _first_that_fits(width, lambda: _comparison_columns(replays, rows, True),
                                lambda: _comparison_columns(replays, rows, False),
                                lambda: _comparison_blocks(rows))
    return _first_that_fits(width, lambda: _comparison_columns(replays, rows, False),
                            lambda: _comparison_blocks(rows))


def _longest_word(rows: list[Row]) -> int:
    return max((_longest(_details(r)) for r in rows), default=0)


def _details(row: Row) -> str:
    """The lines under a setup's name in the middle layout (they start with a newline)."""
    return _("\nexposed: {exposed} ({share})\nheld: {held}\nwhy: {why}").format(
        exposed=row.exposed, share=row.exposed_share, held=row.held, why=row.why)


def _setup_label(row: Row) -> Text:
    label = _("{label} (library)").format(label=row.label) if row.origin == "library" \
        else row.label
    return _t(label, style="bold")


def _share(row: Row) -> Text:
    return Text(row.lost_share, style="red" if row.lost_fraction > 0 else "green")


def _comparison_columns(replays: list[Replay], rows: list[Row], wide: bool) -> Table:
    sym = clean(replays[0].incident.asset.symbol) if replays else ""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=not wide)
    if wide:
        table.add_column(_t(_(SETUP)), ratio=3, overflow="fold", min_width=_TEXT_MIN)
        table.add_column(_t(_(HELD)), ratio=2, overflow="fold", min_width=_TEXT_MIN)
        table.add_column(_t(_("Exposed ({symbol})").format(symbol=sym)), justify="right",
                         no_wrap=True)
        table.add_column(_t(_("Lost ({symbol})").format(symbol=sym)), justify="right",
                         no_wrap=True)
        table.add_column(_t(_(SHARE)), justify="right", no_wrap=True)
        table.add_column(_t(_(VALUE_LOST)), justify="right", no_wrap=True)
        table.add_column(_t(_(WHY)), ratio=4, overflow="fold", min_width=_TEXT_MIN)
    else:
        # the details under each setup hold figures too: never narrower than its longest word
        table.add_column(_t(_(SETUP)), ratio=1, overflow="fold",
                         min_width=max(_TEXT_MIN, _longest_word(rows)))
        table.add_column(_t(_("Lost ({symbol})").format(symbol=sym)), justify="right",
                         no_wrap=True)
        table.add_column(_t(_(SHARE)), justify="right", no_wrap=True)
        table.add_column(_t(_(VALUE_LOST)), justify="right", no_wrap=True)
    for r, row in zip(replays, rows, strict=True):
        s = r.summary
        label = _setup_label(row)
        exposed, lost = fmt.units(s.exposed), fmt.units(s.lost)
        if wide:
            table.add_row(label, _t(row.held), _t(exposed), _t(lost), _share(row), _t(row.fiat),
                          _t(row.why))
        else:
            label.append(_details(row), style="dim")
            table.add_row(label, _t(lost), _share(row), _t(row.fiat))
    return table


def _comparison_blocks(rows: list[Row]) -> Group:
    parts: list[RenderableType] = []
    for row in rows:
        share = _share(row)
        parts += [_setup_label(row), _facts([
            (_("lost"), _t(row.lost)),
            (_("share"), share),
            (_("value lost"), _t(row.fiat or "-")),
            (_("exposed"), _t(_("{exposed} ({share})").format(exposed=row.exposed,
                                                               share=row.exposed_share))),
            (_("held"), _t(row.held)),
            (_("why"), _t(row.why)),
        ]), Text("")]
    return Group(*parts)


def timeline_table(replay: Replay, width: int = 80) -> RenderableType:
    """The events of one replay, in order, with outcome and reason (the widest layout that
    keeps every time and amount whole, as ``comparison_table`` chooses)."""
    rows = event_rows(replay)
    sym = clean(replay.incident.asset.symbol)
    if width >= WIDE:
        return _first_that_fits(width, lambda: _timeline_columns(rows),
                                lambda: _timeline_two_columns(rows, sym),
                                lambda: _timeline_blocks(rows, sym))
    return _first_that_fits(width, lambda: _timeline_two_columns(rows, sym),
                            lambda: _timeline_blocks(rows, sym))


def _timeline_columns(rows: list[EventRow]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(_t(_(TIME)), no_wrap=True)
    table.add_column(_t(_(WALLET)), overflow="fold")
    table.add_column(_t(_(REQUESTED)), justify="right", no_wrap=True)
    table.add_column(_t(_(MOVED)), justify="right", no_wrap=True)
    table.add_column(_t(_(OUTCOME)), no_wrap=True)
    table.add_column(_t(_(REASON)), ratio=1, overflow="fold")
    for e in rows:
        table.add_row(_t(e.time), _t(e.wallet), _t(e.requested), _t(e.moved),
                      Text(e.outcome, style=_OUTCOME_STYLE[e.kind]), _t(e.reason))
    return table


def _what_happened(e: EventRow, sym: str) -> Text:
    line = _t(_("{wallet}: ").format(wallet=e.wallet))
    line.append(e.outcome, style=_OUTCOME_STYLE[e.kind])
    if e.kind == "partial":
        line.append(_(" {moved} of {requested} {symbol}\n").format(
            moved=e.moved, requested=e.requested, symbol=sym))
    else:
        line.append(_(" {requested} {symbol}\n").format(requested=e.requested, symbol=sym))
    line.append(e.reason, style="dim")
    return line


def _timeline_two_columns(rows: list[EventRow], sym: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
    table.add_column(_t(_(TIME)), no_wrap=True)
    table.add_column(_t(_(WHAT_HAPPENED)), ratio=1, overflow="fold", min_width=_TEXT_MIN)
    for e in rows:
        table.add_row(_t(e.time), _what_happened(e, sym))
    return table


def _timeline_blocks(rows: list[EventRow], sym: str) -> Group:
    parts: list[RenderableType] = []
    for e in rows:
        parts += [_t(e.time, style="bold"), _what_happened(e, sym), Text("")]
    return Group(*parts)


def summary_text(replay: Replay) -> Text:
    """One setup's totals in words."""
    s, sym = replay.summary, clean(replay.incident.asset.symbol)
    text = _t("")
    text.append(_t(replay.setup.label, style="bold"))
    text.append("\n")
    text.append(_t(replay.setup.summary, multiline=True))
    text.append("\n")
    lost = _("lost {lost} ({share})").format(lost=fmt.amount_words(s.lost, sym),
                                            share=fmt.percent(s.lost_fraction))
    when = ""
    if s.first_loss and s.last_loss:
        day = first_day(replay.incident)
        first, last = fmt.stamp(s.first_loss, day), last_loss(replay)
        one = first == last.lstrip("~") or len([e for e in replay.events if e.moved]) == 1
        zone = clean(replay.incident.timezone)
        when = (_(", at {last} {timezone}").format(last=last, timezone=zone) if one else
                _(", from {first} to {last} {timezone}").format(first=first, last=last,
                                                                timezone=zone))
        note = freeze_note(replay)
        if note:
            when += _(" ({note})").format(note=clean(note))
    # the lost part is styled: the sentence is split around it, in whichever order
    # the language puts it
    sentence = _("Exposed {exposed} ({share}); {lost}{when}.")
    before, _mark, after = sentence.partition("{lost}")
    values = {"exposed": fmt.amount_words(s.exposed, sym),
              "share": fmt.percent(s.exposed_fraction), "when": when}
    text.append(before.format(**values))
    text.append(lost, style="bold red" if s.lost else "bold green")
    text.append(after.format(**values))
    return text


def report(incident: Incident, replays: list[Replay], width: int = 80) -> Group:
    """The whole terminal report: story, comparison, and a timeline when one setup is shown."""
    parts = [header(incident), Text(""), comparison_table(replays, width)]
    if len(replays) == 1:
        parts += [summary_text(replays[0]), timeline_table(replays[0], width)]
    parts.append(_t(_("Times are {timezone}; '~' marks an approximate time.").format(
        timezone=incident.timezone), style="dim"))
    return Group(*parts)


def setups_table(incident: Incident, setups: list[Setup], width: int = 80) -> RenderableType:
    """The setups one can replay for an incident (a list of blocks when too narrow)."""
    origin = {s.id: "incident" if s.origin == "incident" else "library" for s in setups}
    entries = [(s.id, s.label, _(ORIGIN_WORDS[origin[s.id]])) for s in setups]
    return _first_that_fits(width, lambda: _id_table(entries, (_(ID), _(SETUP), _(FROM))),
                            lambda: _id_blocks(entries))


def scenarios_table(entries: list[tuple[str, str, str]], width: int = 80) -> RenderableType:
    """Bundled scenarios: id, title, date (a list of blocks when too narrow)."""
    if i18n.current() == "ja":  # 2018年1月26日, as the incident browser writes it
        from explainer.incident_index import shown_date

        shown = [(ident, title, shown_date(date)) for ident, title, date in entries]
    else:
        shown = [(ident, title, date) for ident, title, date in entries]
    return _first_that_fits(width, lambda: _id_table(shown, (_(ID), _(INCIDENT), _(DATE))),
                            lambda: _id_blocks(shown))


def _id_table(entries: list[tuple[str, str, str]], heads: tuple[str, str, str]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(_t(heads[0]), no_wrap=True)
    table.add_column(_t(heads[1]), overflow="fold", min_width=_TEXT_MIN)
    table.add_column(_t(heads[2]), no_wrap=True)
    for ident, words, extra in entries:
        table.add_row(_t(ident), _t(words), _t(extra))
    return _keep_whole(table)


def _id_blocks(entries: list[tuple[str, str, str]]) -> Group:
    parts: list[RenderableType] = []
    for ident, words, extra in entries:
        head = _t(ident, style="bold")
        head.append("  ")
        head.append(_t(extra, style="dim"))
        parts += [head, _facts([("", _t(words))])]
    return Group(*parts)


def matrix_table(matrix: Matrix, width: int = 80) -> Group:
    """Share of each pool lost (%), setups down, incidents across under 3-letter heads.

    When the incidents do not fit side by side in ``width`` columns, they are split into
    several tables, each repeating the setup column: a share is never cut short.
    """
    heads = [clean(incident.id[:3].capitalize()) for incident in matrix.incidents]
    columns = list(zip(heads, matrix.incidents, strict=True))
    most = len(columns)  # the most incident columns one table can hold at this width
    while most > 1 and not fits(_matrix_part(matrix, columns[:most], width, True), width):
        most -= 1
    tables = -(-len(columns) // max(most, 1)) or 1
    size = -(-len(columns) // tables) or 1  # as even as possible: 6 + 5 rather than 10 + 1
    parts: list[RenderableType] = [_matrix_part(matrix, columns[i:i + size], width, i == 0)
                                   for i in range(0, max(len(columns), 1), size)]
    legend = _t("  ".join(f"{h} {i.id}" for h, i in columns), style="dim")
    return Group(*parts, legend)


def _matrix_part(matrix: Matrix, columns: list[tuple[str, Incident]], width: int,
                 first: bool) -> Table:
    from explainer.report.matrix import short

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1, 0, 0),
                  title=_("% of each pool lost") if first else None, title_justify="left")
    longest = max((cell_len(clean(sid)) for sid, _label in matrix.setups), default=0)
    # setup ids whole when they fit next to one incident column; folded only below that
    table.add_column(_t(_(SETUP)), overflow="fold", min_width=max(1, min(longest, width - 6)))
    for head, _incident in columns:
        table.add_column(_t(head), justify="right", no_wrap=True, min_width=3)
    for sid, _label in matrix.setups:
        cells = []
        for _head, incident in columns:
            summary = matrix.cells.get((incident.id, sid))
            if summary is None:
                cells.append(Text("-", style="dim"))
            else:
                value = short(summary.lost_fraction)
                cells.append(Text(value, style="red" if summary.lost else "green"))
        table.add_row(_t(sid), *cells)
    return table
