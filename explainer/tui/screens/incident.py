"""An incident's own page: the story, the attacker's path, the response, facts, conflicts,
addresses (with QR codes) and sources; ``r`` and ``c`` open its replay and comparison.

Every string here comes from the scenario file, so it passes the one text guard
(``safe_text.clean``) and goes on screen as Rich ``Text``, never parsed as markup; glossary
terms in it are linked (``explainer.tui.links``).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from explainer import numbers as fmt
from explainer.i18n import N_, _
from explainer.incident_index import shown_date
from explainer.safe_text import clean
from explainer.tui.breaking import shown
from explainer.tui.links import link_ids, linked
from explainer.tui.widgets.incident_bar import IncidentBar
from explainer.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from explainer.model import Incident
    from explainer.tui.app import WalletApp

HINT = N_("r replay this incident · c compare its setups · g glossary · b other incidents")
# an address's role (the format's choices), as its caption shows it
ROLES = {"venue": N_("(venue)"), "attacker": N_("(attacker)"), "other": N_("(other)")}


def one(text: str) -> str:
    """A one-line field from the file, through the text guard."""
    return clean(text)


def many(text: str) -> str:
    """Prose from the file (newlines allowed), through the text guard."""
    return clean(text, multiline=True)


def when(at: datetime, approximate: bool, zone: str, words: str = "") -> str:
    """A moment of the incident with its date ('~2 Aug 2016 09:16 UTC'), or the file's words."""
    if words:
        return one(words)
    if approximate:
        return _("~{moment} {zone}").format(moment=fmt.stamp(at), zone=one(zone))
    return f"{fmt.stamp(at)} {one(zone)}"


def outflow_span(incident: Incident) -> str:
    """The sentence on when the outflows happened: a window of whole days reads as its
    day (or days), a window that is one moment reads as that moment, once."""
    i = incident
    first, last = i.outflows[0], i.outflows[-1]
    start, end = first.at, last.latest or last.at
    count = len(i.outflows)
    if fmt.date_only(start) and (end.hour, end.minute, end.second) == (23, 59, 59):
        if start.date() == end.date():  # one whole day: only the date is known
            return _("Then {count} recorded outflow(s), on {day} ({zone}).").format(
                count=count, day=fmt.day(start), zone=one(i.timezone))
        # days known, not times: the last day as a date, not its last second
        end = end.replace(hour=0, minute=0, second=0, microsecond=0)
    if start == end:
        return _("Then {count} recorded outflow(s), at {moment}.").format(
            count=count, moment=when(start, first.approximate or last.approximate, i.timezone))
    return _("Then {count} recorded outflow(s), from {start} to {end}.").format(
        count=count, start=when(start, first.approximate, i.timezone),
        end=when(end, last.approximate, i.timezone))


def cited(ids: tuple[str, ...]) -> str:
    """' [F1, F2]' after a sourced statement (ids stay as the file writes them)."""
    return one(f"  [{', '.join(ids)}]") if ids else ""


def listing(items: list[str]) -> str:
    """Names in a row, with the language's separator ('a, b'; Japanese 'a、b')."""
    # TRANSLATORS: the separator between names in a list
    return _(", ").join(items)


def heading(words: str) -> Text:
    """A section heading."""
    return Text(words, style="bold underline")


def sections(incident: Incident) -> list[tuple[str, Text]]:
    """The page's sections as (id, Text), in reading order; terms linked once per section."""
    i = incident
    out: list[tuple[str, Text]] = []

    top = Text.assemble((one(i.title), "bold"), "\n" + one(_(
        "{venue}, {date}. Asset: {asset} ({symbol}). Pool: {pool}.").format(
            venue=i.venue, date=shown_date(i.date), asset=i.asset.name, symbol=i.asset.symbol,
            pool=fmt.amount(i.pool, i.asset.symbol))))
    top.append("\n\n" + many(i.summary.strip()))
    out.append(("summary", top))

    path = heading(_("The attacker's path: what they reached, when and how"))
    labels = {d.id: d.label for d in i.domains}
    for a in i.achievements:
        reached = listing([labels.get(d, d) for d in a.compromises]) or _("no place of its own")
        path.append("\n\n")
        path.append(when(a.at, a.approximate, i.timezone, a.when), style="bold")
        path.append("\n" + _("Reached: {places}").format(places=one(reached)))
        path.append("\n" + _("How: {how}").format(how=many(a.how)))
        path.append(cited(a.sources), style="dim")
    if i.outflows:
        path.append("\n\n")
        path.append(outflow_span(i))
    out.append(("path", path))

    response = heading(_("How the venue responded"))
    for r in i.response:
        response.append("\n\n")
        response.append(when(r.at, r.approximate, i.timezone), style="bold")
        response.append("  " + many(r.what))
        if r.halts_outflows:
            response.append("  " + _("(outflows stop here)"), style="bold")
        response.append(cited(r.sources), style="dim")
    out.append(("response", response))

    if i.facts:
        facts = heading(_("Key facts"))
        for f in i.facts:
            facts.append("\n\n")
            facts.append(one(_("{label}: ").format(label=f.label)), style="bold")
            facts.append(many(f.value))
            if f.approximate:
                facts.append(" " + _("(approximate)"), style="italic")
            facts.append(cited(f.sources), style="dim")
            if f.note:
                facts.append("\n  " + many(f.note), style="italic")
        out.append(("facts", facts))

    if i.conflicts:
        conflicts = heading(_("Where sources disagree"))
        for c in i.conflicts:
            conflicts.append("\n\n")
            conflicts.append(one(c.topic), style="bold")
            for claim in c.claims:
                conflicts.append("\n  • " + many(claim.value))
                if claim.note:
                    conflicts.append(_(" ({note})").format(note=many(claim.note)),
                                     style="italic")
                conflicts.append(cited(claim.sources), style="dim")
            conflicts.append("\n  " + _("Used here: "), style="bold")
            conflicts.append(_("{used}. Why: {why}").format(used=many(c.used), why=many(c.why)))
        out.append(("conflicts", conflicts))

    point = heading(_("What it teaches"))
    point.append("\n\n" + many(i.teaching_point.strip()))
    out.append(("point", point))
    # glossary terms become links, once per section (the text stays literal: no markup)
    return [(sid, linked(text)) for sid, text in out]


