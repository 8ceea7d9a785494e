"""A Markdown handout of replays: the story, the comparison, each timeline, the sources.

Text from the scenario file goes through ``safe_text.markdown`` (``_md``, ``_cell``): it
reads as written in any renderer, with no link, image, HTML or heading of its own. Only a
source's http or https address becomes a link.
"""

from __future__ import annotations

from collections.abc import Iterator

from explainer import numbers as fmt
from explainer.engine import Replay
from explainer.i18n import N_, _
from explainer.model import Incident
from explainer.report.rows import comparison, event_rows, fiat
from explainer.safe_text import markdown as _md
from explainer.safe_text import web_url

# Column headings of the handout's tables, translated where the handout is written.
COMPARISON_HEADS = (N_("Setup"), N_("Exposed"), N_("Lost"), N_("Share of pool"),
                    N_("Value lost"), N_("Why"))
TIMELINE_HEADS = (N_("Time"), N_("Wallet"), N_("Requested"), N_("Moved"), N_("Outcome"),
                  N_("Reason"))
VALUATION_KINDS = {True: N_("approximate"), False: N_("exact")}


def _head(names: tuple[str, ...], rule: str) -> list[str]:
    return ["| " + " | ".join(_(n) for n in names) + " |", rule]


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
        return line + _(" (address not linked: {url})").format(url=_md(url))
    return line


def render(incident: Incident, replays: list[Replay]) -> str:
    """The handout as Markdown text."""
    return "".join(chunks(incident, replays))


def chunks(incident: Incident, replays: list[Replay]) -> Iterator[str]:
    """The handout of ``render`` in pieces (the story and the comparison, then one
    timeline at a time, then the lesson and sources), so that a long replay is written
    as it is formatted rather than held whole in memory."""
    sym = incident.asset.symbol
    sep = _("; ")  # between items of one line
    out = ["# " + _("{title} ({date})").format(title=_md(incident.title),
                                               date=_md(incident.date)), "",
           _md(incident.summary, multiline=True), ""]
    out += ["## " + _("Key facts"), ""]
    pool_money = sep.join(_("{value} at the {valuation}").format(value=_md(f.text),
                                                                 valuation=_md(f.label))
                          for f in fiat(incident, incident.pool))
    out.append("- " + _("Pool replayed: {pool} ({value})").format(
        pool=_md(fmt.amount_words(incident.pool, sym)), value=pool_money)
        + f" {_refs(incident.pool_sources)}")
    for fact in incident.facts:
        mark = _(" (approximate or unconfirmed)") if fact.approximate else ""
        out.append(f"- {_md(fact.label)}: {_md(fact.value)}{mark} {_refs(fact.sources)}")
    for v in incident.valuations:
        out.append("- " + _("Valuation, {label}: {value} {currency} per {per} {symbol} "
                            "({kind})").format(
            label=_md(v.label), value=fmt.units(v.value), currency=_md(v.currency),
            per=fmt.units(v.per), symbol=_md(sym), kind=_(VALUATION_KINDS[v.approximate]))
            + f" {_refs(v.sources)}")
    if incident.conflicts:
        out += ["", "## " + _("Where sources disagree"), ""]
        for c in incident.conflicts:
            claims = sep.join(f"{_md(cl.value)} {_refs(cl.sources)}" for cl in c.claims)
            out.append("- " + _("{topic}: {claims}. Used: {used}. {why}").format(
                topic=_md(c.topic), claims=claims, used=_md(c.used), why=_md(c.why)))
    out += ["", "## " + _("What each setup would have exposed"), ""]
    out += _head(COMPARISON_HEADS, "|---|---:|---:|---:|---:|---|")
    for row in comparison(replays):
        out.append(f"| {_cell(row.label)} | {_cell(row.exposed)} | {_cell(row.lost)} | "
                   f"{row.lost_share} | {_cell(row.fiat)} | {_cell(row.why)} |")
    out += ["", _("Times are {timezone}; '~' marks an approximate time.").format(
        timezone=_md(incident.timezone)), ""]
    yield "\n".join(out) + "\n"
    for r in replays:
        out = ["## " + _("Timeline: {setup}").format(setup=_md(r.setup.label)), "",
               _md(r.setup.summary, multiline=True), ""]
        out += _head(TIMELINE_HEADS, "|---|---|---:|---:|---|---|")
        for e in event_rows(r):
            out.append(f"| {e.time} | {_cell(e.wallet)} | {e.requested} | {e.moved} | "
                       f"{e.outcome} | {_cell(e.reason)} |")
        out.append("")
        yield "\n".join(out) + "\n"
    out = ["## " + _("Lesson"), "", _md(incident.teaching_point, multiline=True), "",
           "## " + _("Sources"), ""]
    out += [_source(s.id, s.title, s.url) for s in incident.sources]
    yield "\n".join(out) + "\n"
