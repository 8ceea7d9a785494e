"""The What-if builder in Japanese: SVG snapshots, English-leak scans, the live switch.

Snapshots at the smallest size the app supports (80x24) and a roomy one (120x40): the
builder as it opens, after a few edits, the response curve, the heatmap and the save
dialog. Each one's whole text is scanned for English (``tests.leaks``) before it is taken.

The live switch (``L``: ``i18n.use``, the incident localized again, ``await
screen.recompose()``): the draft, the highlighted row, the view and the results stay,
and every text is in the new language; switching back gives the English screen exactly
as it was.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from rich.cells import cell_len

from explainer import i18n, loader, translations
from explainer.tui.app import make_app
from explainer.tui.screens.ask import AskScreen
from explainer.tui.screens.whatif import SetupTable, WhatIfScreen
from tests.leaks import leaks

from .helpers import SMALL, drive, new_app, screen_text
from .test_whatif import build_done_when_setup, go_to, settle

LARGE = (120, 40)
SIZES = pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])


def ja_app():
    """The app in Japanese (as ``wallet-explainer --lang ja`` opens it)."""
    app = make_app(lang="ja")
    app.animation_level = "none"
    return app


def builder_text(app) -> str:
    """The screen's text (every line, the shell's incident and key bars included)."""
    return screen_text(app)


def assert_no_leaks(app) -> None:
    text = builder_text(app)
    assert leaks(text) == [], text


async def name_place(pilot, name: str) -> None:
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, AskScreen)
    await pilot.press(*["backspace"] * 20, *name, "enter")
    await settle(pilot)


async def build_in_japanese(pilot) -> WhatIfScreen:
    """By keys, as in English: 10% hot; cold 2-of-3 at the head office, a second site and
    the security officer's device (place names typed in Japanese)."""
    await pilot.press("w")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, WhatIfScreen)
    await go_to(pilot, "hot")
    await pilot.press(*["left"] * 90)
    await settle(pilot)
    cold = screen.draft.wallets[1].keys[0]
    await go_to(pilot, f"key:1:{cold}")
    await name_place(pilot, "本社")
    await pilot.press("a")
    await settle(pilot)
    second = screen.draft.wallets[1].keys[1]
    await go_to(pilot, f"key:1:{second}")
    await name_place(pilot, "第二拠点")
    await pilot.press("a")
    await settle(pilot)
    third = screen.draft.wallets[1].keys[2]
    await go_to(pilot, f"key:1:{third}")
    for _ in range(12):
        if screen.draft.key(third).domain == "officer-device":
            break
        await pilot.press("right")
    await go_to(pilot, "m:1")
    await pilot.press("right")
    await settle(pilot)
    return screen


def _run(presses: tuple[str, ...] = (), build: bool = True):
    async def run_before(pilot):
        if build:
            await build_in_japanese(pilot)
        else:
            await pilot.press("w")
        await settle(pilot)
        for key in presses:
            await pilot.press(key)
            await settle(pilot)
        assert_no_leaks(pilot.app)

    return run_before


@SIZES
def test_ja_builder_as_it_opens(snap_compare, size):
    assert snap_compare(ja_app(), terminal_size=size, run_before=_run(build=False))


@SIZES
def test_ja_builder_after_edits(snap_compare, size):
    assert snap_compare(ja_app(), terminal_size=size, run_before=_run())


@SIZES
def test_ja_curve(snap_compare, size):
    assert snap_compare(ja_app(), terminal_size=size, run_before=_run(("v",)))


@SIZES
def test_ja_heatmap(snap_compare, size):
    assert snap_compare(ja_app(), terminal_size=size, run_before=_run(("v", "v")))


@SIZES
def test_ja_save_dialog(snap_compare, size, monkeypatch):
    # the dialog offers a file in the working directory: the same one on every machine
    from pathlib import Path

    monkeypatch.setattr(Path, "cwd", classmethod(lambda cls: cls("/home/learner")))
    assert snap_compare(ja_app(), terminal_size=size, run_before=_run(("s",)))


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_ja_rows_line_up_by_cells(size):
    """Every value starts in the same terminal column, whatever the width of the labels
    before it (a Japanese character takes two cells); no row is wider than its pane."""
    async def script(pilot):
        screen = await build_in_japanese(pilot)
        table = screen.query_one(SetupTable)
        lines = [str(v.render()) for v in table.query("RowView")]
        width = table._width
        starts = {cell_len(line[:len(line) - len(line[len(_head(line, width)):])])
                  for line in lines if line[len(_head(line, width)):].strip()}
        assert starts == {width + 1}, lines
        for line in lines:
            assert cell_len(line) <= width + 1 + table.size.width
        text = builder_text(pilot.app)
        assert "ホットウォレット" in text and "コールドウォレット" in text

    drive(ja_app(), script, size=size)


