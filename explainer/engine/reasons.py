"""The reasons of events, as codes with parameters (``codes``). A replay with events
builds them as it goes; a summary-only run builds none (its "why" comes from a replay
with events, on demand). No sentence is written here: ``report.reason_text`` says them."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from explainer.engine.access import WalletAccess, access_reason
from explainer.engine.codes import ALL_EMPTY, CONTRACT_ID, Reason
from explainer.engine.freeze import freeze_reason
from explainer.engine.limits import CONTRACT
from explainer.engine.results import BLOCKED, MOVED, PARTIAL
from explainer.engine.runstate import RunState, Step
from explainer.model import Limit, Outflow, Setup, Wallet

ZERO = Decimal(0)


def step_reason(run: RunState, step: Step, out: Outflow, held: frozenset[str]) -> Reason:
    """The reason of one event that reached a wallet: moved, clipped or blocked."""
    w = step.wallet
    if step.outcome == MOVED and step.clipped_by is None:
        # a full move's reason depends only on the access and the loose limits
        key = ("moved", w.id, held)
        reason = run.words.get(key)
        if reason is None:
            reason = run.words[key] = attempt_reason(run, step,
                                                     run.access.wallets(held)[w.id])
    else:
        reason = attempt_reason(run, step, run.access.wallets(held)[w.id])
    freeze_at = run.freeze_at
    if step.outcome != BLOCKED and out.latest and freeze_at and out.latest >= freeze_at:
        reason = Reason("freeze_window", (reason, out.at, out.latest, freeze_at))
    return reason


def _enforcer(limit: Limit) -> str:
    return CONTRACT_ID if limit.enforced_by == CONTRACT else limit.enforced_by


def attempt_reason(run: RunState, step: Step, a: WalletAccess) -> Reason:
    """What one attempt did at one wallet, given the attacker's access."""
    w = step.wallet
    if step.clipped_by is not None:
        lim, cap, allowed = step.clipped_by
        index = w.limits.index(lim)
        if cap == 0:
            return Reason("limit.shut", (w.id, index, _enforcer(lim)))
        if step.outcome == BLOCKED:
            return Reason("limit.used_up", (w.id, index, cap, lim.period, _enforcer(lim)))
        return Reason("limit.clipped", (w.id, index, cap, lim.period, _enforcer(lim), allowed))
    if step.outcome == PARTIAL:
        initial, pool = run.initial, run.pool
        held = initial[w.id] + sum((initial[x] for x in step.chain), ZERO)
        share = held / pool if pool else ZERO
        if step.chain:
            return Reason("held_only_refills", (w.id, step.chain, share, step.take))
        return Reason("held_only", (w.id, share, step.take))
    base = access_reason(a)
    if step.loose:
        base = Reason("with_loose", (base, tuple(loose_reason(w, lim) for lim in step.loose)))
    return base


def loose_reason(w: Wallet, limit: Limit) -> Reason:
    """Why a limit of ``w`` did not bind."""
    index = w.limits.index(limit)
    if limit.set_from:
        return Reason("loose.set_from", (w.id, index, limit.set_from))
    if limit.enforced_by == CONTRACT:
        return Reason("loose.contract", (w.id, index))
    return Reason("loose.held", (w.id, index, limit.enforced_by))


def timelock_reason(run: RunState, w: Wallet) -> Reason:
    """Why an attempt at a time-locked wallet moved nothing: the freeze came first."""
    assert w.delay is not None and run.freeze_at is not None
    key = ("timelock", w.id)
    reason = run.words.get(key)
    if reason is None:  # the same for every attempt at this wallet: one object
        reason = run.words[key] = Reason("timelock", (w.id, w.delay, run.freeze_at))
    return reason


def frozen_reason(run: RunState) -> Reason:
    """Why an attempt after the freeze moved nothing (the same reason for every one)."""
    reason = run.words.get("frozen")
    if reason is None:
        assert run.freeze_at is not None
        reason = run.words["frozen"] = Reason(
            "frozen", (run.freeze_at, freeze_reason(run.incident, run.setup)))
    return reason


def blocked_reason(run: RunState, held: frozenset[str]) -> tuple[str, Reason]:
    """The wallet an attempt that reached no wallet was stopped at, and why: the same
    access and the same empty wallets give the same reason, so it is built once."""
    balance = run.balance
    key = ("blocked", held, tuple(balance[w.id] > 0 for w in run.setup.wallets))
    hit = run.words.get(key)
    if hit is None:
        hit = run.words[key] = blocked_everywhere(run.setup, run.access.wallets(held), balance)
    return hit


def constant(reason: Reason) -> Callable[[], Reason]:
    """A reason already built."""
    return lambda: reason


def blocked_everywhere(setup: Setup, acc: dict[str, WalletAccess],
                       balance: dict[str, Decimal]) -> tuple[str, Reason]:
    """The wallet an attempt that moved nothing was stopped at, and why."""
    funded = [w for w in setup.wallets if balance[w.id] > 0]
    locked = [w for w in funded if not acc[w.id].reachable]
    if not funded:
        return (setup.wallets[0].id if setup.wallets else "", ALL_EMPTY)
    # name the wallet the attacker came closest to opening, then the richest
    target = max(locked or funded, key=lambda w: (acc[w.id].held / acc[w.id].threshold,
                                                  balance[w.id]))
    reason = access_reason(acc[target.id])
    empty = tuple(w.id for w in setup.wallets if acc[w.id].reachable and balance[w.id] <= 0)
    if empty:
        reason = Reason("blocked.empty", (empty, target.id, reason))
    elif len(setup.wallets) > 1:
        reason = Reason("blocked.at", (target.id, reason))
    return target.id, reason
