"""A Markdown handout of replays: the story, the comparison, each timeline, the sources.

Text from the scenario file goes through ``safe_text.markdown`` (``_md``, ``_cell``): it
reads as written in any renderer, with no link, image, HTML or heading of its own. Only a
source's http or https address becomes a link.
"""

from __future__ import annotations

from collections.abc import Iterator

from explainer import numbers as fmt
from explainer.engine import Replay
from explainer.model import Incident
from explainer.report.rows import comparison, event_rows, fiat
from explainer.safe_text import markdown as _md
from explainer.safe_text import web_url


def _cell(text: str) -> str:
    """A table cell: one line, Markdown (and the cell's '|') escaped."""
    return _md(text.replace("\n", " "))


def _refs(ids: tuple[str, ...]) -> str:
    # "[S5]" with no link definition anywhere in the handout is shown as written
    return " ".join(f"[{_md(i)}]" for i in ids)


def _source(ident: str, title: str, url: str | None) -> str:
    line = f"- [{_md(ident)}] {_md(title)}"
    if web_url(url):
        return f"{line} <{url}>"
    if url:  # another scheme (javascript:, file:...) is shown, never linked
        return f"{line} (address not linked: {_md(url)})"
    return line


def render(incident: Incident, replays: list[Replay]) -> str:
    """The handout as Markdown text."""
    return "".join(chunks(incident, replays))


def chunks(incident: Incident, replays: list[Replay]) -> Iterator[str]:
    """The handout of ``render`` in pieces (the story and the comparison, then one
    timeline at a time, then the lesson and sources), so that a long replay is written
    as it is formatted rather than held whole in memory."""
    sym = incident.asset.symbol
    out = [f"# {_md(incident.title)} ({_md(incident.date)})", "",
           _md(incident.summary, multiline=True), ""]
    out += ["## Key facts", ""]
    pool_money = "; ".join(f"{_md(f.text)} at the {_md(f.label)}"
                           for f in fiat(incident, incident.pool))
    out.append(f"- Pool replayed: {_md(fmt.amount(incident.pool, sym))} ({pool_money}) "
               f"{_refs(incident.pool_sources)}")
    for fact in incident.facts:
        mark = " (approximate or unconfirmed)" if fact.approximate else ""
        out.append(f"- {_md(fact.label)}: {_md(fact.value)}{mark} {_refs(fact.sources)}")
    for v in incident.valuations:
        kind = "approximate" if v.approximate else "exact"
        out.append(f"- Valuation, {_md(v.label)}: {fmt.units(v.value)} {_md(v.currency)} per "
                   f"{fmt.units(v.per)} {_md(sym)} ({kind}) {_refs(v.sources)}")
    if incident.conflicts:
        out += ["", "## Where sources disagree", ""]
        for c in incident.conflicts:
            claims = "; ".join(f"{_md(cl.value)} {_refs(cl.sources)}" for cl in c.claims)
            out.append(f"- {_md(c.topic)}: {claims}. Used: {_md(c.used)}. {_md(c.why)}")
    out += ["", "## What each setup would have exposed", "",
            "| Setup | Exposed | Lost | Share of pool | Value lost | Why |",
            "|---|---:|---:|---:|---:|---|"]
    for row in comparison(replays):
        out.append(f"| {_cell(row.label)} | {_cell(row.exposed)} | {_cell(row.lost)} | "
                   f"{row.lost_share} | {_cell(row.fiat)} | {_cell(row.why)} |")
    out += ["", f"Times are {_md(incident.timezone)}; '~' marks an approximate time.", ""]
    yield "\n".join(out) + "\n"
    for r in replays:
        out = [f"## Timeline: {_md(r.setup.label)}", "", _md(r.setup.summary, multiline=True),
               "",
               "| Time | Wallet | Requested | Moved | Outcome | Reason |",
               "|---|---|---:|---:|---|---|"]
        for e in event_rows(r):
            out.append(f"| {e.time} | {_cell(e.wallet)} | {e.requested} | {e.moved} | "
                       f"{e.outcome} | {_cell(e.reason)} |")
        out.append("")
        yield "\n".join(out) + "\n"
    out = ["## Lesson", "", _md(incident.teaching_point, multiline=True), "", "## Sources", ""]
    out += [_source(s.id, s.title, s.url) for s in incident.sources]
    yield "\n".join(out) + "\n"
