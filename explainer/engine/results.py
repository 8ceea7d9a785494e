"""What a replay returns: events, per-wallet totals, the summary and the replay."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import cached_property
from typing import NamedTuple

from explainer.engine.access import Access, WalletAccess, sig_refs
from explainer.engine.codes import HELD_NONE, Reason
from explainer.engine.freeze import freeze_reason
from explainer.model import Incident, Setup

MOVED, PARTIAL, BLOCKED = "moved", "partial", "blocked"
ZERO = Decimal(0)


class Event(NamedTuple):
    """One attempted outflow against one wallet, with its outcome and reason.

    An immutable named tuple rather than a frozen dataclass: a sweep builds millions of
    these, and a tuple is four times cheaper to create.
    """

    attempt: int  # index of the recorded outflow
    at: datetime
    approximate: bool
    latest: datetime | None
    wallet: str
    requested: Decimal
    moved: Decimal
    outcome: str
    reason: Reason  # a code and its parameters (``report.reason_text`` says it)
    sources: tuple[str, ...]
    balance_after: Decimal
    lost_after: Decimal
    settles_at: datetime  # when the funds actually leave (later than ``at`` under a time lock)


class WalletResult(NamedTuple):
    """Per-wallet totals of a replay."""

    id: str
    label: str
    initial: Decimal
    exposed: Decimal
    lost: Decimal


class Peak(NamedTuple):
    """The attacker's access at its peak, kept to explain a summary on demand."""

    access: Access
    held: frozenset[str]


@dataclass(frozen=True)
class Summary:
    """Totals of a replay: exposed (reachable at the peak of access) and lost (moved).

    Its two reasons, ``held`` and ``why`` (codes with parameters, said by
    ``report.reason_text``), are found on first reading: a sweep over thousands of setups
    reads only the figures.
    """

    pool: Decimal
    exposed: Decimal
    lost: Decimal
    first_loss: datetime | None
    last_loss: datetime | None
    freeze_at: datetime | None
    initial: dict[str, Decimal]  # per wallet id: balance at the start,
    exposed_by_wallet: dict[str, Decimal]  # reachable at the peak of access,
    lost_by_wallet: dict[str, Decimal]  # and moved
    peak: Peak = field(compare=False, repr=False)
    explain_why: Callable[[], Reason] = field(compare=False, repr=False)

    @cached_property
    def wallets(self) -> tuple[WalletResult, ...]:
        """Per-wallet totals, in the setup's order."""
        return tuple(WalletResult(w.id, w.label, self.initial[w.id],
                                  self.exposed_by_wallet[w.id], self.lost_by_wallet[w.id])
                     for w in self.peak.access.setup.wallets)

    @cached_property
    def peak_access(self) -> dict[str, WalletAccess]:
        """What the attacker held against each wallet at the peak of their access."""
        return self.peak.access.wallets(self.peak.held)

    @cached_property
    def compromised(self) -> tuple[str, ...]:
        """Labels of the domains in the attacker's hands at the peak of their access."""
        labels = self.peak.access.labels
        return tuple(labels.get(d, d) for d in sorted(self.peak.held))

    @cached_property
    def held(self) -> Reason:
        """What the attacker could sign with at the peak of their access."""
        sigs = {s.key: s for a in self.peak_access.values()
                for s in (*a.signatures, *a.recovery)}
        return Reason("held.keys", (sig_refs(sigs.values()),)) if sigs else HELD_NONE

    @cached_property
    def freeze_reason(self) -> Reason:
        """How the setup's freeze is described (``freeze.none`` when there is none)."""
        return freeze_reason(self.peak.access.incident, self.peak.access.setup)

    @cached_property
    def why(self) -> Reason:
        """Why the loss is what it is."""
        return self.explain_why()

    @property
    def exposed_fraction(self) -> Decimal:
        """Exposed as a share of the pool."""
        return self.exposed / self.pool

    @property
    def lost_fraction(self) -> Decimal:
        """Lost as a share of the pool."""
        return self.lost / self.pool


@dataclass(frozen=True, slots=True)
class Replay:
    """A whole replay: the inputs, the ordered events and the summary."""

    incident: Incident
    setup: Setup
    events: tuple[Event, ...]
    summary: Summary


