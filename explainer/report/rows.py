"""Formatted figures of replays, computed once and shown everywhere the same way.

Every string here is display text: whatever came from the scenario file (labels, symbols,
reasons that quote them) has passed ``safe_text.clean``, so no row carries a control
character. Rows are still plain strings: Rich and Textual must receive them as ``Text``
(``safe_text.rich_text``), Markdown through ``safe_text.markdown``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from explainer import numbers as fmt
from explainer.i18n import N_, _
from explainer.incident_index import shown_date
from explainer.model import Incident
from explainer.safe_text import clean

if TYPE_CHECKING:  # the home screen formats a headline without loading the engine
    from explainer.engine import Event, Replay

# The engine's outcome -> its word (translated where a row is made).
OUTCOME_WORDS = {"moved": N_("moved"), "partial": N_("partly moved"), "blocked": N_("blocked")}


@dataclass(frozen=True, slots=True)
class FiatFigure:
    """An amount valued at one of the incident's valuations."""

    valuation: str
    label: str
    currency: str
    value: Decimal
    approximate: bool

    @property
    def text(self) -> str:
        """'about ¥58.4 bn'."""
        return clean(fmt.money(self.value, self.currency, self.approximate))


@dataclass(frozen=True, slots=True)
class Row:
    """One setup's line in a comparison, every figure already formatted."""

    setup_id: str
    label: str
    origin: str
    held: str
    exposed: str
    lost: str
    exposed_units: str  # the same figures without the asset's symbol, for narrow columns
    lost_units: str
    lost_share: str
    exposed_share: str
    fiat: str  # the loss at the first valuation
    first_loss: str
    last_loss: str
    why: str
    lost_fraction: Decimal  # for sorting and bars
    exposed_fraction: Decimal


@dataclass(frozen=True, slots=True)
class EventRow:
    """One event of a timeline, formatted."""

    time: str
    wallet: str
    requested: str
    moved: str
    outcome: str  # the outcome's word in the reader's language: 'partly moved', '一部流出'
    reason: str
    sources: str
    kind: str = "moved"  # the engine's outcome ('moved', 'partial', 'blocked'): a stable key


def first_day(incident: Incident) -> date | None:
    """The day of a one-day theft, whose times are shown without a date; None when the
    outflows run over several days and every time needs its date."""
    if not incident.outflows or spans_days(incident):
        return None
    return incident.outflows[0].at.date()


def spans_days(incident: Incident) -> bool:
    """True when the recorded outflows run over more than one day (worked out once per
    incident: every event row asks)."""
    # keyed by identity, as the engine's timeline is: hashing an incident costs more
    hit = _SPANS.get(id(incident))
    if hit is not None and hit[0] is incident:
        return hit[1]
    days = {o.at.date() for o in incident.outflows}
    days |= {o.latest.date() for o in incident.outflows if o.latest}
    spans = len(days) > 1
    if len(_SPANS) > 64:
        _SPANS.clear()
    _SPANS[id(incident)] = (incident, spans)
    return spans


_SPANS: dict[int, tuple[Incident, bool]] = {}


def when(incident: Incident, at: datetime) -> str:
    """A moment of the incident: its time of day on the incident's single day, else with
    its date; a date-only moment (midnight) reads as its date: '11:58', '25 Feb 2014'."""
    return fmt.stamp(at, first_day(incident))


def last_loss_event(replay: Replay) -> Event | None:
    """The last event that moved anything."""
    return next((e for e in reversed(replay.events) if e.moved > 0), None)


def last_loss(replay: Replay) -> str:
    """When the last loss happened: '08:26', or its window when only a window is known
    ('~00:10-00:21'); '-' when nothing moved."""
    s, day = replay.summary, first_day(replay.incident)
    e = last_loss_event(replay)
    if e is not None and e.latest is not None and e.latest != e.at:
        return fmt.moment(e.at, e.approximate, e.latest, with_date=day is None)
    return fmt.stamp(s.last_loss, day) if s.last_loss else "-"


