"""Replays of the Mt. Gox, Bitfinex, Zaif, Binance and Liquid scenarios.

Each as-run replay must reproduce the sourced headline figures (amount taken, share of the
holdings lost where a source gives one, when the loss began, when outflows stopped), and each
of the scenario's own variants must come out as its summary says. Every library setup must
replay cleanly against every one of these incidents. Expected values are worked out by hand
in the comments next to them.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from explainer.engine import BLOCKED, MOVED, PARTIAL, Replay, instantiate, replay
from explainer.loader import load, load_library
from explainer.report.reason_text import words_for

INCIDENTS = ("mtgox-2014", "bitfinex-2016", "zaif-2018", "binance-2019", "liquid-2021")
JST = timezone(timedelta(hours=9))


def run(incident_id: str, setup_id: str) -> Replay:
    """Replay one of the incident's own setups, or a library setup mapped onto it."""
    incident = load(incident_id)
    if setup_id in {s.id for s in incident.setups}:
        return replay(incident, incident.setup(setup_id))
    domains, library = load_library()
    setup = next(s for s in library if s.id == setup_id)
    return replay(incident, instantiate(setup, incident, domains))


def wallet(result: Replay, wallet_id: str):
    """One wallet's totals from a replay's summary."""
    return next(w for w in result.summary.wallets if w.id == wallet_id)


def paths(result: Replay, wallet_id: str) -> Counter[str]:
    """How the attacker got each signature on one wallet at the peak of access."""
    access = result.summary.peak_access[wallet_id]
    return Counter(s.path for s in (*access.signatures, *access.recovery))


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def jst(*args: int) -> datetime:
    return datetime(*args, tzinfo=JST)


@pytest.mark.parametrize(("incident_id", "halt_id"), [
    ("mtgox-2014", "withdrawals-halted"),
    ("bitfinex-2016", "halt"),
    ("zaif-2018", "abnormality"),
    ("binance-2019", "maintenance-tweet"),
    ("liquid-2021", "suspended"),
])
def test_the_sourced_halt_is_the_first_marked_one(incident_id: str, halt_id: str) -> None:
    incident = load(incident_id)
    halt = incident.halt()
    assert halt is not None and halt.id == halt_id
    # no recorded outflow starts after the venue stopped outflows
    assert all(o.at < halt.at for o in incident.outflows)


# --- Mt. Gox ------------------------------------------------------------------------------

def test_mtgox_as_run_loses_about_76_percent() -> None:
    r = run("mtgox-2014", "as-run")
    s = r.summary
    # pool 850,000 BTC; hot share 650,000/850,000 gives exactly 650,000 BTC, the old wallet
    # 200,000; the aggregated outflows 630,000 + 17,000 = 647,000 both fit in the hot wallet
    assert s.pool == Decimal("850000")
    assert wallet(r, "hot").initial == Decimal("650000")
    assert wallet(r, "old").initial == Decimal("200000")
    assert s.lost == Decimal("647000")
    # 647,000 / 850,000 = 0.7611..., the sources' "about 76%"
    assert s.lost_fraction == Decimal(647000) / Decimal(850000)
    assert s.lost_fraction.quantize(Decimal("0.01")) == Decimal("0.76")
    assert s.exposed == Decimal("650000")
    assert s.first_loss == jst(2011, 9, 11)
    assert s.freeze_at == jst(2014, 2, 7)
    assert [e.outcome for e in r.events] == [MOVED, MOVED]
    # the 200,000 BTC found in March 2014 were never within reach
    assert wallet(r, "old").lost == 0 and wallet(r, "old").exposed == 0
    assert paths(r, "hot") == Counter({"stolen": 1})


def test_mtgox_split_key_stops_the_copied_file() -> None:
    r = run("mtgox-2014", "hot-2of2-officer")
    assert r.summary.lost == 0
    assert r.summary.peak_access["hot"].held == 1 and r.summary.peak_access["hot"].threshold == 2


