"""The replay engine on every Coincheck setup, against figures worked out by hand.

The eleven recorded transfers (XEM): 10, 5 x 100,000,000, 20,000,000, 3,000,000,
1,500,000, 1,000,000, 800,000. Their sum, the pool, is 526,300,010.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal as D

import pytest

from explainer.engine import BLOCKED, MOVED, PARTIAL, Reason, SigRef, replay
from explainer.report.reason_text import words_for
from explainer.report.rows import fiat

JST = timezone(timedelta(hours=9))
POOL = D("526300010")


def at(hh: int, mm: int, ss: int = 0) -> datetime:
    return datetime(2018, 1, 26, hh, mm, ss, tzinfo=JST)


def run(incident, setup_id):
    return replay(incident, incident.setup(setup_id))


def said(r, reason: Reason) -> str:
    """A reason of replay ``r`` in English words."""
    return words_for(r)(reason)


HOT_KEY_STOLEN = SigRef("hot-key", "stolen", "nem-server")


def test_pool_is_the_sum_of_the_eleven_transfers(coincheck):
    assert len(coincheck.outflows) == 11
    assert sum(o.amount for o in coincheck.outflows) == POOL == coincheck.pool


def test_as_run_loses_everything_between_00_02_13_and_08_26(coincheck):
    r = run(coincheck, "as-run")
    assert [e.outcome for e in r.events] == [MOVED] * 11
    assert r.summary.lost == r.summary.exposed == POOL
    assert r.summary.lost_fraction == 1
    assert r.summary.first_loss == at(0, 2, 13)
    assert r.summary.last_loss == at(8, 26)
    # the one hot key, on the server the attacker was in: 1 of 1 held
    assert r.events[0].reason == Reason("access.needs", ("hot", 1, 1, 1, (HOT_KEY_STOLEN,)))
    assert said(r, r.events[0].reason) == \
        "needs 1 of 1 signature; the attacker holds 1 (NEM server)"
    assert r.summary.held == Reason("held.keys", ((HOT_KEY_STOLEN,),))
    assert said(r, r.summary.held) == "NEM server"


def test_as_run_fiat_at_each_valuation(coincheck):
    r = run(coincheck, "as-run")
    money = {f.valuation: f.value for f in fiat(coincheck, r.summary.lost)}
    # compensation rate: 526,300,010 x 88.549 = 46,314,400,880 + 288,938,705.49
    assert money["compensation-jpy"] == D("46603339585.490")
    # about 58bn yen quoted for 523M XEM: 526,300,010 / 523,000,000 x 58e9 ~ 58.366e9
    assert D("58365966692") < money["market-jpy"] < D("58365966693")


def test_five_percent_hot_loses_exactly_the_hot_float(coincheck):
    r = run(coincheck, "japan-5pct-hot")
    hot = POOL * D("0.05")  # 26,315,000.5
    assert hot == D("26315000.5")
    assert r.summary.lost == r.summary.exposed == hot
    assert r.summary.lost_fraction == D("0.05")
    first, second, *rest = r.events
    assert (first.outcome, first.moved) == (MOVED, D(10))
    assert (second.outcome, second.moved) == (PARTIAL, D("26314990.5"))
    # 26,315,000.5 in the hot wallet, 10 gone with the first transfer
    assert second.reason == Reason("held_only", ("hot", D("0.05"), D("26314990.5")))
    assert said(r, second.reason) == ("the hot wallet held only 5% of the pool; "
                                      "26,314,990.5 XEM was left to take")
    assert all(e.outcome == BLOCKED and e.wallet == "cold" for e in rest)
    assert rest[0].reason == Reason("blocked.empty", (
        ("hot",), "cold", Reason("access.needs", ("cold", 1, 1, 0, ()))))
    assert said(r, rest[0].reason) == ("the hot wallet is empty and the cold wallet needs 1 "
                                       "of 1 signature; the attacker holds 0")
    assert r.summary.last_loss == at(0, 4)


def test_twenty_percent_hot_loses_twenty_percent(coincheck):
    r = run(coincheck, "jvcea-20pct-hot")
    assert r.summary.lost == D("105260002")  # 526,300,010 x 0.2
    # 105,260,002 - 10 - 100,000,000 = 5,259,992 left for the second 100M transfer
    assert (r.events[1].outcome, r.events[1].moved) == (MOVED, D("100000000"))
    assert (r.events[2].outcome, r.events[2].moved) == (PARTIAL, D("5259992"))
    assert r.summary.lost_fraction == D("0.2")


def test_independent_multisig_blocks_every_attempt(coincheck):
    r = run(coincheck, "multisig-2of3-independent")
    assert r.summary.lost == r.summary.exposed == 0
    assert {e.outcome for e in r.events} == {BLOCKED}
    assert {said(r, e.reason) for e in r.events} == {
        "needs 2 of 3 signatures; the attacker holds 1 (NEM server)"}
    assert r.summary.first_loss is None and r.summary.last_loss is None


def test_multisig_with_every_key_on_one_server_is_one_of_one(coincheck):
    r = run(coincheck, "multisig-2of3-one-server")
    assert r.summary.lost == POOL
    assert said(r, r.events[0].reason) == ("needs 2 of 3 signatures; the attacker holds 3 "
                                           "(3 keys on NEM server)")


def test_nem_guidance_loses_only_the_central_wallet(coincheck):
    r = run(coincheck, "nem-guidance")
    assert r.summary.lost == D("26315000.5")
    cold = next(w for w in r.summary.wallets if w.id == "cold-pool")
    assert cold.lost == 0 and cold.exposed == 0 and cold.initial == D("499985009.5")


def test_cosigner_limit_binds_when_only_the_service_sets_it(coincheck):
    r = run(coincheck, "cosigner-daily-limit")
    cap = POOL * D("0.01")  # 5,263,000.1 a day; the theft lasted under a day
    assert r.summary.lost == r.summary.exposed == cap
    assert r.events[1].moved == cap - 10
    assert r.events[1].outcome == PARTIAL
    # the cap, 1% of the pool per 24 h set and enforced by the co-signing service
    assert r.events[1].reason == Reason("limit.clipped", (
        "wallet", 0, cap, timedelta(hours=24), "cosigning-service", D("5262990.1")))
    assert "allowed only 5,262,990.1 XEM more" in said(r, r.events[1].reason)
    assert all(e.outcome == BLOCKED for e in r.events[2:])
    assert r.events[2].reason.code == "limit.used_up" and r.events[2].reason.params[2] == cap
    assert "was already used up" in said(r, r.events[2].reason)


def test_cosigner_limit_set_from_the_compromised_side_does_not_bind(coincheck):
    r = run(coincheck, "cosigner-limit-set-by-venue")
    assert r.summary.lost == POOL
    assert "did not bind: it can be changed from NEM server" in said(r, r.events[0].reason)
    assert "co-signer key signing automatically for NEM server" in said(r, r.summary.held)


def test_ten_minute_freeze_saves_only_the_last_three_transfers(coincheck):
    r = run(coincheck, "as-run-10min-freeze")
    # frozen at 00:02:13 + 10 min; the 03:35, 04:33 and 08:26 transfers are stopped
    assert r.summary.freeze_at == at(0, 12, 13)
    assert r.summary.lost == POOL - D("3300000") == D("523000010")
    assert [e.outcome for e in r.events][-3:] == [BLOCKED] * 3
    assert r.summary.exposed == POOL  # the whole wallet was reachable at the peak
    # the 3M transfer is only known to lie between 00:10 and 00:21: the reason says so
    assert r.events[7].reason.code == "freeze_window"
    assert r.events[7].reason.args["freeze_at"] == at(0, 12, 13)
    assert (r.events[7].reason.args["at"], r.events[7].reason.args["latest"]) == \
        (at(0, 10), at(0, 21))
    assert "may have come first" in said(r, r.events[7].reason)
    assert r.events[-1].reason == Reason("frozen", (at(0, 12, 13), Reason("freeze.label")))
    assert r.summary.last_loss == at(0, 10)


def test_as_run_freeze_is_the_real_halt_at_11_58(coincheck):
    r = run(coincheck, "as-run")
    assert r.summary.freeze_at == at(11, 58)


@pytest.mark.parametrize("setup_id", ["as-run", "japan-5pct-hot", "cosigner-daily-limit"])
def test_events_keep_a_running_total(coincheck, setup_id):
    r = run(coincheck, setup_id)
    total = D(0)
    for e in r.events:
        total += e.moved
        assert e.lost_after == total
        assert 0 <= e.moved <= e.requested
    assert total == r.summary.lost


def test_no_outflows_replays_to_nothing_without_failing(coincheck):
    from dataclasses import replace as swap

    from explainer.engine import summarise

    empty = swap(coincheck, outflows=())
    for setup_id in ("as-run", "cosigner-daily-limit"):
        full = replay(empty, empty.setup(setup_id))
        assert full.events == () and full.summary.lost == 0
        assert full.summary.why == Reason("no_outflows")
        assert said(full, full.summary.why) == "there were no recorded outflows to replay"
        assert summarise(empty, empty.setup(setup_id)) == full.summary
