"""The replay itself: the attacker follows the recorded outflows against a setup.

``replay`` walks every attempt and writes its events; ``summarise`` walks only as far as
it must and settles the rest in one step (``fastpath``). Both keep their state in one
``RunState`` and end with the same ``exposure.summary_of``.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from explainer.engine.codes import NO_OUTFLOWS, Reason
from explainer.engine.exposure import summary_of
from explainer.engine.fastpath import remaining_caps, settle, settles_at_once, stuck
from explainer.engine.reasons import (
    blocked_reason,
    constant,
    frozen_reason,
    step_reason,
    timelock_reason,
)
from explainer.engine.results import BLOCKED, MOVED, PARTIAL, Event, Replay, Summary
from explainer.engine.runstate import ZERO, RunState, Step
from explainer.model import Incident, Limit, Outflow, Setup

# what one attempt did at one wallet, as an event needs it:
# (wallet, requested, moved, outcome, reason, settles, balance after)
Pending = tuple


def replay(incident: Incident, setup: Setup) -> Replay:
    """Replay the incident's recorded outflows against ``setup``; deterministic and pure."""
    run = RunState.start(incident, setup, detail=True)
    events, why = _walk(run)
    return Replay(incident, setup, tuple(events), summary_of(run, why))


def summarise(incident: Incident, setup: Setup) -> Summary:
    """The same replay's summary without building every event and reason: for sweeps
    over many setups. Always equal to ``replay(incident, setup).summary``."""
    run = RunState.start(incident, setup, detail=False)
    if settles_at_once(run):
        settle(run, 0, {})
    else:
        _walk(run)
    return summary_of(run, lambda: replay(incident, setup).summary.why)


def _walk(run: RunState) -> tuple[list[Event], Callable[[], Reason]]:
    """Take the attempts in order, writing events when the run wants them. A summary-only
    run stops as soon as the rest can be settled in one step, or nothing can move any
    more, or the freeze has come.

    The summary's "why" is the reason that ended the first attempt falling short, or,
    when every attempt succeeded, the first event's reason.
    """
    timeline, detail, freeze_at = run.timeline, run.detail, run.freeze_at
    outflows = run.incident.outflows
    events: list[Event] = []
    first_reason: Reason | None = None
    why: Reason | None = None
    for n, out in enumerate(outflows):
        settled = timeline.settled_from[n]
        if not detail and settled:
            limits = remaining_caps(run, n)
            if limits is not None:
                settle(run, n, limits)
                break
        at = out.at
        if freeze_at is not None and at >= freeze_at:
            # outflows are in time order: every later one is frozen too
            if detail:
                events += _frozen(run, n)
                first_reason = first_reason or events[-1].reason
                why = why or events[-1].reason
            break
        held = timeline.held_at_outflow[n]
        steps, remaining = _attempt(run, out, held)
        if detail:
            if not steps:
                continue
            lost = run.lost
            events.extend(Event(n, at, out.approximate, out.latest, wallet, requested, moved,
                                outcome, reason, out.sources, after, lost, settles)
                          for wallet, requested, moved, outcome, reason, settles, after in steps)
            if first_reason is None:
                first_reason = steps[0][4]
            if why is None and remaining > 0:
                why = steps[-1][4]
        elif (remaining == out.amount and settled and n + 1 < len(outflows)
              and stuck(run, held, at)):
            break  # nothing can move any more and no sentence is missing: the rest is blocked
    return events, constant(why or first_reason or NO_OUTFLOWS)


def _attempt(run: RunState, out: Outflow, held: frozenset[str]) -> tuple[list[Pending], Decimal]:
    """One recorded outflow as an attempt against every wallet the attacker can open, in
    the setup's order, within balances, refills, time locks and binding limits. Returns
    what happened at each wallet (only when the run wants events) and what was left
    unmoved of the outflow's amount."""
    reach = run.access.reach(held)
    balance, chains, freeze_at, detail = run.balance, run.chains, run.freeze_at, run.detail
    at = out.at
    remaining = out.amount
    steps: list[Pending] = []
    recorded = False
    for w in run.setup.wallets:
        chain = chains[w.id]
        available = balance[w.id] + sum(balance[x] for x in chain) if chain else balance[w.id]
        if not reach[w.id] or remaining <= 0 or available <= 0:
            continue
        recorded = True
        settles = at + w.delay if w.delay else at
        if w.delay and freeze_at is not None and settles >= freeze_at:
            if detail:
                steps.append((w.id, remaining, ZERO, BLOCKED, timelock_reason(run, w), settles,
                              balance[w.id]))
            continue
        take = min(remaining, available)
        clipped_by = None
        loose: tuple[Limit, ...] = ()
        for i, lim in enumerate(w.limits):
            if not run.binds(w, i, held):
                loose += (lim,)
                continue
            allowed = run.allowance(w, i, at)
            if allowed < take:
                take, clipped_by = allowed, (lim, run.caps[(w.id, i)], allowed)
        requested = remaining
        if take > 0:
            run.pay(w, take, at, settles)
            remaining -= take
        if detail:
            outcome = MOVED if take == requested else PARTIAL if take > 0 else BLOCKED
            step = Step(w, requested, take, outcome, clipped_by, loose, chain)
            steps.append((w.id, requested, take, outcome, step_reason(run, step, out, held),
                          settles, balance[w.id]))
    if detail and not recorded:
        target, text = blocked_reason(run, held)
        steps.append((target, out.amount, ZERO, BLOCKED, text, at,
                      balance[target] if target else ZERO))
    return steps, remaining


def _frozen(run: RunState, n: int) -> list[Event]:
    """The events of the outflows from ``n`` on, all after the freeze: each is blocked, and
    shown against the wallet that held the most when outflows stopped."""
    wallets, balance = run.setup.wallets, run.balance
    target = max(wallets, key=lambda w: balance[w.id]).id if wallets else ""
    after = balance[target] if target else ZERO
    reason, lost = frozen_reason(run), run.lost
    return [Event(k, out.at, out.approximate, out.latest, target, out.amount, ZERO, BLOCKED,
                  reason, out.sources, after, lost, out.at)
            for k, out in enumerate(run.incident.outflows[n:], n)]
