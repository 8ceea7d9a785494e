"""One way to find a setup and one default scenario: the command line and the app agree
on what an unknown setup id means, and the default scenario is declared once."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

import explainer
from explainer import catalog, lessons, loader, paths
from explainer.tui import app as tui_app
from explainer.tui.app import make_app

PACKAGE = Path(explainer.__file__).parent


@pytest.fixture(scope="module")
def incident():
    return loader.load("coincheck-2018")


def test_catalog_and_app_agree_on_a_known_setup(incident):
    app = make_app(incident=incident)
    for setup_id in ("as-run", "multisig-2of3-independent", "timelocked-cold-vault"):
        assert app.find_setup(setup_id) == catalog.find_setup(incident, setup_id)


def test_catalog_and_app_agree_on_a_missing_setup(incident):
    app = make_app(incident=incident)
    with pytest.raises(catalog.UnknownSetup) as from_catalog:
        catalog.find_setup(incident, "no-such-setup")
    with pytest.raises(catalog.UnknownSetup) as from_app:
        app.find_setup("no-such-setup")
    assert str(from_catalog.value) == str(from_app.value)
    assert "coincheck-2018 has no setup 'no-such-setup' (setups: as-run," in str(from_app.value)
    assert isinstance(from_app.value, KeyError)  # callers that caught KeyError still do


def test_the_app_refuses_an_unknown_setup_at_start(incident):
    with pytest.raises(catalog.UnknownSetup):
        make_app(incident=incident, setup_id="no-such-setup")


def test_the_app_finds_setups_it_was_given_beyond_the_catalog(incident):
    # a setup built in the session (the what-if builder) is found the same way
    app = make_app(incident=incident)
    app.setups.append(replace(app.setups[0], id="built-here"))
    assert app.find_setup("built-here").id == "built-here"


def test_an_unknown_setup_message_shows_control_characters_as_escapes(incident):
    with pytest.raises(catalog.UnknownSetup) as caught:
        catalog.find_setup(incident, "x\x1b[2J\ny")
    assert "x\\x1b[2J\\x0ay" in str(caught.value)


def test_the_default_scenario_is_declared_once():
    assigned = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                if re.search(r"^DEFAULT_SCENARIO\s*[:=]", p.read_text(encoding="utf-8"), re.M)]
    assert assigned == ["paths.py"]
    assert lessons.DEFAULT_SCENARIO is tui_app.DEFAULT_SCENARIO is paths.DEFAULT_SCENARIO
    assert (paths.scenarios_dir() / f"{paths.DEFAULT_SCENARIO}.toml").is_file()


def test_lesson_diagrams_find_setups_the_same_way():
    incident, setup = lessons.resolve_diagram("coincheck-2018/timelocked-cold-vault")
    assert setup == catalog.find_setup(incident, "timelocked-cold-vault")
    with pytest.raises(catalog.UnknownSetup):
        lessons.resolve_diagram("coincheck-2018/no-such-setup")
