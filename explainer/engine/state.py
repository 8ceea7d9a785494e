"""The replay as it stands at one moment, for the animated replay."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from explainer.engine.access import Access, WalletAccess
from explainer.engine.results import ZERO, Event, Replay
from explainer.engine.shares import debit, initial_balances, refill_chains
from explainer.engine.timeline import held_at


@dataclass(frozen=True, slots=True)
class State:
    """Balances, losses and access at one scenario time."""

    at: datetime
    balances: dict[str, Decimal]
    lost: Decimal
    events_done: int
    compromised: tuple[str, ...]
    access: dict[str, WalletAccess]
    pool: Decimal

    @property
    def lost_fraction(self) -> Decimal:
        """What has moved so far, as a share of the pool."""
        return self.lost / self.pool if self.pool else ZERO


def state_at(result: Replay, at: datetime) -> State:
    """The replay as it stands at ``at``: what has moved, what the attacker holds."""
    setup, incident = result.setup, result.incident
    initial = initial_balances(setup, incident.pool, incident.asset.decimals)
    done = [e for e in result.events if e.at <= at]
    balances = dict(initial)
    for e in done:
        balances[e.wallet] = e.balance_after
    # a refill moves funds between wallets without an event of its own; settle them
    if any(w.refill_from for w in setup.wallets) and done:
        balances = _balances_with_refills(result, done, initial)
    held = held_at(incident, at)
    tracker = Access(incident, setup)
    labels = tracker.labels
    access = tracker.wallets(held)
    return State(at, balances, done[-1].lost_after if done else ZERO, len(done),
                 tuple(labels.get(d, d) for d in sorted(held)), access, incident.pool)


def _balances_with_refills(result: Replay, done: list[Event],
                           initial: dict[str, Decimal]) -> dict[str, Decimal]:
    chains = refill_chains(result.setup)
    balances = dict(initial)
    for e in done:
        debit(e.wallet, e.moved, chains[e.wallet], balances, initial)
    return balances



