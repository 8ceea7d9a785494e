"""One replay in progress: what the incident and the setup fix, and what changes as the
attacker's attempts settle. The replay loop, the one-step settling and the summary all
read and update this one object."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, NamedTuple

from explainer.engine.access import Access
from explainer.engine.freeze import planned_freeze
from explainer.engine.limits import Payments, limit_allowance, limit_binds
from explainer.engine.shares import debit, has_extras, initial_balances, part, refill_chains
from explainer.engine.timeline import Timeline, timeline_of
from explainer.model import Incident, Limit, Setup, Wallet

ZERO = Decimal(0)


class Step(NamedTuple):
    """What one attempt did at one wallet, as the reasons need it."""

    wallet: Wallet
    requested: Decimal
    take: Decimal
    outcome: str
    clipped_by: tuple[Limit, Decimal, Decimal] | None  # limit, its cap, what it allowed
    loose: tuple[Limit, ...]  # limits of the wallet that did not bind
    chain: tuple[str, ...]  # the wallets that refill it


@dataclass(slots=True, eq=False)
class RunState:
    """The state of one replay of ``incident`` under ``setup``.

    The first fields are fixed for the run; ``balance``, ``paid``, ``lost`` and the loss
    span change as attempts settle; the dictionaries at the end are caches.
    """

    incident: Incident
    setup: Setup
    detail: bool  # True when every event and its reason is wanted
    access: Access
    timeline: Timeline
    chains: dict[str, tuple[str, ...]]  # per wallet, the wallets that refill it
    initial: dict[str, Decimal]
    freeze_at: datetime | None
    plain: bool  # no limit, time lock or refill anywhere
    caps: dict[tuple[str, int], Decimal]  # (wallet, limit index) -> the limit in units
    balance: dict[str, Decimal]
    paid: dict[str, Payments]  # what each wallet with limits paid out, for its windows
    lost_by_wallet: dict[str, Decimal]
    lost: Decimal = ZERO
    first_loss: datetime | None = None
    last_loss: datetime | None = None
    binding: dict[tuple[str, int, frozenset[str]], bool] = field(default_factory=dict)
    bulkable: dict[frozenset[str], bool] = field(default_factory=dict)
    words: dict[object, Any] = field(default_factory=dict)  # reasons already written

    @classmethod
    def start(cls, incident: Incident, setup: Setup, detail: bool) -> RunState:
        """A run before the first attempt: every wallet at its share of the pool."""
        pool = incident.pool
        initial = initial_balances(setup, pool, incident.asset.decimals)
        plain = not has_extras(setup)
        caps: dict[tuple[str, int], Decimal] = {}
        paid: dict[str, Payments] = {}
        if not plain:
            unit = Decimal(1).scaleb(-incident.asset.decimals)
            for w in setup.wallets:
                if w.limits:
                    paid[w.id] = Payments()
                    for i, lim in enumerate(w.limits):
                        caps[(w.id, i)] = lim.amount if lim.amount is not None \
                            else part(pool, lim.share, unit)
        chains = dict.fromkeys(initial, ()) if plain else refill_chains(setup)
        return cls(incident, setup, detail, Access(incident, setup), timeline_of(incident),
                   chains, initial, planned_freeze(incident, setup), plain, caps,
                   dict(initial), paid, dict.fromkeys(initial, ZERO))

    @property
    def pool(self) -> Decimal:
        """The custody pool the setup splits."""
        return self.incident.pool

    def binds(self, w: Wallet, i: int, held: frozenset[str]) -> bool:
        """Whether the wallet's limit ``i`` holds back an attacker holding ``held``."""
        key = (w.id, i, held)
        binds = self.binding.get(key)
        if binds is None:
            binds = self.binding[key] = limit_binds(w.limits[i], w, held, True)
        return binds

    def allowance(self, w: Wallet, i: int, at: datetime) -> Decimal:
        """What the wallet's limit ``i`` still lets out at ``at``."""
        return limit_allowance(w.limits[i], self.caps[(w.id, i)], self.paid[w.id], at)

    def pay(self, w: Wallet, take: Decimal, at: datetime, settles: datetime) -> None:
        """``take`` leaves the wallet (and its refills) at ``at``, settling at ``settles``."""
        chain = self.chains[w.id]
        if chain:
            debit(w.id, take, chain, self.balance, self.initial)
        else:
            self.balance[w.id] -= take
        if w.limits:
            self.paid[w.id].add(at, take)
        self.lost += take
        self.lost_by_wallet[w.id] += take
        self.span(settles, settles)

    def span(self, first: datetime, last: datetime) -> None:
        """Widen the span of the losses to take in ``first`` and ``last``."""
        if self.first_loss is None or first < self.first_loss:
            self.first_loss = first
        if self.last_loss is None or last > self.last_loss:
            self.last_loss = last
