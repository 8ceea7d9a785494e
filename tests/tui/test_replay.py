"""The replay screen, driven with keys; figures hand-computed from the Coincheck scenario.

Outflows (JST): 10 XEM at 00:02:13, then five of 100,000,000 at ~00:04-00:10, ... The
NEM server falls at 00:02:13; staff PCs were infected in early January.
"""

from __future__ import annotations

from decimal import Decimal

from textual.widgets import Select, Static

from explainer import loader
from explainer.tui.screens.replay import ReplayScreen
from explainer.tui.screens.sources import SourcesScreen
from explainer.tui.widgets import AccessPanel, EventLog, WalletGauge

from .helpers import SMALL, drive, new_app, screen_text


def _text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def _open_replay(pilot) -> ReplayScreen:
    await pilot.press("r")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReplayScreen)
    return screen


def test_replay_starts_paused_a_minute_before_the_first_outflow():
    app = new_app()

    async def script(pilot):
        screen = await _open_replay(pilot)
        shown = screen_text(app)
        assert "26 Jan 2018 00:01:13 JST" in shown
        assert "PAUSED (60x)" in shown  # a minute each second: the first outflow in 1 s
        assert "Space plays at 60x" in _text(screen, "#detail")
        assert "outflow 0 of 11" in shown
        assert screen.query_one(EventLog).row_count == 0
        assert "Attacker has taken 0 XEM (0% of the pool)" in _text(screen, "#attacker")
        access = str(screen.query_one(AccessPanel).render())
        assert "Attacker controls: staff PCs" in access
        assert "hot wallet: out of reach - needs 1 of 1 signature; the attacker holds 0" in access

    drive(app, script)


def test_two_steps_show_two_events_and_100_000_010_xem_taken():
    app = new_app()

    async def script(pilot):
        screen = await _open_replay(pilot)
        await pilot.press("full_stop", "full_stop")
        await pilot.pause()
        log = screen.query_one(EventLog)
        assert log.row_count == 2
        assert [r.time for r in log.rows_shown] == ["00:02:13", "~00:04-00:10"]
        assert [r.outcome for r in log.rows_shown] == ["moved", "moved"]
        assert "100,000,010 XEM (19% of the pool)" in _text(screen, "#attacker")
        gauge = screen.query_one(WalletGauge)
        assert gauge.balance == Decimal("426300000")
        assert gauge.access is not None and gauge.access.held == 1 and gauge.access.reachable
        access = str(screen.query_one(AccessPanel).render())
        assert "Attacker controls: NEM server, staff PCs" in access
        assert "hot wallet: CAN SPEND - needs 1 of 1 signature; the attacker holds 1 (NEM server)" \
            in access
        assert "26 Jan 2018 00:04:00 JST" in screen_text(app)
        # the detail line explains the highlighted (latest) event
        assert "~00:04-00:10 hot wallet, moved" in _text(screen, "#detail")
        await pilot.press("comma")
        await pilot.pause()
        assert log.row_count == 1
        assert "10 XEM" in _text(screen, "#attacker")

    drive(app, script)


def test_speed_play_pause_and_restart():
    app = new_app()

    async def script(pilot):
        screen = await _open_replay(pilot)
        assert screen.player.speed == 60  # the default
        await pilot.press("space")
        assert screen.player.playing
        assert "PLAYING 60x" in screen_text(app)
        screen.advance(1.0)  # one real second at 60x reaches 00:02:13
        await pilot.pause()
        assert screen.query_one(EventLog).row_count == 1
        await pilot.press("space")
        assert not screen.player.playing
        await pilot.press("s", "s", "s")  # 600x, next event, 1x
        assert screen.player.speed == 1
        await pilot.press("0")
        await pilot.pause()
        assert screen.player.done == 0
        assert screen.query_one(EventLog).row_count == 0

    drive(app, script)


def test_playing_to_the_end_at_600x_takes_everything_and_stops():
    app = new_app()

    async def script(pilot):
        screen = await _open_replay(pilot)
        await pilot.press("s", "space")
        for _ in range(60):  # 60 s at 600x = 10 h of scenario time, past 08:27
            screen.advance(1.0)
        await pilot.pause()
        assert not screen.player.playing
        assert screen.query_one(EventLog).row_count == 11
        assert "526,300,010 XEM (100% of the pool)" in _text(screen, "#attacker")
        assert "26 Jan 2018 08:27:00 JST" in screen_text(app)

    drive(app, script)


