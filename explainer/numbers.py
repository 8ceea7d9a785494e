"""Formatting numbers and times for people, shared by engine reasons, CLI and TUI.

Pure functions over Decimal and datetime, so every surface prints the same figure
the same way (526,300,010 XEM; about ¥58.4 bn; ~00:04-00:10). Every function writes in
the language in use (``i18n.current()``); the English forms never change with it.

Japanese conventions (the ``_ja`` helpers below):

- Exact amounts keep Western digit groups, as Japanese tables do: ``526,300,010 XEM``
  (``amount``, ``units``). In prose, ``amount_words`` counts in 万, 億 and 兆 with
  digit groups inside each unit: ``5億2,630万10 XEM``.
- Money is rounded exactly as far as the English: at and above 10億 (1 bn) to the
  nearest 億 (English keeps 0.1 bn), from 100万 (1 m) to the nearest 10万 (0.1 m), below
  that to the unit; then written in 万/億/兆: ``約584億円`` (about ¥58.4 bn), ``5億3,400万円``
  (¥534.0 m), ``1,200円``. Yen is ``円`` after the figure; other currencies take their usual
  Japanese name after it (``2億3,490万ドル``, ``ユーロ``, ``ルピー``...), an unknown code is
  written after a space (``2億3,490万 XYZ``). ``約`` marks an approximate figure, as "about"
  does; ``money(..., exact=True)`` gives the figure to the unit in both languages.
- Percentages are unchanged (``5%``, ``99.37%``).
- Times: ``0時02分13秒`` (hour without a leading zero, seconds only when not zero, as the
  English ``00:02:13``/``11:58``), dates ``2018年1月26日``, a moment with its date
  ``2018年1月26日 0時02分13秒``; windows ``~0時04分〜0時10分`` (``~`` still marks an
  approximate time, ``〜`` joins the ends), sentence windows ``0時10分から0時21分の間``;
  durations ``10分``, ``1時間30分``, ``3日4時間``, ``90日``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, Context, Decimal

from explainer import i18n

_SYMBOLS = {"JPY": "¥", "USD": "$", "EUR": "€", "GBP": "£", "INR": "₹"}
# Currency codes an incident's "asset" may be: a pool of many coins valued in money is
# replayed in that money, and its amounts must not read as if the currency were the asset.
CURRENCIES = frozenset({*_SYMBOLS, "CHF", "CNY", "KRW", "SGD", "HKD", "AUD", "CAD"})
ONE = Decimal(1)
CENT = Decimal("0.01")
_WIDE = Context(prec=120)  # rounding a figure of up to 28 digits times a rate never runs short
# Japanese names of currencies, written after the figure (2億3,490万ドル).
_YEN_NAMES = {"JPY": "円", "USD": "ドル", "EUR": "ユーロ", "GBP": "ポンド", "INR": "ルピー",
              "CHF": "スイスフラン", "CNY": "人民元", "KRW": "ウォン", "SGD": "シンガポールドル",
              "HKD": "香港ドル", "AUD": "豪ドル", "CAD": "カナダドル"}
# The Japanese units of large numbers, largest first (万 = 10^4, 億 = 10^8, 兆 = 10^12).
_JA_UNITS = ((10**12, "兆"), (10**8, "億"), (10**4, "万"))


def _ja() -> bool:
    return i18n.current() == "ja"


def units(amount: Decimal) -> str:
    """An exact amount with thousands separators and no trailing zeros: 26,314,990.5."""
    if amount == amount.to_integral_value():
        return f"{amount.quantize(ONE):,}"
    return f"{amount.normalize():,f}"


def man(amount: Decimal) -> str:
    """An exact amount counted in 万, 億 and 兆, digit groups inside each unit:
    526300010 -> '5億2,630万10', 5263000.1 -> '526万3,000.1', 1200 -> '1,200'.

    A fraction joins the last group; when that group is empty ('1万0.5' reads badly) the
    amount is written whole instead: '10,000.5'."""
    sign = "-" if amount < 0 else ""
    magnitude = abs(amount)
    whole = int(magnitude.to_integral_value(ROUND_FLOOR, _WIDE))
    fraction = magnitude - whole
    if whole < 10**4:
        return sign + units(magnitude)
    parts, rest = [], whole
    for size, name in _JA_UNITS:
        count, rest = divmod(rest, size)
        if count:
            parts.append(f"{count:,}{name}")
    if fraction:
        if not rest:
            return sign + units(magnitude)
        digits = format(fraction.normalize(), "f")[1:]  # '.1'
        parts.append(f"{rest:,}{digits}")
    elif rest:
        parts.append(f"{rest:,}")
    return sign + "".join(parts)


def is_currency(symbol: str) -> bool:
    """True when an asset's symbol is a currency: the pool is assets valued in it."""
    return symbol in CURRENCIES


