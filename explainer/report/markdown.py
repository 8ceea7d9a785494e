"""A Markdown handout of replays: the story, the comparison, each timeline, the sources."""

from __future__ import annotations

from collections.abc import Iterator

from explainer import numbers as fmt
from explainer.engine import Replay
from explainer.model import Incident
from explainer.report.rows import comparison, event_rows, fiat


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _refs(ids: tuple[str, ...]) -> str:
    return " ".join(f"[{i}]" for i in ids)


def render(incident: Incident, replays: list[Replay]) -> str:
    """The handout as Markdown text."""
    return "".join(chunks(incident, replays))


def chunks(incident: Incident, replays: list[Replay]) -> Iterator[str]:
    """The handout of ``render`` in pieces (the story and the comparison, then one
    timeline at a time, then the lesson and sources), so that a long replay is written
    as it is formatted rather than held whole in memory."""
    sym = incident.asset.symbol
    out = [f"# {incident.title} ({incident.date})", "", incident.summary, ""]
    out += ["## Key facts", ""]
    pool_money = "; ".join(f"{f.text} at the {f.label}" for f in fiat(incident, incident.pool))
    out.append(f"- Pool replayed: {fmt.amount(incident.pool, sym)} ({pool_money}) "
               f"{_refs(incident.pool_sources)}")
    for fact in incident.facts:
        mark = " (approximate or unconfirmed)" if fact.approximate else ""
        out.append(f"- {fact.label}: {fact.value}{mark} {_refs(fact.sources)}")
    for v in incident.valuations:
        kind = "approximate" if v.approximate else "exact"
        out.append(f"- Valuation, {v.label}: {fmt.units(v.value)} {v.currency} per "
                   f"{fmt.units(v.per)} {sym} ({kind}) {_refs(v.sources)}")
    if incident.conflicts:
        out += ["", "## Where sources disagree", ""]
        for c in incident.conflicts:
            claims = "; ".join(f"{cl.value} {_refs(cl.sources)}" for cl in c.claims)
            out.append(f"- {c.topic}: {claims}. Used: {c.used}. {c.why}")
    out += ["", "## What each setup would have exposed", "",
            "| Setup | Exposed | Lost | Share of pool | Value lost | Why |",
            "|---|---:|---:|---:|---:|---|"]
    for row in comparison(replays):
        out.append(f"| {_cell(row.label)} | {row.exposed} | {row.lost} | {row.lost_share} | "
                   f"{row.fiat} | {_cell(row.why)} |")
    out += ["", f"Times are {incident.timezone}; '~' marks an approximate time.", ""]
    yield "\n".join(out) + "\n"
    for r in replays:
        out = [f"## Timeline: {r.setup.label}", "", r.setup.summary, "",
               "| Time | Wallet | Requested | Moved | Outcome | Reason |",
               "|---|---|---:|---:|---|---|"]
        for e in event_rows(r):
            out.append(f"| {e.time} | {_cell(e.wallet)} | {e.requested} | {e.moved} | "
                       f"{e.outcome} | {_cell(e.reason)} |")
        out.append("")
        yield "\n".join(out) + "\n"
    out = ["## Lesson", "", incident.teaching_point, "", "## Sources", ""]
    for s in incident.sources:
        out.append(f"- [{s.id}] {s.title}" + (f" <{s.url}>" if s.url else ""))
    yield "\n".join(out) + "\n"
