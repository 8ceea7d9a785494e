"""Outflow limits: whether one binds the attacker, what it still allows, and the words."""

from __future__ import annotations

from bisect import bisect_right
from datetime import datetime
from decimal import Decimal

from explainer import numbers as fmt
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


def limit_words(limit: Limit, cap: Decimal, symbol: str, labels: dict[str, str]) -> str:
    """The limit in words: 'the daily limit (5,263,000.1 XEM per 24 h, enforced by ...)'."""
    name = limit.label or "the outflow limit"
    per = f" per {fmt.duration(limit.period)}" if limit.period else " per transfer"
    by = "the wallet's own code" if limit.enforced_by == CONTRACT else \
        labels.get(limit.enforced_by, limit.enforced_by)
    return f"{name} ({fmt.amount(cap, symbol)}{per}, enforced by {by})"


def loose_words(limit: Limit, labels: dict[str, str]) -> str:
    """Why a limit did not bind, in words."""
    name = limit.label or "the outflow limit"
    if limit.set_from:
        where = ", ".join(labels.get(d, d) for d in limit.set_from)
        return f"{name} did not bind: it can be changed from {where}"
    if limit.enforced_by == CONTRACT:
        return f"{name} did not bind: the signers could replace the wallet's code at once"
    return f"{name} did not bind: {labels.get(limit.enforced_by, limit.enforced_by)} " \
           "is in the attacker's hands"


