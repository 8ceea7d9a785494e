"""The replay engine: pure functions from (incident, setup) to events and a summary.

The attacker follows the incident's recorded outflows. Each becomes an attempt against
the setup: it moves in full, in part (clipped by the reachable balance or a binding
limit) or not at all, and every outcome carries a one-sentence reason. Arithmetic is
exact (Decimal, quantised to the asset's smallest unit); nothing here does I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from decimal import ROUND_DOWN, Decimal

from explainer import numbers as fmt
from explainer.model import Domain, Incident, Key, Limit, Setup, Wallet

CONTRACT = "contract"
MOVED, PARTIAL, BLOCKED = "moved", "partial", "blocked"
ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Signature:
    """One key whose signature the attacker can get, and how."""

    key: str
    key_label: str
    path: str  # stolen, auto-signs, delegated, deceived
    domain: str  # the compromised domain that gives it
    domain_label: str


@dataclass(frozen=True, slots=True)
class WalletAccess:
    """What the attacker holds against one wallet at one moment."""

    wallet: str
    threshold: int
    total_keys: int
    signatures: tuple[Signature, ...]
    recovery: tuple[Signature, ...]

    @property
    def held(self) -> int:
        """Distinct keys of the quorum the attacker can sign with."""
        return len(self.signatures)

    @property
    def reachable(self) -> bool:
        """True when the attacker can spend: m signatures, or one recovery key."""
        return self.held >= self.threshold or bool(self.recovery)


@dataclass(frozen=True, slots=True)
class Event:
    """One attempted outflow against one wallet, with its outcome and reason."""

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


@dataclass(frozen=True, slots=True)
class WalletResult:
    """Per-wallet totals of a replay."""

    id: str
    label: str
    initial: Decimal
    exposed: Decimal
    lost: Decimal
    access: WalletAccess


@dataclass(frozen=True, slots=True)
class Summary:
    """Totals of a replay: exposed (reachable at the peak of access) and lost (moved)."""

    pool: Decimal
    exposed: Decimal
    lost: Decimal
    first_loss: datetime | None
    last_loss: datetime | None
    freeze_at: datetime | None
    freeze_label: str
    wallets: tuple[WalletResult, ...]
    compromised: tuple[str, ...]  # domain labels at the peak of access
    held: str  # what the attacker held at the peak, in words
    why: str  # one sentence on why the loss is what it is

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
    unit = Decimal(1).scaleb(-decimals)
    balances = {w.id: (pool * w.share).quantize(unit, rounding=ROUND_DOWN) for w in setup.wallets}
    if setup.wallets:
        biggest = max(setup.wallets, key=lambda w: w.share).id
        balances[biggest] += pool - sum(balances.values())
    return balances


# --- access --------------------------------------------------------------------------------

class _Access:
    """Answers 'what can the attacker sign with' for a setup, given compromised domains."""

    def __init__(self, setup: Setup, labels: dict[str, str]):
        self.setup = setup
        self.labels = labels
        self.keys: dict[str, Key] = {k.id: k for k in setup.keys}
        self._cache: dict[frozenset[str], dict[str, WalletAccess]] = {}

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

    def wallets(self, held: frozenset[str]) -> dict[str, WalletAccess]:
        cached = self._cache.get(held)
        if cached is not None:
            return cached
        out = {}
        for w in self.setup.wallets:
            sigs = tuple(s for k in w.keys if (s := self.signature(self.keys[k], held)))
            rec = tuple(s for k in w.recovery_keys if (s := self.signature(self.keys[k], held)))
            out[w.id] = WalletAccess(w.id, w.threshold, len(w.keys), sigs, rec)
        self._cache[held] = out
        return out


def _describe(sigs: Iterable[Signature]) -> str:
    """'NEM server', '3 keys on NEM server', 'co-signer key signs automatically for ...'."""
    stolen: dict[str, int] = {}
    other: list[str] = []
    for s in sigs:
        if s.path == "stolen":
            stolen[s.domain_label] = stolen.get(s.domain_label, 0) + 1
        elif s.path == "auto-signs":
            other.append(f"{s.key_label} signing automatically for {s.domain_label}")
        elif s.path == "delegated":
            other.append(f"{s.key_label} through a delegation to {s.domain_label}")
        else:
            other.append(f"{s.key_label} deceived through {s.domain_label}")
    parts = [label if n == 1 else f"{n} keys on {label}" for label, n in stolen.items()]
    return ", ".join(parts + other)


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


def _held_at(incident: Incident, at: datetime) -> frozenset[str]:
    return frozenset(d for a in incident.achievements if a.at <= at for d in a.compromises)


def replay(incident: Incident, setup: Setup) -> Replay:
    """Replay the incident's recorded outflows against ``setup``; deterministic and pure."""
    labels = _domain_labels(incident, setup)
    access = _Access(setup, labels)
    symbol = incident.asset.symbol
    unit = Decimal(1).scaleb(-incident.asset.decimals)
    pool = incident.pool
    wallets = {w.id: w for w in setup.wallets}
    initial = initial_balances(setup, pool, incident.asset.decimals)
    balance = dict(initial)
    history: dict[str, list[tuple[datetime, Decimal]]] = {w.id: [] for w in setup.wallets}
    caps = {(w.id, i): lim.cap(pool).quantize(unit, rounding=ROUND_DOWN)
            for w in setup.wallets for i, lim in enumerate(w.limits)}

    freeze_at, freeze_label = _planned_freeze(incident, setup)
    events: list[Event] = []
    lost = ZERO

    for n, out in enumerate(incident.outflows):
        at = out.at
        if freeze_at is not None and at >= freeze_at:
            events.append(_event(n, out, _target(setup, balance), out.amount, ZERO, BLOCKED,
                                 f"outflows were frozen at {fmt.clock(freeze_at)} "
                                 f"({freeze_label})", balance, lost, at))
            continue
        held = _held_at(incident, at)
        acc = access.wallets(held)
        remaining = out.amount
        recorded = False
        for w in setup.wallets:
            a = acc[w.id]
            if not a.reachable or remaining <= 0:
                continue
            if balance[w.id] <= 0:
                continue
            settles = at + w.delay if w.delay else at
            if w.delay and freeze_at is not None and settles >= freeze_at:
                events.append(_event(n, out, w.id, remaining, ZERO, BLOCKED,
                                     f"the {w.label}'s {fmt.duration(w.delay)} time lock was still "
                                     f"running when outflows were frozen at "
                                     f"{fmt.clock(freeze_at)}", balance, lost, settles))
                recorded = True
                continue
            take = min(remaining, balance[w.id])
            clipped_by = None
            loose: list[str] = []
            for i, lim in enumerate(w.limits):
                cap = caps[(w.id, i)]
                if not _limit_binds(lim, w, held, True):
                    loose.append(_loose_words(lim, labels))
                    continue
                allowed = _limit_allowance(lim, cap, history[w.id], at)
                if allowed < take:
                    take, clipped_by = allowed, (lim, cap, allowed)
            requested = remaining
            if take > 0:
                balance[w.id] -= take
                history[w.id].append((at, take))
                remaining -= take
                lost += take
            _refill(w, wallets, balance, initial)
            outcome = MOVED if take == requested else PARTIAL if take > 0 else BLOCKED
            reason = _reason(outcome, w, a, take, requested, clipped_by, loose, balance, initial,
                             pool, symbol, labels)
            if outcome != BLOCKED and out.latest and freeze_at and out.latest >= freeze_at:
                reason += (f"; its time is only known to lie between {fmt.clock(at)} and "
                           f"{fmt.clock(out.latest)}, so the freeze at {fmt.clock(freeze_at)} "
                           "may have come first")
            events.append(_event(n, out, w.id, requested, take, outcome, reason, balance, lost,
                                 settles))
            recorded = True
        if not recorded:
            events.append(_blocked_everywhere(n, out, setup, acc, balance, lost, symbol))

    summary = _summarise(incident, setup, access, events, initial, freeze_at, freeze_label,
                         labels, pool)
    return Replay(incident, setup, tuple(events), summary)


