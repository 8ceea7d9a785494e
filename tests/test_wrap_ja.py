"""Display-width wrapping (explainer.wrap), styled sentences, the player's language switch,
and the key map in Japanese for every scenario and setup: boxes close, nothing spills."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from explainer import catalog, i18n, loader
from explainer.diagram import WIDTH, attacker_reach, key_map
from explainer.player import Player
from explainer.translations import localize
from explainer.tui.styled import styled
from explainer.wrap import wrap
from tests.leaks import leaks

JA = "ホットウォレットにはプールの5%しかなく、奪える残りは26,314,990.5 XEMでした。"


@given(st.text(alphabet="abc de-fg,. ", max_size=80), st.integers(5, 40))
def test_english_wraps_exactly_as_textwrap(text, width):
    assert wrap(text, width, "  ", "    ") == textwrap.wrap(text, width, initial_indent="  ",
                                                           subsequent_indent="    ")


@given(st.text(alphabet="ホットウォレの鍵、。（）「」ー5%XEM 26,314.", min_size=1, max_size=80),
       st.integers(4, 40))
def test_japanese_lines_fit_and_lose_nothing(text, width):
    lines = wrap(text, width, subsequent_indent="  ")
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(line.strip() for line in lines).replace(" ", "") == text.replace(" ", "")


def test_japanese_breaks_keep_figures_words_and_punctuation():
    lines = wrap(JA, 20)
    assert all(cell_len(line) <= 20 for line in lines)
    joined = "|".join(lines)
    assert "26,314,990.5" in joined and "ホットウォレット" in joined  # never cut inside
    assert not any(line[0] in "、。）" for line in lines)  # no line starts with a closing mark
    assert "".join(lines).replace(" ", "") == JA.replace(" ", "")


def test_styled_keeps_the_translation_order_and_styles():
    text = styled("{b}より{a}", "italic", a=("A", "bold"), b="B")
    assert text.plain == "BよりA"
    spans = {(text.plain[s.start:s.end], str(s.style)) for s in text.spans}
    assert ("A", "bold") in spans and ("B", "italic") in spans and ("より", "italic") in spans
    with pytest.raises(KeyError):
        styled("{missing}")


def test_player_takes_a_translation_keeping_its_place(coincheck):
    player = Player(coincheck, catalog.find_setup(coincheck, "japan-5pct-hot"))
    player.step_forward()
    player.step_forward()
    player.cycle_speed()
    place = (player.at, player.done, player.speed, player.state.lost)
    ja = localize(coincheck, "ja")
    player.relocalize(ja, catalog.find_setup(ja, "japan-5pct-hot"))
    assert (player.at, player.done, player.speed, player.state.lost) == place
    assert player.incident is ja and player.replay.incident is ja
    with pytest.raises(ValueError):
        player.relocalize(loader.load("bybit-2025"), player.setup)


def _box_rows(text: str) -> list[list[str]]:
    rows: list[list[str]] = []
    for line in text.splitlines():
        if line[:1] in "┌╔":
            rows.append([])
        if line[:1] in "┌╔│║└╚" and rows:
            rows[-1].append(line)
    return rows


@pytest.mark.parametrize("scenario", [p.stem for p in loader.bundled_paths()])
def test_japanese_key_maps_close_every_box_within_the_width(scenario):
    i18n.use("ja")
    incident = localize(loader.load(scenario), "ja")
    for setup in catalog.setups_for(incident):
        text = key_map(incident, setup, attacker_reach(incident)).plain
        assert all(cell_len(line) <= WIDTH for line in text.splitlines()), setup.id
        for row in _box_rows(text):  # one row of boxes: every line as wide as the first
            assert len({cell_len(line) for line in row}) == 1, (setup.id, row)
            for line in row:  # and each box's right border sits where its top ends
                tops = [i for i, ch in enumerate(row[0]) if ch in "┐╗"]
                cells = [cell_len(line[:i + 1]) for i, ch in enumerate(line) if ch in "│║┘╝┐╗"]
                assert {cell_len(row[0][:i + 1]) for i in tops} <= set(cells), (setup.id, line)
        assert leaks(text) == [], (setup.id, leaks(text))
