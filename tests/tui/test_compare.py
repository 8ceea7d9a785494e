"""The comparison screen: every setup, sortable, Enter opens a replay."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from explainer import catalog, loader
from explainer.tui.screens.compare import CompareScreen, share_bar
from explainer.tui.screens.replay import ReplayScreen

from .helpers import SMALL, drive, new_app, screen_text


async def _open_compare(pilot) -> CompareScreen:
    await pilot.press("c")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CompareScreen)
    return screen


def _column(table: DataTable, key: str) -> list[str]:
    return [str(v) for v in table.get_column(key)]


def test_share_bar_draws_the_fraction():
    from decimal import Decimal

    assert share_bar(Decimal(1)) == "██████████"
    assert share_bar(Decimal("0.2")) == "██░░░░░░░░"
    assert share_bar(Decimal("0.01")) == "█░░░░░░░░░"  # a loss is never drawn as none
    assert share_bar(Decimal(0)) == "░░░░░░░░░░"


def test_every_setup_is_listed_largest_loss_first():
    app = new_app()
    expected = len(catalog.setups_for(loader.load("coincheck-2018")))

    async def script(pilot):
        screen = await _open_compare(pilot)
        table = screen.query_one(DataTable)
        assert table.row_count == expected
        shares = _column(table, "share")
        assert shares[0] == "100%" and shares[-1] == "0%"
        lost = dict(zip([str(k.value) for k in table.rows], _column(table, "lost"), strict=True))
        assert lost["as-run"] == "526,300,010"
        assert lost["japan-5pct-hot"] == "26,315,000.5"
        assert lost["as-run-10min-freeze"] == "523,000,010"
        assert lost["multisig-2of3-independent"] == "0"
        fiat = dict(zip([str(k.value) for k in table.rows], _column(table, "fiat"), strict=True))
        assert fiat["as-run"] == "about ¥58.4 bn"
        first = dict(zip([str(k.value) for k in table.rows], _column(table, "first"),
                         strict=True))
        assert first["as-run"] == "00:02:13" and first["multisig-2of3-independent"] == "none"

    drive(app, script)


def test_sort_keys_and_reverse():
    app = new_app()

    async def script(pilot):
        screen = await _open_compare(pilot)
        table = screen.query_one(DataTable)
        await pilot.press("o")  # smallest first
        await pilot.pause()
        assert _column(table, "share")[0] == "0%"
        await pilot.press("s", "s", "s", "s")  # share -> bar -> fiat -> exposed -> first
        await pilot.pause()
        assert screen.sort_key == "first" and screen.descending
        await pilot.press("s", "s")  # -> last -> setup (catalog order, ascending)
        await pilot.pause()
        assert screen.sort_key == "setup" and not screen.descending
        assert str(table.coordinate_to_cell_key((0, 0)).row_key.value) == "as-run"
        title = str(screen.query_one("#compare-title", Static).render())
        assert "Sorted by setup, as listed" in title

    drive(app, script)


def test_clicking_a_heading_sorts_by_it():
    app = new_app()

    async def script(pilot):
        screen = await _open_compare(pilot)
        table = screen.query_one(DataTable)
        await pilot.click(DataTable, offset=(3, 0))  # the "Setup" heading
        await pilot.pause()
        assert screen.sort_key == "setup" and not screen.descending
        assert str(table.coordinate_to_cell_key((0, 0)).row_key.value) == "as-run"
        await pilot.click(DataTable, offset=(3, 0))  # again: reversed
        await pilot.pause()
        assert screen.descending

    drive(app, script)


def test_enter_opens_the_highlighted_setups_replay():
    app = new_app()

    async def script(pilot):
        screen = await _open_compare(pilot)
        table = screen.query_one(DataTable)
        row = [str(k.value) for k in table.rows].index("japan-5pct-hot")
        table.move_cursor(row=row)
        await pilot.pause()
        assert "Japan's rule since May 2020" in str(
            screen.query_one("#compare-detail", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "replay"
        assert isinstance(app.screen, ReplayScreen)
        assert app.screen.player.setup.id == "japan-5pct-hot"

    drive(app, script)


def test_compare_fits_80x24_with_the_key_columns_visible():
    app = new_app()

    async def script(pilot):
        await _open_compare(pilot)
        shown = screen_text(app)
        header = next(line for line in shown.splitlines() if line.lstrip().startswith("Setup"))
        for heading in ("Setup", "Lost (XEM)", "Share", "of the pool", "Value lost"):
            assert heading in header
        assert "526,300,010" in shown and "about ¥58.4 bn" in shown

    drive(app, script, size=SMALL)
