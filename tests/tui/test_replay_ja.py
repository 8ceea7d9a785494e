"""The replay and compare screens in Japanese, and across the live language switch.

The switch is the app's own (``WalletApp.switch_language``, the ``L`` key): the screens
must keep the replay's time, speed, play state, setup and highlighted event (compare: its
order and highlighted setup), show every text of theirs in the new language, and come
back to exactly the English they showed before.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from textual.widgets import DataTable, Select, Static

from explainer import loader
from explainer.i18n import _
from explainer.tui.screens.compare import CompareScreen
from explainer.tui.screens.replay import ReplayScreen
from explainer.tui.widgets import AccessPanel, EventLog, ReplayClock, WalletGauge

from .helpers import SMALL, drive, new_app, screen_text
from .ja_replay import english, ja_app, switch

LARGE = (120, 40)


def _mine(screen: ReplayScreen) -> str:
    """The texts of the replay's own widgets (not the incident bar or the key bar)."""
    parts = [str(screen.query_one(ReplayClock).render()),
             *(str(g.render()) for g in screen.query(WalletGauge)),
             str(screen.query_one("#attacker", Static).render()),
             str(screen.query_one(AccessPanel).render()),
             str(screen.query_one("#setup-label", Static).render()),
             str(screen.query_one("#detail", Static).render())]
    log = screen.query_one(EventLog)
    parts += [str(c.label) for c in log.columns.values()]
    parts += [" ".join(str(cell) for cell in log.get_row_at(n)) for n in range(log.row_count)]
    return "\n".join(parts)


def test_replay_switches_to_japanese_and_back_keeping_its_place():
    original = loader.load("coincheck-2018")
    app = new_app(original, setup_id="as-run")

    async def script(pilot):
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        await pilot.press("full_stop", "full_stop", "full_stop", "s")  # 3 outflows, 600x
        await pilot.press("right_square_bracket")  # the next setup, same moment
        await pilot.pause()
        log = screen.query_one(EventLog)
        log.move_cursor(row=1, animate=False)  # not the newest event
        await pilot.pause()
        english_text = screen_text(app)
        place = (screen.player.at, screen.player.done, screen.player.speed,
                 screen.player.setup.id, log.cursor_row, log.highlighted_event)
        assert place[3] == "japan-5pct-hot" and place[4] == 1 and place[2] == 600

        await switch(app, "ja")
        await pilot.pause()
        assert app.screen is screen  # the same screen, recomposed
        log = screen.query_one(EventLog)
        assert (screen.player.at, screen.player.done, screen.player.speed,
                screen.player.setup.id, log.cursor_row,
                log.highlighted_event.attempt) == (*place[:5], place[5].attempt)
        shown = screen_text(app)
        assert "一時停止中（600x）" in shown and "流出 3/11 件" in shown
        assert "構成（[ ]）：" in shown
        assert [str(c.label) for c in log.columns.values()] == [
            "時刻", "ウォレット", "流出額", "結果", "理由"]
        # the scenario's own texts come from the localized incident, the setup's too
        assert screen.player.incident is app.incident
        assert str(screen.query_one("#setup", Select).selection) == "japan-5pct-hot"
        assert "ホットウォレット" in str(screen.query_one(WalletGauge).render())
        assert "攻撃者が奪った額" in str(screen.query_one("#attacker", Static).render())
        found = english(_mine(screen), [])
        assert found == [], found
        assert screen.focused is log

        await switch(app, "en")
        await pilot.pause()
        assert screen_text(app) == english_text  # back to exactly the English it showed

    drive(app, script)


def test_replay_keeps_playing_across_the_switch():
    original = loader.load("coincheck-2018")
    app = new_app(original, setup_id="as-run")

    async def script(pilot):
        screen = app.screen
        await pilot.press("space")
        screen.advance(2.0)  # two seconds at 60x: two minutes of the theft
        at = screen.player.at
        await switch(app, "ja")
        assert screen.player.playing and screen.player.at == at
        screen.advance(1.0)
        assert screen.player.at > at  # the clock goes on in the new language
        await pilot.pause()
        assert "再生中 60x" in screen_text(app)

    drive(app, script)


def test_replay_with_nothing_applied_switches_too():
    original = loader.load("bybit-2025")
    app = new_app(original, setup_id="as-run")

    async def script(pilot):
        screen = app.screen
        await switch(app, "ja")
        await pilot.pause()
        detail = str(screen.query_one("#detail", Static).render())
        assert detail.startswith("まだ流出はありません。Spaceで60xの速さで再生します")
        assert screen.query_one(EventLog).row_count == 0

    drive(app, script)


