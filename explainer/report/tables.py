"""Rich renderables for people at a terminal, built from the same rows as every output."""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from explainer import numbers as fmt
from explainer.engine import Replay
from explainer.model import Incident, Setup
from explainer.report.rows import (
    comparison,
    event_rows,
    first_day,
    freeze_note,
    headline,
    last_loss,
)

_OUTCOME_STYLE = {"moved": "bold red", "partly moved": "yellow", "blocked": "green"}


def header(incident: Incident) -> Text:
    """The incident's story in three lines."""
    lines = headline(incident)
    text = Text(lines[0], style="bold")
    for line in lines[1:]:
        text.append("\n" + line)
    return text


WIDE = 140  # below this many columns, details go under each row instead of into columns


def comparison_table(replays: list[Replay], width: int = 80) -> Table:
    """Setups side by side: what the attacker held, exposed, lost, share, value, why."""
    sym = replays[0].incident.asset.symbol if replays else ""
    rows = comparison(replays)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=width < WIDE)
    if width >= WIDE:
        table.add_column("Setup", ratio=3, overflow="fold")
        table.add_column("Attacker held", ratio=2, overflow="fold")
        table.add_column(f"Exposed ({sym})", justify="right", no_wrap=True)
        table.add_column(f"Lost ({sym})", justify="right", no_wrap=True)
        table.add_column("Share", justify="right", no_wrap=True)
        table.add_column("Value lost", justify="right", no_wrap=True)
        table.add_column("Why", ratio=4, overflow="fold")
    else:
        table.add_column("Setup", ratio=1, overflow="fold")
        table.add_column(f"Lost ({sym})", justify="right", no_wrap=True)
        table.add_column("Share", justify="right", no_wrap=True)
        table.add_column("Value lost", justify="right", no_wrap=True)
    for r, row in zip(replays, rows, strict=True):
        s = r.summary
        share = Text(row.lost_share, style="red" if row.lost_fraction > 0 else "green")
        label = Text(row.label + (" (library)" if row.origin == "library" else ""), style="bold")
        exposed, lost = fmt.units(s.exposed), fmt.units(s.lost)
        if width >= WIDE:
            table.add_row(label, row.held, exposed, lost, share, row.fiat, row.why)
        else:
            label.append(f"\nexposed: {row.exposed} ({row.exposed_share})\nheld: {row.held}"
                         f"\nwhy: {row.why}", style="dim")
            table.add_row(label, lost, share, row.fiat)
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
            table.add_row(e.time, e.wallet, e.requested, e.moved,
                          Text(e.outcome, style=_OUTCOME_STYLE[e.outcome]), e.reason)
        return table
    sym = replay.incident.asset.symbol
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, expand=True)
    table.add_column("Time", no_wrap=True)
    table.add_column("What happened", ratio=1, overflow="fold")
    for e in rows:
        line = Text(f"{e.wallet}: ")
        line.append(e.outcome, style=_OUTCOME_STYLE[e.outcome])
        if e.outcome == "partly moved":
            line.append(f" {e.moved} of {e.requested} {sym}\n")
        else:
            line.append(f" {e.requested} {sym}\n")
        line.append(e.reason, style="dim")
        table.add_row(e.time, line)
    return table


def summary_text(replay: Replay) -> Text:
    """One setup's totals in words."""
    s, sym = replay.summary, replay.incident.asset.symbol
    text = Text()
    text.append(f"{replay.setup.label}\n", style="bold")
    text.append(f"{replay.setup.summary}\n")
    text.append(f"Exposed {fmt.amount(s.exposed, sym)} ({fmt.percent(s.exposed_fraction)}); ")
    text.append(f"lost {fmt.amount(s.lost, sym)} ({fmt.percent(s.lost_fraction)})",
                style="bold red" if s.lost else "bold green")
    if s.first_loss and s.last_loss:
        day = first_day(replay.incident)
        first, last = fmt.stamp(s.first_loss, day), last_loss(replay)
        one = first == last.lstrip("~") or len([e for e in replay.events if e.moved]) == 1
        span = f"at {last}" if one else f"from {first} to {last}"
        text.append(f", {span} {replay.incident.timezone}")
        note = freeze_note(replay)
        if note:
            text.append(f" ({note})")
    text.append(".")
    return text


def report(incident: Incident, replays: list[Replay], width: int = 80) -> Group:
    """The whole terminal report: story, comparison, and a timeline when one setup is shown."""
    parts = [header(incident), Text(""), comparison_table(replays, width)]
    if len(replays) == 1:
        parts += [summary_text(replays[0]), timeline_table(replays[0], width)]
    parts.append(Text(f"Times are {incident.timezone}; '~' marks an approximate time.",
                      style="dim"))
    return Group(*parts)


def setups_table(incident: Incident, setups: list[Setup]) -> Table:
    """The setups one can replay for an incident."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Id", no_wrap=True)
    table.add_column("Setup", overflow="fold")
    table.add_column("From", no_wrap=True)
    for s in setups:
        table.add_row(s.id, s.label, "incident" if s.origin == "incident" else "library")
    return table


def scenarios_table(entries: list[tuple[str, str, str]]) -> Table:
    """Bundled scenarios: id, title, date."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Id", no_wrap=True)
    table.add_column("Incident", overflow="fold")
    table.add_column("Date", no_wrap=True)
    for ident, title, date in entries:
        table.add_row(ident, title, date)
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
        table.add_column(head, justify="right", no_wrap=True, min_width=3)
    for sid, _label in matrix.setups:
        cells = []
        for incident in matrix.incidents:
            summary = matrix.cells.get((incident.id, sid))
            if summary is None:
                cells.append(Text("-", style="dim"))
            else:
                value = short(summary.lost_fraction)
                cells.append(Text(value, style="red" if summary.lost else "green"))
        table.add_row(sid, *cells)
    legend = Text("  ".join(f"{h} {i.id}" for h, i in zip(heads, matrix.incidents, strict=True)),
                  style="dim")
    return Group(table, legend)