def _loose_words(limit: Limit, labels: dict[str, str]) -> str:
    name = limit.label or "the outflow limit"
    if limit.set_from:
        where = ", ".join(labels.get(d, d) for d in limit.set_from)
        return f"{name} did not bind: it can be changed from {where}"
    if limit.enforced_by == CONTRACT:
        return f"{name} did not bind: the signers could replace the wallet's code at once"
    return f"{name} did not bind: {labels.get(limit.enforced_by, limit.enforced_by)} " \
           "is in the attacker's hands"


def _reason(outcome: str, w: Wallet, a: WalletAccess, take: Decimal, requested: Decimal,
            clipped_by: tuple[Limit, Decimal, Decimal] | None, loose: list[str],
            balance: dict[str, Decimal], initial: dict[str, Decimal], pool: Decimal,
            symbol: str, labels: dict[str, str]) -> str:
    if clipped_by is not None:
        lim, cap, allowed = clipped_by
        words = _limit_words(lim, cap, symbol, labels)
        if outcome == BLOCKED:
            return f"{words} was already used up"
        return f"{words} allowed only {fmt.amount(allowed, symbol)} more"
    if outcome == PARTIAL:
        share = fmt.percent(initial[w.id] / pool) if pool else "0%"
        left = take
        refill = " with refills" if w.refill_from else ""
        return (f"the {w.label} held only {share} of the pool{refill}; "
                f"{fmt.amount(left, symbol)} was left")
    base = access_clause(a)
    if loose:
        base += "; " + "; ".join(loose)
    return base


