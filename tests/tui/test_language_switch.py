"""The app's language: where it starts (make_app, --lang, the locale) and the live switch (L).

A switch keeps the screen and its place (lesson page, replay time and setup, glossary
term); switching back shows the English screen exactly as it was.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from rich.cells import cell_len
from textual.widgets import Static

from explainer import cli, i18n
from explainer.tui.app import WalletApp, make_app
from explainer.tui.screens.glossary import GlossaryScreen
from explainer.tui.screens.help import HelpScreen
from explainer.tui.screens.home import HomeScreen
from explainer.tui.screens.lessons import LessonsScreen
from explainer.tui.screens.replay import ReplayScreen
from explainer.tui.widgets.key_bar import KeyBar, key_label

from .helpers import SIZE, SMALL, drive, new_app, screen_text


def _ja_app(**kwargs: object) -> WalletApp:
    app = make_app(lang="ja", **kwargs)  # type: ignore[arg-type]
    app.animation_level = "none"
    return app


def _bar(app: WalletApp) -> str:
    return str(app.screen.query_one(KeyBar).render())


async def _switch(pilot) -> None:
    await pilot.press("L")
    await pilot.pause()
    await pilot.pause()


def _notices(app: WalletApp) -> str:
    return "\n".join(n.message for n in app._notifications)


def _quiet_text(app: WalletApp) -> str:
    """The screen's text without the switch's notice (a toast over the corner)."""
    app.clear_notifications()
    return screen_text(app)


# --- the start language ------------------------------------------------------------------------

def test_make_app_opens_in_the_language_asked_for_or_in_use():
    app = _ja_app()

    async def script(pilot):
        assert i18n.current() == "ja"
        assert "q 終了 ? ヘルプ" in _bar(app)
        title = str(app.screen.query_one("#home-title", Static).render())
        assert title.startswith("wallet-explainer：")

    drive(app, script)
    i18n.use("en")
    assert make_app()  # lang=None keeps the language in use
    assert i18n.current() == "en"


@pytest.mark.parametrize(("argv", "env"), [
    ([], {"LANG": "ja_JP.UTF-8"}),
    (["--lang", "ja"], {}),
    (["open", "coincheck-2018", "--lang", "ja"], {"LANG": "C"}),
    (["coincheck-2018"], {"LC_ALL": "ja_JP.UTF-8"}),
])
def test_the_command_line_opens_the_app_in_japanese(monkeypatch, argv, env):
    from explainer.tui import app as app_module

    for name, value in env.items():
        monkeypatch.setenv(name, value)
    seen: dict[str, object] = {}

    def fake_run_app(incident=None, setup_id=None, files=(), **_kw) -> int:
        seen["lang"] = i18n.current()
        seen["incidents"] = [i for i in (incident, *files) if i is not None]
        return 0

    monkeypatch.setattr(cli, "_is_terminal", lambda: True)
    monkeypatch.setattr(app_module, "run_app", fake_run_app)
    assert cli.main(argv) == 0
    assert seen["lang"] == "ja"
    # incidents reach the app as read, in English: the app translates them (again on L)
    for incident in seen["incidents"]:  # type: ignore[attr-defined]
        assert incident.title == "Coincheck NEM theft"


@pytest.mark.parametrize(("argv", "expected"), [
    (["serve", "--lang", "ja"], ("--lang", "ja")),
    (["serve"], ()),
])
def test_a_served_app_opens_in_the_servers_language(monkeypatch, argv, expected):
    from explainer import serve

    seen = {}

    def fake_serve(options) -> int:
        seen["options"] = options
        return 0

    monkeypatch.setattr(serve, "serve", fake_serve)
    assert cli.main(argv) == 0
    assert seen["options"].app_args == expected


def test_the_app_shows_an_incident_in_its_language_and_keeps_the_english_original():
    from explainer import loader

    english = loader.load("coincheck-2018")
    app = _ja_app(incident=english)

    async def script(pilot):
        assert isinstance(app.screen, ReplayScreen)
        assert app.incident.title == "コインチェックNEM不正送金事件"
        await _switch(pilot)
        assert app.incident is english
        await _switch(pilot)
        assert app.incident.title == "コインチェックNEM不正送金事件"

    drive(app, script)


# --- the switch ----------------------------------------------------------------------------------

def test_switch_on_home_and_back_gives_the_same_english_screen():
    app = new_app()

    async def script(pilot):
        before = _quiet_text(app)
        await pilot.press("down", "down")  # the menu's highlight is kept too
        await pilot.pause()
        before = _quiet_text(app)
        await _switch(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert i18n.current() == "ja"
        assert "q 終了 ? ヘルプ" in _bar(app)
        assert "日本語表示に切り替えました" in _notices(app)  # said in the new language
        assert "行き先" in _quiet_text(app)
        await _switch(pilot)
        assert i18n.current() == "en"
        assert "Now in English" in _notices(app)
        assert _quiet_text(app) == before
        await pilot.press("enter")  # the highlight came back with the switch: "lessons"
        await pilot.pause()
        assert app.current_mode == "lessons"

    drive(app, script)


def test_switch_on_a_lesson_page_keeps_the_page():
    app = new_app()

    async def script(pilot):
        await pilot.press("l")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LessonsScreen)
        await screen.open_lesson(1)
        await pilot.press("n", "n")
        await pilot.pause()
        place = (screen.lesson_index, screen.page_index)
        assert place == (1, 2)
        english = _quiet_text(app)
        title = screen.lesson.pages[2].title
        await _switch(pilot)
        assert app.screen is screen
        assert (screen.lesson_index, screen.page_index) == place
        shown = _quiet_text(app)
        assert "レッスン2/4" in shown and f"3/{len(screen.lesson.pages) + 1}ページ" in shown
        assert screen.lesson.pages[2].title != title  # the same page, in Japanese
        assert screen.lesson.pages[2].title in shown
        await pilot.press("n")  # the keys still work on the recomposed page
        await pilot.pause()
        assert screen.page_index == 3
        await pilot.press("p")
        await pilot.pause()
        await _switch(pilot)
        assert (screen.lesson_index, screen.page_index) == place
        assert _quiet_text(app) == english

    drive(app, script)


def test_switch_keeps_a_lesson_answer():
    app = new_app()

    async def script(pilot):
        await pilot.press("l")
        await pilot.pause()
        screen = app.screen
        screen.page_index = len(screen.lesson.pages)
        await screen.show_page()
        await pilot.press("1")
        await pilot.pause()
        english = _quiet_text(app)
        await _switch(pilot)
        assert screen.on_question
        assert "あなたの答えは1。" in _quiet_text(app)
        await _switch(pilot)
        assert _quiet_text(app) == english

    drive(app, script)


def test_switch_on_the_replay_keeps_the_time_and_the_setup():
    app = new_app(setup_id="japan-5pct-hot")

    async def script(pilot):
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        for _ in range(3):
            await pilot.press("full_stop")
        await pilot.pause()
        at, done = screen.player.at, screen.player.done
        assert done == 3
        await _switch(pilot)
        assert app.screen is screen and app.current_mode == "replay"
        assert app.setup_id == "japan-5pct-hot"
        assert screen.player.setup.id == "japan-5pct-hot"
        assert (screen.player.at, screen.player.done) == (at, done)
        assert app.find_setup("japan-5pct-hot") in app.setups
        await _switch(pilot)
        assert (screen.player.at, screen.player.done) == (at, done)
        assert screen.player.setup.id == "japan-5pct-hot"
        await pilot.press("full_stop")  # and it goes on from there
        await pilot.pause()
        assert screen.player.done == 4

    drive(app, script)


def test_switch_in_the_glossary_keeps_the_term():
    app = new_app()

    async def script(pilot):
        await pilot.press("g")
        await pilot.pause()
        glossary = app.screen
        assert isinstance(glossary, GlossaryScreen)
        await pilot.press("down", "down", "down")
        await pilot.pause()
        term = glossary.term_id
        english = _quiet_text(app)
        await _switch(pilot)
        assert app.screen is glossary and glossary.term_id == term
        shown = _quiet_text(app)
        assert "用語集" in shown
        assert glossary.glossary.get(term).term in shown  # type: ignore[union-attr]
        await _switch(pilot)
        assert glossary.term_id == term
        assert _quiet_text(app) == english
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)

    drive(app, script)


def test_switch_in_the_help_and_on_the_screens_below_it():
    app = new_app()

    async def script(pilot):
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        await _switch(pilot)  # Dialog forwards L
        assert isinstance(app.screen, HelpScreen)
        assert "キー一覧" in _quiet_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LessonsScreen)
        assert "レッスン1/4" in _quiet_text(app)  # recomposed below the dialog
        await pilot.press("h")
        await pilot.pause()
        assert "行き先" in _quiet_text(app)  # and in another mode's stack

    drive(app, script)


def test_switch_keeps_setups_built_in_what_if():
    app = new_app()

    async def script(pilot):
        mine = replace(app.setups[0], id="mine", label="My setup", origin="what-if")
        assert app.add_setup(mine, True) == "mine"
        version = app.setups_version
        await _switch(pilot)
        assert app.setups_version > version
        assert app.find_setup("mine").label == "My setup"
        assert app.setups[0].label != mine.label  # the scenario's own, now in Japanese

    drive(app, script)


def test_the_switch_is_off_while_the_terminal_is_too_small():
    app = new_app()

    async def script(pilot):
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert app.check_action("switch_language", ()) is False
        await pilot.press("L")
        await pilot.pause()
        assert i18n.current() == "en"

    drive(app, script)


# --- East Asian width ----------------------------------------------------------------------------

@pytest.mark.parametrize("mode", ["home", "lessons", "replay", "compare"])
@pytest.mark.parametrize("size", [SMALL, SIZE, (120, 40)])
def test_the_japanese_key_bar_drops_whole_keys_by_display_width(mode, size):
    app = _ja_app()

    async def script(pilot):
        app.action_goto(mode)
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        shown = str(bar.render()).rstrip()
        assert "…" not in shown
        assert cell_len(shown) <= size[0]
        words = [f"{display} {description}" for _, display, description, _ in bar._shown]
        assert " " + " ".join(words) == shown  # whole keys only, in order
        assert "q 終了" in words and "? ヘルプ" in words

    drive(app, script, size=size)


def test_key_names_are_translated_only_in_japanese():
    assert key_label("shift+left") == "shift+left"
    i18n.use("ja")
    assert key_label("shift+left") == "Shift+←"
    assert key_label("space") == "Space"
    assert key_label("1-4") == "1-4"


def test_home_menu_names_line_up_by_display_width():
    app = _ja_app()

    async def script(pilot):
        menu = [line for line in screen_text(app).splitlines()
                if line.startswith("  │ ") and line[4:5] in "balrcgwP" and line[5:7] == "  "]
        assert len(menu) == 8
        starts = set()
        for line in menu:
            rest = line[7:]
            name = rest.split(" ", 1)[0]
            spaces = len(rest[len(name):]) - len(rest[len(name):].lstrip(" "))
            starts.add(cell_len(line[:7]) + cell_len(name) + spaces)
        assert len(starts) == 1, menu  # every description starts in the same cell

    drive(app, script)
