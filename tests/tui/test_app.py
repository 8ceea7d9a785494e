"""The app shell: modes, keys, help, theme, NO_COLOR and the minimum size."""

from __future__ import annotations

import re

import pytest
from textual.widgets import Static

from explainer.tui.app import HIGH_CONTRAST, MIN_HEIGHT, MIN_WIDTH
from explainer.tui.screens.help import HelpScreen
from explainer.tui.screens.home import HomeScreen

from .helpers import SIZE, SMALL, drive, new_app, screen_text


def test_home_tells_the_story_from_the_index_without_loading_the_scenario():
    app = new_app()

    async def script(pilot):
        assert isinstance(app.screen, HomeScreen)
        story = str(app.screen.query_one("#story", Static).render())
        assert "Coincheck NEM theft, 2018-01-26: Coincheck (Tokyo)" in story
        assert "526,300,010 XEM (about ¥58.4 bn) left; lost as run: 100% of the pool" in story
        assert "One key on one always-online server" in story
        assert app._incident is None  # the first frame needed no scenario file
        assert "Incident: Coincheck NEM theft" in screen_text(app).splitlines()[0]

    drive(app, script)


@pytest.mark.parametrize(("key", "mode"), [("l", "lessons"), ("r", "replay"), ("c", "compare")])
def test_mode_keys_switch_and_h_comes_home(key, mode):
    app = new_app()

    async def script(pilot):
        await pilot.press(key)
        await pilot.pause()
        assert app.current_mode == mode
        # the current mode's own key is disabled (shown dimmed), the others work
        assert app.check_action("goto", (mode,)) is None
        assert app.check_action("goto", ("home",)) is True
        await pilot.press("h")
        await pilot.pause()
        assert app.current_mode == "home"

    drive(app, script)


def test_home_options_open_a_mode_with_enter():
    app = new_app()

    async def script(pilot):
        await pilot.press("down", "enter")  # the second way in: this incident's page
        await pilot.pause()
        assert app.current_mode == "incident"

    drive(app, script)