def amount(value: Decimal, symbol: str) -> str:
    """An exact amount followed by its symbol: 526,300,010 XEM (the same in Japanese, for
    columns of figures). When the "asset" is a currency (a pool of assets valued in it),
    the value of assets: USD 234.9 m of assets (Japanese: 2億3,490万ドル相当の資産)."""
    if is_currency(symbol):
        if _ja():
            return f"{_money_ja(value, symbol, False, False)}相当の資産"
        return f"{symbol} {_magnitude(value)} of assets"
    return f"{units(value)} {symbol}"


def amount_words(value: Decimal, symbol: str) -> str:
    """An exact amount for a sentence: in Japanese counted in 万 and 億
    (5億2,630万10 XEM); in English the same as ``amount`` (526,300,010 XEM)."""
    if _ja() and not is_currency(symbol):
        return f"{man(value)} {symbol}"
    return amount(value, symbol)


def _magnitude(value: Decimal) -> str:
    """234.9 m, 4.6 bn, 1,200 (the figure of ``money`` without a currency sign)."""
    magnitude = abs(value)
    if magnitude >= 1_000_000_000:
        return f"{value / 1_000_000_000:,.1f} bn"
    if magnitude >= 1_000_000:
        return f"{value / 1_000_000:,.1f} m"
    return units(value)


def _rounded(value: Decimal) -> Decimal:
    """``value`` rounded as the English figure is: to 0.1 bn from 1 bn, to 0.1 m from 1 m,
    else to the unit (half to even, as Decimal's own formatting rounds)."""
    magnitude = abs(value)
    step = 8 if magnitude >= 1_000_000_000 else 5 if magnitude >= 1_000_000 else 0
    scaled = value.scaleb(-step, _WIDE).to_integral_value(ROUND_HALF_EVEN, _WIDE)
    return scaled.scaleb(step, _WIDE)


def _money_ja(value: Decimal, currency: str, approximate: bool, exact: bool) -> str:
    figure = value.quantize(ONE, ROUND_HALF_EVEN, _WIDE) if exact else _rounded(value)
    name = _YEN_NAMES.get(currency)
    text = f"{man(figure)}{name}" if name else f"{man(figure)} {currency}"
    return f"約{text}" if approximate and value != 0 else text


def percent(fraction: Decimal) -> str:
    """A share as a percentage with at most two decimals: 5%, 99.37%, 0.01%."""
    pct = (fraction * 100).quantize(CENT, rounding=ROUND_HALF_EVEN)
    if pct == 0 and fraction > 0:
        return "<0.01%"
    if pct == 100 and fraction < 1:
        return ">99.99%"
    return f"{units(pct)}%"


def money(value: Decimal, currency: str, approximate: bool = False,
          exact: bool = False) -> str:
    """A fiat figure for reading: ¥46.6 bn, $534.0 m, ¥1,200; 'about' when approximate
    (Japanese: 466億円, 5億3,400万ドル, 1,200円, 約 when approximate). ``exact`` writes the
    figure to the unit: ¥46,603,339,585 (466億333万9,585円)."""
    if _ja():
        return _money_ja(value, currency, approximate, exact)
    sign = _SYMBOLS.get(currency, f"{currency} ")
    if exact:
        text = f"{sign}{value.quantize(ONE, ROUND_HALF_EVEN, _WIDE):,}"
    elif abs(value) >= 1_000_000:
        text = f"{sign}{_magnitude(value)}"
    else:
        text = f"{sign}{value.quantize(ONE):,}"
    return f"about {text}" if approximate and value != 0 else text


def clock(at: datetime) -> str:
    """Local time of day, seconds shown only when they are not zero: 00:02:13, 11:58
    (Japanese: 0時02分13秒, 11時58分)."""
    if _ja():
        if at.second:
            return f"{at.hour}時{at.minute:02}分{at.second:02}秒"
        return f"{at.hour}時{at.minute:02}分"
    return at.strftime("%H:%M:%S" if at.second else "%H:%M")


def day(at: datetime) -> str:
    """'23 Mar 2022' (Japanese: 2022年3月23日)."""
    if _ja():
        return f"{at.year}年{at.month}月{at.day}日"
    return f"{at.day} {at.strftime('%b %Y')}"


def month(at: datetime) -> str:
    """'Sep 2011' (Japanese: 2011年9月)."""
    if _ja():
        return f"{at.year}年{at.month}月"
    return at.strftime("%b %Y")


def date_only(at: datetime) -> bool:
    """True for a midnight, which is how a fact known only to the day is placed: its
    '00:00' would read as a time nobody recorded."""
    return (at.hour, at.minute, at.second, at.microsecond) == (0, 0, 0, 0)


