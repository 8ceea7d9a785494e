"""Rich renderables for the analyses at a terminal (cuts, response curve, sweeps).

Every label from a file goes into a ``Text`` (never parsed as markup).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from explainer import numbers as fmt
from explainer.analysis import CurveStep, Cut, Sweep
from explainer.model import Incident, Setup
from explainer.report.analysis import (
    SHOWN,
    SetupCuts,
    column_label,
    own_step,
    places,
    row_label,
    short_share,
    step_words,
)
from explainer.safe_text import rich_text


def _title(setup: Setup, extra: str = "") -> Text:
    text = rich_text(setup.label, style="bold")
    text.append(f" ({setup.id}{extra})", style="dim")
    return text


def cuts_tables(incident: Incident, results: Sequence[SetupCuts]) -> RenderableType:
    """Per setup, one row per cut: the places that must fall and what that does to the
    wallet (takes part of it, takes all of it, or locks the venue out of it)."""
    parts: list[RenderableType] = []
    sym = incident.asset.symbol
    for r in results:
        noun = "failure domain" if r.domains == 1 else "failure domains"
        parts.append(_title(r.setup, f"; {r.domains} {noun}"))
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column("Wallet", min_width=18, overflow="fold")
        table.add_column("If these places fall", overflow="fold")
        table.add_column(f"The attacker takes ({sym})", no_wrap=True)
        for t, lo in zip(r.theft, r.lockout, strict=True):
            rows: list[tuple[Text, Text]] = []
            whole = {c.domains for c in t.everything}
            for c in t.anything[:SHOWN]:
                share = fmt.percent(c.amount / incident.pool)
                effect = Text(f"all: {fmt.units(c.amount)} ({share})" if c.domains in whole
                              else f"up to {fmt.units(c.amount)} ({share})", style="red")
                rows.append((_places(c), effect))
            some = {c.domains for c in t.anything}
            for c in t.everything[:SHOWN]:
                if c.domains not in some:
                    rows.append((_places(c), Text("all", style="red")))
            hidden = max(len(t.anything) - SHOWN, 0) + max(len(t.everything) - SHOWN, 0)
            if not t.anything:
                rows.append((Text("no set of places", style="dim"),
                             Text("nothing", style="green")))
            for c in lo.cuts[:SHOWN]:
                rows.append((_places(c), Text("(venue locked out)", style="yellow")))
            hidden += max(len(lo.cuts) - SHOWN, 0)
            if hidden:
                rows.append((Text(f"... {hidden} more (all in --format json)", style="dim"),
                             Text("")))
            head = rich_text(t.label, style="bold")
            head.append(f"\n{fmt.amount(t.holds, sym)}", style="dim")
            for i, (where, effect) in enumerate(rows):
                table.add_row(head if i == 0 else "", where, effect)
            table.add_section()
        parts.append(table)
    return Group(*parts)


def _places(cut: Cut) -> Text:
    text = rich_text(places(cut))
    if cut.reached:
        text.append(" (reached in this incident)", style="dim")
    return text


def curve_tables(incident: Incident, curves: Sequence[tuple[Setup, tuple[CurveStep, ...]]]
                 ) -> RenderableType:
    """Per setup, the loss against the freeze delay after the first outflow."""
    parts: list[RenderableType] = []
    sym = incident.asset.symbol
    for setup, curve in curves:
        parts.append(_title(setup))
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False,
                      caption="> marks where this setup's own response falls")
        table.add_column("Freeze after the first outflow", overflow="fold")
        table.add_column(f"Lost ({sym})", justify="right", no_wrap=True)
        table.add_column("Share", justify="right", no_wrap=True)
        own = own_step(incident, setup, curve)
        for i, step in enumerate(curve):
            share = step.lost / incident.pool
            words = ("> " if i == own else "  ") + step_words(step, i == 0)
            table.add_row(words, fmt.units(step.lost),
                          Text(fmt.percent(share), style="red" if share > 0 else "green"),
                          style="bold" if i == own else None)
        parts.append(table)
    return Group(*parts)


def sweep_table(incident: Incident, sweep: Sweep) -> RenderableType:
    """The grid of the share of the pool lost, in whole percent."""
    if sweep.kind == "hot-freeze":
        corner = "hot \\ freeze"
        caption = "share of the pool lost (%), by hot share and freeze delay"
    else:
        corner = "m \\ shared"
        caption = "share of the pool lost (%), by threshold and keys in the compromised place"
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, caption=caption)
    table.add_column(corner, no_wrap=True)
    for c in sweep.columns:
        table.add_column(column_label(sweep, c), justify="right", no_wrap=True)
    for value, row in zip(sweep.rows, sweep.lost, strict=True):
        cells = []
        for v in row:
            text = short_share(v, sweep.pool)
            cells.append(Text(text, style="green" if text == "0" else "red" if v else ""))
        table.add_row(row_label(sweep, value), *cells)
    return Group(rich_text(incident.title, style="bold"), table)
