"""Hypothesis strategies that build random custody setups for the Coincheck incident."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

from hypothesis import strategies as st

from explainer.model import Domain, Incident, Key, Limit, Response, Setup, Wallet

REAL = ("nem-server", "staff-pcs")  # domains the Coincheck attacker really reached
OWN = ("vault-a", "vault-b", "vault-c")  # domains a setup adds; never reached
DOMAINS = REAL + OWN
OWN_DOMAINS = tuple(Domain(d, d.replace("-", " "), "offline-vault", False) for d in OWN)


@st.composite
def shares(draw, n: int) -> list[Decimal]:
    """n shares in whole percent that add up to exactly 1."""
    cuts = sorted(draw(st.lists(st.integers(0, 100), min_size=n - 1, max_size=n - 1)))
    bounds = [0, *cuts, 100]
    return [Decimal(bounds[i + 1] - bounds[i]) / 100 for i in range(n)]


@st.composite
def keys(draw) -> tuple[Key, ...]:
    count = draw(st.integers(1, 5))
    out = []
    for i in range(count):
        domain = draw(st.sampled_from(DOMAINS))
        auto = tuple(draw(st.lists(st.sampled_from(DOMAINS), max_size=1)))
        delegated = tuple(draw(st.lists(st.sampled_from(DOMAINS), max_size=1)))
        signs_via = draw(st.none() | st.sampled_from(DOMAINS))
        out.append(Key(f"k{i}", f"key {i}", domain, auto, delegated,
                       draw(st.booleans()), signs_via, draw(st.booleans())))
    return tuple(out)


# running totals of the Coincheck transfers: caps that land exactly on one are edge cases
RUNNING_TOTALS = ("10", "100000010", "500000010", "520000010", "523000010", "524500010")


@st.composite
def limits(draw) -> tuple[Limit, ...]:
    if not draw(st.booleans()):
        return ()
    if draw(st.booleans()):
        share, amount = Decimal(draw(st.integers(1, 60))) / 100, None
    else:
        share, amount = None, Decimal(draw(st.sampled_from(RUNNING_TOTALS)))
    period = draw(st.none() | st.integers(1, 48).map(lambda h: timedelta(hours=h)))
    enforced = draw(st.sampled_from((*DOMAINS, "contract")))
    set_from = tuple(draw(st.lists(st.sampled_from(DOMAINS), max_size=1)))
    return (Limit(amount, share, period, enforced, set_from, "limit"),)


@st.composite
def setups(draw) -> Setup:
    """A random but valid setup: keys in real or own domains, 1-3 wallets, optional
    limits, time locks, refills and a response."""
    ks = draw(keys())
    n = draw(st.integers(1, 3))
    parts = draw(shares(n))
    wallets = []
    for i in range(n):
        chosen = draw(st.lists(st.sampled_from([k.id for k in ks]), min_size=1, unique=True))
        threshold = draw(st.integers(1, len(chosen)))
        recovery = tuple(draw(st.lists(st.sampled_from([k.id for k in ks]), max_size=1)))
        delay = draw(st.none() | st.integers(1, 72).map(lambda h: timedelta(hours=h)))
        refill = draw(st.none() | st.sampled_from([f"w{j}" for j in range(n) if j != i] or [None]))
        wallets.append(Wallet(f"w{i}", f"wallet {i}", parts[i], tuple(chosen), threshold,
                              recovery, draw(limits()), delay, draw(st.booleans()), refill))
    response = draw(st.sampled_from([
        Response("as-run"), Response("none"),
        Response("after", timedelta(minutes=10)), Response("after", timedelta(hours=4)),
        Response("after", timedelta(hours=24)),
    ]))
    return Setup("generated", "generated", "generated", tuple(wallets), ks, OWN_DOMAINS, response)


@st.composite
def variants(draw, incident: Incident) -> Incident:
    """The incident with the server taken at another moment (possibly between outflows)
    and a larger pool, so a split can land exactly on a running total."""
    minutes = draw(st.integers(0, 9 * 60))
    taken = incident.outflows[0].at.replace(hour=0, minute=0, second=0) + \
        timedelta(minutes=minutes)
    achievements = tuple(replace(a, at=taken) if "nem-server" in a.compromises else a
                         for a in incident.achievements)
    achievements = tuple(sorted(achievements, key=lambda a: a.at))
    pool = incident.pool * draw(st.sampled_from([1, 2, 3]))
    return replace(incident, achievements=achievements, pool=pool)
