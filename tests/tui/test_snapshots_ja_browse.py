"""Japanese SVG snapshots of the incident browser, incident pages, the sources dialog, the
presenter and the notes view, at 80x24 and 120x40, each scanned for English left on screen.

The language is chosen before the app is built (``i18n.use``; the conftest puts English
back after each test). Each ``run_before`` ends by reading the screen's text, so the leak
scan reads the very frame the snapshot holds.
"""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll

from explainer import i18n, loader, plans, presenting
from explainer.i18n import _
from explainer.tui.app import make_app
from explainer.tui.notes_app import NotesApp
from explainer.tui.screens.incident import IncidentScreen
from explainer.tui.screens.incidents import IncidentsScreen
from explainer.tui.screens.presenter import PresenterScreen
from explainer.tui.screens.sources import POOL_HEADING, SourcesScreen, sources_text
from tests.leaks import leaks

from .helpers import SMALL, screen_text

LARGE = (120, 40)
SIZES = pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])


def ja_app(**kwargs):
    """The app in Japanese, animations off."""
    app = make_app(lang="ja", **kwargs)
    app.animation_level = "none"
    return app


def assert_japanese(text: str, extra: frozenset[str] = frozenset()) -> None:
    found = leaks(text, extra)
    assert not found, f"English on a Japanese screen: {found}"


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.pause()


async def open_page(pilot, ref: str) -> IncidentScreen:
    await pilot.app.set_incident(ref)
    await pilot.press("a")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, IncidentScreen)
    return screen


@SIZES
def test_browser(snap_compare, size):
    seen: list[str] = []

    async def run_before(pilot):
        await pilot.press("b")
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(pilot.app.screen, IncidentsScreen)
        seen.append(screen_text(pilot.app))

    assert snap_compare(ja_app(), terminal_size=size, run_before=run_before)
    assert "コインチェックNEM不正送金事件" in seen[0]
    assert_japanese(seen[0])


@SIZES
@pytest.mark.parametrize(("ref", "part"), [("coincheck-2018", None),
                                           ("coincheck-2018", "incident-conflicts"),
                                           ("coincheck-2018", "incident-addresses"),
                                           ("bybit-2025", None)],
                         ids=["coincheck", "coincheck-conflicts", "coincheck-addresses",
                              "bybit"])
def test_incident_page(snap_compare, size, ref, part):
    seen: list[str] = []

    async def run_before(pilot):
        screen = await open_page(pilot, ref)
        if part is not None:
            page = screen.query_one("#incident-page", VerticalScroll)
            page.scroll_to_widget(screen.query_one(f"#{part}"), top=True, animate=False)
            await settle(pilot)
        seen.append(screen_text(pilot.app))

    assert snap_compare(ja_app(), terminal_size=size, run_before=run_before)
    assert_japanese(seen[0])


@SIZES
def test_sources_dialog(snap_compare, size):
    seen: list[str] = []

    async def run_before(pilot):
        await open_page(pilot, "coincheck-2018")
        app = pilot.app
        app.push_screen(SourcesScreen(lambda: sources_text(
            app.incident, app.incident.pool_sources, _(POOL_HEADING))))
        await settle(pilot)
        assert isinstance(app.screen, SourcesScreen)
        seen.append(screen_text(app))

    assert snap_compare(ja_app(), terminal_size=size, run_before=run_before)
    assert "シナリオのプール総額の出典" in seen[0]
    # a source's title names a document (often English-language) as a citation does: it
    # stays as published, so its words are not leaks; everything around it is
    incident = loader.load("coincheck-2018")
    titles = frozenset(w for s in incident.sources for w in s.title.split())
    assert_japanese(seen[0], titles)


@SIZES
def test_presenter_first_step(snap_compare, size):
    seen: list[str] = []

    async def run_before(pilot):
        await settle(pilot)
        assert isinstance(pilot.app.screen, PresenterScreen)
        seen.append(screen_text(pilot.app))

    app = ja_app(plan=plans.load("coincheck-20-minutes", "ja"))
    assert snap_compare(app, terminal_size=size, run_before=run_before)
    assert_japanese(seen[0])


@SIZES
def test_notes_view(snap_compare, size, monkeypatch):
    from explainer.tui import notes_app

    monkeypatch.setattr(notes_app, "wall_time", lambda: 1150.0)
    plan = plans.load("coincheck-20-minutes", "ja")
    # the presenter is on the question step, 2:30 into the class, 20 seconds into the step
    presenting.publish(plan, presenting.Position(index=2, started=1000.0, step_started=1130.0))
    seen: list[str] = []

    async def run_before(pilot):
        await settle(pilot)
        seen.append(screen_text(pilot.app))

    i18n.use("ja")
    assert snap_compare(NotesApp(plan), terminal_size=size, run_before=run_before)
    assert "ステップ 3/" in seen[0]
    assert_japanese(seen[0])
