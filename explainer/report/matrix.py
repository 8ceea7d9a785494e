"""Every incident under its own as-run setup and every library setup: the share lost."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Context, Decimal
from typing import Any

from explainer import catalog
from explainer import numbers as fmt
from explainer.engine import Summary, summarise
from explainer.i18n import _
from explainer.model import Incident
from explainer.safe_text import markdown as markdown_text

_WIDE = Context(prec=60)


@dataclass(frozen=True, slots=True)
class Matrix:
    """Summaries by incident and setup; setup ids are the columns, 'as-run' first."""

    incidents: tuple[Incident, ...]
    setups: tuple[tuple[str, str], ...]  # (id, label)
    cells: dict[tuple[str, str], Summary]


def build(incidents: list[Incident]) -> Matrix:
    """Replay each incident under its own as-run setup (if any) and every library setup."""
    _domains, library = catalog.library()
    columns = [("as-run", _("as run"))] + [(s.id, s.label) for s in library]
    cells: dict[tuple[str, str], Summary] = {}
    for incident in incidents:
        by_id = {s.id: s for s in catalog.setups_for(incident)}
        for setup_id, _label in columns:
            if setup_id in by_id:
                cells[(incident.id, setup_id)] = summarise(incident, by_id[setup_id])
    return Matrix(tuple(incidents), tuple(columns), cells)


def short(fraction: Decimal) -> str:
    """A share for a narrow cell: 100, 45, 5, <1, 0."""
    pct = fraction * 100
    if pct == 0:
        return "0"
    if pct < 1:
        return "<1"
    return str(int(pct.to_integral_value()))


def document(matrix: Matrix) -> dict[str, Any]:
    """The matrix as plain data for JSON (amounts as decimal strings)."""
    return {
        "setups": [{"id": i, "label": label} for i, label in matrix.setups],
        "incidents": [{"id": i.id, "title": i.title, "asset": i.asset.symbol,
                       "pool": format(i.pool.normalize(), "f")} for i in matrix.incidents],
        "cells": [{"incident": inc, "setup": sid,
                   "lost": format(s.lost.normalize(), "f"),
                   "lost_fraction": format(s.lost_fraction.quantize(Decimal("1e-10"),
                                                                     context=_WIDE).normalize(),
                                           "f"),
                   "exposed": format(s.exposed.normalize(), "f")}
                  for (inc, sid), s in matrix.cells.items()],
    }


def markdown(matrix: Matrix) -> str:
    """The matrix as a Markdown table of the share of each pool lost."""
    head = f"| {_('Setup')} | " + " | ".join(markdown_text(i.id) for i in matrix.incidents) \
        + " |"
    rule = "|---|" + "---:|" * len(matrix.incidents)
    lines = ["# " + _("Share of each pool lost, by setup"), "", head, rule]
    for sid, label in matrix.setups:
        cells = [fmt.percent(matrix.cells[(i.id, sid)].lost_fraction)
                 if (i.id, sid) in matrix.cells else "-" for i in matrix.incidents]
        lines.append(f"| {markdown_text(label)} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
