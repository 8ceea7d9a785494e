"""Formatted figures of replays, computed once and shown everywhere the same way."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from explainer import numbers as fmt
from explainer.model import Incident

if TYPE_CHECKING:  # the home screen formats a headline without loading the engine
    from explainer.engine import Event, Replay

OUTCOME_WORDS = {"moved": "moved", "partial": "partly moved", "blocked": "blocked"}


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
        return fmt.money(self.value, self.currency, self.approximate)


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
    outcome: str
    reason: str
    sources: str


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


def fiat(incident: Incident, amount: Decimal) -> list[FiatFigure]:
    """``amount`` of the asset at every valuation of the incident."""
    return [FiatFigure(v.id, v.label, v.currency, amount * v.value / v.per, v.approximate)
            for v in incident.valuations]


def comparison(replays: list[Replay]) -> list[Row]:
    """One formatted row per replay, in the given order."""
    rows = []
    for r in replays:
        s, sym = r.summary, r.incident.asset.symbol
        day = first_day(r.incident)
        money = fiat(r.incident, s.lost)
        rows.append(Row(
            setup_id=r.setup.id, label=r.setup.label, origin=r.setup.origin, held=s.held,
            exposed=fmt.amount(s.exposed, sym), lost=fmt.amount(s.lost, sym),
            exposed_units=fmt.units(s.exposed), lost_units=fmt.units(s.lost),
            lost_share=fmt.percent(s.lost_fraction), exposed_share=fmt.percent(s.exposed_fraction),
            fiat=money[0].text if money else "",
            first_loss=fmt.stamp(s.first_loss, day) if s.first_loss else "-",
            last_loss=fmt.stamp(s.last_loss, day) if s.last_loss else "-",
            why=s.why, lost_fraction=s.lost_fraction, exposed_fraction=s.exposed_fraction,
        ))
    return rows


def wallet_label(replay: Replay, wallet_id: str) -> str:
    """The label of a wallet of the replayed setup."""
    for w in replay.setup.wallets:
        if w.id == wallet_id:
            return w.label
    return wallet_id


def event_rows(replay: Replay) -> list[EventRow]:
    """The replay's events, formatted for a timeline."""
    with_date = spans_days(replay.incident)
    labels = {w.id: w.label for w in replay.setup.wallets}
    return [_event_row(e, with_date, labels.get(e.wallet, e.wallet)) for e in replay.events]


def event_row(replay: Replay, e: Event, symbol: str) -> EventRow:
    """One event, formatted."""
    return _event_row(e, spans_days(replay.incident), wallet_label(replay, e.wallet))


def _event_row(e: Event, with_date: bool, wallet: str) -> EventRow:
    return EventRow(
        time=fmt.moment(e.at, e.approximate, e.latest, with_date=with_date),
        wallet=wallet,
        requested=fmt.units(e.requested),
        moved=fmt.units(e.moved),
        outcome=OUTCOME_WORDS[e.outcome],
        reason=e.reason,
        sources=", ".join(e.sources),
    )


def headline(incident: Incident) -> list[str]:
    """The story in three lines, from the scenario's own figures."""
    taken = sum((o.amount for o in incident.outflows), Decimal(0))
    total = fmt.amount(taken, incident.asset.symbol)
    money = fiat(incident, taken)
    value = f" ({money[0].text})" if money else ""
    lines = [f"{incident.title}, {incident.date}: {incident.venue}",
             f"{total}{value} left in {len(incident.outflows)} recorded outflow(s)."]
    facts = {f.id: f for f in incident.facts}
    if "custody" in facts:
        lines.append(f"Custody: {facts['custody'].value}.")
    return lines