def freeze_note(replay: Replay) -> str:
    """When the last loss is only known to a window that the setup's freeze falls in:
    'the last loss lies between 00:10 and 00:21; the freeze at 00:12:13 may have stopped
    it' (the replay counts it as moved, the freeze may have come first); else ''."""
    e, freeze = last_loss_event(replay), replay.summary.freeze_at
    if e is None or e.latest is None or freeze is None or not e.at <= freeze <= e.latest:
        return ""
    day = first_day(replay.incident)
    if fmt.whole_day(e.at, e.latest):
        return _("the last loss is only known to the day ({day}); the freeze at {freeze} "
                 "may have stopped it").format(day=fmt.day(e.at), freeze=fmt.stamp(freeze, day))
    return _("the last loss lies {window}; the freeze at {freeze} may have stopped it").format(
        window=fmt.window(e.at, e.latest, day), freeze=fmt.stamp(freeze, day))


def fiat(incident: Incident, amount: Decimal) -> list[FiatFigure]:
    """``amount`` of the asset at every valuation of the incident."""
    return [FiatFigure(v.id, v.label, v.currency, amount * v.value / v.per, v.approximate)
            for v in incident.valuations]


def comparison(replays: list[Replay]) -> list[Row]:
    """One formatted row per replay, in the given order."""
    from explainer.report.reason_text import words_for  # loads the engine: not at import

    rows = []
    for r in replays:
        s, sym, words = r.summary, clean(r.incident.asset.symbol), words_for(r)
        day = first_day(r.incident)
        money = fiat(r.incident, s.lost)
        rows.append(Row(
            setup_id=r.setup.id, label=clean(r.setup.label), origin=r.setup.origin,
            held=clean(words(s.held)),
            exposed=fmt.amount(s.exposed, sym), lost=fmt.amount(s.lost, sym),
            exposed_units=fmt.units(s.exposed), lost_units=fmt.units(s.lost),
            lost_share=fmt.percent(s.lost_fraction), exposed_share=fmt.percent(s.exposed_fraction),
            fiat=money[0].text if money else "",
            first_loss=fmt.stamp(s.first_loss, day) if s.first_loss else "-",
            last_loss=last_loss(r),
            why=clean(words(s.why)), lost_fraction=s.lost_fraction,
            exposed_fraction=s.exposed_fraction,
        ))
    return rows


def wallet_label(replay: Replay, wallet_id: str) -> str:
    """The label of a wallet of the replayed setup, cleaned for display."""
    for w in replay.setup.wallets:
        if w.id == wallet_id:
            return clean(w.label)
    return clean(wallet_id)


def event_rows(replay: Replay) -> list[EventRow]:
    """The replay's events, formatted for a timeline."""
    from explainer.report.reason_text import words_for  # loads the engine: not at import

    with_date, words = spans_days(replay.incident), words_for(replay)
    labels = {w.id: w.label for w in replay.setup.wallets}
    return [_event_row(e, with_date, labels.get(e.wallet, e.wallet), words(e.reason))
            for e in replay.events]


def event_row(replay: Replay, e: Event, symbol: str) -> EventRow:
    """One event, formatted."""
    from explainer.report.reason_text import words_for

    return _event_row(e, spans_days(replay.incident), wallet_label(replay, e.wallet),
                      words_for(replay)(e.reason))


def _event_row(e: Event, with_date: bool, wallet: str, reason: str) -> EventRow:
    return EventRow(
        time=fmt.moment(e.at, e.approximate, e.latest, with_date=with_date),
        wallet=wallet,
        requested=fmt.units(e.requested),
        moved=fmt.units(e.moved),
        outcome=_(OUTCOME_WORDS[e.outcome]),
        reason=clean(reason),
        sources=clean(", ".join(e.sources)),
        kind=e.outcome,
    )


def headline(incident: Incident) -> list[str]:
    """The story in three lines, from the scenario's own figures."""
    taken = sum((o.amount for o in incident.outflows), Decimal(0))
    total = fmt.amount_words(taken, clean(incident.asset.symbol))
    money = fiat(incident, taken)
    count = len(incident.outflows)
    # a pool valued in a currency already reads as money: "USD 234.9 m of assets"
    if money and money[0].currency != incident.asset.symbol:
        left = _("{total} ({value}) left in {count} recorded outflow(s).").format(
            total=total, value=money[0].text, count=count)
    else:
        left = _("{total} left in {count} recorded outflow(s).").format(total=total, count=count)
    lines = [clean(_("{title}, {date}: {venue}").format(
                 title=incident.title, date=shown_date(incident.date), venue=incident.venue)), left]
    facts = {f.id: f for f in incident.facts}
    if "custody" in facts:
        lines.append(clean(_("Custody: {custody}.").format(custody=facts["custody"].value)))
    return lines
