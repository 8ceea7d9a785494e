"""Japanese figures, dates and durations from ``explainer.numbers``, against strings worked
out by hand, and proof that the English forms do not move with the language switch."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explainer import i18n
from explainer import numbers as fmt
from tests.ja_text import ja_figures

T = datetime(2018, 1, 26, 0, 2, 13)


@pytest.fixture
def ja():
    i18n.use("ja")


@pytest.mark.parametrize("value,expected", [
    (D(0), "0"),
    (D(10), "10"),
    (D(9999), "9,999"),
    (D(10000), "1万"),
    (D(10010), "1万10"),
    (D(123456), "12万3,456"),
    (D(526300010), "5億2,630万10"),  # 5|2630|0010
    (D(500000000), "5億"),
    (D(100000001), "1億1"),
    (D(1234500000000), "1兆2,345億"),
    (D("5263000.1"), "526万3,000.1"),  # 526|3000 and the fraction on the last group
    (D("10000.5"), "10,000.5"),  # '1万0.5' reads badly: written whole
    (D(-25000), "-2万5,000"),
])
def test_man_counts_in_man_oku_cho(value, expected):
    assert fmt.man(value) == expected


def test_amounts_exact_in_columns_and_in_man_units_in_prose(ja):
    assert fmt.amount(D(526300010), "XEM") == "526,300,010 XEM"
    assert fmt.amount_words(D(526300010), "XEM") == "5億2,630万10 XEM"
    assert fmt.units(D(526300010)) == "526,300,010"
    assert fmt.percent(D("0.05")) == "5%" and fmt.percent(D("0.99374")) == "99.37%"


def test_amount_words_is_amount_in_english():
    assert fmt.amount_words(D(526300010), "XEM") == "526,300,010 XEM"
    assert fmt.amount_words(D(234_900_000), "USD") == "USD 234.9 m of assets"


@pytest.mark.parametrize("value,currency,approximate,expected", [
    # >= 1 bn: to the nearest 億, as the English keeps 0.1 bn
    (D(58_400_000_000), "JPY", True, "約584億円"),  # about ¥58.4 bn
    (D(58_449_999_999), "JPY", True, "約584億円"),  # 584.49999999 億 -> 584
    (D(58_450_000_001), "JPY", False, "585億円"),
    (D(58_450_000_000), "JPY", False, "584億円"),  # half to even, as '¥58.4 bn'
    (D("46603339585.49"), "JPY", False, "466億円"),  # ¥46.6 bn
    (D(1_234_567_000_000), "JPY", False, "1兆2,346億円"),
    # 1 m to 1 bn: to the nearest 10万, as the English keeps 0.1 m
    (D(534_000_000), "USD", False, "5億3,400万ドル"),  # $534.0 m
    (D(234_949_999), "USD", True, "約2億3,490万ドル"),  # 2349.49999 x 10万 -> 2349
    (D(1_250_000), "EUR", False, "120万ユーロ"),  # 12.5 x 10万 -> 12 (half to even)
    (D(1_350_000), "EUR", False, "140万ユーロ"),
    # below 1 m: to the unit
    (D("1200.4"), "JPY", False, "1,200円"),
    (D(123_456), "INR", True, "約12万3,456ルピー"),
    (D(0), "JPY", True, "0円"),  # nothing is not about nothing
    (D(2_000_000), "XYZ", False, "200万 XYZ"),  # an unknown code after a space
])
def test_money_rounds_as_far_as_the_english(ja, value, currency, approximate, expected):
    assert fmt.money(value, currency, approximate) == expected


def test_money_rounding_matches_the_english_figure():
    """The Japanese figure carries the same digits as the English one, for any value."""
    for value in (D(58_400_000_000), D("46603339585.49"), D(534_049_999), D(999_999),
                  D(1_000_000), D(999_950_000), D(1_000_000_000)):
        english = fmt.money(value, "JPY")
        i18n.use("ja")
        japanese = fmt.money(value, "JPY")
        i18n.use("en")
        number = english.lstrip("¥").replace(",", "")
        scale = {"bn": 10**9, "m": 10**6}
        figure, _, unit = number.partition(" ")
        assert ja_figures(japanese) == {(D(figure) * scale.get(unit, 1)).normalize()}, \
            (english, japanese)


def test_exact_money_in_both_languages():
    value = D("46603339585.49")
    assert fmt.money(value, "JPY", exact=True) == "¥46,603,339,585"
    assert fmt.money(value, "JPY", True, exact=True) == "about ¥46,603,339,585"
    i18n.use("ja")
    assert fmt.money(value, "JPY", exact=True) == "466億333万9,585円"
    assert fmt.money(value, "JPY", True, exact=True) == "約466億333万9,585円"


def test_a_pool_valued_in_money_reads_as_assets(ja):
    assert fmt.amount(D(234_900_000), "USD") == "2億3,490万ドル相当の資産"
    assert fmt.amount_words(D(4_600_000_000), "JPY") == "46億円相当の資産"


@given(st.integers(min_value=0, max_value=10**28 - 1))
def test_man_reads_back_to_the_same_integer(n):
    i18n.use("ja")
    text = fmt.man(D(n))
    total = 0
    rest = text
    for size, name in ((10**12, "兆"), (10**8, "億"), (10**4, "万")):
        head, found, tail = rest.partition(name)
        if found:
            total += int(head.replace(",", "")) * size
            rest = tail
    total += int(rest.replace(",", "") or 0)
    assert total == n


def test_times_and_dates(ja):
    assert fmt.clock(T) == "0時02分13秒"
    assert fmt.clock(datetime(2018, 1, 26, 11, 58)) == "11時58分"
    assert fmt.day(T) == "2018年1月26日"
    assert fmt.month(T) == "2018年1月"
    assert fmt.stamp(T) == "2018年1月26日 0時02分13秒"
    assert fmt.stamp(T, T.date()) == "0時02分13秒"
    assert fmt.stamp(datetime(2014, 2, 25)) == "2014年2月25日"  # a date-only fact
    assert fmt.moment(T, with_date=True) == "2018年1月26日 0時02分13秒"


def test_windows(ja):
    a, b = datetime(2018, 1, 26, 0, 4), datetime(2018, 1, 26, 0, 10)
    assert fmt.moment(a, True, b) == "~0時04分〜0時10分"
    assert fmt.moment(a, False, b, with_date=True) == "2018年1月26日 0時04分〜0時10分"
    assert fmt.moment(datetime(2011, 9, 1), True, datetime(2013, 6, 30)) == \
        "~2011年9月〜2013年6月"
    assert fmt.moment(datetime(2022, 3, 23), True, datetime(2022, 3, 23, 23, 59, 59)) == \
        "~2022年3月23日"
    assert fmt.moment(datetime(2018, 1, 26, 23, 50), True, datetime(2018, 1, 27, 0, 10)) == \
        "~2018年1月26日 23時50分〜2018年1月27日 0時10分"
    assert fmt.window(a, b, a.date()) == "0時04分から0時10分の間"
    assert fmt.window(datetime(2022, 3, 23), datetime(2022, 3, 23, 23, 59, 59)) == \
        "2022年3月23日中"


@pytest.mark.parametrize("span,expected,exact", [
    (timedelta(minutes=10), "10分", "10分"),
    (timedelta(minutes=90), "1時間30分", "1時間30分"),
    (timedelta(hours=48), "48時間", "2日"),
    (timedelta(days=3, hours=4), "3日4時間", "3日4時間"),
    (timedelta(days=90), "90日", "90日"),
    (timedelta(seconds=45), "45秒", "45秒"),
    (timedelta(seconds=107), "107秒", "1分47秒"),
    (timedelta(hours=3, minutes=32, seconds=47), "3時間32分", "3時間32分47秒"),
    (timedelta(0), "0分", "0秒"),
    (timedelta(milliseconds=300), "0分", "1秒未満"),
])
def test_durations(ja, span, expected, exact):
    assert fmt.duration(span) == expected
    assert fmt.exact_duration(span) == exact


def test_english_forms_are_unchanged_by_a_switch_back():
    i18n.use("ja")
    i18n.use("en")
    assert fmt.money(D(58_400_000_000), "JPY", True) == "about ¥58.4 bn"
    assert fmt.moment(datetime(2018, 1, 26, 0, 4), True, datetime(2018, 1, 26, 0, 10)) == \
        "~00:04-00:10"
    assert fmt.duration(timedelta(minutes=90)) == "1 h 30 min"
    assert fmt.exact_duration(timedelta(seconds=107)) == "1 min 47 s"
    assert fmt.window(datetime(2018, 1, 26, 0, 10), datetime(2018, 1, 26, 0, 21),
                      datetime(2018, 1, 26).date()) == "between 00:10 and 00:21"
    assert fmt.stamp(datetime(2018, 1, 27, 11, 58)) == "27 Jan 2018 11:58"
