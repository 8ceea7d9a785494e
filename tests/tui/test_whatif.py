"""The What-if screen driven by keys (and the mouse): live figures, save, replay, compare.

Expected figures are worked out by hand from the Coincheck scenario: the pool is
526,300,010 XEM and every recorded outflow happens before the 11:58 halt, so a hot
wallet holding 10% (52,630,001 XEM) loses all of it while an independent cold wallet
loses nothing.
"""

from __future__ import annotations

from decimal import Decimal

from explainer import loader, whatif
from explainer.engine import instantiate, summarise
from explainer.tui.screens.ask import AskScreen
from explainer.tui.screens.compare import CompareScreen
from explainer.tui.screens.replay import ReplayScreen
from explainer.tui.screens.whatif import SetupTable, WhatIfScreen

from .helpers import SMALL, drive, new_app, screen_text


async def settle(pilot) -> None:
    """Let key presses land and the analyses' worker finish."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def go_to(pilot, row: str) -> None:
    """Move the table's cursor to ``row`` with the arrow keys."""
    screen = pilot.app.screen
    keys = screen._row_keys
    table = screen.query_one(SetupTable)
    steps = keys.index(row) - table.cursor_row
    await pilot.press(*(["down"] * steps if steps > 0 else ["up"] * -steps))
    assert screen._highlighted() == row


async def name_place(pilot, name: str) -> None:
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, AskScreen)
    await pilot.press(*name, "enter")
    await settle(pilot)


async def build_done_when_setup(pilot) -> WhatIfScreen:
    """By keys: 10% hot; cold 2-of-3 with keys at two offices and the officer's device."""
    await pilot.press("w")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, WhatIfScreen)
    await go_to(pilot, "hot")
    await pilot.press(*["left"] * 90)
    await settle(pilot)
    assert screen.draft.hot_share == Decimal("0.10")
    cold_key = screen.draft.wallets[1].keys[0]
    await go_to(pilot, f"key:1:{cold_key}")
    await name_place(pilot, "office A")
    await pilot.press("a")
    await settle(pilot)
    second = screen.draft.wallets[1].keys[1]
    await go_to(pilot, f"key:1:{second}")
    await name_place(pilot, "office B")
    await pilot.press("a")
    await settle(pilot)
    third = screen.draft.wallets[1].keys[2]
    await go_to(pilot, f"key:1:{third}")
    for _ in range(12):
        if screen.draft.key(third).domain == "officer-device":
            break
        await pilot.press("right")
    await go_to(pilot, "m:1")
    await pilot.press("right")
    await settle(pilot)
    return screen


def test_w_opens_the_builder_from_replay_with_the_replayed_setup():
    async def script(pilot):
        assert isinstance(pilot.app.screen, ReplayScreen)
        await pilot.press("w")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, WhatIfScreen)
        assert screen.draft.based_on == "japan-5pct-hot"
        text = screen_text(pilot.app)
        # Japan's 5% rule: the hot 5% (26,315,000.5 XEM) is lost
        assert "26,315,000.5 XEM (5% of the pool)" in text
        assert "Single points" in text and "NEM server" in text

    drive(new_app(setup_id="japan-5pct-hot"), script)


def test_w_opens_the_builder_from_compare():
    async def script(pilot):
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CompareScreen)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(pilot.app.screen, WhatIfScreen)

    drive(new_app(), script)


def test_build_the_done_when_setup_by_keys_and_read_its_figures():
    async def script(pilot):
        screen = await build_done_when_setup(pilot)
        cold = screen.draft.wallets[1]
        assert (cold.threshold, len(cold.keys)) == (2, 3)
        places = [whatif.place_label(screen.draft, pilot.app.incident, screen.draft.key(k).domain)
                  for k in cold.keys]
        assert places == ["office A", "office B", "security officer's device"]
        assert screen.live.lost == Decimal("52630001")
        assert screen.live.exposed == Decimal("52630001")
        assert screen.deep.single_points == ("NEM server",)
        assert screen.deep.theft == ("NEM server",)
        assert screen.deep.lockout == ("NEM server",)
        text = screen_text(pilot.app)
        assert "52,630,001 XEM (10% of the pool)" in text
        assert "office A + office B take all" in text
        assert "473,670,009 XEM" in text  # the cold wallet: 90% of the pool
        assert "losing office A + office B" in text
        # the curve: no freeze at first, 10 XEM after the 00:02:13 test transfer, then all
        # of the hot wallet; every step of it from the analyses
        lost = [p.lost for p in screen.deep.curve]
        assert lost == [Decimal(0), Decimal(10), Decimal("52630001")]

    drive(new_app(), script)


