"""The replay itself: the attacker follows the recorded outflows against a setup."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal

from explainer import numbers as fmt
from explainer.engine.access import Access
from explainer.engine.limits import limit_allowance, limit_binds
from explainer.engine.reasons import blocked_everywhere, constant, reason_later
from explainer.engine.results import (
    BLOCKED,
    MOVED,
    PARTIAL,
    ZERO,
    Event,
    Peak,
    Replay,
    Summary,
)
from explainer.engine.shares import debit, has_extras, initial_balances, part, refill_chains
from explainer.engine.timeline import Timeline, timeline_of
from explainer.model import Incident, Limit, Setup


def replay(incident: Incident, setup: Setup) -> Replay:
    """Replay the incident's recorded outflows against ``setup``; deterministic and pure."""
    events, summary = _run(incident, setup, detail=True)
    return Replay(incident, setup, tuple(events), summary)


def summarise(incident: Incident, setup: Setup) -> Summary:
    """The same replay's summary without building every event and reason: for sweeps
    over many setups. Always equal to ``replay(incident, setup).summary``."""
    return _run(incident, setup, detail=False)[1]


def _run(incident: Incident, setup: Setup, detail: bool) -> tuple[list[Event], Summary]:
    access = Access(incident, setup)
    pool = incident.pool
    chains = refill_chains(setup)
    initial = initial_balances(setup, pool, incident.asset.decimals)
    timeline = timeline_of(incident)
    freeze_at = _planned_freeze(incident, setup)
    if not detail and not has_extras(setup) and timeline.settled_from[:1] == (True,):
        return [], _at_once(incident, setup, access, timeline, initial, freeze_at, chains)
    symbol = incident.asset.symbol
    balance = dict(initial)
    # only limits look back at what a wallet paid out
    history: dict[str, list[tuple[datetime, Decimal]]] = {w.id: [] for w in setup.wallets
                                                          if w.limits}
    caps = {}
    if history:
        unit = Decimal(1).scaleb(-incident.asset.decimals)
        caps = {(w.id, i): lim.amount if lim.amount is not None else part(pool, lim.share, unit)
                for w in setup.wallets for i, lim in enumerate(w.limits)}

    events: list[Event] = []
    lost = ZERO
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
    # When no events are wanted and access no longer changes, the remaining attempts can
    # be settled in one step, provided each wallet the attacker can open pays without a
    # time lock or refill, and any binding limit acts as one cap on the whole rest.
    plain = not has_extras(setup)
    bulkable: dict[frozenset[str], bool] = {}

    def bulk_caps(k: int) -> dict[str, Decimal] | None:
        if plain:
            return {}
        state = timeline.held_at_outflow[k]
        if bulkable.get(state) is None:
            bulkable[state] = _bulkable(setup, access, state, chains)
        if not bulkable[state]:
            return None
        return _remaining_caps(setup, access.reach(state), state, history, caps, binding,
                               timeline.times[k], _last_before(timeline.times, freeze_at),
                               freeze_at)

    outflows = incident.outflows
    day = timeline.day
    n = 0
    while n < len(outflows):
        out = outflows[n]
        at = out.at
        if not detail and timeline.settled_from[n] and (limits := bulk_caps(n)) is not None:
            lost, first_loss, last_loss = _settle(
                n, timeline, freeze_at, setup,
                access.reach(timeline.held_at_outflow[n]), balance, lost_by_wallet, lost,
                first_loss, last_loss, limits)
            break
        pending: list[tuple] = []  # (wallet, requested, moved, outcome, reason, settles, balance)
        recorded = False
        if freeze_at is not None and at >= freeze_at:
            if not detail:
                break  # outflows are in time order: every later one is frozen too
            target = _target(setup, balance)
            pending.append((target, out.amount, ZERO, BLOCKED,
                            lambda: f"outflows were frozen at {fmt.stamp(freeze_at, day)} "
                                    f"({freeze_label(incident, setup)})", at,
                            balance[target] if target else ZERO))
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
                        binds = binding[(w.id, i, held)] = limit_binds(lim, w, held, True)
                    if not binds:
                        loose.append(lim)
                        continue
                    cap = caps[(w.id, i)]
                    allowed = limit_allowance(lim, cap, history[w.id], at)
                    if allowed < take:
                        take, clipped_by = allowed, (lim, cap, allowed)
                requested = remaining
                if take > 0:
                    if chain:
                        debit(w.id, take, chain, balance, initial)
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
                reason = reason_later(w, access, take, requested, clipped_by, loose, outcome,
                                       out, held, chain, freeze_at, moved_reasons, initial, pool,
                                       symbol)
                pending.append((w.id, requested, take, outcome, reason, settles, balance[w.id]))
            if not recorded and detail:
                # the same access and the same empty wallets give the same reason: build it once
                key = (held, tuple(balance[w.id] > 0 for w in setup.wallets))
                if key not in blocked_reasons:
                    blocked_reasons[key] = blocked_everywhere(setup, access.wallets(held), balance)
                target, text = blocked_reasons[key]
                pending.append((target, out.amount, ZERO, BLOCKED, constant(text), at,
                                balance[target] if target else ZERO))
        if detail:
            for wallet, requested, moved, outcome, reason, settles, after in pending:
                events.append(Event(n, at, out.approximate, out.latest, wallet, requested, moved,
                                    outcome, reason(), out.sources, after, lost, settles))
        if detail and first_reason is None and pending:
            first_reason = constant(events[-len(pending)].reason)
        if detail and why is None and remaining > 0 and pending:
            why = constant(events[-1].reason)
        if (not detail and remaining == out.amount
                and n + 1 < len(outflows) and timeline.settled_from[n]
                and _stuck(setup, reach, balance, chains, history, caps, binding, held, at,
                           freeze_at, _last_before(timeline.times, freeze_at))):
            break  # nothing can move any more and no sentence is missing: the rest is blocked
        n += 1

    summary = _summarise(timeline, setup, access, initial, freeze_at,
                         pool, lost_by_wallet, (first_loss, last_loss),
                         (why or first_reason or constant("there were no recorded outflows "
                                                           "to replay")) if detail
                         else lambda: replay(incident, setup).summary.why,
                         chains, caps)
    return events, summary


