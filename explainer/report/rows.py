"""Formatted figures of replays, computed once and shown everywhere the same way.

Every string here is display text: whatever came from the scenario file (labels, symbols,
reasons that quote them) has passed ``safe_text.clean``, so no row carries a control
character. Rows are still plain strings: Rich and Textual must receive them as ``Text``
(``safe_text.rich_text``), Markdown through ``safe_text.markdown``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from explainer import numbers as fmt
from explainer.model import Incident
from explainer.safe_text import clean

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
    """True when the recorded outflows run over more than one day."""
    days = {o.at.date() for o in incident.outflows}
    days |= {o.latest.date() for o in incident.outflows if o.latest}
    return len(days) > 1


def fiat(incident: Incident, amount: Decimal) -> list[FiatFigure]:
    """``amount`` of the asset at every valuation of the incident."""
    return [FiatFigure(v.id, v.label, v.currency, amount * v.value / v.per, v.approximate)
            for v in incident.valuations]


def comparison(replays: list[Replay]) -> list[Row]:
    """One formatted row per replay, in the given order."""
    rows = []
    for r in replays:
        s, sym = r.summary, clean(r.incident.asset.symbol)
        day = first_day(r.incident)
        money = fiat(r.incident, s.lost)
        rows.append(Row(
            setup_id=r.setup.id, label=clean(r.setup.label), origin=r.setup.origin,
            held=clean(s.held),
            exposed=fmt.amount(s.exposed, sym), lost=fmt.amount(s.lost, sym),
            exposed_units=fmt.units(s.exposed), lost_units=fmt.units(s.lost),
            lost_share=fmt.percent(s.lost_fraction), exposed_share=fmt.percent(s.exposed_fraction),
            fiat=money[0].text if money else "",
            first_loss=fmt.stamp(s.first_loss, day) if s.first_loss else "-",
            last_loss=fmt.stamp(s.last_loss, day) if s.last_loss else "-",
            why=clean(s.why), lost_fraction=s.lost_fraction, exposed_fraction=s.exposed_fraction,
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
    sym = replay.incident.asset.symbol
    return [event_row(replay, e, sym) for e in replay.events]


def event_row(replay: Replay, e: Event, symbol: str) -> EventRow:
    """One event, formatted."""
    return EventRow(
        time=fmt.moment(e.at, e.approximate, e.latest, with_date=spans_days(replay.incident)),
        wallet=wallet_label(replay, e.wallet),
        requested=fmt.units(e.requested),
        moved=fmt.units(e.moved),
        outcome=OUTCOME_WORDS[e.outcome],
        reason=clean(e.reason),
        sources=clean(", ".join(e.sources)),
    )


def headline(incident: Incident) -> list[str]:
    """The story in three lines, from the scenario's own figures."""
    taken = sum((o.amount for o in incident.outflows), Decimal(0))
    total = fmt.amount(taken, clean(incident.asset.symbol))
    money = fiat(incident, taken)
    value = f" ({money[0].text})" if money else ""
    lines = [clean(f"{incident.title}, {incident.date}: {incident.venue}"),
             f"{total}{value} left in {len(incident.outflows)} recorded outflow(s)."]
    facts = {f.id: f for f in incident.facts}
    if "custody" in facts:
        lines.append(clean(f"Custody: {facts['custody'].value}."))
    return lines
