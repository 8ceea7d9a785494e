"""Japanese SVG snapshots of the replay, the comparison, the key map and the signing demo,
at 80x24 and 120x40, each scanned for English before the picture is taken.

The replay is positioned by calling its player (never by waiting); the conftest freezes
the wall clock and the signing demo's key. Regenerate with
``pytest tests/tui/test_snapshots_ja_replay.py --snapshot-update`` and review the SVGs.

The scan (``ja_replay.english``) covers the whole screen, bars and reasons included; it
excuses nothing but the signing demo's signed JSON, which is data, not words.
"""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll

from explainer import catalog, i18n, loader
from explainer.diagram import attacker_reach, key_map
from explainer.signing_demo import payload_lines, run_demo
from explainer.translations import localize
from explainer.tui.screens.compare import CompareScreen
from explainer.tui.screens.replay import ReplayScreen
from explainer.tui.widgets.diagram_view import DiagramView
from explainer.tui.widgets.signing_demo_view import SigningDemoView

from .helpers import SMALL, screen_text
from .ja_replay import english, ja_app

LARGE = (120, 40)
SIZES = pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])


def assert_japanese(app: App, excused: list[str] = ()) -> None:  # type: ignore[assignment]
    """No English on the screen but what ``excused`` (and the module's rule) allows."""
    found = english(screen_text(app), list(excused))
    assert found == [], found


REPLAYS = {
    # scenario, setup, outflows applied, log row highlighted (None: the newest)
    "coincheck-as-run-start": ("coincheck-2018", "as-run", 0, None),
    "coincheck-as-run-3": ("coincheck-2018", "as-run", 3, None),
    "coincheck-japan-5pct-detail": ("coincheck-2018", "japan-5pct-hot", 4, 1),
    "coincheck-multisig-one-server": ("coincheck-2018", "multisig-2of3-one-server", 2, None),
    "bybit-as-run-end": ("bybit-2025", "as-run", 99, None),
}


@SIZES
@pytest.mark.parametrize("case", list(REPLAYS))
def test_replay_ja(snap_compare, case, size):
    scenario, setup_id, steps, row = REPLAYS[case]

    async def run_before(pilot):
        screen = pilot.app.screen
        assert isinstance(screen, ReplayScreen)
        for _ in range(min(steps, screen.player.attempts + 1)):
            screen.player.step_forward()
        screen.refresh_view()
        await pilot.pause()
        if row is not None:
            screen.query_one("#log").move_cursor(row=row, animate=False)
            await pilot.pause()
        assert_japanese(pilot.app)

    assert snap_compare(ja_app(scenario, setup_id), terminal_size=size, run_before=run_before)


@SIZES
@pytest.mark.parametrize("scenario", ["coincheck-2018", "bybit-2025"])
def test_compare_ja(snap_compare, scenario, size):
    async def run_before(pilot):
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(pilot.app.screen, CompareScreen)
        assert_japanese(pilot.app)

    assert snap_compare(ja_app(scenario, "as-run"), terminal_size=size, run_before=run_before)


class Host(App[None]):
    """A bare app around one widget, as a lesson page shows it."""

    def __init__(self, make) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.make = make
        self.animation_level = "none"

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield self.make()


MAPS = {"coincheck-as-run": ("coincheck-2018", "as-run"),
        "bybit-as-run": ("bybit-2025", "as-run"),
        "ronin-as-run": ("ronin-2022", "as-run"),
        "coincheck-cosigner-limit": ("coincheck-2018", "cosigner-limit-set-by-venue")}


@SIZES
@pytest.mark.parametrize("case", list(MAPS))
def test_diagram_ja(snap_compare, case, size):
    scenario, setup_id = MAPS[case]
    i18n.use("ja")
    incident = localize(loader.load(scenario), "ja")
    setup = catalog.find_setup(incident, setup_id)
    app = Host(lambda: DiagramView(key_map(incident, setup, attacker_reach(incident))))

    async def run_before(pilot):
        await pilot.pause()
        assert_japanese(pilot.app)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@SIZES
def test_signing_demo_ja(snap_compare, size):
    i18n.use("ja")
    run = run_demo()  # the conftest fixes the key and nonce: the run the page makes
    signed = [*payload_lines(run.payload), *payload_lines(run.tampered_payload)]

    async def run_before(pilot):
        await pilot.pause()
        assert_japanese(pilot.app, signed)  # the signed JSON is data, not words

    assert snap_compare(Host(SigningDemoView), terminal_size=size, run_before=run_before)