def test_compare_switches_keeping_order_and_highlighted_setup():
    original = loader.load("coincheck-2018")
    app = new_app(original, setup_id="as-run")

    async def script(pilot):
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        screen.sort_by("first", False)
        table = screen.query_one("#compare-table", DataTable)
        table.move_cursor(row=4, animate=False)
        await pilot.pause()
        chosen = screen._highlighted()
        english_text = screen_text(app)

        await switch(app, "ja")
        await pilot.pause()
        assert app.screen is screen
        assert (screen.sort_key, screen.descending, screen._highlighted()) == (
            "first", False, chosen)
        title = str(screen.query_one("#compare-title", Static).render())
        assert title == ("コインチェックNEM不正送金事件：19通りの構成。"
                         "最初の損失の早い順。時刻はJST。")
        table = screen.query_one("#compare-table", DataTable)
        headings = [str(c.label).rstrip(" ^v") for c in table.columns.values()]
        assert headings == ["構成", "損失額（XEM）", "割合", "プール比", _("Value lost"),
                            "奪われえた額（XEM）", "最初の損失", "最後の損失"]
        assert _("Value lost") != "Value lost"
        # the setups' names are the localized ones
        names = {line.row.setup_id: line.row.label for line in screen.lines}
        assert names["single-key-hot"] == "単一鍵のホットウォレット"
        why = str(screen.query_one("#compare-why", Static).render())
        assert "Enter でこの構成の再現を開きます" in why
        assert english(title + "\n" + why, []) == []
        assert screen.focused is table

        await switch(app, "en")
        await pilot.pause()
        assert screen_text(app) == english_text

    drive(app, script)


def test_replay_and_compare_both_switch_when_stacked():
    """The replay under the comparison (opened from it) is recomposed too."""
    original = loader.load("coincheck-2018")
    app = new_app(original, setup_id="as-run")

    async def script(pilot):
        replay_screen = app.screen
        await pilot.press("full_stop")
        await pilot.press("c")
        await pilot.pause()
        await switch(app, "ja")
        await pilot.press("r")
        await pilot.pause()
        assert app.screen is replay_screen
        assert replay_screen.player.done == 1
        assert "流出 1/11 件" in screen_text(app)

    drive(app, script)


# --- East Asian width --------------------------------------------------------------------


def _cells_before(line: str, part: str) -> int:
    return cell_len(line[:line.index(part)])


def test_japanese_event_log_columns_line_up_at_80x24_and_120x40():
    for size in (SMALL, LARGE):
        app = ja_app("coincheck-2018", "as-run")

        async def script(pilot, size=size, app=app):
            screen = app.screen
            for _step in range(4):
                screen.player.step_forward()
            screen.refresh_view()
            await pilot.pause()
            lines = screen_text(app).splitlines()
            assert all(cell_len(line) == size[0] for line in lines)  # nothing spills over
            rows = [line for line in lines
                    if re.match(r" [▶ ] ~?\d+時\S* {2,}ホットウォ", line)]
            assert len(rows) >= (1 if size == SMALL else 2)  # 80x24 has room for one
            # the wallet (wrapped on a narrow screen), the amount's last digit and the
            # outcome start at one cell on every row, and under their headings
            found = [re.match(r"( [▶ ] \S+ +)(ホットウォ\S*) +([\d,]+) +(\S)", r) for r in rows]
            assert all(found), rows
            assert len({cell_len(m.group(1)) for m in found}) == 1
            assert len({cell_len(r[:m.end(3)]) for r, m in zip(rows, found, strict=True)}) == 1
            assert len({cell_len(r[:m.start(4)]) for r, m in zip(rows, found, strict=True)}) == 1
            heading = next(line for line in lines if "ウォレット" in line and "時刻" in line)
            assert _cells_before(heading, "ウォレット") == cell_len(found[0].group(1))
            assert _cells_before(heading, "結果") == cell_len(rows[0][:found[0].start(4)])

        drive(app, script, size=size)


def test_japanese_gauge_fills_its_width_exactly():
    app = ja_app("coincheck-2018", "japan-5pct-hot")

    async def script(pilot):
        for gauge in app.screen.query(WalletGauge):
            first, second = str(gauge.render()).split("\n")
            assert cell_len(first) == gauge.size.width, first
            assert "手出しできない" in second or "攻撃者が送金可能" in second

    drive(app, script, size=LARGE)


def test_japanese_compare_names_wrap_between_characters_not_inside_latin_words():
    app = ja_app("bybit-2025", "as-run")

    async def script(pilot):
        await pilot.press("c")
        await pilot.pause()
        table = app.screen.query_one("#compare-table", DataTable)
        width = table.columns[next(iter(table.columns))].width
        for n in range(table.row_count):
            name = table.get_row_at(n)[0]
            lines = str(name).split("\n")
            assert all(cell_len(line) <= width for line in lines), lines
            for word in ("2-of-3", "Safe", "MPC", "ETH"):
                joined = "".join(lines)
                if word in joined:
                    assert any(word in line for line in lines), (word, lines)

    drive(app, script, size=SMALL)