def whole_day(at: datetime, latest: datetime | None) -> bool:
    """True for a window that is one whole day, 00:00 to 23:59:59: a date-only time."""
    return (latest is not None and date_only(at) and latest.date() == at.date()
            and (latest.hour, latest.minute, latest.second) == (23, 59, 59))


def stamp(at: datetime, base: date | None = None) -> str:
    """A time of day, with its date when it falls on another day than ``base``
    (or always, with no base): '11:58', '27 Jan 2018 11:58'. A midnight is a date-only
    fact and reads as its date alone, whatever the base: '25 Feb 2014'.
    (Japanese: 11時58分, 2018年1月27日 11時58分, 2014年2月25日.)"""
    if date_only(at):
        return day(at)
    if base is not None and at.date() == base:
        return clock(at)
    return f"{day(at)} {clock(at)}"


def window(at: datetime, latest: datetime, base: date | None = None) -> str:
    """A span for a sentence: 'between 00:10 and 00:21', 'on 23 Mar 2022' (a whole day),
    dated wherever a time is not on ``base``. (Japanese, to be followed by a particle:
    0時10分から0時21分の間, 2022年3月23日中.)"""
    if _ja():
        if whole_day(at, latest):
            return f"{day(at)}中"
        return f"{stamp(at, base)}から{stamp(latest, base)}の間"
    if whole_day(at, latest):
        return f"on {day(at)}"
    return f"between {stamp(at, base)} and {stamp(latest, base)}"


def moment(at: datetime, approximate: bool = False, latest: datetime | None = None,
           with_date: bool = False) -> str:
    """A time as people should read it: '00:02:13', '~00:04-00:10', '~Sep 2011-Jun 2013'.

    Dates appear when asked for or when a window runs over more than one day; a window
    of months shows months only, since its clock times mean nothing; a window of one whole
    day (a date-only fact) shows that day: '~23 Mar 2022'. (Japanese: 0時02分13秒,
    ~0時04分〜0時10分, ~2011年9月〜2013年6月, ~2022年3月23日.)"""
    dash = "〜" if _ja() else "-"
    if whole_day(at, latest):
        return f"~{day(at)}" if approximate else day(at)
    if latest is not None and latest.date() != at.date():
        if (latest - at).days > 31:
            text = f"{month(at)}{dash}{month(latest)}"
        else:
            text = f"{stamp(at)}{dash}{stamp(latest)}"
        return f"~{text}" if approximate else text
    text = clock(at)
    if latest is not None and latest != at:
        text = f"{text}{dash}{clock(latest)}"
    if with_date:
        text = f"{day(at)} {text}"
    return f"~{text}" if approximate else text


_DURATION_UNITS = {"en": ("d", "h", "min", "s", " "), "ja": ("日", "時間", "分", "秒", "")}


def duration(span: timedelta) -> str:
    """A span in the largest sensible unit: 10 min, 48 h, 3 d 4 h (Japanese: 10分,
    48時間, 3日4時間)."""
    d, h, mins, s, gap = _DURATION_UNITS["ja" if _ja() else "en"]
    sep = " " if gap else ""
    seconds = int(span.total_seconds())
    if seconds % 86400 == 0 and seconds > 86400 and seconds % 3600 == 0 and seconds > 172800:
        return f"{seconds // 86400}{gap}{d}"
    if seconds > 172800:
        return f"{seconds // 86400}{gap}{d}{sep}{seconds % 86400 // 3600}{gap}{h}"
    if seconds % 3600 == 0 and seconds >= 3600:
        return f"{seconds // 3600}{gap}{h}"
    if seconds >= 3600:
        return f"{seconds // 3600}{gap}{h}{sep}{seconds % 3600 // 60}{gap}{mins}"
    if seconds % 60 == 0:
        return f"{seconds // 60}{gap}{mins}"
    return f"{seconds}{gap}{s}"


def exact_duration(span: timedelta) -> str:
    """A span to the second, every unit shown down to the last non-zero one: '0 s',
    '1 min 47 s', '3 h 32 min 47 s', '2 d 1 h', '<1 s' for a positive span under a second
    (Japanese: 0秒, 1分47秒, 3時間32分47秒, 2日1時間, 1秒未満)."""
    names = _DURATION_UNITS["ja" if _ja() else "en"]
    gap = names[4]
    seconds = int(span.total_seconds())
    if seconds == 0 and span > timedelta(0):
        return "1秒未満" if gap == "" else "<1 s"
    parts = []
    for unit, size in zip(names[:4], (86400, 3600, 60, 1), strict=True):
        if seconds >= size or (size == 1 and not parts):
            parts.append(f"{seconds // size}{gap}{unit}")
            seconds %= size
            if not seconds:
                break
    return (" " if gap else "").join(parts)