def test_a_click_on_the_highlighted_row_moves_its_value_on():
    async def script(pilot):
        await pilot.press("w")
        await settle(pilot)
        screen = pilot.app.screen
        await go_to(pilot, "m:0")
        await pilot.click(SetupTable, offset=(2, screen._row_keys.index("m:0")))
        await settle(pilot)
        assert screen.draft.wallets[0].threshold == 1  # 1 key: m stays 1
        await go_to(pilot, "response")
        await pilot.click(SetupTable, offset=(2, 1))
        await settle(pilot)
        # as run -> frozen at the first outflow: nothing moves
        assert whatif.response_choice(screen.draft) == 0
        assert screen.live.lost == 0

    drive(new_app(), script)


def test_response_co_signer_recovery_and_time_lock_by_keys():
    async def script(pilot):
        await pilot.press("w")
        await settle(pilot)
        screen = pilot.app.screen
        await go_to(pilot, "cosigner:0")
        await pilot.press("right", "right", "right")  # off -> 0.1% -> 0.5% -> 1%
        await settle(pilot)
        # 1% of the pool per 24 h, enforced by an independent co-signing service
        assert screen.live.lost == Decimal("5263000.1")
        await go_to(pilot, "limit-from:0")
        await pilot.press("right")  # the limit can be changed from the NEM server
        await settle(pilot)
        assert screen.live.lost == Decimal("526300010")
        await pilot.press("x")  # co-signer off again
        await settle(pilot)
        assert whatif.cosigner_of(screen.draft, 0) is None
        await go_to(pilot, "timelock:0")
        await pilot.press("right")  # 1 h time lock: still settles before the halt
        await settle(pilot)
        assert screen.live.lost == Decimal("526300010")
        await pilot.press(*["right"] * 4)  # 48 h: nothing settles before 11:58
        await settle(pilot)
        assert screen.live.lost == 0
        assert "why" and screen.live.why

    drive(new_app(), script)


def test_signing_mode_cycles_with_d():
    async def script(pilot):
        await pilot.press("w")
        await settle(pilot)
        screen = pilot.app.screen
        key = screen.draft.wallets[0].keys[0]
        await go_to(pilot, f"key:0:{key}")
        await pilot.press("d")
        await settle(pilot)
        assert whatif.signing_mode(screen.draft.key(key)) == "interface"
        await pilot.press("d")
        await settle(pilot)
        assert whatif.signing_mode(screen.draft.key(key)) == "verified"
        text = screen_text(pilot.app)
        assert "NEM server (verified)" in text
        assert "verifies on an own device" in text.replace("\n", " ").replace("  ", " ")

    drive(new_app(), script)