def _at_once(incident: Incident, setup: Setup, access: Access, timeline: Timeline,
             initial: dict[str, Decimal], freeze_at: datetime | None,
             chains: dict[str, tuple[str, ...]]) -> Summary:
    """The summary of a setup without limits, time locks or refills against an incident
    whose access is settled from the first outflow: every attempt in one step."""
    balance = dict(initial)
    lost_by_wallet = dict.fromkeys(initial, ZERO)
    lost, first_loss, last_loss = _settle(0, timeline, freeze_at, setup,
                                          access.reach(timeline.held_at_outflow[0]), balance,
                                          lost_by_wallet, ZERO, None, None, None)
    return _summarise(timeline, setup, access, initial, freeze_at, incident.pool,
                      lost_by_wallet, (first_loss, last_loss),
                      lambda: replay(incident, setup).summary.why, chains, {})


def _bulkable(setup: Setup, access: Access, held: frozenset[str],
              chains: dict[str, tuple[str, ...]]) -> bool:
    """False when a wallet the attacker can open with ``held`` is refilled automatically:
    its attempts must then be taken one by one."""
    reach = access.reach(held)
    # a plain loop, not any(): a generator costs more on this hot path
    for w in setup.wallets:  # noqa: SIM110
        if reach[w.id] and chains[w.id]:
            return False
    return True


