"""The comparison screen: every setup, sortable, Enter opens a replay."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from explainer import catalog, loader
from explainer.tui.screens.compare import SORT_KEYS, CompareScreen, share_bar
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
    assert share_bar(Decimal(0)) == "░░░░░░░░░░"
    # eighths of a cell tell the small losses apart
    assert share_bar(Decimal("0.01")) == "▏░░░░░░░░░"
    assert share_bar(Decimal("0.02")) == "▎░░░░░░░░░"
    assert share_bar(Decimal("0.05")) == "▌░░░░░░░░░"
    assert share_bar(Decimal("0.9937")) == "█████████▉"
    assert share_bar(Decimal("0.0001")) == "▏░░░░░░░░░"  # a loss is never drawn as none
    assert share_bar(Decimal("0.9999")) == "█████████▉"  # nor a part as the whole


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
            screen.query_one("#compare-why", Static).render())
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


def _detail(screen: CompareScreen) -> str:
    return str(screen.query_one("#compare-why", Static).render())


def test_the_surprising_bybit_rows_say_why():
    # a single-key hot wallet loses nothing on Bybit while a 2-of-3 multisig loses 70%
    app = new_app(loader.load("bybit-2025"))

    async def script(pilot):
        screen = await _open_compare(pilot)
        table = screen.query_one(DataTable)
        ids = [str(k.value) for k in table.rows]
        table.move_cursor(row=ids.index("single-key-hot"))
        await pilot.pause()
        text = " ".join(_detail(screen).split())
        assert "lost 0%" in text
        assert "got into a Safe{Wallet} developer's machine and the Safe{Wallet} website" in text
        assert "hot key: kept in hot wallet server, which this attacker never reached" in text
        table.move_cursor(row=ids.index("multisig-2of3-independent"))
        await pilot.pause()
        text = " ".join(_detail(screen).split())
        assert "lost 70%, exposed 100%" in text
        assert "2 signers deceived through the Safe{Wallet} website" in text

    drive(app, script, size=SMALL)


def test_names_are_whole_and_rows_distinct_at_80_columns():
    # two library setups start "5% hot, 95% in a 2-of-3 ..."; cut, they read the same
    app = new_app(loader.load("bybit-2025"))

    async def script(pilot):
        screen = await _open_compare(pilot)
        table = screen.query_one(DataTable)
        labels = _column(table, "setup")
        assert labels == [x.row.label for x in screen.ordered]
        assert len(set(labels)) == len(labels)
        for key, row in table.rows.items():
            label = str(table.get_cell(key, "setup"))
            width = table.columns[table.ordered_columns[0].key].width
            assert row.height >= -(-len(label) // width), label  # tall enough to wrap whole
        table.move_cursor(row=table.row_count - 1)
        await pilot.pause()
        assert "…" not in screen_text(app)

    drive(app, script, size=SMALL)


def test_names_are_not_cut_where_the_screen_has_room():
    app = new_app(loader.load("bybit-2025"))

    async def script(pilot):
        screen = await _open_compare(pilot)
        table = screen.query_one(DataTable)
        width = table.ordered_columns[0].width
        assert width == max(len(x.row.label) for x in screen.lines)
        assert all(row.height == 1 for row in table.rows.values())

    drive(app, script, size=(200, 40))


def test_sideways_scrolling_moves_a_column_at_a_time():
    app = new_app()

    async def script(pilot):
        screen = await _open_compare(pilot)
        table = screen.query_one(DataTable)
        widths = [c.get_render_width(table) for c in table.ordered_columns[1:]]
        await pilot.press("right")
        await pilot.pause()
        assert table.scroll_x == widths[0]  # "Lost" has gone whole; "Share" comes first
        await pilot.press("right")
        await pilot.pause()
        assert table.scroll_x == widths[0] + widths[1]
        await pilot.press("left")
        await pilot.pause()
        assert table.scroll_x == widths[0]
        await pilot.press("left", "left")
        await pilot.pause()
        assert table.scroll_x == 0

    drive(app, script)


def test_the_title_is_never_cut():
    app = new_app(loader.load("mtgox-2014"))  # the longest title

    async def script(pilot):
        screen = await _open_compare(pilot)
        await pilot.press("s", "s", "s", "s")  # sorted by "first loss": a longer title
        await pilot.pause()
        assert screen.sort_key == "first"
        shown = " ".join(screen_text(app).split())
        assert "Sorted by first loss, latest first. Times" in shown

    drive(app, script, size=SMALL)


def test_the_title_names_every_order_in_words():
    app = new_app()

    async def script(pilot):
        screen = await _open_compare(pilot)
        seen = []
        for _ in SORT_KEYS:
            seen.append(" ".join(str(screen.query_one("#compare-title", Static).render())
                                 .split()))
            await pilot.press("s")
            await pilot.pause()
        orders = [t.split("Sorted by ")[1].split(".")[0] for t in seen]
        assert orders == ["share, largest first", "share, largest first",
                          "value lost, largest first", "exposed, largest first",
                          "first loss, latest first", "last loss, latest first",
                          "setup, as listed", "amount lost, largest first"]

    drive(app, script)
