"""Issue 8's "done when": from the home screen alone, with no command-line flags, a new user
at 100x30 reaches each incident's page, replay and comparison, the glossary and lesson 4,
with keys only (the mouse paths are covered in test_browse)."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from explainer import incident_index
from explainer.tui.screens.compare import CompareScreen
from explainer.tui.screens.glossary import GlossaryScreen
from explainer.tui.screens.home import HomeScreen
from explainer.tui.screens.incident import IncidentScreen
from explainer.tui.screens.incidents import IncidentsScreen
from explainer.tui.screens.lessons import LessonsScreen
from explainer.tui.screens.replay import ReplayScreen

from .helpers import SIZE, drive, new_app, screen_text


async def press(pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()
    await pilot.pause()


def test_every_incident_the_glossary_and_lesson_4_from_home_with_keys_only():
    entries = incident_index.read_index()
    assert len(entries) == 11
    app = new_app()  # what 'wallet-explainer' with no arguments builds
    visited: list[str] = []

    async def script(pilot):
        assert isinstance(app.screen, HomeScreen)
        assert "b  Incidents" in screen_text(app)  # the home screen tells the way in
        for n, entry in enumerate(entries):
            await press(pilot, "b")
            screen = app.screen
            assert isinstance(screen, IncidentsScreen)
            options = screen.query_one("#incident-list", OptionList)
            await press(pilot, "home")
            for _ in range(n):  # separators are skipped: one press per incident
                await pilot.press("down")
            await pilot.pause()
            assert options.highlighted_option.id == entry.ref
            await press(pilot, "enter")
            assert isinstance(app.screen, IncidentScreen)
            assert entry.title in screen_text(app)
            await press(pilot, "r")
            assert isinstance(app.screen, ReplayScreen)
            assert app.screen.player.replay.incident.id == entry.id
            assert f"Incident: {entry.title}" in screen_text(app)
            await press(pilot, "c")
            assert isinstance(app.screen, CompareScreen)
            title = str(app.screen.query_one("#compare-title", Static).render())
            assert title.startswith(entry.title)
            visited.append(entry.id)
        await press(pilot, "g")
        assert isinstance(app.screen, GlossaryScreen)
        await press(pilot, "escape")
        await press(pilot, "l")
        lessons = app.screen
        assert isinstance(lessons, LessonsScreen)
        for _ in range(60):
            if lessons.lesson_index == 3:
                break
            await pilot.press("n")
        await pilot.pause()
        heading = str(lessons.query_one("#lesson-heading", Static).render())
        assert heading.startswith("Lesson 4 of 4: When multisig fails")
        await press(pilot, "n")  # past the introduction: the Bitfinex page
        assert lessons.page is not None and lessons.page.replay == "bitfinex-2016/as-run"
        await press(pilot, "o")  # opens its replay
        assert isinstance(app.screen, ReplayScreen)
        assert app.current_ref == "bitfinex-2016"

    drive(app, script, size=SIZE)
    assert visited == [e.id for e in entries]
