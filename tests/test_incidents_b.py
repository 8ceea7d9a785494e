"""Replays of the Ronin, Harmony, DMM Bitcoin, WazirX and Bybit scenarios.

Each as-run replay must reproduce the sourced headline figures; each variant must behave
as its summary claims; every library setup must replay cleanly. Expected values are worked
out by hand in the comments next to them.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from explainer import numbers as fmt
from explainer.engine import BLOCKED, Replay, instantiate, replay
from explainer.loader import load, load_library
from explainer.report.reason_text import words_for

INCIDENTS = ("ronin-2022", "harmony-2022", "dmm-bitcoin-2024", "wazirx-2024", "bybit-2025")


def run(incident_id: str, setup_id: str) -> Replay:
    """Replay one of the incident's own setups, or a library setup mapped onto it."""
    incident = load(incident_id)
    ids = {s.id for s in incident.setups}
    if setup_id in ids:
        return replay(incident, incident.setup(setup_id))
    domains, library = load_library()
    setup = next(s for s in library if s.id == setup_id)
    return replay(incident, instantiate(setup, incident, domains))


def paths(result: Replay, wallet_id: str) -> Counter[str]:
    """How the attacker got each signature on one wallet at the peak of access."""
    return Counter(s.path for s in result.summary.peak_access[wallet_id].signatures)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# --- Ronin ------------------------------------------------------------------------------

def test_ronin_as_run_loses_all_bridge_eth() -> None:
    r = run("ronin-2022", "as-run")
    # one withdrawal of 173,600 ETH against a pool of 173,600 ETH: 173600/173600 = 1
    assert r.summary.pool == Decimal("173600")
    assert r.summary.lost == Decimal("173600")
    assert r.summary.lost_fraction == 1
    assert r.summary.first_loss == utc(2022, 3, 23)
    assert r.summary.freeze_at == utc(2022, 3, 29)
    # 4 stolen Sky Mavis keys + Axie DAO's key through the stale allowlist = 5 of 9
    assert paths(r, "bridge") == Counter({"stolen": 4, "delegated": 1})


def test_ronin_revoked_delegation_leaves_four_of_five() -> None:
    r = run("ronin-2022", "delegation-revoked")
    assert r.summary.lost == 0
    assert paths(r, "bridge") == Counter({"stolen": 4})
    assert [e.outcome for e in r.events] == [BLOCKED]


def test_ronin_eight_of_nine_holds_even_with_the_delegation() -> None:
    r = run("ronin-2022", "threshold-8-of-9")
    # the attacker still has 5 signatures, 3 short of 8
    assert r.summary.lost == 0
    assert sum(paths(r, "bridge").values()) == 5


def test_ronin_library_hot_float_and_cosigner_limit() -> None:
    # 5% of 173,600 = 8,680 ETH hot; the cold 95% is out of reach
    assert run("ronin-2022", "hot-cold-5pct").summary.lost == Decimal("8680")
    # the co-signer's own limit: 1% of 173,600 = 1,736 ETH per 24 h, one outflow
    assert run("ronin-2022", "cosigner-binding-limit").summary.lost == Decimal("1736")


# --- Harmony ----------------------------------------------------------------------------

def test_harmony_as_run_loses_the_stolen_value() -> None:
    r = run("harmony-2022", "as-run")
    # pool = Harmony's total of $99,340,030, all of it taken: fraction 1
    assert r.summary.lost == Decimal("99340030")
    assert r.summary.lost_fraction == 1
    assert r.summary.first_loss == utc(2022, 6, 23, 11, 6, 46)
    assert paths(r, "bridge") == Counter({"stolen": 2})


@pytest.mark.parametrize("setup_id", ["threshold-4-of-5", "keys-separated"])
def test_harmony_variants_stop_the_theft(setup_id: str) -> None:
    r = run("harmony-2022", setup_id)
    assert r.summary.lost == 0
    assert r.summary.exposed == 0


def test_harmony_library_hot_float_rounds_down_to_whole_dollars() -> None:
    # 5% of 99,340,030 = 4,967,001.5, rounded down to the asset's whole dollars
    assert run("harmony-2022", "hot-cold-5pct").summary.lost == Decimal("4967001")


# --- DMM Bitcoin ------------------------------------------------------------------------

def test_dmm_as_run_loses_the_whole_outflow_without_a_stolen_key() -> None:
    r = run("dmm-bitcoin-2024", "as-run")
    # pool = the 4,502.9 BTC that left; 4502.9/4502.9 = 1
    assert r.summary.lost == Decimal("4502.9")
    assert r.summary.lost_fraction == 1
    # 13:26 JST = 04:26 UTC
    assert r.summary.first_loss == utc(2024, 5, 31, 4, 26)
    assert paths(r, "wallet") == Counter({"deceived": 1})


def test_dmm_separate_signers_on_one_channel_still_lose_everything() -> None:
    r = run("dmm-bitcoin-2024", "separate-signers-same-channel")
    assert r.summary.lost == Decimal("4502.9")
    assert paths(r, "wallet") == Counter({"deceived": 3})


def test_dmm_independent_checks_stop_the_theft() -> None:
    r = run("dmm-bitcoin-2024", "separate-signers-verified")
    assert r.summary.lost == 0
    assert paths(r, "wallet") == Counter()


