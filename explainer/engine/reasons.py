"""The one-sentence reasons of events, written only when someone reads them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

from explainer import numbers as fmt
from explainer.engine.access import Access, WalletAccess, access_clause
from explainer.engine.limits import CONTRACT, limit_words, loose_words
from explainer.engine.results import BLOCKED, MOVED, PARTIAL
from explainer.model import Limit, Outflow, Setup, Wallet

ZERO = Decimal(0)

def reason_later(w: Wallet, access: Access, take: Decimal, requested: Decimal,
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
                text = moved_reasons[(w.id, held)] = reason_text(
                    outcome, w, a, take, requested, None, loose, initial, chain, pool, symbol,
                    labels)
        else:
            text = reason_text(outcome, w, a, take, requested, clipped_by, loose, initial, chain,
                           pool, symbol, labels)
        if outcome != BLOCKED and out.latest and freeze_at and out.latest >= freeze_at:
            # a window within one day reads as clock times; a longer one needs dates
            day = out.at.date() if out.latest.date() == out.at.date() else None
            known = (f"to the day ({fmt.day(out.at)})" if fmt.whole_day(out.at, out.latest)
                     else f"to lie {fmt.window(out.at, out.latest, day)}")
            text += (f"; its time is only known {known}, so the freeze at "
                     f"{fmt.stamp(freeze_at, day)} may have come first")
        return text

    return reason


def reason_text(outcome: str, w: Wallet, a: WalletAccess, take: Decimal, requested: Decimal,
            clipped_by: tuple[Limit, Decimal, Decimal] | None, loose: list[Limit],
            initial: dict[str, Decimal], chain: tuple[str, ...], pool: Decimal, symbol: str,
            labels: dict[str, str]) -> str:
    """The reason of one event that reached a wallet: moved, clipped or blocked."""
    if clipped_by is not None:
        lim, cap, allowed = clipped_by
        if cap == 0:
            by = "the wallet's own code" if lim.enforced_by == CONTRACT else \
                labels.get(lim.enforced_by, lim.enforced_by)
            return f"{lim.label or 'the outflow limit'} lets nothing through (enforced by {by})"
        words = limit_words(lim, cap, symbol, labels)
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
        base += "; " + "; ".join(loose_words(lim, labels) for lim in loose)
    return base


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


