"""Settling the rest of a replay in one step, for summaries (no events wanted).

Once the attacker's access no longer changes, the remaining attempts can often be added
up instead of walked: each wallet the attacker can open pays in order, up to its balance
or what its binding limits still allow, each payment settling after its own time lock.
The totals equal those of a walk attempt by attempt; a property test holds them equal.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import datetime
from decimal import Decimal

from explainer.engine.runstate import ZERO, RunState


def settles_at_once(run: RunState) -> bool:
    """True when the whole replay can be settled in one step: a setup without limits,
    time locks or refills against an incident whose access is settled from the start."""
    return run.plain and run.timeline.settled_from[:1] == (True,)


def remaining_caps(run: RunState, k: int) -> dict[str, Decimal] | None:
    """What each open wallet may still pay from outflow ``k`` on, if the rest can be
    settled in one step ({} for a plain setup, which has nothing to cap); None when the
    attempts must be taken one by one."""
    if run.plain:
        return {}
    held = run.timeline.held_at_outflow[k]
    bulkable = run.bulkable.get(held)
    if bulkable is None:
        bulkable = run.bulkable[held] = _no_open_refills(run, held)
    if not bulkable:
        return None
    return _caps_over(run, held, run.timeline.times[k], last_before(run))


def _no_open_refills(run: RunState, held: frozenset[str]) -> bool:
    """False when a wallet the attacker can open with ``held`` is refilled automatically:
    its attempts must then be taken one by one."""
    reach = run.access.reach(held)
    chains = run.chains
    # a plain loop, not any(): a generator costs more on this hot path
    for w in run.setup.wallets:  # noqa: SIM110
        if reach[w.id] and chains[w.id]:
            return False
    return True


def _caps_over(run: RunState, held: frozenset[str], start: datetime,
               until: datetime) -> dict[str, Decimal] | None:
    """What each open wallet can still pay from ``start`` to ``until`` if every binding
    limit acts as one cap over that span and every time lock either always or never lets
    an attempt settle before the freeze; None when one does not (a window that reopens
    within the span, a non-zero cap per transfer, a freeze that falls among the attempts'
    settle times)."""
    reach = run.access.reach(held)
    freeze_at = run.freeze_at
    out: dict[str, Decimal] = {}
    for w in run.setup.wallets:
        if not reach[w.id]:
            continue
        if w.delay and freeze_at is not None:
            if start + w.delay >= freeze_at:
                out[w.id] = ZERO  # every later attempt would settle after the freeze
                continue
            if until + w.delay >= freeze_at:
                return None
        for i, lim in enumerate(w.limits):
            if not run.binds(w, i, held):
                continue
            cap = run.caps[(w.id, i)]
            if lim.period is None:
                if cap != 0:
                    return None
                out[w.id] = ZERO
                continue
            paid = run.paid[w.id]
            first = paid.first
            earliest = min(first, start) if first is not None else start
            if until - lim.period >= earliest:
                return None  # the window moves on within the span: take attempts one by one
            left = max(cap - paid.total, ZERO)
            out[w.id] = min(out.get(w.id, left), left)
    return out


def last_before(run: RunState) -> datetime:
    """The last outflow time before the freeze (or the last of all)."""
    times, freeze_at = run.timeline.times, run.freeze_at
    if freeze_at is None:
        return times[-1]
    k = bisect_left(times, freeze_at)
    return times[k - 1] if k > 0 else times[0]


def stuck(run: RunState, held: frozenset[str], now: datetime) -> bool:
    """True when, with access unchanged, no wallet can pay anything before the last
    outflow ahead of the freeze: each reachable wallet is empty (with its refills), held
    shut by a binding limit whose window does not reopen in time, or time-locked past the
    freeze (a later attempt would settle later still)."""
    reach = run.access.reach(held)
    balance, freeze_at = run.balance, run.freeze_at
    until = last_before(run)
    for w in run.setup.wallets:
        if not reach[w.id]:
            continue
        funds = balance[w.id] + sum(balance[x] for x in run.chains[w.id])
        if funds <= 0:
            continue
        if w.delay:
            if freeze_at is not None and now + w.delay >= freeze_at:
                continue
            return False
        shut = False
        for i, lim in enumerate(w.limits):
            if not run.binding.get((w.id, i, held)) or lim.period is None:
                continue
            # what still counts at ``until`` counts at every moment before it too
            if run.paid[w.id].after(until - lim.period) >= run.caps[(w.id, i)]:
                shut = True
                break
        if not shut:
            return False
    return True


def settle(run: RunState, n: int, limits: dict[str, Decimal]) -> None:
    """Settle every outflow from ``n`` on in one step, when access no longer changes and
    the wallets the attacker can open have no refill (and no time lock a freeze could
    overtake): they are drained in order, each settling after its own time lock, each up
    to its balance or, under binding limits, up to ``limits`` (what each may still pay;
    empty for a plain setup)."""
    timeline, freeze_at, balance = run.timeline, run.freeze_at, run.balance
    times, before = timeline.times, timeline.before
    cut = len(times) if freeze_at is None else bisect_left(times, freeze_at)
    if cut <= n:
        return
    reach = run.access.reach(timeline.held_at_outflow[n])
    # what each open wallet can pay: its balance, or less under a limit's remaining cap
    payable = {w.id: min(balance[w.id], limits.get(w.id, balance[w.id])) if limits
               else balance[w.id] for w in run.setup.wallets if reach[w.id] and balance[w.id] > 0}
    reachable = [x for x, amount in payable.items() if amount > 0]
    available = sum((payable[x] for x in reachable), ZERO)
    moved = min(before[cut] - before[n], available)
    if moved <= 0:
        return
    delays = {} if run.plain else \
        {w.id: w.delay for w in run.setup.wallets if w.delay and w.id in payable}
    run.lost += moved
    if not delays:  # every payment settles at its attempt: one span for all
        left = moved
        for x in reachable:
            take = min(left, payable[x])
            balance[x] -= take
            run.lost_by_wallet[x] += take
            left -= take
        # the last outflow to find anything left: fewer requests came before it than there was
        last = min(bisect_left(before, before[n] + available, n + 1, cut + 1) - 1, cut - 1)
        run.span(times[n], times[last])
        return
    left, drawn = moved, ZERO
    for x in reachable:
        take = min(left, payable[x])
        if take <= 0:
            break
        balance[x] -= take
        run.lost_by_wallet[x] += take
        # the outflows that reach this wallet: from the one that passes what the wallets
        # before it held, to the last one that still finds something in it
        first = bisect_right(before, before[n] + drawn, n, cut + 1) - 1
        last = min(bisect_left(before, before[n] + drawn + take, n + 1, cut + 1) - 1, cut - 1)
        drawn += take
        left -= take
        shift = delays.get(x)
        if shift is None:
            run.span(times[first], times[last])
        else:
            run.span(times[first] + shift, times[last] + shift)
