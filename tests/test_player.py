"""The replay clock model, checked against hand-computed Coincheck figures.

Coincheck's recorded outflows (JST): 10 XEM at 00:02:13; five of 100,000,000 at ~00:04;
20,000,000 at ~00:10; 3,000,000 at ~00:10; 1,500,000 at 03:35; 1,000,000 at 04:33;
800,000 at 08:26. The NEM server fell at 00:02:13 and staff PCs in early January.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from explainer import catalog, loader
from explainer.player import NEXT_EVENT, SPEEDS, Player, speed_label

JST = timezone(timedelta(hours=9))


def at(h: int, m: int, s: int = 0) -> datetime:
    return datetime(2018, 1, 26, h, m, s, tzinfo=JST)


@pytest.fixture(scope="module")
def incident():
    return loader.load("coincheck-2018")


@pytest.fixture
def player(incident) -> Player:
    return Player(incident, incident.setup("as-run"))


def test_starts_a_minute_before_the_first_outflow_and_ends_a_minute_after_the_last(player):
    assert player.start == at(0, 1, 13)
    assert player.end == at(8, 27)
    assert player.at == player.start
    assert not player.playing
    assert player.speed == 60  # a minute each second: the first outflow a second after play


def test_initial_state_nothing_lost_and_only_staff_pcs_in_hand(player):
    s = player.state
    assert s.lost == 0
    assert s.balances == {"hot": Decimal("526300010")}
    assert s.compromised == ("staff PCs",)
    assert s.access["hot"].held == 0
    assert not s.access["hot"].reachable


def test_two_steps_take_the_test_transfer_and_one_100m_transfer(player):
    player.step_forward()
    assert player.at == at(0, 2, 13)
    assert player.state.lost == Decimal("10")
    assert player.state.access["hot"].reachable
    assert player.state.compromised == ("NEM server", "staff PCs")
    player.step_forward()
    assert player.at == at(0, 4)
    assert player.state.lost == Decimal("100000010")
    assert player.state.balances["hot"] == Decimal("426300000")
    assert len(player.events) == 2


def test_step_back_undoes_one_attempt(player):
    for _ in range(3):
        player.step_forward()
    assert player.state.lost == Decimal("200000010")
    player.step_back()
    assert player.at == at(0, 4)
    assert player.state.lost == Decimal("100000010")
    player.step_back()
    assert player.at == at(0, 2, 13)
    assert player.state.lost == Decimal("10")
    player.step_back()
    assert player.at == player.start
    assert player.state.lost == 0
    player.step_back()  # nothing left to undo
    assert player.done == 0 and player.at == player.start


def test_tick_at_60x_reaches_the_first_outflow_after_one_real_second(player):
    player.speed = 60
    player.toggle()
    assert player.tick(1.0)
    assert player.at == at(0, 2, 13)
    assert player.state.lost == Decimal("10")  # an outflow exactly at the clock happens


def test_tick_does_nothing_while_paused(player):
    assert not player.tick(5.0)
    assert player.at == player.start


def test_tick_at_600x_applies_every_attempt_whose_time_has_passed(player):
    player.speed = 600
    player.toggle()
    player.tick(1.0)  # 10 minutes of scenario time: 00:11:13
    assert player.at == at(0, 11, 13)
    assert player.done == 8
    assert player.state.lost == Decimal("523000010")  # 10 + 5 x 100M + 20M + 3M


def test_playing_past_the_end_stops_at_the_end_with_everything_lost(player):
    player.speed = 600
    player.toggle()
    for _ in range(100):
        player.tick(1.0)
    assert player.at == player.end
    assert not player.playing
    assert player.state.lost == Decimal("526300010")
    assert player.state.balances["hot"] == 0
    # playing again from the end starts over
    assert player.toggle()
    assert player.at == player.start and player.done == 0


def test_next_event_speed_jumps_once_per_event_pause(player):
    player.speed = NEXT_EVENT
    player.toggle()
    assert not player.tick(0.5)
    assert player.done == 0
    assert player.tick(0.5)
    assert player.done == 1 and player.at == at(0, 2, 13)
    assert player.tick(1.0)
    assert player.done == 2 and player.at == at(0, 4)


def test_cycle_speed_goes_round(player):
    seen = [player.cycle_speed() for _ in range(4)]
    assert seen == [600, NEXT_EVENT, 1, 60]
    assert [speed_label(s) for s in SPEEDS] == ["1x", "60x", "600x", "next event"]


def test_switch_setup_keeps_the_time_and_attempts(player, incident):
    player.step_forward()
    player.step_forward()
    player.switch_setup(incident.setup("japan-5pct-hot"))
    assert player.at == at(0, 4)
    s = player.state
    # 5% of 526,300,010 = 26,315,000.5 in the hot wallet; 10 then 26,314,990.5 left it
    assert s.lost == Decimal("26315000.5")
    assert s.balances["hot"] == 0
    assert s.balances["cold"] == Decimal("499985009.5")
    assert not s.access["cold"].reachable
    player.switch_setup(incident.setup("as-run"))
    assert player.state.lost == Decimal("100000010")


def test_restart_returns_to_the_start_paused(player):
    player.toggle()
    player.step_forward()
    player.restart()
    assert player.at == player.start and player.done == 0 and not player.playing


def test_independent_multisig_loses_nothing_at_the_end(player, incident):
    player.switch_setup(catalog.find_setup(incident, "multisig-2of3-independent"))
    while player.done < player.attempts:
        player.step_forward()
    assert player.state.lost == 0
    assert player.state.access["multisig"].held == 1
    assert player.progress == pytest.approx(
        (at(8, 26) - player.start) / (player.end - player.start))
    player.step_forward()  # past the last attempt: to the end
    assert player.at_end and player.progress == 1.0


def test_a_long_quiet_stretch_is_jumped_over_and_remembered(incident):
    # at 60x a scenario minute passes each real second; a quiet stretch longer than three
    # real seconds is jumped, to one real second before what comes next
    player = Player(incident, incident.setup("as-run"), skip_quiet=True)
    player.toggle()
    player.tick(1.0)
    player.tick(1.0)
    assert player.at == at(0, 3, 13) and player.skipped is None  # 00:04 is 1.8 s away
    player.tick(1.0)
    assert player.at == at(0, 4, 13) and player.done == 6
    player.tick(1.0)  # 00:10 is 5.8 s away: jump to 00:09, then a second of play
    assert player.skipped == at(0, 9) - at(0, 4, 13)
    assert player.at == at(0, 10) and player.done == 8
    player.tick(1.0)  # 03:35 is 3 h 25 min away
    assert player.skipped == at(3, 34) - at(0, 10)
    assert player.at == at(3, 35) and player.done == 9
    for _ in range(4):
        player.tick(1.0)
    assert player.at == player.end and player.done == 11  # the whole night in 9 seconds
    player.restart()
    assert player.skipped is None


def test_bybit_plays_the_theft_within_seconds_not_two_days():
    from explainer.loader import load

    bybit = load("bybit-2025")
    p = Player(bybit, bybit.setups[0], skip_quiet=True)
    p.toggle()
    p.tick(1.0)  # to the attacker's gain on 19 Feb
    assert p.done == 0 and p.skipped is None
    p.tick(1.0)  # nearly two days of nothing are jumped over
    assert p.done == 1
    assert p.skipped is not None and p.skipped > timedelta(days=1)
    plain = Player(bybit, bybit.setups[0])  # without skipping, two quiet days stay quiet
    plain.toggle()
    plain.tick(1.0)
    plain.tick(1.0)
    assert plain.done == 0 and plain.skipped is None


def test_seek_applies_every_outflow_up_to_the_moment_and_pauses():
    from datetime import datetime, timedelta, timezone

    from explainer import loader
    from explainer.player import Player

    incident = loader.load("coincheck-2018")
    p = Player(incident, incident.setup("as-run"))
    p.toggle()
    jst = timezone(timedelta(hours=9))
    p.seek(datetime(2018, 1, 26, 0, 4, tzinfo=jst))
    # the 10 XEM test at 00:02:13 and the five 100M XEM transfers recorded at ~00:04
    assert (p.done, p.playing) == (6, False)
    assert p.state.lost == 500_000_010
    p.seek(datetime(2017, 1, 1, tzinfo=jst))
    assert (p.at, p.done) == (p.start, 0)
    p.seek(datetime(2019, 1, 1, tzinfo=jst))
    assert (p.at, p.done) == (p.end, p.attempts)
