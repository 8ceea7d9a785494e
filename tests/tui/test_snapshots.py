"""SVG snapshots of every screen (pytest-textual-snapshot).

The replay is driven by calling the player in ``run_before``, never by waiting, and the
conftest freezes the wall clock and the signing demo's key, so every frame is repeatable.
Regenerate with ``pytest tests/tui/test_snapshots.py --snapshot-update`` and review the SVGs.
"""

from __future__ import annotations

import pytest

from explainer.lessons import load_lessons
from explainer.tui.screens.lessons import LessonsScreen
from explainer.tui.screens.replay import ReplayScreen

from .helpers import SIZE, SMALL, new_app

PAGES = [(n, p) for n, lesson in enumerate(load_lessons())
         for p in range(len(lesson.pages) + 1)]


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["100x30", "80x24"])
def test_home(snap_compare, size):
    assert snap_compare(new_app(), terminal_size=size)


@pytest.mark.parametrize(("lesson", "page"), PAGES, ids=[f"lesson{n + 1}-page{p + 1}"
                                                          for n, p in PAGES])
def test_lesson_page(snap_compare, lesson, page):
    async def run_before(pilot):
        await pilot.press("l")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, LessonsScreen)
        screen.lesson_index, screen.page_index = lesson, page
        await screen.show_page()
        await pilot.pause()

    assert snap_compare(new_app(), terminal_size=SIZE, run_before=run_before)


def test_lesson_question_answered_at_80x24(snap_compare):
    async def run_before(pilot):
        await pilot.press("l")
        await pilot.pause()
        screen = pilot.app.screen
        screen.page_index = len(screen.lesson.pages)
        await screen.show_page()
        await pilot.pause()

    assert snap_compare(new_app(), terminal_size=SMALL, run_before=run_before, press=["1"])


MOMENTS = {
    "start": lambda p: None,
    "two-outflows": lambda p: (p.step_forward(), p.step_forward()),
    "end": lambda p: [p.step_forward() for _ in range(p.attempts + 1)],
}


@pytest.mark.parametrize("setup_id", ["as-run", "japan-5pct-hot"])
@pytest.mark.parametrize("moment", list(MOMENTS))
def test_replay(snap_compare, setup_id, moment):
    async def run_before(pilot):
        screen = pilot.app.screen
        assert isinstance(screen, ReplayScreen)
        MOMENTS[moment](screen.player)
        screen.refresh_view()
        await pilot.pause()

    app = new_app(setup_id=setup_id)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_replay_at_80x24_in_high_contrast(snap_compare):
    async def run_before(pilot):
        screen = pilot.app.screen
        for _ in range(3):
            screen.player.step_forward()
        screen.refresh_view()
        await pilot.pause()

    app = new_app(setup_id="as-run")
    assert snap_compare(app, terminal_size=SMALL, run_before=run_before, press=["t"])


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["100x30", "80x24"])
def test_compare(snap_compare, size):
    assert snap_compare(new_app(), terminal_size=size, press=["c"])


def test_help(snap_compare):
    assert snap_compare(new_app(), terminal_size=SIZE, press=["question_mark"])


def test_too_small(snap_compare):
    assert snap_compare(new_app(), terminal_size=(60, 20))


# --- issue 8: the incident browser, an incident's page, the glossary, lesson 4 ----------------

LARGE = (120, 40)
SIZES = pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])


@SIZES
def test_incident_browser(snap_compare, size):
    async def run_before(pilot):
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("down", "down")  # two incidents below the current one (Coincheck)
        await pilot.pause()

    assert snap_compare(new_app(), terminal_size=size, run_before=run_before)


@SIZES
def test_incident_page(snap_compare, size):
    async def run_before(pilot):
        await pilot.app.set_incident("bybit-2025")
        await pilot.press("a")
        await pilot.pause()

    assert snap_compare(new_app(), terminal_size=size, run_before=run_before)


@SIZES
def test_glossary(snap_compare, size):
    async def run_before(pilot):
        await pilot.press("a")  # from Coincheck's page: its terms come first
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("down")
        await pilot.pause()

    assert snap_compare(new_app(), terminal_size=size, run_before=run_before)


@SIZES
def test_lesson_4_bybit_page_answered(snap_compare, size):
    async def run_before(pilot):
        await pilot.press("l")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, LessonsScreen)
        screen.lesson_index = 3
        screen.page_index = next(n for n, p in enumerate(screen.lesson.pages)
                                 if p.title.startswith("Bybit"))
        await screen.show_page()
        await pilot.pause()
        screen.action_answer(screen.page.question.answer)  # the right answer, and its words
        # let the verdict be laid out (and its own scroll run) before going to the end, so a
        # slow machine scrolls to the same place as a fast one
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        screen.query_one("#lesson-body").scroll_end(animate=False)  # the question and answer
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()

    assert snap_compare(new_app(), terminal_size=size, run_before=run_before)
