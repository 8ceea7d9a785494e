"""Long generated scenarios against a naive reference replay.

The engine keeps running totals, settles attempts in one step and batches frozen ones; the
reference below does none of that: for every outflow it re-adds the whole payment history
of every limit, as the rules read. Both must give the same figures to the last unit.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explainer.engine import replay, summarise
from explainer.engine.limits import Payments
from explainer.model import Domain, Incident, Key, Limit, Outflow, Response, Setup, Wallet

START = datetime.fromisoformat("2018-01-26T00:02:13+09:00")  # the NEM server falls here
VAULT = Domain("vault", "offline vault", "offline-vault", False)
COSIGNER = Domain("cosigner", "co-signer", "cosigner-service", True)
HOT = Key("hot", "hot key", "nem-server")
SERVICE = Key("service", "co-signer key", "cosigner", auto_signs_for=("nem-server",))
COLD = Key("cold", "cold key", "vault")


def long_incident(base: Incident, n: int, seed: int) -> Incident:
    """``base`` with n outflows over five days, from the moment the attacker holds the
    NEM server, amounts to the microXEM."""
    rng = random.Random(seed)
    step = timedelta(days=5) / n
    outflows = tuple(
        Outflow(START + step * i, False,
                Decimal(rng.randint(1, 500_000_000_000)).scaleb(-6), ("S2",))
        for i in range(n))
    return replace(base, outflows=outflows)


def setup(ident: str, wallets: tuple[Wallet, ...], response: Response) -> Setup:
    return Setup(ident, ident, "", wallets, (HOT, SERVICE, COLD), (VAULT, COSIGNER), response)


SETUPS = [
    # a co-signer that enforces 1% of the pool a day, never frozen
    setup("daily", (Wallet("w", "co-signed", Decimal(1), ("hot", "service", "cold"), 2,
                           limits=(Limit(None, Decimal("0.01"), timedelta(hours=24),
                                         "cosigner"),)),), Response("none")),
    # a hot float under an hourly cap and a per-transfer cap; the rest offline; a freeze
    setup("float", (Wallet("hot", "hot", Decimal("0.05"), ("hot",), 1,
                           limits=(Limit(Decimal(900_000), None, timedelta(hours=1),
                                         "contract"),
                                   Limit(Decimal("333333.333333"), None, None, "contract")),
                           upgrade_timelock=True),  # so the wallet's own code binds
                    Wallet("cold", "cold", Decimal("0.95"), ("cold",), 1)),
          Response("after", timedelta(hours=60))),
    # two open wallets: the second time-locked for 12 h under a 6-hour window
    setup("locked", (Wallet("a", "first", Decimal("0.02"), ("hot",), 1),
                     Wallet("b", "second", Decimal("0.98"), ("hot",), 1,
                            limits=(Limit(None, Decimal("0.004"), timedelta(hours=6),
                                          "cosigner"),),
                            delay=timedelta(hours=12))),
          Response("after", timedelta(hours=90))),
]


def naive(incident: Incident, s: Setup) -> dict:
    """The replay as the rules read, with no shortcut: every wallet in the setup's order
    (all of them open to the attacker except those keyed only offline), every binding
    limit re-adding all that left within its window at every attempt."""
    pool, unit = incident.pool, Decimal(1).scaleb(-incident.asset.decimals)
    freeze = incident.outflows[0].at + s.response.after if s.response.freeze == "after" \
        else None
    balance = {w.id: pool * w.share for w in s.wallets}
    paid: dict[str, list[tuple[datetime, Decimal]]] = {w.id: [] for w in s.wallets}
    moved_per_outflow, lost_by_wallet = [], dict.fromkeys(balance, Decimal(0))
    settle_times = []
    for out in incident.outflows:
        remaining, moved = out.amount, Decimal(0)
        for w in s.wallets:
            if w.keys == ("cold",) or remaining <= 0 or balance[w.id] <= 0:
                continue
            if freeze is not None and out.at >= freeze:
                continue
            settles = out.at + (w.delay or timedelta(0))
            if freeze is not None and settles >= freeze:
                continue
            take = min(remaining, balance[w.id])
            for lim in w.limits:
                cap = lim.amount if lim.amount is not None else (pool * lim.share).quantize(unit)
                if lim.period is None:
                    allowed = cap
                else:
                    used = sum((a for t, a in paid[w.id] if t > out.at - lim.period),
                               Decimal(0))
                    allowed = max(cap - used, Decimal(0))
                take = min(take, allowed)
            if take > 0:
                balance[w.id] -= take
                paid[w.id].append((out.at, take))
                lost_by_wallet[w.id] += take
                remaining -= take
                moved += take
                settle_times.append(settles)
        moved_per_outflow.append(moved)
    return {"moved": moved_per_outflow, "lost_by_wallet": lost_by_wallet,
            "lost": sum(lost_by_wallet.values(), Decimal(0)),
            "first": min(settle_times, default=None), "last": max(settle_times, default=None)}


@pytest.mark.parametrize("s", SETUPS, ids=[s.id for s in SETUPS])
def test_a_long_scenario_matches_the_naive_replay(coincheck, s):
    incident = long_incident(coincheck, 1500, seed=len(s.id))
    want = naive(incident, s)
    r = replay(incident, s)
    moved = [Decimal(0)] * len(incident.outflows)
    for e in r.events:
        moved[e.attempt] += e.moved
    assert moved == want["moved"]
    assert r.summary.lost_by_wallet == want["lost_by_wallet"]
    assert (r.summary.lost, r.summary.first_loss, r.summary.last_loss) == \
        (want["lost"], want["first"], want["last"])
    # the limits really bit, and something really moved: the comparison says something
    assert 0 < r.summary.lost < incident.pool
    assert any(e.outcome != "moved" for e in r.events)
    # the summary-only run settles what it can in one step and must agree
    assert summarise(incident, s) == r.summary


@given(st.lists(st.tuples(st.integers(0, 500), st.integers(1, 10**9)), max_size=60),
       st.integers(-5, 505))
def test_running_totals_equal_re_adding_the_window(payments, cutoff):
    base = START
    paid = Payments()
    for minute, amount in sorted(payments):
        paid.add(base + timedelta(minutes=minute), Decimal(amount).scaleb(-6))
    at = base + timedelta(minutes=cutoff)
    want = sum((Decimal(a).scaleb(-6) for m, a in payments if base + timedelta(minutes=m) > at),
               Decimal(0))
    assert paid.after(at) == want
    assert paid.total == sum((Decimal(a).scaleb(-6) for _, a in payments), Decimal(0))
