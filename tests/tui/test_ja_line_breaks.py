"""Japanese prose on the incident page, the comparison, the lessons and the presenter breaks
the Japanese way at 80 columns: no line starts with a closing mark (。、：）) and no figure
(526,300,010) or Latin word (Business, XEM) is cut across two lines.

Each screen is read as the terminal shows it (``screen_text``), scrolled through where it
scrolls, every lesson page and every presenter step of both plans.
"""

from __future__ import annotations

import asyncio
import re

import pytest
from rich.cells import cell_len

from explainer import plans
from explainer.lessons import load_lessons
from explainer.tui.app import make_app
from explainer.tui.screens.compare import CompareScreen
from explainer.tui.screens.incident import IncidentScreen
from explainer.tui.screens.lessons import LessonsScreen
from explainer.tui.screens.presenter import PresenterScreen

from .helpers import SMALL, screen_text

NO_START = "。、：）"
# the words and figures the Japanese reviewer found cut, besides every one seen whole
KNOWN = {"XEM", "Business", "Insider", "ETH", "Sky", "Mavis", "526,300,010", "173,600",
         "Bybit", "Ronin", "Safe"}
TOKEN = re.compile(r"[A-Za-z]{2,}|\d{1,3}(?:,\d{3})+(?:\.\d+)?")
TAIL = re.compile(r"[A-Za-z0-9,.]+$")
HEAD = re.compile(r"^[A-Za-z0-9,.]+")
# the screen's furniture around text: borders, scroll bars, the lessons' side list
FURNITURE = "│┃▕▏▎▊▌▐▁▂▃▄▅▆▇█"


def _segments(line: str) -> list[str]:
    """The runs of text on a screen line, split at borders and scroll bars."""
    return [s.strip() for s in re.split(f"[{FURNITURE}]", line) if s.strip()]


def _wide(text: str) -> bool:
    return cell_len(text) != len(text)


def problems(frames: list[str]) -> list[str]:
    """Lines that start with a closing mark, and words or figures cut across lines."""
    tokens = set(KNOWN)
    for frame in frames:
        for line in frame.splitlines():
            tokens.update(TOKEN.findall(line))
    found = []
    for frame in frames:
        lines = frame.splitlines()
        for line in lines:
            for segment in _segments(line):
                if segment[0] in NO_START and _wide(line):
                    found.append(f"starts with {segment[0]!r}: {line.rstrip()}")
        for above, below in zip(lines, lines[1:], strict=False):
            if not (_wide(above) or _wide(below)):
                continue  # addresses and English titles of sources break at their own places
            up, down = _segments(above), _segments(below)
            if not up or not down:
                continue
            # the text column's last run above and first run below (the side list of the
            # lessons, when there is one, is the first segment of both)
            end, start = TAIL.search(up[-1]), HEAD.match(down[-1] if len(down) > 1 else down[0])
            if end and start and end.group() + start.group() in tokens:
                found.append(f"cut: {above.rstrip()!r} / {below.rstrip()!r}")
    return found


def ja_app(**kwargs):
    app = make_app(lang="ja", **kwargs)
    app.animation_level = "none"
    return app


def run(app, script) -> list[str]:
    frames: list[str] = []

    async def main() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await pilot.pause()
            await script(pilot, frames)

    asyncio.run(main())
    return frames


@pytest.mark.parametrize("ref", ["coincheck-2018", "bybit-2025", "ronin-2022", "bitfinex-2016"])
def test_incident_page(ref):
    async def script(pilot, frames):
        app = pilot.app
        await app.set_incident(ref)
        await pilot.press("a")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, IncidentScreen)
        page = app.screen.query_one("#incident-page")
        for y in range(0, page.max_scroll_y + 18, 18):
            page.scroll_to(y=y, animate=False)
            await pilot.pause()
            frames.append(screen_text(app))

    frames = run(ja_app(), script)
    assert problems(frames) == []


@pytest.mark.parametrize("ref", ["coincheck-2018", "bybit-2025", "ronin-2022", "bitfinex-2016"])
def test_compare(ref):
    async def script(pilot, frames):
        app = pilot.app
        await app.set_incident(ref)
        await pilot.press("c")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        for _ in range(6):
            frames.append(screen_text(app))
            await pilot.press("down")
            await pilot.pause()

    frames = run(ja_app(), script)
    assert problems(frames) == []


def test_every_lesson_page():
    async def script(pilot, frames):
        await pilot.press("l")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, LessonsScreen)
        for lesson, item in enumerate(load_lessons("ja")):
            for page in range(len(item.pages) + 1):
                screen.lesson_index, screen.page_index = lesson, page
                await screen.show_page()
                await pilot.pause()
                frames.append(screen_text(pilot.app))

    frames = run(ja_app(), script)
    assert problems(frames) == []


@pytest.mark.parametrize("plan", ["coincheck-20-minutes", "when-multisig-fails-45-minutes"])
def test_every_presenter_step(plan):
    loaded = plans.load(plan, "ja")

    async def script(pilot, frames):
        await pilot.pause()
        assert isinstance(pilot.app.screen, PresenterScreen)
        for _ in loaded.steps:
            frames.append(screen_text(pilot.app))
            await pilot.press("r")  # a question's answer, where there is one
            await pilot.pause()
            frames.append(screen_text(pilot.app))
            await pilot.press("right")
            await pilot.pause()

    frames = run(ja_app(plan=loaded), script)
    assert problems(frames) == []


def test_the_check_sees_a_cut():
    """The check itself finds what the reviewer found."""
    frame = ("5億2,630万10 XEM（526,3\n00,010 XEM）でした。Bus\niness Insiderの数値\n"
             "。次の文")
    found = problems([frame])
    assert len(found) == 3, found