def _remaining_caps(setup: Setup, reach: dict[str, bool], held: frozenset[str],
                    history: dict[str, list[tuple[datetime, Decimal]]],
                    caps: dict[tuple[str, int], Decimal], binding: dict[tuple, bool],
                    start: datetime, until: datetime,
                    freeze_at: datetime | None) -> dict[str, Decimal] | None:
    """What each open wallet can still pay from ``start`` to ``until`` if every binding
    limit acts as one cap over that span and every time lock either always or never lets
    an attempt settle before the freeze; None when one does not (a window that reopens
    within the span, a non-zero cap per transfer, a freeze that falls among the attempts'
    settle times)."""
    out: dict[str, Decimal] = {}
    for w in setup.wallets:
        if not reach[w.id]:
            continue
        if w.delay and freeze_at is not None:
            if start + w.delay >= freeze_at:
                out[w.id] = ZERO  # every later attempt would settle after the freeze
                continue
            if until + w.delay >= freeze_at:
                return None
        for i, lim in enumerate(w.limits):
            binds = binding.get((w.id, i, held))
            if binds is None:
                binds = binding[(w.id, i, held)] = limit_binds(lim, w, held, True)
            if not binds:
                continue
            cap = caps[(w.id, i)]
            if lim.period is None:
                if cap != 0:
                    return None
                out[w.id] = ZERO
                continue
            paid = history[w.id]
            earliest = min(paid[0][0], start) if paid else start
            if until - lim.period >= earliest:
                return None  # the window moves on within the span: take attempts one by one
            left = max(cap - sum((a for _, a in paid), ZERO), ZERO)
            out[w.id] = min(out.get(w.id, left), left)
    return out


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


def _settle(n: int, timeline: Timeline, freeze_at: datetime | None, setup: Setup,
            reach: dict[str, bool], balance: dict[str, Decimal],
            lost_by_wallet: dict[str, Decimal], lost: Decimal, first_loss: datetime | None,
            last_loss: datetime | None, limits: dict[str, Decimal] | None,
            ) -> tuple[Decimal, datetime | None, datetime | None]:
    """Settle every outflow from n on in one step, when access no longer changes and the
    wallets the attacker can open have no refill (and no time lock a freeze could
    overtake): they are drained in order, each settling after its own time lock,
    each up to its balance or, under binding limits, up to ``limits`` (what each may
    still pay). ``limits`` None means a plain setup: no limits and no time locks. The
    totals equal those of attempt by attempt (a property test checks)."""
    times, before = timeline.times, timeline.before
    cut = len(times) if freeze_at is None else bisect_left(times, freeze_at)
    if cut <= n:
        return lost, first_loss, last_loss
    # what each open wallet can pay: its balance, or less under a limit's remaining cap
    if limits:
        payable = {w.id: min(balance[w.id], limits.get(w.id, balance[w.id]))
                   for w in setup.wallets if reach[w.id] and balance[w.id] > 0}
    else:
        payable = {w.id: balance[w.id] for w in setup.wallets if reach[w.id] and balance[w.id] > 0}
    reachable = [x for x, amount in payable.items() if amount > 0]
    available = sum((payable[x] for x in reachable), ZERO)
    moved = min(before[cut] - before[n], available)
    if moved <= 0:
        return lost, first_loss, last_loss
    delays = {w.id: w.delay for w in setup.wallets if w.delay and w.id in payable} \
        if limits is not None else {}
    if not delays:
        left = moved
        for x in reachable:
            part = min(left, payable[x])
            balance[x] -= part
            lost_by_wallet[x] += part
            left -= part
        # the last outflow to find anything left: fewer requests came before it than there was
        last = min(bisect_left(before, before[n] + available, n + 1, cut + 1) - 1, cut - 1)
        if first_loss is None:
            first_loss = times[n]
        if last_loss is None or times[last] > last_loss:
            last_loss = times[last]
        return lost + moved, first_loss, last_loss
    left, drawn = moved, ZERO
    for x in reachable:
        part = min(left, payable[x])
        if part <= 0:
            break
        balance[x] -= part
        lost_by_wallet[x] += part
        # the outflows that reach this wallet: from the one that passes what the wallets
        # before it held, to the last one that still finds something in it
        first = bisect_right(before, before[n] + drawn, n, cut + 1) - 1
        last = min(bisect_left(before, before[n] + drawn + part, n + 1, cut + 1) - 1, cut - 1)
        drawn += part
        left -= part
        shift = delays.get(x)
        start, end = (times[first], times[last]) if shift is None else \
            (times[first] + shift, times[last] + shift)
        if first_loss is None or start < first_loss:
            first_loss = start
        if last_loss is None or end > last_loss:
            last_loss = end
    return lost + moved, first_loss, last_loss