def test_mtgox_five_percent_float_drains_once() -> None:
    r = run("mtgox-2014", "japan-5pct-hot")
    # 0.05 x 850,000 = 42,500 BTC: the first outflow takes it all, the second finds it empty
    assert r.summary.lost == Decimal("42500")
    assert [e.outcome for e in r.events] == [PARTIAL, BLOCKED]
    assert wallet(r, "cold").lost == 0


# --- Bitfinex -----------------------------------------------------------------------------

def test_bitfinex_as_run_reproduces_the_36_067_percent_loss() -> None:
    r = run("bitfinex-2016", "as-run")
    s = r.summary
    # one aggregated outflow of 119,756 BTC; pool 119,756 / 0.36067 = 332,037.6 -> 332,038
    assert s.pool == Decimal("332038")
    assert s.lost == Decimal("119756")
    # 119,756 / 332,038 = 0.3606696... -> 0.36067, Bitfinex's generalised loss
    assert s.lost_fraction.quantize(Decimal("0.00001")) == Decimal("0.36067")
    # the limit can be lifted from Bitfinex's side, so the whole pool was reachable
    assert s.exposed == s.pool
    assert s.first_loss == utc(2016, 8, 2, 9, 16)
    assert s.freeze_at == utc(2016, 8, 2, 18, 16)
    # Bitfinex's online key stolen, BitGo's key signing on request: 2 of 3 without the backup
    assert paths(r, "customer-multisig") == Counter({"stolen": 1, "auto-signs": 1})
    assert "did not bind" in words_for(r)(r.events[0].reason)


def test_bitfinex_limit_only_bitgo_controls_caps_the_day() -> None:
    r = run("bitfinex-2016", "bitgo-limit-binding")
    # 1% of 332,038 = 3,320.38 BTC in the one 24-hour window before the halt
    assert r.summary.lost == Decimal("3320.38")
    assert r.summary.exposed == Decimal("3320.38")
    assert r.events[0].outcome == PARTIAL


def test_bitfinex_mostly_cold_loses_only_the_online_share() -> None:
    r = run("bitfinex-2016", "segregated-mostly-cold")
    # 5% of 332,038 = 16,601.9 BTC online; the other 315,436.1 need an offline signature
    assert r.summary.lost == Decimal("16601.9")
    assert wallet(r, "customer-cold").initial == Decimal("315436.1")
    assert wallet(r, "customer-cold").lost == 0


# --- Zaif ---------------------------------------------------------------------------------

def test_zaif_as_run_loses_a_tenth_of_customer_crypto() -> None:
    r = run("zaif-2018", "as-run")
    s = r.summary
    # hot share 0.0975978559 x ¥47bn = 4,587,099,227.3 -> ¥4,587,099,227 (whole yen),
    # exactly the customers' itemised loss, all of it taken in one aggregated outflow
    assert s.pool == Decimal("47000000000")
    assert wallet(r, "hot").initial == Decimal("4587099227")
    assert s.lost == Decimal("4587099227")
    # 4,587,099,227 / 47,000,000,000 = 0.0976 -> the sources' "about 9.8%"
    assert s.lost_fraction.quantize(Decimal("0.001")) == Decimal("0.098")
    assert s.first_loss == jst(2018, 9, 14, 17)
    assert s.freeze_at == jst(2018, 9, 17)
    assert wallet(r, "other").lost == 0


def test_zaif_five_percent_rule_halves_the_loss() -> None:
    r = run("zaif-2018", "japan-5pct-hot")
    # 0.05 x ¥47bn = ¥2,350,000,000 in the hot wallets
    assert r.summary.lost == Decimal("2350000000")
    assert r.events[0].outcome == PARTIAL


def test_zaif_approver_reading_on_the_infected_pc_is_deceived() -> None:
    r = run("zaif-2018", "second-approver-on-staff-pc")
    assert r.summary.lost == Decimal("4587099227")
    assert paths(r, "hot") == Counter({"stolen": 1, "deceived": 1})
    # the library's signers who decode on their own device are not fooled
    assert run("zaif-2018", "multisig-verified-signers").summary.lost == 0