def _refill(w: Wallet, wallets: dict[str, Wallet], balance: dict[str, Decimal],
            initial: dict[str, Decimal]) -> None:
    source = w.refill_from
    if source is None or source not in wallets:
        return
    gap = initial[w.id] - balance[w.id]
    top_up = min(gap, balance[source])
    if top_up > 0:
        balance[w.id] += top_up
        balance[source] -= top_up


def _target(setup: Setup, balance: dict[str, Decimal]) -> str:
    return max(setup.wallets, key=lambda w: balance[w.id]).id if setup.wallets else ""


def _blocked_everywhere(n: int, out, setup: Setup, acc: dict[str, WalletAccess],
                        balance: dict[str, Decimal], lost: Decimal, symbol: str) -> Event:
    funded = [w for w in setup.wallets if balance[w.id] > 0]
    locked = [w for w in funded if not acc[w.id].reachable]
    if not funded:
        target = setup.wallets[0].id if setup.wallets else ""
        reason = "every wallet the attacker could reach was already empty"
    else:
        biggest = max(locked or funded, key=lambda w: balance[w.id])
        target = biggest.id
        reason = access_clause(acc[biggest.id])
        empty = [w for w in setup.wallets if acc[w.id].reachable and balance[w.id] <= 0]
        if empty:
            names = " and ".join(f"the {w.label}" for w in empty)
            reason = f"{names} {'is' if len(empty) == 1 else 'are'} empty and the " \
                     f"{biggest.label} {reason}"
        elif len(setup.wallets) > 1:
            reason = f"the {biggest.label} {reason}"
    return _event(n, out, target, out.amount, ZERO, BLOCKED, reason, balance, lost, out.at)


def _event(n: int, out, wallet: str, requested: Decimal, moved: Decimal, outcome: str,
           reason: str, balance: dict[str, Decimal], lost: Decimal, settles: datetime) -> Event:
    return Event(n, out.at, out.approximate, out.latest, wallet, requested, moved, outcome,
                 reason, out.sources, balance.get(wallet, ZERO), lost, settles)


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

