"""Rich renderables for people at a terminal, built from the same rows as every output.

Every cell and heading is a ``Text`` (``_t``), never a markup string: a label such as
``[/]`` or ``[link=...]`` from a scenario file is shown as written.
"""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from explainer import numbers as fmt
from explainer.engine import Replay
from explainer.model import Incident, Setup
from explainer.report.rows import comparison, event_rows, first_day, headline
from explainer.safe_text import clean, rich_text

_t = rich_text  # every string handed to Rich goes through this

_OUTCOME_STYLE = {"moved": "bold red", "partly moved": "yellow", "blocked": "green"}


def header(incident: Incident) -> Text:
    """The incident's story in three lines."""
    lines = headline(incident)
    text = _t(lines[0], style="bold")
    for line in lines[1:]:
        text.append("\n" + line)
    return text


WIDE = 140  # below this many columns, details go under each row instead of into columns


def comparison_table(replays: list[Replay], width: int = 80) -> Table:
    """Setups side by side: what the attacker held, exposed, lost, share, value, why."""
    sym = clean(replays[0].incident.asset.symbol) if replays else ""
    rows = comparison(replays)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=width < WIDE)
    if width >= WIDE:
        table.add_column("Setup", ratio=3, overflow="fold")
        table.add_column("Attacker held", ratio=2, overflow="fold")
        table.add_column(_t(f"Exposed ({sym})"), justify="right", no_wrap=True)
        table.add_column(_t(f"Lost ({sym})"), justify="right", no_wrap=True)
        table.add_column("Share", justify="right", no_wrap=True)
        table.add_column("Value lost", justify="right", no_wrap=True)
        table.add_column("Why", ratio=4, overflow="fold")
    else:
        table.add_column("Setup", ratio=1, overflow="fold")
        table.add_column(_t(f"Lost ({sym})"), justify="right", no_wrap=True)
        table.add_column("Share", justify="right", no_wrap=True)
        table.add_column("Value lost", justify="right", no_wrap=True)
    for r, row in zip(replays, rows, strict=True):
        s = r.summary
        share = Text(row.lost_share, style="red" if row.lost_fraction > 0 else "green")
        label = _t(row.label + (" (library)" if row.origin == "library" else ""), style="bold")
        exposed, lost = fmt.units(s.exposed), fmt.units(s.lost)
        if width >= WIDE:
            table.add_row(label, _t(row.held), exposed, lost, share, _t(row.fiat), _t(row.why))
        else:
            label.append(f"\nexposed: {row.exposed} ({row.exposed_share})\nheld: {row.held}"
                         f"\nwhy: {row.why}", style="dim")
            table.add_row(label, _t(lost), share, _t(row.fiat))
    return table


def timeline_table(replay: Replay, width: int = 80) -> Table:
    """The events of one replay, in order, with outcome and reason."""
    rows = event_rows(replay)
    if width >= WIDE:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column("Time", no_wrap=True)
        table.add_column("Wallet", overflow="fold")
        table.add_column("Requested", justify="right", no_wrap=True)
        table.add_column("Moved", justify="right", no_wrap=True)
        table.add_column("Outcome", no_wrap=True)
        table.add_column("Reason", ratio=1, overflow="fold")
        for e in rows:
            table.add_row(_t(e.time), _t(e.wallet), _t(e.requested), _t(e.moved),
                          Text(e.outcome, style=_OUTCOME_STYLE[e.outcome]), _t(e.reason))
        return table
    sym = clean(replay.incident.asset.symbol)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
    table.add_column("Time", no_wrap=True)
    table.add_column("What happened", ratio=1, overflow="fold")
    for e in rows:
        line = _t(f"{e.wallet}: ")
        line.append(e.outcome, style=_OUTCOME_STYLE[e.outcome])
        if e.outcome == "partly moved":
            line.append(f" {e.moved} of {e.requested} {sym}\n")
        else:
            line.append(f" {e.requested} {sym}\n")
        line.append(e.reason, style="dim")
        table.add_row(_t(e.time), line)
    return table


def summary_text(replay: Replay) -> Text:
    """One setup's totals in words."""
    s, sym = replay.summary, clean(replay.incident.asset.symbol)
    text = Text()
    text.append(_t(replay.setup.label, style="bold"))
    text.append("\n")
    text.append(_t(replay.setup.summary, multiline=True))
    text.append("\n")
    text.append(f"Exposed {fmt.amount(s.exposed, sym)} ({fmt.percent(s.exposed_fraction)}); ")
    text.append(f"lost {fmt.amount(s.lost, sym)} ({fmt.percent(s.lost_fraction)})",
                style="bold red" if s.lost else "bold green")
    if s.first_loss and s.last_loss:
        day = first_day(replay.incident)
        first, last = fmt.stamp(s.first_loss, day), fmt.stamp(s.last_loss, day)
        span = f"at {first}" if first == last else f"from {first} to {last}"
        text.append(f", {span} {clean(replay.incident.timezone)}")
    text.append(".")
    return text


def report(incident: Incident, replays: list[Replay], width: int = 80) -> Group:
    """The whole terminal report: story, comparison, and a timeline when one setup is shown."""
    parts = [header(incident), Text(""), comparison_table(replays, width)]
    if len(replays) == 1:
        parts += [summary_text(replays[0]), timeline_table(replays[0], width)]
    parts.append(_t(f"Times are {incident.timezone}; '~' marks an approximate time.",
                    style="dim"))
    return Group(*parts)


def setups_table(incident: Incident, setups: list[Setup]) -> Table:
    """The setups one can replay for an incident."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Id", no_wrap=True)
    table.add_column("Setup", overflow="fold")
    table.add_column("From", no_wrap=True)
    for s in setups:
        table.add_row(_t(s.id), _t(s.label), "incident" if s.origin == "incident" else "library")
    return table


def scenarios_table(entries: list[tuple[str, str, str]]) -> Table:
    """Bundled scenarios: id, title, date."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Id", no_wrap=True)
    table.add_column("Incident", overflow="fold")
    table.add_column("Date", no_wrap=True)
    for ident, title, date in entries:
        table.add_row(_t(ident), _t(title), _t(date))
    return table


def matrix_table(matrix) -> Group:
    """Share of each pool lost (%), setups down, incidents across under 3-letter heads."""
    from explainer.report.matrix import short

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1, 0, 0),
                  title="% of each pool lost",
                  title_justify="left")
    table.add_column("Setup", overflow="fold", min_width=26)
    heads = [incident.id[:3].capitalize() for incident in matrix.incidents]
    for head in heads:
        table.add_column(_t(head), justify="right", no_wrap=True, min_width=3)
    for sid, _label in matrix.setups:
        cells = []
        for incident in matrix.incidents:
            summary = matrix.cells.get((incident.id, sid))
            if summary is None:
                cells.append(Text("-", style="dim"))
            else:
                value = short(summary.lost_fraction)
                cells.append(Text(value, style="red" if summary.lost else "green"))
        table.add_row(_t(sid), *cells)
    legend = Text("  ".join(f"{h} {i.id}" for h, i in zip(heads, matrix.incidents, strict=True)),
                  style="dim")
    return Group(table, legend)