def _target(setup: Setup, balance: dict[str, Decimal]) -> str:
    return max(setup.wallets, key=lambda w: balance[w.id]).id if setup.wallets else ""


def _planned_freeze(incident: Incident, setup: Setup) -> datetime | None:
    """When outflows stop under this setup's response (``freeze_label`` says it in words).

    A monitoring freeze counts from the attacker's first attempted outflow, signed or
    not: an attempt that lacks signatures is itself visible (on NEM, a multisig
    transaction waits on chain for its cosigners), and a start that does not depend on
    the setup keeps "more protection never loses more" true.
    """
    mode = setup.response.freeze
    if mode == "after" and incident.outflows:
        return incident.outflows[0].at + (setup.response.after or timedelta(0))
    if mode == "as-run":
        halt = incident.halt()
        if halt is not None:
            return halt.at
    return None


def freeze_label(incident: Incident, setup: Setup) -> str:
    """How the setup's freeze is described: its own label, or words from the response."""
    if setup.response.label:
        return setup.response.label
    mode = setup.response.freeze
    if mode == "after":
        wait = fmt.duration(setup.response.after or timedelta(0))
        return f"freeze {wait} after the first outflow"
    halt = incident.halt() if mode == "as-run" else None
    return f"as run: {halt.what.rstrip('.')}" if halt is not None else ""


# --- exposure and summary ------------------------------------------------------------------

def _summarise(timeline: Timeline, setup: Setup, access: Access,
               initial: dict[str, Decimal], freeze_at: datetime | None,
               pool: Decimal, lost_by_wallet: dict[str, Decimal],
               loss_span: tuple[datetime | None, datetime | None], why: Callable[[], str],
               chains: dict[str, tuple[str, ...]],
               caps: dict[tuple[str, int], Decimal]) -> Summary:
    held_after = timeline.held_after
    peak = timeline.peak_before(freeze_at)
    peak_reach = access.reach(peak)
    refills = False
    if not has_extras(setup):  # no limit, time lock or refill: exposed is what is reachable
        per_wallet = {w.id: initial[w.id] if peak_reach[w.id] else ZERO for w in setup.wallets}
        return _summary(setup, initial, per_wallet, lost_by_wallet, sum(per_wallet.values(),
                        ZERO), pool, loss_span, freeze_at, access, peak, why)

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
        # only a freeze against time locks and periodic limits depends on when access began
        start = reach_start(w.id) if freeze_at is not None and (w.delay or w.limits) else None
        if w.delay and start is not None and start + w.delay >= freeze_at:
            continue  # the time lock outlasts the attacker's window
        if chains[w.id]:
            refills = True
            chain = [w.id, *chains[w.id]]
            union.update(chain)
            funds = sum((initial[x] for x in chain), ZERO)
        else:
            union.add(w.id)
            funds = initial[w.id]
        for i, lim in enumerate(w.limits):
            # a per-transfer cap bounds each transfer, not the total; with no freeze the
            # attacker has unlimited periods, so only a bounded window caps the total
            if not limit_binds(lim, w, peak, True):
                continue
            cap = caps[(w.id, i)]
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
    return _summary(setup, initial, per_wallet, lost_by_wallet, exposed, pool, loss_span,
                    freeze_at, access, peak, why)


def _summary(setup: Setup, initial: dict[str, Decimal], per_wallet: dict[str, Decimal],
             lost_by_wallet: dict[str, Decimal], exposed: Decimal, pool: Decimal,
             loss_span: tuple[datetime | None, datetime | None], freeze_at: datetime | None,
             access: Access, peak: frozenset[str], why: Callable[[], str]) -> Summary:
    return Summary(
        pool=pool, exposed=exposed, lost=sum(lost_by_wallet.values(), ZERO),
        first_loss=loss_span[0], last_loss=loss_span[1], freeze_at=freeze_at,
        initial=initial, exposed_by_wallet=per_wallet, lost_by_wallet=lost_by_wallet,
        peak=Peak(access, peak), explain_why=why,
    )