def _summarise(incident: Incident, setup: Setup, access: _Access, events: list[Event],
               initial: dict[str, Decimal], freeze_at: datetime | None, freeze_label: str,
               labels: dict[str, str], pool: Decimal) -> Summary:
    cutoff = [a for a in incident.achievements if freeze_at is None or a.at < freeze_at]
    peak = frozenset(d for a in cutoff for d in a.compromises)
    peak_access = access.wallets(peak)
    wallets = {w.id: w for w in setup.wallets}
    unit = Decimal(1).scaleb(-incident.asset.decimals)

    def reach_start(wid: str) -> datetime | None:
        for a in cutoff:
            if access.wallets(_held_at(incident, a.at))[wid].reachable:
                return a.at
        return None

    per_wallet: dict[str, Decimal] = {}
    union: set[str] = set()
    for w in setup.wallets:
        per_wallet[w.id] = ZERO
        if not peak_access[w.id].reachable:
            continue
        start = reach_start(w.id)
        if w.delay and freeze_at is not None and start is not None and start + w.delay >= freeze_at:
            continue  # the time lock outlasts the attacker's window
        chain = [w.id]
        while (src := wallets[chain[-1]].refill_from) and src not in chain:
            chain.append(src)
        union.update(chain)
        funds = sum((initial[x] for x in chain), ZERO)
        for lim in w.limits:
            # a per-transfer cap bounds each transfer, not the total; with no freeze the
            # attacker has unlimited periods, so only a bounded window caps the total
            if lim.period is None or freeze_at is None or start is None:
                continue
            if not _limit_binds(lim, w, peak, True):
                continue
            cap = lim.cap(pool).quantize(unit, rounding=ROUND_DOWN)
            windows = int((freeze_at - start) / lim.period) + 1
            funds = min(funds, cap * windows)
        per_wallet[w.id] = funds

    lost_by_wallet = {w.id: ZERO for w in setup.wallets}
    for e in events:
        lost_by_wallet[e.wallet] = lost_by_wallet.get(e.wallet, ZERO) + e.moved
    losses = [e for e in events if e.moved > 0]
    results = tuple(
        WalletResult(w.id, w.label, initial[w.id], per_wallet[w.id], lost_by_wallet[w.id],
                     peak_access[w.id])
        for w in setup.wallets
    )
    lost = sum((e.moved for e in events), ZERO)
    exposed = min(sum(per_wallet.values(), ZERO), sum((initial[x] for x in union), ZERO))
    held_sigs = {s.key: s for a in peak_access.values() for s in (*a.signatures, *a.recovery)}
    held = _describe(held_sigs.values()) if held_sigs else "no signing keys"
    compromised = tuple(labels.get(d, d) for d in sorted(peak))
    return Summary(
        pool=pool, exposed=exposed, lost=lost,
        first_loss=min((e.settles_at for e in losses), default=None),
        last_loss=max((e.settles_at for e in losses), default=None),
        freeze_at=freeze_at, freeze_label=freeze_label, wallets=results,
        compromised=compromised, held=held,
        why=_why(events, lost, pool, incident.asset.symbol),
    )


def _why(events: list[Event], lost: Decimal, pool: Decimal, symbol: str) -> str:
    """The reason behind the outcome, taken from the first event that was not a full move."""
    if not events:
        return "there were no recorded outflows to replay"
    stopped = next((e for e in events if e.outcome != MOVED), None)
    if stopped is None:
        return events[0].reason
    return stopped.reason


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
    labels = _domain_labels(incident, setup)
    held = _held_at(incident, at)
    access = _Access(setup, labels).wallets(held)
    return State(at, balances, done[-1].lost_after if done else ZERO, len(done),
                 tuple(labels.get(d, d) for d in sorted(held)), access)


def _balances_with_refills(result: Replay, done: list[Event],
                           initial: dict[str, Decimal]) -> dict[str, Decimal]:
    wallets = {w.id: w for w in result.setup.wallets}
    balances = dict(initial)
    for e in done:
        balances[e.wallet] -= e.moved
        _refill(wallets[e.wallet], wallets, balances, initial)
    return balances


def replay_all(incident: Incident, setups: Iterable[Setup]) -> list[Replay]:
    """Replay several setups of one incident."""
    return [replay(incident, s) for s in setups]
