"""Preparing a setup for an incident: mapping library domains, splitting the pool,
and the automatic refills between wallets."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from decimal import ROUND_DOWN, ROUND_HALF_DOWN, Context, Decimal

from explainer.model import Domain, Incident, Setup
from explainer.schema import MAX_DIGITS


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
    """Split the pool by share, each part rounded to the nearest smallest unit (a tie goes
    down); what is left over goes to the wallet with the largest share, so the balances
    always add up to the pool (a share written to 28 places lands on the round figure it
    stands for)."""
    wallets = setup.wallets
    if len(wallets) <= 1:
        return {w.id: pool for w in wallets}
    unit = UNITS.get(decimals) or UNITS.setdefault(decimals, Decimal(1).scaleb(-decimals))
    biggest = wallets[0]
    for w in wallets:  # the first of the largest shares, as max() would pick; a loop is cheaper
        if w.share > biggest.share:
            biggest = w
    balances: dict[str, Decimal] = {}
    taken = ZERO
    for w in wallets:  # in the setup's order, the biggest wallet's place kept for the rest
        if w is biggest:
            balances[w.id] = ZERO
        else:
            balances[w.id] = share = part(pool, w.share, unit, ROUND_HALF_DOWN)
            taken += share
    balances[biggest.id] = pool - taken
    return balances


UNITS: dict[int, Decimal] = {}
ZERO = Decimal(0)
# wide enough for a product of two amounts of MAX_DIGITS digits: no rounding before the cut
EXACT = Context(prec=2 * MAX_DIGITS + 8, rounding=ROUND_DOWN)


def part(pool: Decimal, share: Decimal, unit: Decimal, rounding: str = ROUND_DOWN) -> Decimal:
    """``share`` of ``pool`` rounded to ``unit`` (down unless told otherwise: a cap must
    never allow more than it says), with no rounding before that."""
    return EXACT.multiply(pool, share).quantize(unit, rounding=rounding, context=EXACT)


def has_extras(setup: Setup) -> bool:
    """True when a wallet has a limit, a time lock or a refill:
    without any, a replay can take its shortest path."""
    # a plain loop, not any(): a generator costs more on this hot path
    for w in setup.wallets:  # noqa: SIM110
        if w.limits or w.delay or w.refill_from:
            return True
    return False


def refill_chains(setup: Setup) -> dict[str, tuple[str, ...]]:
    """For each wallet, the wallets that automatically refill it, nearest first."""
    if not has_extras(setup):
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


def debit(wallet: str, amount: Decimal, chain: tuple[str, ...], balance: dict[str, Decimal],
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


