"""Japanese SVG snapshots of the app's shell: home, help, lessons, glossary, a dialog and
the too-small notice, at 80x24 and 120x40, each scanned for English left in it.

Regenerate with ``pytest tests/tui/test_snapshots_ja_shell.py --snapshot-update`` and read
the SVGs. The text each snapshot shows is scanned with ``tests.leaks`` in ``run_before``
(after the last pause, so it is the frame the snapshot takes).
"""

from __future__ import annotations

import re

import pytest

from explainer import i18n
from explainer.lessons import load_lessons
from explainer.tui.app import WalletApp, make_app
from explainer.tui.screens.ask import AskScreen
from explainer.tui.screens.glossary import GlossaryScreen
from explainer.tui.screens.help import HelpScreen
from explainer.tui.screens.lessons import LessonsScreen
from tests.leaks import leaks

from .helpers import SMALL, screen_text

SIZES = [SMALL, (120, 40)]
SIZE_IDS = ["80x24", "120x40"]
# Latin words that are names of things, not English prose: a Solidity call named in the
# glossary's list of terms.
NAMES = frozenset({"delegatecall"})


def ja_app() -> WalletApp:
    app = make_app(lang="ja")
    app.animation_level = "none"
    return app


# The signing demo shows the message it signs as it is: JSON data, not prose.
_SIGNED_DATA = re.compile(r'"[A-Za-z]+":(?:"[^"]*"|true|false|[0-9]+)')


def no_leaks(found: list[str], app: WalletApp) -> None:
    """Scan what ``app`` shows now; keep what leaked in ``found`` for the test to assert."""
    found.extend(leaks(_SIGNED_DATA.sub(" ", screen_text(app)), NAMES))


def snap(snap_compare, size, run_before=None, press=()) -> None:
    found: list[str] = []

    async def before(pilot) -> None:
        await pilot.pause()
        if run_before is not None:
            await run_before(pilot)
        await pilot.pause()
        no_leaks(found, pilot.app)

    assert snap_compare(ja_app(), terminal_size=size, run_before=before, press=list(press))
    assert i18n.current() == "ja"
    assert found == []


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_home(snap_compare, size):
    snap(snap_compare, size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_help(snap_compare, size):
    async def run_before(pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)

    snap(snap_compare, size, run_before)


def test_help_scrolled_to_the_end_has_no_english():
    """The whole help, not just its first screen, read in Japanese at 80x24."""
    import asyncio

    app = ja_app()
    found: list[str] = []

    async def main() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("question_mark")
            await pilot.pause()
            box = app.screen.query_one("#help-box")
            for y in range(0, box.max_scroll_y + 1, 10):
                box.scroll_to(y=y, animate=False)
                await pilot.pause()
                text = screen_text(app)
                assert "…" not in text
                no_leaks(found, app)

    asyncio.run(main())
    assert found == []


def _lesson_page(lesson: int, page: int):
    async def run_before(pilot):
        await pilot.press("l")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, LessonsScreen)
        screen.lesson_index, screen.page_index = lesson, page
        await screen.show_page()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("lesson", range(4), ids=[f"lesson{n}" for n in range(1, 5)])
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_lesson_first_page(snap_compare, size, lesson):
    snap(snap_compare, size, _lesson_page(lesson, 0))


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_lesson_question_answered(snap_compare, size):
    questions = len(load_lessons("ja")[0].pages)
    snap(snap_compare, size, _lesson_page(0, questions), press=["2"])


@pytest.mark.parametrize(("lesson", "page"), [
    (lesson, page) for lesson, item in enumerate(load_lessons("ja"))
    for page in range(len(item.pages) + 1)])
def test_every_lesson_page_has_no_english(lesson, page):
    """Every page of every lesson (key maps and QR captions included) read at 120x40."""
    import asyncio

    app = ja_app()
    found: list[str] = []

    async def main() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await _lesson_page(lesson, page)(pilot)
            no_leaks(found, app)

    asyncio.run(main())
    assert found == []


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_glossary(snap_compare, size):
    async def run_before(pilot):
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(pilot.app.screen, GlossaryScreen)
        await pilot.press("down", "down")

    snap(snap_compare, size, run_before)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_glossary_from_a_lesson_lists_its_terms_first(snap_compare, size):
    async def run_before(pilot):
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert pilot.app.screen.on_screen  # the lesson page's terms

    snap(snap_compare, size, run_before)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_ask_dialog(snap_compare, size):
    async def run_before(pilot):
        pilot.app.push_screen(AskScreen("この構成の名前を入力してください：", "自分の構成"))
        await pilot.pause()

    snap(snap_compare, size, run_before)


@pytest.mark.parametrize("size", [(60, 20), (79, 24)], ids=["60x20", "79x24"])
def test_too_small(snap_compare, size):
    snap(snap_compare, size)