def test_switching_setup_keeps_the_scenario_time():
    app = new_app()

    async def script(pilot):
        screen = await _open_replay(pilot)
        await pilot.press("full_stop", "full_stop", "right_square_bracket")
        await pilot.pause()
        assert screen.player.setup.id == "japan-5pct-hot"
        assert screen.query_one("#setup", Select).value == "japan-5pct-hot"
        assert "26 Jan 2018 00:04:00 JST" in screen_text(app)
        gauges = list(screen.query(WalletGauge))
        assert [g.wallet_id for g in gauges] == ["hot", "cold"]
        assert gauges[0].balance == 0
        assert gauges[1].balance == Decimal("499985009.5")
        assert gauges[1].access is not None and not gauges[1].access.reachable
        assert "26,315,000.5 XEM (5% of the pool)" in _text(screen, "#attacker")
        log = screen.query_one(EventLog)
        assert [r.outcome for r in log.rows_shown] == ["moved", "partly moved"]
        access = str(screen.query_one(AccessPanel).render())
        assert "cold wallet: out of reach - needs 1 of 1 signature; the attacker holds 0" in access
        moved = log.columns[next(k for k in log.columns if k.value == "moved")]
        assert moved.width == len("26,314,990.5 of 100,000,000")
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.player.setup.id == "as-run"
        assert app.setup_id == "as-run"
        # the column shrinks back to the widest as-run figure
        assert moved.width == len("100,000,000")

    drive(app, script)


def test_choosing_a_setup_in_the_picker_switches():
    app = new_app()

    async def script(pilot):
        screen = await _open_replay(pilot)
        await pilot.press("full_stop")
        screen.query_one("#setup", Select).value = "multisig-2of3-independent"
        await pilot.pause()
        assert screen.player.setup.id == "multisig-2of3-independent"
        assert screen.player.done == 1
        gauge = screen.query_one(WalletGauge)
        assert gauge.access is not None and gauge.access.held == 1 and not gauge.access.reachable
        assert "0 XEM (0% of the pool)" in _text(screen, "#attacker")

    drive(app, script)


def test_i_shows_the_sources_of_the_highlighted_event():
    app = new_app()

    async def script(pilot):
        await _open_replay(pilot)
        await pilot.press("full_stop", "i")
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen)
        shown = screen_text(app)
        assert "Sources of the outflow at 00:02:13 JST" in shown
        assert "ocknamo blog (addresses, 00:02:13)" in shown  # S10
        assert "https://www.businessinsider.jp/post-161079" in shown  # S3
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen)

    drive(app, script)


def test_open_scenario_with_a_setup_starts_in_its_replay():
    app = new_app(incident=loader.load("coincheck-2018"), setup_id="japan-5pct-hot")

    async def script(pilot):
        assert app.current_mode == "replay"
        assert isinstance(app.screen, ReplayScreen)
        assert app.screen.player.setup.id == "japan-5pct-hot"
        assert len(app.screen.query(WalletGauge)) == 2

    drive(app, script)


def test_replay_fits_80x24():
    app = new_app()

    async def script(pilot):
        screen = await _open_replay(pilot)
        await pilot.press("full_stop", "full_stop", "full_stop")
        await pilot.pause()
        shown = screen_text(app).splitlines()
        assert len(shown) == 24
        assert shown[0].startswith(" Incident: Coincheck NEM theft")  # the current incident
        assert "26 Jan 2018 00:04:00 JST" in shown[1]
        assert any("Attacker has taken 200,000,010 XEM" in line for line in shown)
        log = screen.query_one(EventLog)
        assert log.region.height >= 5  # header plus at least four rows stay visible

    drive(app, script, size=SMALL)


def test_reasons_are_shown_whole_at_100_columns():
    app = new_app(loader.load("ronin-2022"))

    async def script(pilot):
        screen = await _open_replay(pilot)
        await pilot.press("full_stop")
        await pilot.pause()
        log = screen.query_one(EventLog)
        reason = log.rows_shown[0].reason
        assert len(reason) > 100  # longer than any column could hold on one line
        # the whole reason is in the log itself, wrapped at spaces, not just under it
        region = log.region
        inside = [line[region.x:region.right]
                  for line in screen_text(app).splitlines()[region.y:region.bottom]]
        assert reason in " ".join(" ".join(inside).split())

    drive(app, script)


