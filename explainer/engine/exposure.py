"""What a finished run adds up to: exposed (reachable at the peak of the attacker's
access) and lost (what moved), per wallet and in total."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

from explainer.engine.codes import Reason
from explainer.engine.limits import limit_binds
from explainer.engine.results import Peak, Summary
from explainer.engine.runstate import ZERO, RunState


def summary_of(run: RunState, why: Callable[[], Reason]) -> Summary:
    """The summary of a finished run; ``why`` finds its reason on demand."""
    peak = run.timeline.peak_before(run.freeze_at)
    exposed_by_wallet, exposed = _exposed(run, peak)
    return Summary(
        pool=run.pool, exposed=exposed, lost=sum(run.lost_by_wallet.values(), ZERO),
        first_loss=run.first_loss, last_loss=run.last_loss, freeze_at=run.freeze_at,
        initial=run.initial, exposed_by_wallet=exposed_by_wallet,
        lost_by_wallet=run.lost_by_wallet, peak=Peak(run.access, peak), explain_why=why,
    )


def _exposed(run: RunState, peak: frozenset[str]) -> tuple[dict[str, Decimal], Decimal]:
    """Per wallet and in total, what the attacker could reach at the peak of access."""
    setup, initial, freeze_at = run.setup, run.initial, run.freeze_at
    peak_reach = run.access.reach(peak)
    if run.plain:  # no limit, time lock or refill: exposed is what is reachable
        per_wallet = {w.id: initial[w.id] if peak_reach[w.id] else ZERO for w in setup.wallets}
        return per_wallet, sum(per_wallet.values(), ZERO)

    per_wallet: dict[str, Decimal] = {}
    union: set[str] = set()
    refills = False
    for w in setup.wallets:
        per_wallet[w.id] = ZERO
        if not peak_reach[w.id]:
            continue
        # only a freeze against time locks and periodic limits depends on when access began
        start = _reach_start(run, w.id) if freeze_at is not None and (w.delay or w.limits) \
            else None
        if w.delay and start is not None and start + w.delay >= freeze_at:
            continue  # the time lock outlasts the attacker's window
        chain = run.chains[w.id]
        if chain:
            refills = True
            union.update((w.id, *chain))
            funds = initial[w.id] + sum((initial[x] for x in chain), ZERO)
        else:
            union.add(w.id)
            funds = initial[w.id]
        for i, lim in enumerate(w.limits):
            # a per-transfer cap bounds each transfer, not the total; with no freeze the
            # attacker has unlimited periods, so only a bounded window caps the total
            if not limit_binds(lim, w, peak, True):
                continue
            cap = run.caps[(w.id, i)]
            if lim.period is None:
                if cap == 0:  # a zero cap per transfer lets nothing out at any pace
                    funds = ZERO
                continue
            if freeze_at is None or start is None:
                continue
            # windows of one period that fit in [start, freeze): rounded up, not + 1, since
            # a window opening at the freeze itself can move nothing
            windows = -(-(freeze_at - start) // lim.period)
            funds = min(funds, cap * windows)
        per_wallet[w.id] = funds

    exposed = sum(per_wallet.values(), ZERO)
    if refills:  # a refill source reachable twice is still only there once
        exposed = min(exposed, sum((initial[x] for x in union), ZERO))
    return per_wallet, exposed


def _reach_start(run: RunState, wallet: str) -> datetime | None:
    """When the attacker could first open ``wallet`` before the freeze, if ever."""
    for at, held in run.timeline.held_after:
        if run.freeze_at is not None and at >= run.freeze_at:
            break
        if run.access.reach(held)[wallet]:
            return at
    return None
