"""The replay engine: pure functions from (incident, setup) to events and a summary.

The attacker follows the incident's recorded outflows. Each becomes an attempt against
the setup: it moves in full, in part (clipped by the reachable balance or a binding
limit) or not at all, and every outcome carries a one-sentence reason. Arithmetic is
exact (Decimal, quantised to the asset's smallest unit); nothing here does I/O.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import ROUND_DOWN, Decimal
from functools import cached_property
from typing import NamedTuple

from explainer import numbers as fmt
from explainer.model import Domain, Incident, Key, Limit, Outflow, Setup, Wallet

CONTRACT = "contract"
MOVED, PARTIAL, BLOCKED = "moved", "partial", "blocked"
ZERO = Decimal(0)


class Signature(NamedTuple):
    """One key whose signature the attacker can get, and how."""

    key: str
    key_label: str
    path: str  # stolen, auto-signs, delegated, deceived
    domain: str  # the compromised domain that gives it
    domain_label: str


class WalletAccess(NamedTuple):
    """What the attacker holds against one wallet at one moment (a tuple: cheap to build)."""

    wallet: str
    threshold: int
    total_keys: int
    signatures: tuple[Signature, ...]
    recovery: tuple[Signature, ...]
    held: int  # distinct keys of the quorum the attacker can sign with
    reachable: bool  # m signatures, or one recovery key

    @classmethod
    def of(cls, wallet: str, threshold: int, total_keys: int, signatures: tuple[Signature, ...],
           recovery: tuple[Signature, ...]) -> WalletAccess:
        """Access with its derived counts filled in."""
        held = len(signatures)
        return cls(wallet, threshold, total_keys, signatures, recovery, held,
                   held >= threshold or bool(recovery))


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
    reason: str
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


class _Peak(NamedTuple):
    """The attacker's access at its peak, kept to explain a summary on demand."""

    access: _Access
    held: frozenset[str]


@dataclass(frozen=True)
class Summary:
    """Totals of a replay: exposed (reachable at the peak of access) and lost (moved).

    The two sentences, ``held`` and ``why``, are written on first reading: a sweep over
    thousands of setups reads only the figures.
    """

    pool: Decimal
    exposed: Decimal
    lost: Decimal
    first_loss: datetime | None
    last_loss: datetime | None
    freeze_at: datetime | None
    freeze_label: str
    wallets: tuple[WalletResult, ...]
    peak: _Peak = field(compare=False, repr=False)
    explain_why: Callable[[], str] = field(compare=False, repr=False)

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
    def held(self) -> str:
        """What the attacker could sign with at the peak of their access, in words."""
        sigs = {s.key: s for a in self.peak_access.values()
                for s in (*a.signatures, *a.recovery)}
        return _describe(sigs.values()) if sigs else "no signing keys"

    @cached_property
    def why(self) -> str:
        """One sentence on why the loss is what it is."""
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


# --- preparing a setup for an incident ----------------------------------------------------