def sources_section(incident: Incident) -> Text:
    """Every source the file cites: id, title (terms linked) and address (never linked)."""
    text = heading(_("Sources"))
    seen: set[str] = set()
    for s in incident.sources:
        text.append(f"\n\n{one(s.id)}  ", style="bold")
        text.append_text(linked(s.title, seen))  # linked() guards the string itself
        text.append("\n    " + (one(s.url) if s.url else _("(no address recorded)")))
    return text


class IncidentScreen(Screen[None]):
    """The current incident's page, one scrolling column."""

    AUTO_FOCUS = "#incident-page"
    # here rather than in app.tcss: parsed when the screen first opens, not at start-up
    DEFAULT_CSS = """
    #incident-hint {
        padding: 0 1;
        background: $panel;
    }

    #incident-page {
        height: 1fr;
        padding: 0 2;
    }

    #incident-page > .incident-section {
        margin-bottom: 1;
        max-width: 100;
    }

    #incident-page > QRView {
        margin-bottom: 1;
    }
    """

    app: WalletApp  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__(id="incident")
        self.texts: list[Text] = []

    def compose(self) -> ComposeResult:
        # built from the app's incident each time: a language switch recomposes the page
        incident = self.app.incident
        self.texts = []
        yield IncidentBar()
        with VerticalScroll(id="incident-page"):
            for sid, text in sections(incident):
                self.texts.append(text)
                yield Static(shown(text), id=f"incident-{sid}", classes="incident-section",
                             markup=False)
            if incident.addresses:
                yield from self._addresses(incident)
            sources = sources_section(incident)
            self.texts.append(sources)
            yield Static(shown(sources), id="incident-sources", classes="incident-section",
                         markup=False)
        yield Static(_(HINT), id="incident-hint", markup=False)
        yield KeyBar()

    async def recompose(self) -> None:
        """Rebuild the page (in the language now in use), at the same place in the story:
        the two languages' pages differ in length, so the share scrolled is kept."""
        page = self.query_one("#incident-page", VerticalScroll)
        share = page.scroll_y / page.max_scroll_y if page.max_scroll_y else 0.0
        await super().recompose()
        page = self.query_one("#incident-page", VerticalScroll)
        self.call_after_refresh(lambda: page.scroll_to(y=round(share * page.max_scroll_y),
                                                       animate=False))

    def _addresses(self, incident: Incident) -> list[Widget]:
        from explainer.qr import qr_text
        from explainer.tui.widgets.qr_view import QRView

        title = linked(heading(_("Addresses")))
        self.texts.append(title)
        out: list[Widget] = [Static(title, id="incident-addresses", classes="incident-section",
                                    markup=False)]
        for n, a in enumerate(incident.addresses):
            role = _(ROLES[a.role]) if a.role in ROLES else f"({a.role})"
            caption = Text.assemble((one(a.label), "bold"), " " + one(role), cited(a.sources))
            caption = linked(caption)
            caption.append("\n" + one(a.address))
            self.texts.append(caption)
            out.append(Static(caption, classes="qr-caption", markup=False))
            out.append(QRView(qr_text(a.address), id=f"incident-qr-{n}"))
        return out

    def glossary_terms(self) -> list[str]:
        """Terms linked on this page, in order (the glossary lists them first)."""
        seen: list[str] = []
        for text in self.texts:
            for term in sorted(link_ids(text)):
                if term not in seen:
                    seen.append(term)
        return seen
