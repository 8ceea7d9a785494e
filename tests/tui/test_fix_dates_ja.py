"""What the Japanese reviewer found in dates, separators and brackets, one test each:
ISO dates shown to a Japanese reader, the outflow window said twice or as a last second,
the '·' separator, half-width brackets in the comparison, the gauge's figure cut off."""

from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal

from textual.app import App, ComposeResult
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from explainer import catalog, i18n, loader
from explainer.engine import WalletAccess
from explainer.incident_index import read_index
from explainer.report.rows import headline
from explainer.translations import localize
from explainer.tui.screens.compare import CompareScreen
from explainer.tui.screens.incident import outflow_span
from explainer.tui.screens.incidents import entry_text
from explainer.tui.widgets.gauge import WalletGauge

from .helpers import SMALL, drive, new_app, screen_text

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def test_report_heading_dates_the_japanese_way_and_english_keeps_iso():
    incident = loader.load("coincheck-2018")
    assert headline(incident)[0] == "Coincheck NEM theft, 2018-01-26: Coincheck (Tokyo)"
    i18n.use("ja")
    heading = headline(localize(incident, "ja"))[0]
    assert "2018年1月26日" in heading and not ISO.search(heading)


def test_scenarios_list_in_japanese_has_no_iso_date_nor_english_to():
    out = subprocess.run([sys.executable, "-m", "explainer", "--lang", "ja", "scenarios"],
                         capture_output=True, text=True, check=True).stdout
    assert "2011年9月11日～2014年2月28日" in out
    assert not ISO.search(out) and " to " not in out


def test_home_and_incident_bar_show_the_japanese_date():
    i18n.use("ja")
    app = new_app()

    async def script(pilot):
        text = screen_text(pilot.app)
        assert "2018年1月26日" in text, text
        assert not ISO.search(text), text

    drive(app, script, size=SMALL)


def test_outflow_window_said_once_and_a_whole_day_as_its_date():
    by_id = {i.id: i for i in catalog.scenarios()}
    assert outflow_span(by_id["ronin-2022"]) == "Then 1 recorded outflow(s), on 23 Mar 2022 (UTC)."
    assert outflow_span(by_id["wazirx-2024"]) == (
        "Then 1 recorded outflow(s), at ~18 Jul 2024 11:48 IST.")
    assert outflow_span(by_id["coincheck-2018"]) == (
        "Then 11 recorded outflow(s), from 26 Jan 2018 00:02:13 JST to 26 Jan 2018 08:26 JST.")
    i18n.use("ja")
    ja = {i.id: i for i in catalog.scenarios()}
    ronin = outflow_span(ja["ronin-2022"])
    assert ronin == "その後、2022年3月23日中（UTC）に記録された流出は1件です。"
    wazirx = outflow_span(ja["wazirx-2024"])
    assert wazirx == "その後、2024年7月18日 11時48分頃 ISTに記録された流出は1件です。"
    for incident in ja.values():
        assert "23時59分59秒" not in outflow_span(incident)


def test_browser_separates_title_and_venue_the_japanese_way():
    i18n.use("ja")
    entry = next(e for e in read_index() if e.id == "coincheck-2018")
    first = entry_text(entry, current=False).plain.splitlines()[0]
    assert "·" not in first and "\u3000" in first
    assert i18n._("{date} · {venue}").format(date="D", venue="V") == "D\u3000V"


def test_compare_writes_the_exposed_share_in_full_width_brackets():
    i18n.use("ja")
    app = new_app()  # from home, not through the replay

    async def script(pilot):
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(pilot.app.screen, CompareScreen)
        table = pilot.app.screen.query_one("#compare-table", DataTable)
        cells = [str(table.get_cell_at(Coordinate(row, column)))
                 for row in range(table.row_count) for column in range(len(table.columns))]
        shares = [c for c in cells if re.search(r"\d%", c) and re.search(r"[()（）]", c)]
        assert shares and all(re.search(r"（\d+(\.\d+)?%）$", c) for c in shares), shares

    drive(app, script, size=(120, 40))


class _Host(App[None]):
    def compose(self) -> ComposeResult:
        gauge = WalletGauge("w", "マルチシグアカウント", Decimal(100), "XEM", id="g")
        yield gauge


def test_gauge_keeps_the_key_figures_at_the_replay_s_width():
    i18n.use("ja")
    app = _Host()

    async def script(pilot):
        gauge = pilot.app.query_one(WalletGauge)
        gauge.styles.width = 45  # the gauge's width in the replay at 80x24
        gauge.show(Decimal(50), WalletAccess(wallet="w", threshold=2, total_keys=3,
                                             signatures=(), recovery=(), held=3,
                                             reachable=True))
        await pilot.pause()
        second = screen_text(pilot.app).splitlines()[1]
        assert "保有3／必要2" in second, second

    drive(app, script, size=SMALL)