def test_the_highlighted_event_is_marked_without_colour(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = new_app()

    async def script(pilot):
        await _open_replay(pilot)
        await pilot.press("full_stop", "full_stop", "full_stop")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        marked = [line for line in lines if line.lstrip().startswith("▶")]
        assert len(marked) == 2  # the row in the log, and the detail line under it
        assert marked[0].split()[1] == "~00:04-00:10"
        await pilot.press("up", "up")  # to the first outflow
        await pilot.pause()
        marked = [line for line in screen_text(app).splitlines()
                  if line.lstrip().startswith("▶")]
        assert [m.split()[1] for m in marked] == ["00:02:13", "00:02:13"]

    drive(app, script)


def test_space_plays_after_the_setup_chooser_is_closed_with_escape():
    app = new_app()

    async def script(pilot):
        screen = await _open_replay(pilot)
        select = screen.query_one("#setup", Select)
        select.focus()
        await pilot.press("enter")  # open the chooser
        await pilot.pause()
        assert select.expanded
        await pilot.press("escape")
        await pilot.pause()
        assert not select.expanded
        await pilot.press("space")
        await pilot.pause()
        assert not select.expanded
        assert screen.player.playing

    drive(app, script)


def test_play_shows_the_first_outflow_within_a_second():
    app = new_app()

    async def script(pilot):
        screen = await _open_replay(pilot)
        await pilot.press("space")
        screen.advance(1.0)
        await pilot.pause()
        assert screen.query_one(EventLog).row_count == 1
        assert "PLAYING 60x" in screen_text(app)

    drive(app, script)


def test_a_date_only_freeze_reads_as_its_date_before_the_first_outflow():
    app = new_app(loader.load("ronin-2022"))

    async def script(pilot):
        screen = await _open_replay(pilot)
        detail = " ".join(_text(screen, "#detail").split())
        assert "outflows freeze at 29 Mar 2022 UTC" in detail
        assert "00:00" not in detail

    drive(app, script)


def test_a_pool_valued_in_money_never_reads_as_if_the_currency_were_the_asset():
    app = new_app(loader.load("wazirx-2024"))

    async def script(pilot):
        screen = await _open_replay(pilot)
        await pilot.press("full_stop")
        await pilot.pause()
        assert _text(screen, "#attacker") == \
            "Attacker has taken USD 234.9 m of assets (45% of the pool)"
        shown = screen_text(app)
        assert "USD 287.1 m of assets" in shown  # the gauge of the wallet left alone
        assert "287,100,000 USD" not in shown and "234,900,000 USD" not in shown

    drive(app, script)


def test_a_jump_over_a_quiet_stretch_is_said_on_screen():
    app = new_app(loader.load("bybit-2025"))

    async def script(pilot):
        screen = await _open_replay(pilot)
        await pilot.press("space")
        screen.advance(1.0)
        screen.advance(1.0)
        await pilot.pause()
        assert screen.player.done == 1
        lines = screen_text(app).splitlines()
        # the clock's second line, under the one with the time (the top line names the incident)
        progress = lines[next(n for n, line in enumerate(lines) if "outflow 1 of 1" in line) + 1]
        assert "jumped 46 h 43 min: nothing recorded" in progress
        assert "…" not in progress

    drive(app, script, size=SMALL)


def test_step_and_back_are_hidden_where_they_would_do_nothing():
    from explainer.tui.widgets.key_bar import KeyBar

    app = new_app()

    async def script(pilot):
        screen = await _open_replay(pilot)

        def bar() -> str:
            return str(screen.query_one(KeyBar).render())

        assert ". Step" in bar() and ", Back" not in bar()  # nothing to undo at the start
        await pilot.press("full_stop")
        await pilot.pause()
        assert ". Step" in bar() and ", Back" in bar()
        for _ in range(screen.player.attempts):
            await pilot.press("full_stop")
        await pilot.pause()
        assert screen.player.at_end
        assert ". Step" not in bar() and ", Back" in bar()

    drive(app, script)
