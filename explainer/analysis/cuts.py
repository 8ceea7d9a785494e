"""Theft cuts and lock-out cuts: which sets of failure domains must fall.

A *theft cut* of a wallet is a minimal set of domains whose compromise, held from the
first recorded outflow to the end of the incident, lets the attacker move (a) anything
or (b) everything the wallet holds; its amount is what the replay then counts as
exposed for that wallet (the engine's own figure, time locks, limits and the setup's
freeze included). A *lock-out cut* is a minimal set of domains whose loss (destroyed,
unreachable) leaves the venue itself unable to sign for the wallet.

Exact: every subset of the setup's failure domains is examined (at most ``MAX_DOMAINS``;
beyond, ``TooManyDomains``). Both properties only grow with the set (more places held
never protects more; more places lost never signs more), so a set is minimal when no set
with one domain fewer qualifies.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from explainer.analysis.places import (
    checked_domains,
    compromised_from_start,
    labels_of,
    loosening_mask,
    members,
    owner_mask,
    peak_domains,
    signing_mask,
)
from explainer.engine import Summary, initial_balances, summarise
from explainer.model import Incident, Setup

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Cut:
    """A minimal set of failure domains and the amount of one wallet it puts at stake.

    ``domains`` are ids in sorted order, ``labels`` their labels in the same order.
    For a theft cut, ``amount`` is what the set exposes and ``reached`` says whether the
    incident's attacker really held every domain of it; for a lock-out cut, ``amount`` is
    the wallet's whole balance and ``reached`` is False.
    """

    domains: tuple[str, ...]
    labels: tuple[str, ...]
    amount: Decimal
    reached: bool = False

    @property
    def size(self) -> int:
        """How many domains must fall."""
        return len(self.domains)


@dataclass(frozen=True, slots=True)
class WalletCuts:
    """Theft cuts of one wallet: minimal sets that move anything, and everything.

    Both tuples are ranked by size, then by amount (largest first), then by domain ids.
    Empty ``anything`` means no set of places lets the attacker move any of it.
    """

    wallet: str
    label: str
    holds: Decimal
    anything: tuple[Cut, ...]
    everything: tuple[Cut, ...]

    @property
    def single_points(self) -> tuple[Cut, ...]:
        """Single points of failure: the cuts of one domain that move anything."""
        return tuple(c for c in self.anything if c.size == 1)


@dataclass(frozen=True, slots=True)
class WalletLockout:
    """Lock-out cuts of one wallet, ranked by size then domain ids."""

    wallet: str
    label: str
    holds: Decimal
    cuts: tuple[Cut, ...]


_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def _bits(flags: list[bool]) -> int:
    """A list of truth values as one integer whose bit ``mask`` is ``flags[mask]``."""
    return int(bytes(reversed(flags)).translate(_DIGITS) or b"0", 2)


def _minimal(qualifies: list[bool], n: int) -> list[int]:
    """Masks that qualify while none with one bit fewer does (monotone predicates).

    Works on the whole table at once: the table is one big integer with a bit per mask,
    so "mask without domain i qualifies" for every mask is one shift and one AND.
    """
    size = 1 << n
    table = _bits(qualifies)
    everything = (1 << size) - 1
    beaten = 0
    for i in range(n):
        step = 1 << i
        # bit positions of the masks that contain domain i: the upper half of every
        # block of 2 * step positions
        pattern = (((1 << step) - 1) << step) * (everything // ((1 << (2 * step)) - 1))
        beaten |= (table << step) & pattern
    found = table & ~beaten
    out = []
    while found:
        low = found & -found
        out.append(low.bit_length() - 1)
        found ^= low
    return out


def _signable(masks: list[int], n: int) -> list[int]:
    """For every set of domains, the keys (bits) whose signature one of them gives."""
    by_domain = [0] * n
    for j, km in enumerate(masks):
        for i in range(n):
            if km >> i & 1:
                by_domain[i] |= 1 << j
    table = [0] * (1 << n)
    for mask in range(1, 1 << n):
        low = mask & -mask
        table[mask] = table[mask ^ low] | by_domain[low.bit_length() - 1]
    return table


def theft_cuts(incident: Incident, setup: Setup) -> tuple[WalletCuts, ...]:
    """Per wallet, in the setup's order: the minimal sets of domains whose compromise
    lets the attacker move anything, and everything, the wallet holds.

    Raises ``TooManyDomains`` for a setup of more than ``MAX_DOMAINS`` domains.
    """
    domains = checked_domains(setup)
    n = len(domains)
    order = {k.id: j for j, k in enumerate(setup.keys)}
    signable = _signable([signing_mask(k, domains) for k in setup.keys], n)
    initial = initial_balances(setup, incident.pool, incident.asset.decimals)
    # what a wallet exposes depends on the set only through whether the attacker can
    # open it and which of its limits still bind: one replay per distinct answer
    known: dict[tuple, Decimal] = {}
    summaries: dict[int, Summary] = {}
    amounts: dict[str, list[Decimal]] = {}
    for w in setup.wallets:
        keys = sum(1 << order[k] for k in w.keys)
        recovery = sum(1 << order[k] for k in w.recovery_keys)
        m = w.threshold
        loosen = tuple(loosening_mask(lim, w, domains) for lim in w.limits)
        opens = [(sig & keys).bit_count() >= m or sig & recovery != 0 for sig in signable]
        if loosen:
            answers = [(w.id, tuple(lm is not None and not mask & lm for lm in loosen))
                       if ok else None for mask, ok in enumerate(opens)]
        else:
            answers = [(w.id, ()) if ok else None for ok in opens]
        for mask, answer in enumerate(answers):
            if answer is None or answer in known:
                continue
            summary = summaries.get(mask)
            if summary is None:
                summary = summaries[mask] = summarise(
                    compromised_from_start(incident, members(mask, domains)), setup)
            known[answer] = summary.exposed_by_wallet[w.id]
        amounts[w.id] = [ZERO if a is None else known[a] for a in answers]
    labels = labels_of(incident, setup)
    peak = peak_domains(incident)

    def cut(mask: int, wid: str) -> Cut:
        ids = members(mask, domains)
        return Cut(ids, tuple(labels.get(d, d) for d in ids), amounts[wid][mask],
                   peak.issuperset(ids))

    out = []
    for w in setup.wallets:
        got = amounts[w.id]
        some = [cut(m, w.id) for m in _minimal([a > 0 for a in got], n)]
        whole = initial[w.id]
        # a wallet holding nothing cannot lose "everything" in any meaningful sense
        every = [cut(m, w.id) for m in _minimal([a > 0 and a >= whole for a in got], n)]
        out.append(WalletCuts(w.id, w.label, whole, _ranked(some), _ranked(every)))
    return tuple(out)


def lockout_cuts(incident: Incident, setup: Setup) -> tuple[WalletLockout, ...]:
    """Per wallet, in the setup's order: the minimal sets of domains whose loss leaves the
    venue unable to sign for it. A key survives while its own place, or a place its
    unrevoked delegation names, survives; one surviving recovery key is enough.

    Raises ``TooManyDomains`` for a setup of more than ``MAX_DOMAINS`` domains.
    """
    checked_domains(setup)  # the same refusal as theft_cuts, on the same count
    places = {k.domain for k in setup.keys}
    places.update(d for k in setup.keys if not k.delegation_revoked for d in k.delegated_to)
    domains = tuple(sorted(places))
    n = len(domains)
    order = {k.id: j for j, k in enumerate(setup.keys)}
    full = (1 << n) - 1
    # keys the venue can still sign with when a set is lost: those with a place outside it
    usable = _signable([owner_mask(k, domains) for k in setup.keys], n)
    initial = initial_balances(setup, incident.pool, incident.asset.decimals)
    labels = labels_of(incident, setup)
    out = []
    for w in setup.wallets:
        keys = sum(1 << order[k] for k in w.keys)
        recovery = sum(1 << order[k] for k in w.recovery_keys)
        m = w.threshold
        locked = [(usable[full ^ mask] & keys).bit_count() < m
                  and not usable[full ^ mask] & recovery for mask in range(1 << n)]
        cuts = []
        for m in _minimal(locked, n):
            ids = members(m, domains)
            cuts.append(Cut(ids, tuple(labels.get(d, d) for d in ids), initial[w.id]))
        out.append(WalletLockout(w.id, w.label, initial[w.id], _ranked(cuts)))
    return tuple(out)


def _ranked(cuts: Iterable[Cut]) -> tuple[Cut, ...]:
    return tuple(sorted(cuts, key=lambda c: (c.size, -c.amount, c.domains)))


def smallest(cuts: Iterable[Cut]) -> Cut | None:
    """The first of the smallest cuts (by size, then the largest amount), or None."""
    ranked = _ranked(cuts)
    return ranked[0] if ranked else None


def single_points(wallets: Sequence[WalletCuts]) -> tuple[str, ...]:
    """Domains that alone let the attacker move something from some wallet, sorted."""
    return tuple(sorted({c.domains[0] for w in wallets for c in w.single_points}))


def smallest_theft_cut(wallets: Sequence[WalletCuts]) -> Cut | None:
    """The smallest set of domains that moves anything from any wallet of the setup."""
    return smallest(c for w in wallets for c in w.anything)


def smallest_lockout_cut(wallets: Sequence[WalletLockout]) -> Cut | None:
    """The smallest set of domains whose loss locks any wallet of the setup."""
    return smallest(c for w in wallets for c in w.cuts)