def test_save_writes_a_setup_file_that_loads_and_replays(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    async def script(pilot):
        screen = await build_done_when_setup(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, AskScreen)
        await pilot.press("enter")  # the default: ./ID.toml in the current directory
        await settle(pilot)
        path = tmp_path / f"{screen.draft.id}.toml"
        assert path.is_file()
        assert str(path.resolve()) in screen_text(pilot.app).replace("\n", "")
        # saving again offers a new name and never overwrites without asking
        await pilot.press("s")
        await pilot.pause()
        assert pilot.app.screen.query_one("#ask-input").value.endswith("-2.toml")
        await pilot.press("escape")
        await pilot.pause()
        screen.write(path, overwrite=False)
        assert "already exists" in screen_text(pilot.app)

        incident = pilot.app.incident
        domains, (saved,) = loader.load_library(path)
        again = instantiate(saved, incident, domains)
        assert summarise(incident, again).lost == Decimal("52630001")

    drive(new_app(), script)


def test_enter_replays_it_and_p_adds_it_to_compare():
    async def script(pilot):
        screen = await build_done_when_setup(pilot)
        built = screen.setup
        await pilot.press("p")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        replay = pilot.app.screen
        assert isinstance(replay, ReplayScreen)
        assert replay.player.setup.id == built.id
        assert replay.player.replay.summary.lost == Decimal("52630001")
        # the replay's setup picker lists it
        for _ in range(30):
            replay.player.step_forward()
        replay.refresh_view()
        await pilot.pause()
        assert "52,630,001 XEM" in screen_text(pilot.app)
        await pilot.press("c")
        await settle(pilot)
        compare = pilot.app.screen
        assert isinstance(compare, CompareScreen)
        ours = [line for line in compare.lines if line.replay.setup.origin == whatif.ORIGIN]
        assert [line.replay.summary.lost for line in ours] == [Decimal("52630001")] * 2
        # back in the builder, the draft is still there
        await pilot.press("w")
        await settle(pilot)
        assert pilot.app.screen.draft == screen.draft

    drive(new_app(), script)


def test_views_cycle_and_work_at_80x24():
    async def script(pilot):
        await pilot.press("w")
        await settle(pilot)
        screen = pilot.app.screen
        await pilot.press("v")
        await settle(pilot)
        assert screen.view == "whatif-curve"
        assert "Lost against the freeze delay" in screen_text(pilot.app)
        await pilot.press("v")
        await settle(pilot)
        assert screen.view == "whatif-heat"
        text = screen_text(pilot.app)
        assert "never" in text and "10%" in text
        await pilot.press("v")
        await settle(pilot)
        assert screen.view == "whatif-figures"

    drive(new_app(), script, size=SMALL)


def test_start_from_blank_and_from_a_library_setup():
    async def script(pilot):
        await pilot.press("w")
        await settle(pilot)
        screen = pilot.app.screen
        screen.start_from("__blank__")
        await settle(pilot)
        assert screen.draft.based_on == "" and len(screen.draft.wallets) == 1
        screen.start_from("mpc-break-glass")
        await settle(pilot)
        # the break-glass key's holder is an independent place here: nothing is lost,
        # and that holder alone is a single point of failure
        assert screen.live.lost == 0
        assert screen.deep.single_points == ("holder of the recovery key",)

    drive(new_app(), script)


def test_a_failing_analysis_leaves_the_live_figures_and_says_so(monkeypatch):
    from explainer.report import whatif as words

    def broken(incident, setup):
        raise RuntimeError("no cuts today")

    monkeypatch.setattr(words, "deep", broken)

    async def script(pilot):
        await pilot.press("w")
        await settle(pilot)
        await pilot.pause(0.1)  # past the wait for the analyses
        screen = pilot.app.screen
        assert isinstance(screen, WhatIfScreen)
        text = screen_text(pilot.app)
        assert "The analyses failed: no cuts today" in text
        assert "526,300,010 XEM (100% of the pool)" in text  # the live figures still show
        await pilot.press("left")
        await settle(pilot)
        await pilot.pause(0.1)
        assert screen.live.lost == Decimal("521037009.9")  # 99% hot, the rest cold

    drive(new_app(), script)


def test_rename_with_e_names_the_saved_setup(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    async def script(pilot):
        await pilot.press("w")
        await settle(pilot)
        screen = pilot.app.screen
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(pilot.app.screen, AskScreen)
        await pilot.press(*"Ten [hot]", "enter")  # brackets stay text, never markup
        await settle(pilot)
        assert screen.draft.title == "Ten [hot]" and screen.draft.id == "ten-hot"
        assert "Ten [hot]" in screen_text(pilot.app)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        _, (saved,) = loader.load_library(tmp_path / "ten-hot.toml")
        assert saved.label == "Ten [hot]"

    drive(new_app(), script)


def test_an_unedited_draft_follows_the_replayed_setup():
    async def script(pilot):
        await pilot.press("w")
        await settle(pilot)
        first = pilot.app.screen
        assert first.draft.based_on == "as-run"
        await pilot.press("r", "right_square_bracket")
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert pilot.app.screen is first
        assert first.draft.based_on == pilot.app.setup_id == "japan-5pct-hot"
        await pilot.press("left")  # now edited: the draft stays when the replay moves on
        await settle(pilot)
        await pilot.press("r", "right_square_bracket", "w")
        await settle(pilot)
        assert first.edited and first.draft.hot_share == Decimal("0.04")  # 5% less 1%
        assert first.draft.based_on == "japan-5pct-hot"

    drive(new_app(), script)


def test_the_hint_line_links_work_with_the_mouse():
    async def script(pilot):
        await pilot.press("w")
        await settle(pilot)
        screen = pilot.app.screen
        assert screen._highlighted() == "hot"
        hint = screen.query_one("#whatif-hint")
        last = hint.size.height - 1  # the links are the hint's last line: "◀ less  more ▶ ..."
        await pilot.click("#whatif-hint", offset=(2, last))  # "◀ less"
        await settle(pilot)
        assert screen.draft.hot_share == Decimal("0.99")
        await pilot.click("#whatif-hint", offset=(10, last))  # "more ▶"
        await settle(pilot)
        assert screen.draft.hot_share == Decimal("1")

    drive(new_app(), script)
