"""The corrected facts of issue 8 stay corrected, and every time in a bundled scenario is
written in that scenario's one UTC offset (a time is shown in the offset it is written with,
so a stray offset prints a wrong local time)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from explainer.loader import bundled_paths, load
from explainer.model import Incident

BUNDLED = sorted(p.stem for p in bundled_paths())


def times(incident: Incident) -> list[tuple[str, datetime]]:
    """Every timestamp of an incident, named by where it sits."""
    found: list[tuple[str, datetime]] = []
    for n, a in enumerate(incident.achievements):
        found.append((f"achievements[{n}].at", a.at))
    for n, o in enumerate(incident.outflows):
        found.append((f"outflows[{n}].at", o.at))
        if o.latest is not None:
            found.append((f"outflows[{n}].latest", o.latest))
    for n, r in enumerate(incident.response):
        found.append((f"response[{n}].at", r.at))
    return found


def test_every_bundled_scenario_is_listed() -> None:
    assert len(BUNDLED) == 11


@pytest.mark.parametrize("scenario", BUNDLED)
def test_one_utc_offset_per_scenario(scenario: str) -> None:
    found = times(load(scenario))
    offsets = {at.utcoffset() for _, at in found}
    assert len(offsets) == 1, f"{scenario}: mixed offsets {sorted(map(str, offsets))}"


@pytest.mark.parametrize("scenario", [s for s in BUNDLED if load(s).timezone == "UTC"])
def test_utc_scenarios_write_utc(scenario: str) -> None:
    for where, at in times(load(scenario)):
        assert at.utcoffset() == timedelta(0), f"{scenario} {where}: {at.isoformat()}"


def test_harmony_halt_is_the_same_moment_written_in_utc() -> None:
    halt = next(r for r in load("harmony-2022").response if r.halts_outflows)
    # 23:59 US Eastern daylight time (UTC-4) on 23 June = 03:59 UTC on 24 June
    assert halt.at == datetime(2022, 6, 24, 3, 59, tzinfo=UTC)
    assert halt.at.isoformat() == "2022-06-24T03:59:00+00:00"


def test_wazirx_halt_is_the_hour_wazirx_gives() -> None:
    halt = next(r for r in load("wazirx-2024").response if r.halts_outflows)
    # 13:00 IST (UTC+05:30) = 07:30 UTC, no longer 23:59 "hour not published"
    assert halt.at == datetime(2024, 7, 18, 7, 30, tzinfo=UTC)
    assert not halt.approximate


def test_bybit_delayed_cold_label_matches_its_90_minutes() -> None:
    setup = load("bybit-2025").setup("delayed-cold")
    assert setup.response.after == timedelta(minutes=90)
    assert "90 minutes" in setup.response.label and "hour" not in setup.response.label


def test_bybit_safe_is_3_of_6_with_its_sources() -> None:
    """Two analyses give three signatures out of six owners (the second review's finding);
    every setup draws six owners, three of them deceived, and the fact names its sources."""
    bybit = load("bybit-2025")
    custody = next(f for f in bybit.facts if f.id == "custody")
    assert "3 of 6" in custody.value
    assert {"BX3", "BX4"} <= set(custody.sources)
    for setup_id in ("as-run", "verified-signing", "delayed-cold"):
        cold = next(w for w in bybit.setup(setup_id).wallets if w.id == "cold")
        assert (cold.threshold, len(cold.keys)) == (3, 6)
    quorum = next(c for c in bybit.conflicts if c.id == "quorum")
    assert quorum.used.startswith("3 of 6")


def test_coincheck_keeps_both_yen_figures() -> None:
    coincheck = load("coincheck-2018")
    conflict = next(c for c in coincheck.conflicts if c.id == "compensation-value")
    values = " ".join(c.value for c in conflict.claims)
    # 523,000,000 x 88.549 = 46,311,127,000; 526,300,010 x 88.549 = 46,603,339,585.49
    assert "¥46,311,127,000" in values and "¥46,603,339,585" in values
    gap = next(c for c in coincheck.conflicts if c.id == "amount")
    # the three later transfers: 1,500,000 + 1,000,000 + 800,000 = 3,300,000 XEM
    later = [o.amount for o in coincheck.outflows if o.at.hour >= 3]
    assert sum(later) == 3_300_000
    assert "inference" in gap.why and "3,300,000" in gap.why


def test_bitfinex_dispute_is_kept() -> None:
    bitfinex = load("bitfinex-2016")
    conflict = next(c for c in bitfinex.conflicts if c.id == "limit-bypass")
    assert len(conflict.claims) >= 2
    assert "disputed" in conflict.used
    assert "Ledger Labs" in bitfinex.setup("as-run").summary


def test_zaif_hot_share_is_a_minimum() -> None:
    zaif = load("zaif-2018")
    assert "hot float decided" not in zaif.teaching_point
    fact = next(f for f in zaif.facts if f.id == "hot-share-unknown")
    assert "minimum the loss implies, not a sourced share" in fact.note
