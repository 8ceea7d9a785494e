"""The app on a hostile scenario: every screen shows markup and escape sequences as text.

``open`` on the markup file used to crash in the setup chooser (``[/]`` is a Rich markup
error); escape sequences injected past the loader must show as ``\\x1b``, never raw.
"""

from __future__ import annotations

import pytest
from textual.widgets import Select

from explainer import loader
from explainer.tui.screens.sources import SourcesScreen

from ..tui.helpers import drive, new_app, screen_text
from .output_poison import LINK_MARKUP, MARKUP_FILE, assert_no_raw_controls, poisoned


def _tour(incident, seen: dict[str, str], setup_id: str | None = None):
    """Visit home, replay (two steps, the setup chooser, the sources) and compare."""
    app = new_app(incident=incident, setup_id=setup_id)

    async def script(pilot):
        seen["replay"] = screen_text(app)
        await pilot.press("full_stop", "full_stop")
        await pilot.pause()
        seen["replay-stepped"] = screen_text(app)
        select = app.screen.query_one("#setup", Select)
        select.expanded = True
        await pilot.pause()
        seen["chooser"] = screen_text(app)
        select.expanded = False
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen)
        seen["sources"] = screen_text(app)
        await pilot.press("escape", "h")
        await pilot.pause()
        seen["home"] = screen_text(app)
        await pilot.press("c")
        await pilot.pause()
        seen["compare"] = screen_text(app)

    drive(app, script, size=(160, 50))
    return app


@pytest.fixture(scope="module")
def markup_screens() -> dict[str, str]:
    seen: dict[str, str] = {}
    _tour(loader.load(str(MARKUP_FILE)), seen)
    return seen


@pytest.mark.parametrize("screen", ["replay", "replay-stepped", "chooser", "home", "compare",
                                    "sources"])
def test_markup_from_the_file_is_shown_literally(markup_screens, screen):
    shown = markup_screens[screen]
    assert "[/]" in shown
    assert_no_raw_controls(shown)


def test_link_markup_is_text_on_the_replay_and_home_screens(markup_screens):
    # the wallet label and the fact value are [link=...] markup: shown, not turned into links
    assert LINK_MARKUP in markup_screens["replay"]
    assert LINK_MARKUP in markup_screens["home"]
    assert "https://example.invalid/source" in markup_screens["sources"]


def test_escape_sequences_and_markup_show_visibly_on_every_screen():
    seen: dict[str, str] = {}
    _tour(poisoned(), seen)
    for name, shown in seen.items():
        assert_no_raw_controls(shown)
        assert "\\x1b" in shown and "[/]" in shown, name
    assert "javascript:alert(1) (not a web address)" in seen["sources"]
    assert "XB [/]" in seen["replay"]  # markup in the symbol