def test_q_quits_from_home_and_from_a_dialog():
    app = new_app()

    async def script(pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("q")
        await pilot.pause()

    drive(app, script)
    assert app.return_code == 0
    assert not app.is_running


def test_help_lists_every_binding_and_closes():
    app = new_app()

    async def script(pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        for words in ("Quit: Leave the app", "Contrast", "Play/pause", "Sources",
                      "Sort: Sort by the next column", "Answer", "Glossary", "Incidents",
                      "Open replay", "b lists every incident"):
            assert words in shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("question_mark")  # ? toggles it too
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

    drive(app, script, size=(100, 90))  # tall enough for the whole list


def test_mode_key_in_a_dialog_closes_it_and_switches():
    app = new_app()

    async def script(pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert app.current_mode == "compare"
        assert not isinstance(app.screen, HelpScreen)

    drive(app, script)


def test_t_toggles_the_high_contrast_theme():
    app = new_app()

    async def script(pilot):
        before = app.theme
        assert before == "textual-dark"
        await pilot.press("t")
        assert app.theme == HIGH_CONTRAST.name
        assert app.current_theme.background == "#000000"
        await pilot.press("t")
        assert app.theme == before

    drive(app, script)


def test_too_small_terminal_shows_a_message_and_recovers():
    app = new_app()

    async def script(pilot):
        assert app.too_small
        shown = screen_text(app)
        assert "terminal too small (need 80x24, have 60x20)" in shown
        await pilot.press("r")  # switching is off while too small
        await pilot.pause()
        assert app.current_mode == "home"
        await pilot.resize_terminal(70, 30)
        await pilot.pause()
        assert "have 70x30" in screen_text(app)
        await pilot.resize_terminal(MIN_WIDTH, MIN_HEIGHT)
        await pilot.pause()
        assert not app.too_small
        assert isinstance(app.screen, HomeScreen)
        assert "Coincheck NEM theft" in screen_text(app)

    drive(app, script, size=(60, 20))


def test_q_quits_even_when_too_small():
    app = new_app()

    async def script(pilot):
        await pilot.press("q")
        await pilot.pause()

    drive(app, script, size=(60, 20))
    assert not app.is_running


# Rich's SVG template draws a window frame (three "traffic light" buttons and a grey title)
# around the terminal; those colours are not the app's.
FRAME = {"ff5f57", "febc2e", "28c840", "c5c8c6"}


def _colours(svg: str) -> set[tuple[int, int, int]]:
    found = set(re.findall(r"(?:fill|color)[:=]\s*\"?#([0-9a-fA-F]{6})", svg)) - FRAME
    return {(int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)) for h in found}


def test_no_color_gives_a_monochrome_interface(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = new_app()
    seen: dict[str, str] = {}

    async def script(pilot):
        await pilot.press("r", ".", ".")
        await pilot.pause()
        seen["svg"] = app.export_screenshot()

    drive(app, script, size=SIZE)
    assert app.no_color
    colours = _colours(seen["svg"])
    assert colours, "the screenshot should contain colours to check"
    assert all(r == g == b for r, g, b in colours), sorted(colours)[:5]


def test_without_no_color_the_interface_has_colour():
    app = new_app()
    seen: dict[str, str] = {}

    async def script(pilot):
        await pilot.press("r", ".", ".")
        await pilot.pause()
        seen["svg"] = app.export_screenshot()

    drive(app, script)
    assert not app.no_color
    assert any(not r == g == b for r, g, b in _colours(seen["svg"]))


def test_the_key_bar_lists_keys_and_a_click_presses_one():
    from explainer.tui.widgets.key_bar import KeyBar

    app = new_app()

    async def script(pilot):
        bar = app.screen.query_one(KeyBar)
        shown = str(bar.render())
        # 'h Home' is dimmed on the home screen, so it is the first key left out for room
        assert shown.startswith(" q Quit ? Help b Incidents a About l Lessons r Replay "
                                "c Compare g Glossary t Contrast")
        await pilot.click(KeyBar, offset=(8, 0))  # the "?" of "? Help"
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)

    drive(app, script)


@pytest.mark.parametrize("mode", ["home", "lessons", "replay", "compare"])
@pytest.mark.parametrize("size", [SMALL, (100, 30), (120, 40)])
def test_the_key_bar_never_cuts_a_word(mode, size):
    from explainer.tui.widgets.key_bar import KeyBar

    app = new_app()

    async def script(pilot):
        app.action_goto(mode)
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        shown = str(bar.render())
        assert "…" not in shown
        assert len(shown.rstrip()) <= size[0]
        # every entry shown is a whole binding of this screen: "key description"
        words = {f"{display} {description}" for _, display, description, _ in bar._shown}
        assert " ".join(sorted(words, key=shown.index)) == shown.strip()
        assert "q Quit" in words and "? Help" in words  # never left out

    drive(app, script, size=size)


def test_the_key_bar_leaves_out_whole_keys_from_the_end():
    from explainer.tui.widgets.key_bar import fit

    entries = [("space", "space", "Play/pause", True), ("i", "i", "Sources", True),
               ("0", "0", "Restart", True), ("q", "q", "Quit", True),
               ("question_mark", "?", "Help", True), ("r", "r", "Replay", False),
               ("t", "t", "Contrast", True)]
    assert fit(entries, 200) == entries
    # " space Play/pause i Sources 0 Restart q Quit ? Help" is 51 cells
    assert [e[0] for e in fit(entries, 51)] == ["space", "i", "0", "q", "question_mark"]
    assert [e[0] for e in fit(entries, 50)] == ["space", "i", "q", "question_mark"]
    assert [e[0] for e in fit(entries, 5)] == ["q", "question_mark"]


def test_help_headings_and_words_are_whole_at_80x24():
    app = new_app()

    async def script(pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        box = app.screen.query_one("#help-box")
        seen = []
        for y in range(0, box.max_scroll_y + 1, 5):  # read it all, scrolling down
            box.scroll_to(y=y, animate=False)
            await pilot.pause()
            seen.append(screen_text(app))
        shown = "\n".join(seen)
        assert "Dialogs (this help, sources, glossary)" in shown
        assert "…" not in shown

    drive(app, script, size=SMALL)