def _head(line: str, width: int) -> str:
    # the item column: characters up to ``width`` + 1 cells
    out, cells = "", 0
    for ch in line:
        if cells >= width + 1:
            break
        out += ch
        cells += cell_len(ch)
    return out


def test_switching_language_keeps_the_draft_row_view_and_results():
    """``recompose`` after a change of language: the same draft (names from the scenario
    in the new language), the same highlighted row and view, the results kept and shown
    in Japanese at once; back in English, the screen reads exactly as before."""
    async def script(pilot):
        app = pilot.app
        screen = await build_done_when_setup(pilot)
        await go_to(pilot, "m:1")
        await pilot.press("v", "v")
        await settle(pilot)
        before_text = screen_text(app)
        draft, deep, heat = screen.draft, screen.deep, screen._heat_shown
        assert heat is not None and deep is not None

        await app.switch_language("ja")
        # before the analyses run again: the kept results, in Japanese
        assert screen.deep is deep and screen._heat_shown is heat
        assert screen._highlighted() == "m:1" and screen.view == "whatif-heat"
        # the same wallets and keys; the wallet the scenario named takes its Japanese name
        assert [(w.id, w.share, w.keys, w.threshold) for w in screen.draft.wallets] == \
            [(w.id, w.share, w.keys, w.threshold) for w in draft.wallets]
        assert [(k.id, k.domain) for k in screen.draft.keys] == \
            [(k.id, k.domain) for k in draft.keys]
        assert screen.draft.wallets[0].label == "ホットウォレット"
        assert screen.draft.label == draft.label and screen.draft.places == tuple(
            p if p.id not in {q.id for q in screen.places} else
            next(q for q in screen.places if q.id == p.id) for p in draft.places)
        await settle(pilot)
        assert screen.live.lost == Decimal("52630001")
        text = builder_text(app)
        assert "ホット" in text and "なし" in text
        assert leaks(text, {"office"}) == [], text  # the places typed in the test
        await pilot.press("v")  # back to the figures
        await settle(pilot)
        text = builder_text(app)
        assert "損失額" in text and "プールの10%" in text
        assert screen.live.lost_text.startswith("52,630,001 XEM（プールの10%）")
        assert "単一障害点" in text and "NEMサーバー" in text
        assert leaks(text, {"office"}) == [], text

        await pilot.press("v", "v")
        await pilot.press("L")  # as a person switches
        await settle(pilot)
        assert i18n.current() == "en"
        app.clear_notifications()
        await settle(pilot)
        assert screen._highlighted() == "m:1"
        assert screen_text(app) == before_text

    drive(new_app(), script)


def test_japanese_draft_names_are_shown_and_saved_in_japanese(tmp_path):
    """The draft keeps its made-up names in English (data) and shows them in the reader's
    language; the saved file holds the names as shown, the ids in English."""
    from explainer import whatif

    i18n.use("ja")
    incident = translations.localize(loader.load("coincheck-2018"), "ja")
    d = whatif.set_hot_share(whatif.blank(incident), Decimal("0.10"))
    assert [w.label for w in d.wallets] == ["hot wallet", "cold wallet"]
    setup = whatif.to_setup(d, incident)
    assert [w.label for w in setup.wallets] == ["ホットウォレット", "コールドウォレット"]
    assert setup.label == "もしも: 10% 1-of-1 + 90% 1-of-1"
    text = whatif.to_toml(d, incident)
    assert 'label = "ホットウォレット"' in text and 'id = "wallet-1"' in text
    assert 'label = "オフラインの金庫"' in text and 'id = "offline-vault"' in text
    path = tmp_path / "setup.toml"
    path.write_text(text, encoding="utf-8")
    domains, setups = loader.load_library(path)
    assert setups[0].wallets[0].label == "ホットウォレット"
