"""The response curve and the sweeps on Coincheck, worked out by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest

from explainer import catalog, loader
from explainer.analysis import (
    SweepError,
    hot_place,
    lost_at,
    response_curve,
    sweep_hot_freeze,
    sweep_threshold,
)
from explainer.engine import summarise

POOL = Decimal("526300010")
S = timedelta(seconds=1)


def test_as_run_curve_steps_at_each_transfer(coincheck):
    # transfers at 00:02:13 (10), 00:04 (5 x 100M), 00:10 (20M + 3M), 03:35, 04:33, 08:26
    curve = response_curve(coincheck, coincheck.setup("as-run"))
    assert [(c.start, c.end, c.lost) for c in curve] == [
        (0 * S, 0 * S, 0),
        (0 * S, 107 * S, Decimal("10")),
        (107 * S, 467 * S, Decimal("500000010")),
        (467 * S, 12767 * S, Decimal("523000010")),
        (12767 * S, 16247 * S, Decimal("524500010")),
        (16247 * S, 30227 * S, Decimal("525500010")),
        (30227 * S, None, POOL),
    ]
    # the bundled 10-minute freeze lands on the fourth step
    ten = summarise(coincheck, coincheck.setup("as-run-10min-freeze")).lost
    assert lost_at(curve, timedelta(minutes=10)) == ten == Decimal("523000010")


def test_a_five_percent_float_is_gone_after_the_first_big_transfer(coincheck):
    curve = response_curve(coincheck, coincheck.setup("japan-5pct-hot"))
    assert [c.lost for c in curve] == [0, 10, Decimal("26315000.5")]
    assert curve[-1].start == 107 * S


def test_a_binding_cosigner_limit_flattens_the_curve(coincheck):
    curve = response_curve(coincheck, coincheck.setup("cosigner-daily-limit"))
    assert curve[-1].lost == Decimal("5263000.1") and curve[-1].start == 107 * S


def test_a_time_lock_moves_the_steps_by_its_delay(coincheck):
    hot = coincheck.setup("as-run")
    locked = replace(hot, wallets=(replace(hot.wallets[0], delay=timedelta(hours=1)),))
    plain = response_curve(coincheck, hot)
    curve = response_curve(coincheck, locked)
    # an attempt now settles an hour later: a freeze within that hour stops it
    assert curve[0].end == timedelta(hours=1) and curve[0].lost == 0
    assert [c.lost for c in curve] == [c.lost for c in plain]
    assert [c.end for c in curve[1:-1]] == [c.end + timedelta(hours=1) for c in plain[1:-1]]
    # the bundled vault's keys were never reached: only its 5% hot float is lost
    vault = response_curve(coincheck, catalog.find_setup(coincheck, "timelocked-cold-vault"))
    assert [c.lost for c in vault] == [0, 10, Decimal("26315000.5")]


def test_hot_freeze_sweep_figures(coincheck):
    sweep = sweep_hot_freeze(coincheck, [Decimal("0.05"), Decimal("0.5"), Decimal(1)],
                             [timedelta(0), timedelta(minutes=5), timedelta(minutes=10), None])
    assert sweep.place == "nem-server"
    assert sweep.lost == (
        (0, Decimal("26315000.5"), Decimal("26315000.5"), Decimal("26315000.5")),
        (0, Decimal("263150005"), Decimal("263150005"), Decimal("263150005")),
        (0, Decimal("500000010"), Decimal("523000010"), POOL),
    )
    assert sweep.setup(1, 3).wallets[0].share == Decimal("0.5")


def test_threshold_sweep_loses_everything_once_enough_keys_share_the_server(coincheck):
    sweep = sweep_threshold(coincheck, [1, 2, 3], [0, 1, 2, 3])
    assert sweep.lost == ((0, POOL, POOL, POOL), (0, 0, POOL, POOL), (0, 0, 0, POOL))
    wide = sweep_threshold(coincheck, [4], [3], keys=3)
    assert wide.lost == ((None,),) and wide.setup(0, 0) is None


def test_the_hot_place_defaults_to_what_the_attacker_reached():
    assert hot_place(loader.load("ronin-2022")) == "sky-mavis-nodes"
    bybit = loader.load("bybit-2025")
    assert hot_place(bybit) in {d for a in bybit.achievements for d in a.compromises}


def test_sweep_errors(coincheck):
    with pytest.raises(SweepError, match="no place 'moon'"):
        sweep_hot_freeze(coincheck, [Decimal("0.1")], [None], place="moon")
    with pytest.raises(SweepError, match="at least one value"):
        sweep_threshold(coincheck, [], [1])
    with pytest.raises(SweepError, match="between 0% and 100%"):
        sweep_hot_freeze(coincheck, [Decimal("1.5")], [None])
