"""How times, windows and amounts are written, once for the CLI, the handouts and the app."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

from explainer import catalog, loader
from explainer import numbers as fmt
from explainer.engine import replay
from explainer.report import rows
from explainer.report.tables import summary_text

JST = timezone(timedelta(hours=9))


def _replay(scenario: str, setup_id: str):
    incident = loader.load(scenario)
    setup = next(s for s in catalog.setups_for(incident) if s.id == setup_id)
    return replay(incident, setup)


# --- dates -----------------------------------------------------------------------------------

def test_a_midnight_is_a_date_only_fact_and_reads_as_its_date():
    midnight = datetime(2014, 2, 7, tzinfo=JST)
    assert fmt.stamp(midnight) == "7 Feb 2014"
    # even on the incident's own day: "00:00" would be a time nobody recorded
    assert fmt.stamp(midnight, midnight.date()) == "7 Feb 2014"
    assert fmt.stamp(datetime(2018, 1, 26, 0, 2, 13, tzinfo=JST), midnight.date()) == \
        "26 Jan 2018 00:02:13"
    assert fmt.stamp(datetime(2014, 2, 7, 11, 58, tzinfo=JST), midnight.date()) == "11:58"


def test_a_whole_day_window_reads_as_that_day():
    start = datetime(2022, 3, 23, tzinfo=UTC)
    end = datetime(2022, 3, 23, 23, 59, 59, tzinfo=UTC)
    assert fmt.moment(start, True, end) == "~23 Mar 2022"
    assert fmt.window(start, end) == "on 23 Mar 2022"
    ten, later = datetime(2018, 1, 26, 0, 10, tzinfo=JST), datetime(2018, 1, 26, 0, 21,
                                                                     tzinfo=JST)
    assert fmt.moment(ten, True, later) == "~00:10-00:21"
    assert fmt.window(ten, later, ten.date()) == "between 00:10 and 00:21"


def test_freezes_on_date_only_days_show_the_date():
    # Ronin's bridge was halted on 29 March 2022 (date only); "00:00" misled
    incident = loader.load("ronin-2022")
    r = replay(incident, incident.setups[0])
    assert r.summary.freeze_at is not None
    assert rows.when(incident, r.summary.freeze_at) == "29 Mar 2022"
    mtgox = loader.load("mtgox-2014")
    r = replay(mtgox, mtgox.setups[0])
    assert rows.when(mtgox, r.summary.freeze_at) == "7 Feb 2014"
    coincheck = loader.load("coincheck-2018")
    r = replay(coincheck, coincheck.setups[0])
    assert rows.when(coincheck, r.summary.freeze_at) == "11:58"  # its single day


def test_ronin_events_and_reasons_give_the_day_not_midnight():
    r = _replay("ronin-2022", "timelocked-cold-vault")
    event = rows.event_rows(r)[0]
    assert event.time == "~23 Mar 2022"
    assert "00:00" not in event.reason
    assert "its time is only known to the day (23 Mar 2022), so the freeze at 12:00 may " \
           "have come first" in event.reason
    compare = rows.comparison([r])[0]
    assert compare.first_loss == "23 Mar 2022" and compare.last_loss == "~23 Mar 2022"


# --- the last loss of a setup whose freeze falls inside a window ------------------------------

def test_the_10_minute_freeze_gives_the_window_of_the_last_loss():
    r = _replay("coincheck-2018", "as-run-10min-freeze")
    assert rows.last_loss(r) == "~00:10-00:21"
    assert rows.freeze_note(r) == ("the last loss lies between 00:10 and 00:21; the freeze at "
                                   "00:12:13 may have stopped it")
    text = " ".join(str(summary_text(r)).split())
    assert ("lost 523,000,010 XEM (99.37%), from 00:02:13 to ~00:10-00:21 JST (the last loss "
            "lies between 00:10 and 00:21; the freeze at 00:12:13 may have stopped it).") in text
    assert rows.comparison([r])[0].last_loss == "~00:10-00:21"


def test_no_window_note_where_the_last_loss_is_exact_or_the_freeze_comes_later():
    as_run = _replay("coincheck-2018", "as-run")
    assert rows.last_loss(as_run) == "08:26"
    assert rows.freeze_note(as_run) == ""
    nothing = _replay("coincheck-2018", "multisig-2of3-independent")
    assert rows.last_loss(nothing) == "-" and rows.freeze_note(nothing) == ""


# --- currency-unit pools ---------------------------------------------------------------------

def test_a_currency_asset_reads_as_assets_valued_in_it():
    assert fmt.is_currency("USD") and fmt.is_currency("JPY") and not fmt.is_currency("ETH")
    assert fmt.amount(Decimal(234_900_000), "USD") == "USD 234.9 m of assets"
    assert fmt.amount(Decimal(4_587_099_227), "JPY") == "JPY 4.6 bn of assets"
    assert fmt.amount(Decimal(1200), "USD") == "USD 1,200 of assets"
    assert fmt.amount(Decimal(526_300_010), "XEM") == "526,300,010 XEM"  # coins stay exact


def test_wazirx_headline_and_summary_read_as_money_of_assets():
    incident = loader.load("wazirx-2024")
    lines = rows.headline(incident)
    assert lines[1] == "USD 234.9 m of assets left in 1 recorded outflow(s)."  # no "($234.9 m)"
    r = replay(incident, incident.setups[0])
    text = str(summary_text(r))
    assert "lost USD 234.9 m of assets (45%)" in text
    assert "234,900,000 USD" not in text
