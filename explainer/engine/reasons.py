"""The one-sentence reasons of events. A replay with events writes them as it goes; a
summary-only run writes none (its "why" comes from a replay with events, on demand)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from explainer import numbers as fmt
from explainer.engine.access import WalletAccess, access_clause
from explainer.engine.freeze import freeze_label
from explainer.engine.limits import CONTRACT, limit_words, loose_words
from explainer.engine.results import BLOCKED, MOVED, PARTIAL
from explainer.engine.runstate import RunState, Step
from explainer.model import Outflow, Setup, Wallet

ZERO = Decimal(0)


def step_reason(run: RunState, step: Step, out: Outflow, held: frozenset[str]) -> str:
    """The reason of one event that reached a wallet: moved, clipped or blocked."""
    w = step.wallet
    if step.outcome == MOVED and step.clipped_by is None:
        # a full move's reason depends only on the access and the loose limits
        key = ("moved", w.id, held)
        text = run.words.get(key)
        if text is None:
            text = run.words[key] = reason_text(run, step, run.access.wallets(held)[w.id])
    else:
        text = reason_text(run, step, run.access.wallets(held)[w.id])
    freeze_at = run.freeze_at
    if step.outcome != BLOCKED and out.latest and freeze_at and out.latest >= freeze_at:
        # a window within one day reads as clock times; a longer one needs dates
        day = out.at.date() if out.latest.date() == out.at.date() else None
        known = (f"to the day ({fmt.day(out.at)})" if fmt.whole_day(out.at, out.latest)
                 else f"to lie {fmt.window(out.at, out.latest, day)}")
        text += (f"; its time is only known {known}, so the freeze at "
                 f"{fmt.stamp(freeze_at, day)} may have come first")
    return text


def reason_text(run: RunState, step: Step, a: WalletAccess) -> str:
    """The words for what one attempt did at one wallet, given the attacker's access."""
    labels = run.access.labels
    symbol = run.incident.asset.symbol
    if step.clipped_by is not None:
        lim, cap, allowed = step.clipped_by
        if cap == 0:
            by = "the wallet's own code" if lim.enforced_by == CONTRACT else \
                labels.get(lim.enforced_by, lim.enforced_by)
            return f"{lim.label or 'the outflow limit'} lets nothing through (enforced by {by})"
        words = limit_words(lim, cap, symbol, labels)
        if step.outcome == BLOCKED:
            return f"{words} was already used up"
        return f"{words} allowed only {fmt.amount(allowed, symbol)} more"
    if step.outcome == PARTIAL:
        initial, pool = run.initial, run.pool
        held = initial[step.wallet.id] + sum((initial[x] for x in step.chain), ZERO)
        share = fmt.percent(held / pool) if pool else "0%"
        what = f"the {step.wallet.label} and its automatic refills" if step.chain \
            else f"the {step.wallet.label}"
        return (f"{what} held only {share} of the pool; "
                f"{fmt.amount(step.take, symbol)} was left to take")
    base = access_clause(a)
    if step.loose:
        base += "; " + "; ".join(loose_words(lim, labels) for lim in step.loose)
    return base


def timelock_reason(run: RunState, w: Wallet) -> str:
    """Why an attempt at a time-locked wallet moved nothing: the freeze came first."""
    assert w.delay is not None and run.freeze_at is not None
    return (f"the {w.label}'s {fmt.duration(w.delay)} time lock was still running when "
            f"outflows were frozen at {fmt.stamp(run.freeze_at, run.timeline.day)}")


def frozen_reason(run: RunState) -> str:
    """Why an attempt after the freeze moved nothing (the same words for every one)."""
    text = run.words.get("frozen")
    if text is None:
        assert run.freeze_at is not None
        text = run.words["frozen"] = (
            f"outflows were frozen at {fmt.stamp(run.freeze_at, run.timeline.day)} "
            f"({freeze_label(run.incident, run.setup)})")
    return text


def blocked_reason(run: RunState, held: frozenset[str]) -> tuple[str, str]:
    """The wallet an attempt that reached no wallet was stopped at, and why: the same
    access and the same empty wallets give the same reason, so it is written once."""
    balance = run.balance
    key = ("blocked", held, tuple(balance[w.id] > 0 for w in run.setup.wallets))
    hit = run.words.get(key)
    if hit is None:
        hit = run.words[key] = blocked_everywhere(run.setup, run.access.wallets(held), balance)
    return hit


def constant(text: str) -> Callable[[], str]:
    """A reason already written."""
    return lambda: text


def blocked_everywhere(setup: Setup, acc: dict[str, WalletAccess],
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


