"""Outflow limits: whether one binds the attacker and what it still allows."""

from __future__ import annotations

from bisect import bisect_right
from datetime import datetime
from decimal import Decimal

from explainer.model import CONTRACT, Limit, Wallet

ZERO = Decimal(0)


def limit_binds(limit: Limit, wallet: Wallet, held: frozenset[str], reachable: bool) -> bool:
    """Whether the limit holds the attacker back, given the domains they control."""
    if any(d in held for d in limit.set_from):
        return False
    if limit.enforced_by == CONTRACT:
        # code enforces it unless whoever can sign may also swap the code at once
        return wallet.upgrade_timelock or not reachable
    return limit.enforced_by not in held


class Payments:
    """What one wallet paid out, in time order, with running totals, so that what left
    within any window is one subtraction away (a replay asks at every attempt).

    Exact: every total is a multiple of the asset's unit no larger than the pool, which
    the loader bounds to Decimal's exact range.
    """

    __slots__ = ("times", "totals")

    def __init__(self) -> None:
        self.times: list[datetime] = []
        self.totals: list[Decimal] = [ZERO]  # totals[k]: paid by the first k payments

    def add(self, at: datetime, amount: Decimal) -> None:
        """Record a payment at ``at`` (never earlier than the last one)."""
        self.times.append(at)
        self.totals.append(self.totals[-1] + amount)

    @property
    def total(self) -> Decimal:
        """Everything paid so far."""
        return self.totals[-1]

    @property
    def first(self) -> datetime | None:
        """When the first payment left, if any did."""
        return self.times[0] if self.times else None

    def after(self, cutoff: datetime) -> Decimal:
        """What was paid strictly after ``cutoff``."""
        return self.totals[-1] - self.totals[bisect_right(self.times, cutoff)]


def limit_allowance(limit: Limit, cap: Decimal, paid: Payments, at: datetime) -> Decimal:
    """What the limit still lets out at ``at``, after what left within its window."""
    if limit.period is None:
        return cap
    return max(cap - paid.after(at - limit.period), ZERO)