# --- Binance ------------------------------------------------------------------------------

def test_binance_as_run_loses_the_two_percent_hot_wallet() -> None:
    r = run("binance-2019", "as-run")
    s = r.summary
    # pool 7,000 / 0.02 = 350,000 BTC; hot 0.02 x 350,000 = 7,000 BTC, taken in one transaction
    assert s.pool == Decimal("350000")
    assert s.lost == Decimal("7000")
    assert s.lost_fraction == Decimal("0.02")
    assert s.exposed == Decimal("7000")
    assert s.first_loss == utc(2019, 5, 7, 17, 15, 24)
    assert s.freeze_at == utc(2019, 5, 7, 19, 6)
    assert r.incident.outflows[0].tx.startswith("e8b40609") and \
        r.incident.outflows[0].tx.endswith("ab05ea")
    # no exchange key stolen: the hot key signs what the phished accounts request
    assert paths(r, "hot") == Counter({"auto-signs": 1})
    assert wallet(r, "cold").lost == 0 and wallet(r, "cold").exposed == 0


def test_binance_payout_cap_halves_the_loss() -> None:
    r = run("binance-2019", "hot-velocity-cap")
    # 1% of 350,000 = 3,500 BTC per 24 h, kept by a service the accounts cannot reach
    assert r.summary.lost == Decimal("3500")
    assert r.events[0].outcome == PARTIAL


def test_binance_hold_lets_the_halt_catch_the_withdrawal() -> None:
    r = run("binance-2019", "hot-24h-hold")
    # signed 17:15:24, would leave at 17:15:24 the next day; the halt came at 19:06
    assert r.summary.lost == 0
    assert r.events[0].outcome == BLOCKED
    assert r.events[0].settles_at == utc(2019, 5, 8, 17, 15, 24)


def test_binance_library_hot_wallets_pay_the_accounts() -> None:
    # everything hot: the same 7,000 BTC leaves, but all 350,000 were within reach
    r = run("binance-2019", "single-key-hot")
    assert r.summary.lost == Decimal("7000") and r.summary.exposed == Decimal("350000")
    # a person-signed multisig does not pay on request
    assert run("binance-2019", "multisig-2of3-independent").summary.lost == 0


# --- Liquid -------------------------------------------------------------------------------

def test_liquid_as_run_recovery_key_takes_everything_in_the_pool() -> None:
    r = run("liquid-2021", "as-run")
    s = r.summary
    # ¥754,000,000 (QUOINE) + ¥10,050,000,000 (Quoine Pte) = ¥10,804,000,000 = the pool
    assert s.pool == Decimal("10804000000")
    assert s.lost == Decimal("10804000000")
    assert s.lost_fraction == 1
    assert s.first_loss == jst(2021, 8, 19)
    assert s.freeze_at == jst(2021, 8, 19, 11, 5, 52)
    # the MPC quorum was never reached: the recovery key alone did it
    access = r.summary.peak_access["mpc"]
    assert [sig.key for sig in access.recovery] == ["recovery-key"]
    assert access.held == 0 and access.signatures == ()


def test_liquid_without_the_recovery_key_loses_nothing() -> None:
    r = run("liquid-2021", "no-recovery-key")
    assert r.summary.lost == 0 and r.summary.exposed == 0


def test_liquid_japan_rule_for_everything_keeps_95_percent() -> None:
    r = run("liquid-2021", "japan-5pct-warm")
    # 0.05 x ¥10,804,000,000 = ¥540,200,000 warm; the first outflow empties it
    assert r.summary.lost == Decimal("540200000")
    assert [e.outcome for e in r.events] == [PARTIAL, BLOCKED]


def test_liquid_only_the_break_glass_library_setup_loses() -> None:
    domains, library = load_library()
    incident = load("liquid-2021")
    losing = {s.id for s in library
              if replay(incident, instantiate(s, incident, domains)).summary.lost > 0}
    assert losing == {"mpc-break-glass"}