def instantiate(setup: Setup, incident: Incident, library_domains: Iterable[Domain] = ()) -> Setup:
    """Map a library setup's generic domains onto what this incident's attacker reached.

    Generic domains the incident maps (``domain_map``) become the incident's own;
    the rest stay the setup's own, independent places the attacker never reached.
    Incident setups are returned unchanged.
    """
    if setup.origin != "library":
        return setup
    mapping = dict(incident.domain_map)

    def d(x: str) -> str:
        return mapping.get(x, x)

    def ds(xs: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(d(x) for x in xs)

    keys = tuple(
        replace(k, domain=d(k.domain), auto_signs_for=ds(k.auto_signs_for),
                delegated_to=ds(k.delegated_to),
                signs_via=d(k.signs_via) if k.signs_via else None)
        for k in setup.keys
    )
    wallets = tuple(
        replace(w, limits=tuple(
            replace(lim, enforced_by=d(lim.enforced_by), set_from=ds(lim.set_from))
            for lim in w.limits))
        for w in setup.wallets
    )
    known = {x.id for x in incident.domains}
    own = {x.id: x for x in (*library_domains, *setup.domains)}
    used = {k.domain for k in keys} | {x for k in keys for x in k.auto_signs_for}
    used |= {x for k in keys for x in k.delegated_to} | {k.signs_via for k in keys if k.signs_via}
    used |= {lim.enforced_by for w in wallets for lim in w.limits}
    domains = tuple(own[x] for x in sorted(used) if x not in known and x in own)
    return replace(setup, keys=keys, wallets=wallets, domains=domains)


def initial_balances(setup: Setup, pool: Decimal, decimals: int) -> dict[str, Decimal]:
    """Split the pool by share, rounding down to the smallest unit; the remainder goes to
    the wallet with the largest share, so the balances always add up to the pool."""
    wallets = setup.wallets
    if len(wallets) == 1:
        return {wallets[0].id: pool}
    unit = _UNITS.get(decimals) or _UNITS.setdefault(decimals, Decimal(1).scaleb(-decimals))
    balances = {w.id: (pool * w.share).quantize(unit, rounding=ROUND_DOWN) for w in wallets}
    biggest = max(wallets, key=lambda w: w.share).id
    balances[biggest] += pool - sum(balances.values())
    return balances


_UNITS: dict[int, Decimal] = {}


# --- access --------------------------------------------------------------------------------

class _Access:
    """Answers 'what can the attacker sign with' for a setup, given compromised domains."""

    def __init__(self, incident: Incident, setup: Setup):
        self.incident = incident
        self.setup = setup
        self._cache: dict[frozenset[str], dict[str, WalletAccess]] = {}
        self._reach: dict[frozenset[str], dict[str, bool]] = {}

    @cached_property
    def labels(self) -> dict[str, str]:
        """Domain id -> label, the incident's and the setup's (only sentences need them)."""
        return _domain_labels(self.incident, self.setup)

    @cached_property
    def keys(self) -> dict[str, Key]:
        """Key id -> key."""
        return {k.id: k for k in self.setup.keys}

    def signature(self, key: Key, held: frozenset[str]) -> Signature | None:
        def sig(path: str, domain: str) -> Signature:
            return Signature(key.id, key.label, path, domain, self.labels.get(domain, domain))

        if key.domain in held:
            return sig("stolen", key.domain)
        if not key.delegation_revoked:
            for dom in key.delegated_to:
                if dom in held:
                    return sig("delegated", dom)
        for dom in key.auto_signs_for:
            if dom in held:
                return sig("auto-signs", dom)
        if key.signs_via and key.signs_via in held and not key.verifies_on_device:
            return sig("deceived", key.signs_via)
        return None

    def reach(self, held: frozenset[str]) -> dict[str, bool]:
        """Which wallets the attacker can spend from: the full ``wallets`` answer without
        building the signatures, for when no sentence needs them."""
        cached = self._reach.get(held)
        if cached is not None:
            return cached
        # the common case first: the key's own domain is in the attacker's hands
        usable = {k.id for k in self.setup.keys if k.domain in held or _usable(k, held)}
        out = {w.id: len(usable.intersection(w.keys)) >= w.threshold
               or not usable.isdisjoint(w.recovery_keys) for w in self.setup.wallets}
        self._reach[held] = out
        return out

    def wallets(self, held: frozenset[str]) -> dict[str, WalletAccess]:
        cached = self._cache.get(held)
        if cached is not None:
            return cached
        out = {}
        for w in self.setup.wallets:
            sigs = tuple(s for k in w.keys if (s := self.signature(self.keys[k], held)))
            rec = tuple(s for k in w.recovery_keys if (s := self.signature(self.keys[k], held)))
            out[w.id] = WalletAccess.of(w.id, w.threshold, len(w.keys), sigs, rec)
        self._cache[held] = out
        return out


def _usable(key: Key, held: frozenset[str]) -> bool:
    """Whether the attacker can get this key's signature (same paths as ``signature``)."""
    return (key.domain in held
            or (not key.delegation_revoked and any(d in held for d in key.delegated_to))
            or any(d in held for d in key.auto_signs_for)
            or (key.signs_via is not None and key.signs_via in held
                and not key.verifies_on_device))


_PATH_WORDS = {
    # (one key, several keys) for each way of getting a signature
    "auto-signs": ("{key} signing automatically for {domain}",
                   "{n} keys signing automatically for {domain}"),
    "delegated": ("{key} through a delegation to {domain}",
                  "{n} keys through delegations to {domain}"),
    "deceived": ("{key} deceived through {domain}", "{n} signers deceived through {domain}"),
}


def _describe(sigs: Iterable[Signature]) -> str:
    """'NEM server', '3 keys on NEM server', '3 signers deceived through Safe{Wallet}'."""
    groups: dict[tuple[str, str], list[Signature]] = {}
    for sig in sigs:
        groups.setdefault((sig.path, sig.domain_label), []).append(sig)
    parts = []
    for (path, domain), members in groups.items():
        n = len(members)
        if path == "stolen":
            parts.append(domain if n == 1 else f"{n} keys on {domain}")
        else:
            one, several = _PATH_WORDS[path]
            words = one if n == 1 else several
            parts.append(words.format(key=members[0].key_label, n=n, domain=domain))
    return ", ".join(parts)


def access_clause(access: WalletAccess) -> str:
    """'needs 2 of 3 signatures; the attacker holds 1 (NEM server)'."""
    if access.recovery:
        return f"the attacker holds a recovery key that acts alone ({_describe(access.recovery)})"
    held = access.held
    who = f" ({_describe(access.signatures)})" if held else ""
    noun = "signature" if access.total_keys == 1 else "signatures"
    return (f"needs {access.threshold} of {access.total_keys} {noun}; "
            f"the attacker holds {held}{who}")


def _limit_binds(limit: Limit, wallet: Wallet, held: frozenset[str], reachable: bool) -> bool:
    if any(d in held for d in limit.set_from):
        return False
    if limit.enforced_by == CONTRACT:
        # code enforces it unless whoever can sign may also swap the code at once
        return wallet.upgrade_timelock or not reachable
    return limit.enforced_by not in held


def _limit_allowance(limit: Limit, cap: Decimal, history: list[tuple[datetime, Decimal]],
                     at: datetime) -> Decimal:
    if limit.period is None:
        return cap
    since = at - limit.period
    used = sum((amt for t, amt in history if t > since), ZERO)
    return max(cap - used, ZERO)


def _limit_words(limit: Limit, cap: Decimal, symbol: str, labels: dict[str, str]) -> str:
    name = limit.label or "the outflow limit"
    per = f" per {fmt.duration(limit.period)}" if limit.period else " per transfer"
    by = "the wallet's own code" if limit.enforced_by == CONTRACT else \
        labels.get(limit.enforced_by, limit.enforced_by)
    return f"{name} ({fmt.amount(cap, symbol)}{per}, enforced by {by})"


# --- the replay ----------------------------------------------------------------------------

def _domain_labels(incident: Incident, setup: Setup) -> dict[str, str]:
    labels = {d.id: d.label for d in incident.domains}
    labels.update({d.id: d.label for d in setup.domains})
    return labels


_NOTHING: frozenset[str] = frozenset()


def _held_at(incident: Incident, at: datetime) -> frozenset[str]:
    return frozenset(d for a in incident.achievements if a.at <= at for d in a.compromises)


@dataclass(frozen=True, slots=True)
class _Timeline:
    """What depends on the incident alone, worked out once per incident."""

    held_at_outflow: tuple[frozenset[str], ...]
    held_after: tuple[tuple[datetime, frozenset[str]], ...]  # after each achievement
    times: tuple[datetime, ...]  # of the outflows
    before: tuple[Decimal, ...]  # before[k]: total requested by outflows 0..k-1
    settled_from: tuple[bool, ...]  # True when access no longer changes from outflow k on
    day: date | None  # the day of a one-day theft (its times read as clock times), else None


_TIMELINES: dict[int, tuple[Incident, _Timeline]] = {}


def _timeline(incident: Incident) -> _Timeline:
    # keyed by identity: hashing a whole incident would cost more than the replay itself
    hit = _TIMELINES.get(id(incident))
    if hit is not None and hit[0] is incident:
        return hit[1]
    shared: dict[frozenset[str], frozenset[str]] = {}

    def held(at: datetime) -> frozenset[str]:
        # equal states share one object, so a replay can tell "unchanged" by identity
        state = _held_at(incident, at)
        return shared.setdefault(state, state)

    states = tuple(held(o.at) for o in incident.outflows)
    before = [ZERO]
    for o in incident.outflows:
        before.append(before[-1] + o.amount)
    days = {o.at.date() for o in incident.outflows}
    days |= {o.latest.date() for o in incident.outflows if o.latest}
    timeline = _Timeline(
        states,
        tuple((a.at, held(a.at)) for a in incident.achievements),
        tuple(o.at for o in incident.outflows),
        tuple(before),
        tuple(all(x is states[k] for x in states[k:]) for k in range(len(states))),
        incident.outflows[0].at.date() if len(days) == 1 else None,
    )
    if len(_TIMELINES) > 64:
        _TIMELINES.clear()
    _TIMELINES[id(incident)] = (incident, timeline)
    return timeline


def replay(incident: Incident, setup: Setup) -> Replay:
    """Replay the incident's recorded outflows against ``setup``; deterministic and pure."""
    events, summary = _run(incident, setup, detail=True)
    return Replay(incident, setup, tuple(events), summary)


def summarise(incident: Incident, setup: Setup) -> Summary:
    """The same replay's summary without building every event and reason: for sweeps
    over many setups. Always equal to ``replay(incident, setup).summary``."""
    return _run(incident, setup, detail=False)[1]


def _run(incident: Incident, setup: Setup, detail: bool) -> tuple[list[Event], Summary]:
    access = _Access(incident, setup)
    symbol = incident.asset.symbol
    pool = incident.pool
    chains = refill_chains(setup)
    initial = initial_balances(setup, pool, incident.asset.decimals)
    balance = dict(initial)
    # only limits look back at what a wallet paid out
    history: dict[str, list[tuple[datetime, Decimal]]] = {w.id: [] for w in setup.wallets
                                                          if w.limits}
    caps = {}
    if history:
        unit = Decimal(1).scaleb(-incident.asset.decimals)
        caps = {(w.id, i): lim.cap(pool).quantize(unit, rounding=ROUND_DOWN)
                for w in setup.wallets for i, lim in enumerate(w.limits)}

    freeze_at, freeze_label = _planned_freeze(incident, setup)
    events: list[Event] = []
    lost = ZERO
    timeline = _timeline(incident)
    blocked_reasons: dict[tuple, tuple[str, str]] = {}
    moved_reasons: dict[tuple, str] = {}
    binding: dict[tuple, bool] = {}
    lost_by_wallet = {w.id: ZERO for w in setup.wallets}
    first_loss: datetime | None = None
    last_loss: datetime | None = None
    last_held: frozenset[str] | None = None
    reach: dict[str, bool] = {}
    # The summary's "why" is the reason that ended the first attempt falling short, or,
    # when every attempt succeeded, the first event's reason. Only the detailed run
    # writes reasons; a summary-only run leaves the sentence to a detailed run on demand.
    first_reason: Callable[[], str] | None = None
    why: Callable[[], str] | None = None
    # when every wallet the attacker can open pays without a binding limit, time lock or
    # refill, attempts after the last change of access can be settled in one step, if no
    # events are wanted (a sweep's common case)
    plain = not any(w.limits or w.delay or chains[w.id] for w in setup.wallets)
    plain_states: dict[frozenset[str], bool] = {}

    def plain_at(k: int) -> bool:
        state = timeline.held_at_outflow[k]
        known = plain_states.get(state)
        if known is None:
            known = plain_states[state] = _plain_at(setup, access, state, chains)
        return known

    outflows = incident.outflows
    day = timeline.day
    n = 0
    while n < len(outflows):
        out = outflows[n]
        at = out.at
        if not detail and timeline.settled_from[n] and (plain or plain_at(n)):
            _, lost, first_loss, last_loss = _settle(
                n, True, timeline, freeze_at, setup,
                access.reach(timeline.held_at_outflow[n]), balance, lost_by_wallet, lost,
                first_loss, last_loss)
            break
        pending: list[tuple] = []  # (wallet, requested, moved, outcome, reason, settles, balance)
        recorded = False
        if freeze_at is not None and at >= freeze_at:
            if not detail:
                break  # outflows are in time order: every later one is frozen too
            target = _target(setup, balance)
            pending.append((target, out.amount, ZERO, BLOCKED,
                            lambda: f"outflows were frozen at {fmt.stamp(freeze_at, day)} "
                                    f"({freeze_label})", at, balance[target] if target else ZERO))
            remaining = out.amount
        else:
            held = timeline.held_at_outflow[n]
            if held is not last_held:
                reach, last_held = access.reach(held), held
            remaining = out.amount
            for w in setup.wallets:
                chain = chains[w.id]
                available = balance[w.id] + sum(balance[x] for x in chain) if chain \
                    else balance[w.id]
                if not reach[w.id] or remaining <= 0 or available <= 0:
                    continue
                recorded = True
                settles = at + w.delay if w.delay else at
                if w.delay and freeze_at is not None and settles >= freeze_at:
                    pending.append((w.id, remaining, ZERO, BLOCKED, detail and (
                        lambda w=w: f"the {w.label}'s {fmt.duration(w.delay)} time lock was "
                        f"still running when outflows were frozen at "
                        f"{fmt.stamp(freeze_at, day)}"),
                        settles, balance[w.id]))
                    continue
                take = min(remaining, available)
                clipped_by = None
                loose: list[Limit] = []
                for i, lim in enumerate(w.limits):
                    binds = binding.get((w.id, i, held))
                    if binds is None:
                        binds = binding[(w.id, i, held)] = _limit_binds(lim, w, held, True)
                    if not binds:
                        loose.append(lim)
                        continue
                    cap = caps[(w.id, i)]
                    allowed = _limit_allowance(lim, cap, history[w.id], at)
                    if allowed < take:
                        take, clipped_by = allowed, (lim, cap, allowed)
                requested = remaining
                if take > 0:
                    if chain:
                        _debit(w.id, take, chain, balance, initial)
                    else:
                        balance[w.id] -= take
                    if w.limits:
                        history[w.id].append((at, take))
                    remaining -= take
                    lost += take
                    lost_by_wallet[w.id] += take
                    if first_loss is None or settles < first_loss:
                        first_loss = settles
                    if last_loss is None or settles > last_loss:
                        last_loss = settles
                outcome = MOVED if take == requested else PARTIAL if take > 0 else BLOCKED
                if not detail:
                    continue
                reason = _reason_later(w, access, take, requested, clipped_by, loose, outcome,
                                       out, held, chain, freeze_at, moved_reasons, initial, pool,
                                       symbol)
                pending.append((w.id, requested, take, outcome, reason, settles, balance[w.id]))
            if not recorded and detail:
                # the same access and the same empty wallets give the same reason: build it once
                key = (held, tuple(balance[w.id] > 0 for w in setup.wallets))
                if key not in blocked_reasons:
                    blocked_reasons[key] = _blocked_everywhere(setup, access.wallets(held), balance)
                target, text = blocked_reasons[key]
                pending.append((target, out.amount, ZERO, BLOCKED, _constant(text), at,
                                balance[target] if target else ZERO))
        if detail:
            for wallet, requested, moved, outcome, reason, settles, after in pending:
                events.append(Event(n, at, out.approximate, out.latest, wallet, requested, moved,
                                    outcome, reason(), out.sources, after, lost, settles))
        if detail and first_reason is None and pending:
            first_reason = _constant(events[-len(pending)].reason)
        if detail and why is None and remaining > 0 and pending:
            why = _constant(events[-1].reason)
        if (not detail and remaining == out.amount
                and n + 1 < len(outflows) and timeline.settled_from[n + 1]
                and _stuck(setup, reach, balance, chains, history, caps, binding, held, at,
                           freeze_at, _last_before(timeline.times, freeze_at))):
            break  # nothing can move any more and no sentence is missing: the rest is blocked
        n += 1

    summary = _summarise(timeline, setup, access, initial, freeze_at, freeze_label,
                         pool, lost_by_wallet, (first_loss, last_loss),
                         (why or first_reason or _constant("there were no recorded outflows "
                                                           "to replay")) if detail
                         else lambda: replay(incident, setup).summary.why,
                         chains)
    return events, summary


def _reason_later(w: Wallet, access: _Access, take: Decimal, requested: Decimal,
                  clipped_by: tuple[Limit, Decimal, Decimal] | None, loose: list[Limit],
                  outcome: str, out: Outflow, held: frozenset[str], chain: tuple[str, ...],
                  freeze_at: datetime | None, moved_reasons: dict[tuple, str],
                  initial: dict[str, Decimal], pool: Decimal,
                  symbol: str) -> Callable[[], str]:
    """The reason of one event, as a function: built only if someone reads it."""

    def reason() -> str:
        a = access.wallets(held)[w.id]
        labels = access.labels
        if outcome == MOVED and clipped_by is None:
            # a full move's reason depends only on the access and the loose limits
            text = moved_reasons.get((w.id, held))
            if text is None:
                text = moved_reasons[(w.id, held)] = _reason(
                    outcome, w, a, take, requested, None, loose, initial, chain, pool, symbol,
                    labels)
        else:
            text = _reason(outcome, w, a, take, requested, clipped_by, loose, initial, chain,
                           pool, symbol, labels)
        if outcome != BLOCKED and out.latest and freeze_at and out.latest >= freeze_at:
            # a window within one day reads as clock times; a longer one needs dates
            day = out.at.date() if out.latest.date() == out.at.date() else None
            text += (f"; its time is only known to lie between {fmt.stamp(out.at, day)} and "
                     f"{fmt.stamp(out.latest, day)}, so the freeze at "
                     f"{fmt.stamp(freeze_at, day)} may have come first")
        return text

    return reason


def _loose_words(limit: Limit, labels: dict[str, str]) -> str:
    """Why a limit did not bind, in words."""
    name = limit.label or "the outflow limit"
    if limit.set_from:
        where = ", ".join(labels.get(d, d) for d in limit.set_from)
        return f"{name} did not bind: it can be changed from {where}"
    if limit.enforced_by == CONTRACT:
        return f"{name} did not bind: the signers could replace the wallet's code at once"
    return f"{name} did not bind: {labels.get(limit.enforced_by, limit.enforced_by)} " \
           "is in the attacker's hands"


def _reason(outcome: str, w: Wallet, a: WalletAccess, take: Decimal, requested: Decimal,
            clipped_by: tuple[Limit, Decimal, Decimal] | None, loose: list[Limit],
            initial: dict[str, Decimal], chain: tuple[str, ...], pool: Decimal, symbol: str,
            labels: dict[str, str]) -> str:
    if clipped_by is not None:
        lim, cap, allowed = clipped_by
        if cap == 0:
            by = "the wallet's own code" if lim.enforced_by == CONTRACT else \
                labels.get(lim.enforced_by, lim.enforced_by)
            return f"{lim.label or 'the outflow limit'} lets nothing through (enforced by {by})"
        words = _limit_words(lim, cap, symbol, labels)
        if outcome == BLOCKED:
            return f"{words} was already used up"
        return f"{words} allowed only {fmt.amount(allowed, symbol)} more"
    if outcome == PARTIAL:
        held = initial[w.id] + sum((initial[x] for x in chain), ZERO)
        share = fmt.percent(held / pool) if pool else "0%"
        what = f"the {w.label} and its automatic refills" if chain else f"the {w.label}"
        return (f"{what} held only {share} of the pool; "
                f"{fmt.amount(take, symbol)} was left to take")
    base = access_clause(a)
    if loose:
        base += "; " + "; ".join(_loose_words(lim, labels) for lim in loose)
    return base


def _plain_at(setup: Setup, access: _Access, held: frozenset[str],
              chains: dict[str, tuple[str, ...]]) -> bool:
    """True when every wallet the attacker can open with ``held`` pays without a binding
    limit, a time lock or a refill: the attempts can then be settled in one step."""
    reach = access.reach(held)
    for w in setup.wallets:
        if not reach[w.id]:
            continue
        if w.delay or chains[w.id]:
            return False
        if any(_limit_binds(lim, w, held, True) for lim in w.limits):
            return False
    return True


def _last_before(times: tuple[datetime, ...], freeze_at: datetime | None) -> datetime:
    """The last outflow time before the freeze (or the last of all)."""
    if freeze_at is None:
        return times[-1]
    k = bisect_left(times, freeze_at)
    return times[k - 1] if k > 0 else times[0]


def _stuck(setup: Setup, reach: dict[str, bool], balance: dict[str, Decimal],
           chains: dict[str, tuple[str, ...]], history: dict[str, list[tuple[datetime, Decimal]]],
           caps: dict[tuple[str, int], Decimal], binding: dict[tuple, bool],
           held: frozenset[str], now: datetime, freeze_at: datetime | None,
           until: datetime) -> bool:
    """True when, with access unchanged, no wallet can pay anything before ``until``:
    each reachable wallet is empty (with its refills), held shut by a binding limit
    whose window does not reopen in time, or time-locked past the freeze (a later
    attempt would settle later still)."""
    for w in setup.wallets:
        if not reach[w.id]:
            continue
        funds = balance[w.id] + sum(balance[x] for x in chains[w.id])
        if funds <= 0:
            continue
        if w.delay:
            if freeze_at is not None and now + w.delay >= freeze_at:
                continue
            return False
        shut = False
        for i, lim in enumerate(w.limits):
            if not binding.get((w.id, i, held)) or lim.period is None:
                continue
            # what still counts at ``until`` counts at every moment before it too
            used = sum((a for t, a in history[w.id] if t > until - lim.period), ZERO)
            if used >= caps[(w.id, i)]:
                shut = True
                break
        if not shut:
            return False
    return True


def _settle(n: int, everything: bool, timeline: _Timeline, freeze_at: datetime | None,
            setup: Setup, reach: dict[str, bool], balance: dict[str, Decimal],
            lost_by_wallet: dict[str, Decimal], lost: Decimal, first_loss: datetime | None,
            last_loss: datetime | None) -> tuple[int, Decimal, datetime | None, datetime | None]:
    """Settle outflows from n on in one step, for a setup without limits, time locks or
    refills whose access no longer changes: the attacker drains reachable wallets in
    order. Settles every remaining outflow if ``everything``, else only those that move
    in full, stopping at the first that falls short. Returns where it stopped. The
    totals equal those of attempt by attempt (a property test checks)."""
    times, before = timeline.times, timeline.before
    cut = len(times) if freeze_at is None else bisect_left(times, freeze_at)
    if cut <= n:
        return (len(times) if everything else n), lost, first_loss, last_loss
    reachable = [w.id for w in setup.wallets if reach[w.id] and balance[w.id] > 0]
    available = sum((balance[x] for x in reachable), ZERO)
    # the first outflow whose request, added to those before it, exceeds what is there
    short = bisect_right(before, before[n] + available, n + 1, cut + 1) - 1
    if everything:
        stop = len(times)
        moved = min(before[cut] - before[n], available)
        last = min(short, cut - 1)  # the short one still takes what is left
    else:
        stop = min(short, cut)
        moved = before[stop] - before[n]
        last = stop - 1
    if moved <= 0:
        return stop, lost, first_loss, last_loss
    left = moved
    for x in reachable:
        part = min(left, balance[x])
        balance[x] -= part
        lost_by_wallet[x] += part
        left -= part
    if first_loss is None:
        first_loss = times[n]
    if last_loss is None or times[last] > last_loss:
        last_loss = times[last]
    return stop, lost + moved, first_loss, last_loss


def refill_chains(setup: Setup) -> dict[str, tuple[str, ...]]:
    """For each wallet, the wallets that automatically refill it, nearest first."""
    if not any(w.refill_from for w in setup.wallets):
        return dict.fromkeys((w.id for w in setup.wallets), ())
    wallets = {w.id: w for w in setup.wallets}
    chains = {}
    for w in setup.wallets:
        chain: list[str] = []
        src = w.refill_from
        while src and src in wallets and src != w.id and src not in chain:
            chain.append(src)
            src = wallets[src].refill_from
        chains[w.id] = tuple(chain)
    return chains


def _debit(wallet: str, amount: Decimal, chain: tuple[str, ...], balance: dict[str, Decimal],
           initial: dict[str, Decimal]) -> None:
    """Take ``amount`` out of a wallet whose automatic refills draw on ``chain``.

    An automatic refill keeps topping the wallet up while it is drained, so one attempt
    can draw on the whole chain; afterwards each link is topped up again from the next.
    """
    order = (wallet, *chain)
    for x in order:
        part = min(amount, balance[x])
        balance[x] -= part
        amount -= part
        if amount <= 0:
            break
    for x, src in zip(order, order[1:], strict=False):
        top_up = min(initial[x] - balance[x], balance[src])
        if top_up > 0:
            balance[x] += top_up
            balance[src] -= top_up


def _target(setup: Setup, balance: dict[str, Decimal]) -> str:
    return max(setup.wallets, key=lambda w: balance[w.id]).id if setup.wallets else ""


def _constant(text: str) -> Callable[[], str]:
    """A reason already written."""
    return lambda: text


def _blocked_everywhere(setup: Setup, acc: dict[str, WalletAccess],
                        balance: dict[str, Decimal]) -> tuple[str, str]:
    """The wallet an attempt that moved nothing was stopped at, and why."""
    funded = [w for w in setup.wallets if balance[w.id] > 0]
    locked = [w for w in funded if not acc[w.id].reachable]
    if not funded:
        return (setup.wallets[0].id if setup.wallets else "",
                "every wallet the attacker could reach was already empty")
    # name the wallet the attacker came closest to opening, then the richest
    target = max(locked or funded, key=lambda w: (acc[w.id].held / acc[w.id].threshold,
                                                  balance[w.id]))
    reason = access_clause(acc[target.id])
    empty = [w for w in setup.wallets if acc[w.id].reachable and balance[w.id] <= 0]
    if empty:
        names = " and ".join(f"the {w.label}" for w in empty)
        verb = "is" if len(empty) == 1 else "are"
        reason = f"{names} {verb} empty and the {target.label} {reason}"
    elif len(setup.wallets) > 1:
        reason = f"the {target.label} {reason}"
    return target.id, reason


def _planned_freeze(incident: Incident, setup: Setup) -> tuple[datetime | None, str]:
    """When outflows stop under this setup's response, and how to say it.

    A monitoring freeze counts from the attacker's first attempted outflow, signed or
    not: an attempt that lacks signatures is itself visible (on NEM, a multisig
    transaction waits on chain for its cosigners), and a start that does not depend on
    the setup keeps "more protection never loses more" true.
    """
    mode = setup.response.freeze
    if mode == "after" and incident.outflows:
        wait = setup.response.after or timedelta(0)
        return (incident.outflows[0].at + wait,
                setup.response.label or f"freeze {fmt.duration(wait)} after the first outflow")
    if mode == "as-run":
        halt = incident.halt()
        if halt is not None:
            return halt.at, setup.response.label or f"as run: {halt.what.rstrip('.')}"
    return None, setup.response.label or ""


# --- exposure and summary ------------------------------------------------------------------

def _summarise(timeline: _Timeline, setup: Setup, access: _Access,
               initial: dict[str, Decimal], freeze_at: datetime | None, freeze_label: str,
               pool: Decimal, lost_by_wallet: dict[str, Decimal],
               loss_span: tuple[datetime | None, datetime | None], why: Callable[[], str],
               chains: dict[str, tuple[str, ...]]) -> Summary:
    held_after = timeline.held_after
    # access only grows, so its peak is the state after the last achievement before the freeze
    peak = _NOTHING
    for at, held in held_after:
        if freeze_at is not None and at >= freeze_at:
            break
        peak = held
    peak_reach = access.reach(peak)
    unit = Decimal(1).scaleb(-access.incident.asset.decimals)
    refills = False

    def reach_start(wid: str) -> datetime | None:
        for at, held in held_after:
            if freeze_at is not None and at >= freeze_at:
                break
            if access.reach(held)[wid]:
                return at
        return None

    per_wallet: dict[str, Decimal] = {}
    union: set[str] = set()
    for w in setup.wallets:
        per_wallet[w.id] = ZERO
        if not peak_reach[w.id]:
            continue
        # only time locks and periodic limits depend on when access began
        start = reach_start(w.id) if (w.delay or w.limits) else None
        if w.delay and freeze_at is not None and start is not None and start + w.delay >= freeze_at:
            continue  # the time lock outlasts the attacker's window
        if chains[w.id]:
            refills = True
            chain = [w.id, *chains[w.id]]
            union.update(chain)
            funds = sum((initial[x] for x in chain), ZERO)
        else:
            union.add(w.id)
            funds = initial[w.id]
        for lim in w.limits:
            # a per-transfer cap bounds each transfer, not the total; with no freeze the
            # attacker has unlimited periods, so only a bounded window caps the total
            if not _limit_binds(lim, w, peak, True):
                continue
            cap = lim.cap(pool).quantize(unit, rounding=ROUND_DOWN)
            if lim.period is None:
                if cap == 0:  # a zero cap per transfer lets nothing out at any pace
                    funds = ZERO
                continue
            if freeze_at is None or start is None:
                continue
            windows = int((freeze_at - start) / lim.period) + 1
            funds = min(funds, cap * windows)
        per_wallet[w.id] = funds

    results = tuple(
        WalletResult(w.id, w.label, initial[w.id], per_wallet[w.id], lost_by_wallet[w.id])
        for w in setup.wallets
    )
    lost = sum(lost_by_wallet.values(), ZERO)
    exposed = sum(per_wallet.values(), ZERO)
    if refills:  # a refill source reachable twice is still only there once
        exposed = min(exposed, sum((initial[x] for x in union), ZERO))
    return Summary(
        pool=pool, exposed=exposed, lost=lost,
        first_loss=loss_span[0],
        last_loss=loss_span[1],
        freeze_at=freeze_at, freeze_label=freeze_label, wallets=results,
        peak=_Peak(access, peak), explain_why=why,
    )


# --- state at a moment (for the animated replay) ------------------------------------------

@dataclass(frozen=True, slots=True)
class State:
    """Balances, losses and access at one scenario time."""

    at: datetime
    balances: dict[str, Decimal]
    lost: Decimal
    events_done: int
    compromised: tuple[str, ...]
    access: dict[str, WalletAccess]


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
    held = _held_at(incident, at)
    tracker = _Access(incident, setup)
    labels = tracker.labels
    access = tracker.wallets(held)
    return State(at, balances, done[-1].lost_after if done else ZERO, len(done),
                 tuple(labels.get(d, d) for d in sorted(held)), access)


def _balances_with_refills(result: Replay, done: list[Event],
                           initial: dict[str, Decimal]) -> dict[str, Decimal]:
    chains = refill_chains(result.setup)
    balances = dict(initial)
    for e in done:
        _debit(e.wallet, e.moved, chains[e.wallet], balances, initial)
    return balances


def replay_all(incident: Incident, setups: Iterable[Setup]) -> list[Replay]:
    """Replay several setups of one incident."""
    return [replay(incident, s) for s in setups]