def test_dmm_time_lock_outlasts_the_same_day_restrictions() -> None:
    r = run("dmm-bitcoin-2024", "timelocked-cold-vault")
    # the library vault freezes 12 h after the first outflow: 13:26 JST (04:26 UTC) + 12 h
    # = 16:26 UTC on 31 May, long before 13:26 + 48 h would settle on 2 June
    assert r.summary.lost == 0
    assert r.summary.freeze_at == utc(2024, 5, 31, 16, 26)


# --- WazirX -----------------------------------------------------------------------------

def test_wazirx_as_run_loses_45_percent() -> None:
    r = run("wazirx-2024", "as-run")
    # pool 522,000,000; the Safe holds 0.45 x 522,000,000 = 234,900,000 and all of it moves
    assert r.summary.pool == Decimal("522000000")
    assert r.summary.lost == Decimal("234900000")
    assert r.summary.lost_fraction == Decimal("0.45")
    # 11:48 IST = 06:18 UTC
    assert r.summary.first_loss == utc(2024, 7, 18, 6, 18)
    # WazirX dates the stop of withdrawals to 13:00 IST = 07:30 UTC (not the end of the day)
    assert r.summary.freeze_at == utc(2024, 7, 18, 7, 30)
    assert paths(r, "safe") == Counter({"deceived": 6})
    reason = words_for(r)(r.events[0].reason)
    assert "whitelist" in reason and "did not bind" in reason
    other = next(w for w in r.summary.wallets if w.id == "other")
    # the other 55%: 0.55 x 522,000,000 = 287,100,000, untouched
    assert other.initial == Decimal("287100000") and other.lost == 0


@pytest.mark.parametrize("setup_id", ["ledger-decoding", "upgrade-timelock"])
def test_wazirx_variants_stop_the_theft(setup_id: str) -> None:
    assert run("wazirx-2024", setup_id).summary.lost == 0


def test_wazirx_ledger_decoding_leaves_only_liminal_deceived() -> None:
    assert paths(run("wazirx-2024", "ledger-decoding"), "safe") == Counter({"deceived": 1})


# --- Bybit ------------------------------------------------------------------------------

def test_bybit_as_run_loses_about_70_percent() -> None:
    r = run("bybit-2025", "as-run")
    # the cold wallet's share is 401,346 / 573,351.43 to 28 places: it holds exactly the
    # 401,346 ETH that left it, and the one outflow empties it (no 0.001 ETH of dust)
    cold = next(w for w in r.summary.wallets if w.id == "cold")
    assert cold.initial == Decimal("401346")
    assert cold.exposed == cold.lost == Decimal("401346")
    assert r.summary.exposed == r.summary.lost == Decimal("401346")
    # 401,346 / 573,351.43 = 0.69999999...: 70% once rounded
    assert round(r.summary.lost_fraction, 4) == Decimal("0.7000")
    assert fmt.percent(r.summary.lost_fraction) == "70%"
    assert r.summary.first_loss == utc(2025, 2, 21, 14, 13, 35)
    assert r.summary.freeze_at is None  # withdrawals stayed open
    assert paths(r, "cold") == Counter({"deceived": 3})


@pytest.mark.parametrize("scenario", ["bybit-2025", "coincheck-2018", "ronin-2022",
                                      "harmony-2022", "wazirx-2024", "dmm-bitcoin-2024"])
def test_no_incident_setup_leaves_rounding_dust_in_a_drained_wallet(scenario: str) -> None:
    # a wallet the recorded outflows emptied must not keep a sliver of the pool's rounding
    # (Bybit once showed 401,346.001 ETH exposed against 401,346 ETH lost)
    incident = load(scenario)
    for setup in incident.setups:
        for w in replay(incident, setup).summary.wallets:
            left = w.exposed - w.lost
            assert not (w.lost > 0 and 0 < left < Decimal("0.01")), (setup.id, w.id, left)


def test_bybit_verified_signing_stops_the_theft() -> None:
    r = run("bybit-2025", "verified-signing")
    assert r.summary.lost == 0
    assert r.summary.exposed == 0


def test_bybit_delay_and_freeze_stop_the_theft() -> None:
    r = run("bybit-2025", "delayed-cold")
    # freeze at 14:13:35 + 90 min = 15:43:35; the move would settle 24 h after 14:13:35
    assert r.summary.lost == 0
    assert r.summary.freeze_at == utc(2025, 2, 21, 15, 43, 35)
    assert r.events[0].settles_at == utc(2025, 2, 22, 14, 13, 35)


def test_bybit_verified_cold_multisig_keeps_the_cold_share() -> None:
    r = run("bybit-2025", "cold-95-verified-multisig")
    cold = next(w for w in r.summary.wallets if w.id == "cold")
    # 0.95 x 573,351.43 = 544,683.8585 ETH, none of it reachable
    assert cold.initial == Decimal("544683.8585")
    assert cold.lost == 0 and cold.exposed == 0
    assert r.summary.lost == 0


def test_bybit_time_lock_with_the_library_freeze_stops_the_deceived_vault() -> None:
    r = run("bybit-2025", "timelocked-cold-vault")
    # the deceived signers do sign, but the vault's 48 h lock is still running when the
    # library setup's own freeze lands 12 h after the first outflow (14:13:35 + 12 h)
    assert r.summary.lost == 0
    assert r.summary.freeze_at == utc(2025, 2, 22, 2, 13, 35)
    assert "time lock was still running" in words_for(r)(r.summary.why)


def test_bybit_unverified_multisig_is_deceived() -> None:
    r = run("bybit-2025", "multisig-2of3-independent")
    assert r.summary.lost == Decimal("401346")
    assert paths(r, "multisig") == Counter({"deceived": 2})
