"""Formatting numbers and times for people, shared by engine reasons, CLI and TUI.

Pure functions over Decimal and datetime, so every surface prints the same figure
the same way (526,300,010 XEM; about ¥58.4 bn; ~00:04-00:10).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal

_SYMBOLS = {"JPY": "¥", "USD": "$", "EUR": "€", "GBP": "£", "INR": "₹"}
# Currency codes an incident's "asset" may be: a pool of many coins valued in money is
# replayed in that money, and its amounts must not read as if the currency were the asset.
CURRENCIES = frozenset({*_SYMBOLS, "CHF", "CNY", "KRW", "SGD", "HKD", "AUD", "CAD"})
ONE = Decimal(1)
CENT = Decimal("0.01")


def units(amount: Decimal) -> str:
    """An exact amount with thousands separators and no trailing zeros: 26,314,990.5."""
    if amount == amount.to_integral_value():
        return f"{amount.quantize(ONE):,}"
    return f"{amount.normalize():,f}"


def is_currency(symbol: str) -> bool:
    """True when an asset's symbol is a currency: the pool is assets valued in it."""
    return symbol in CURRENCIES


def amount(value: Decimal, symbol: str) -> str:
    """An exact amount followed by its symbol: 526,300,010 XEM. When the "asset" is a
    currency (a pool of assets valued in it), the value of assets: USD 234.9 m of assets."""
    if is_currency(symbol):
        return f"{symbol} {_magnitude(value)} of assets"
    return f"{units(value)} {symbol}"


def _magnitude(value: Decimal) -> str:
    """234.9 m, 4.6 bn, 1,200 (the figure of ``money`` without a currency sign)."""
    magnitude = abs(value)
    if magnitude >= 1_000_000_000:
        return f"{value / 1_000_000_000:,.1f} bn"
    if magnitude >= 1_000_000:
        return f"{value / 1_000_000:,.1f} m"
    return units(value)


def percent(fraction: Decimal) -> str:
    """A share as a percentage with at most two decimals: 5%, 99.37%, 0.01%."""
    pct = (fraction * 100).quantize(CENT, rounding=ROUND_HALF_EVEN)
    if pct == 0 and fraction > 0:
        return "<0.01%"
    if pct == 100 and fraction < 1:
        return ">99.99%"
    return f"{units(pct)}%"


def money(value: Decimal, currency: str, approximate: bool = False) -> str:
    """A fiat figure for reading: ¥46.6 bn, $534.0 m, ¥1,200; 'about' when approximate."""
    sign = _SYMBOLS.get(currency, f"{currency} ")
    if abs(value) >= 1_000_000:
        text = f"{sign}{_magnitude(value)}"
    else:
        text = f"{sign}{value.quantize(ONE):,}"
    return f"about {text}" if approximate and value != 0 else text


def clock(at: datetime) -> str:
    """Local time of day, seconds shown only when they are not zero: 00:02:13, 11:58."""
    return at.strftime("%H:%M:%S" if at.second else "%H:%M")


def day(at: datetime) -> str:
    """'23 Mar 2022'."""
    return f"{at.day} {at.strftime('%b %Y')}"


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
    fact and reads as its date alone, whatever the base: '25 Feb 2014'."""
    if date_only(at):
        return day(at)
    if base is not None and at.date() == base:
        return clock(at)
    return f"{day(at)} {clock(at)}"


def window(at: datetime, latest: datetime, base: date | None = None) -> str:
    """A span for a sentence: 'between 00:10 and 00:21', 'on 23 Mar 2022' (a whole day),
    dated wherever a time is not on ``base``."""
    if whole_day(at, latest):
        return f"on {day(at)}"
    return f"between {stamp(at, base)} and {stamp(latest, base)}"


def moment(at: datetime, approximate: bool = False, latest: datetime | None = None,
           with_date: bool = False) -> str:
    """A time as people should read it: '00:02:13', '~00:04-00:10', '~Sep 2011-Jun 2013'.

    Dates appear when asked for or when a window runs over more than one day; a window
    of months shows months only, since its clock times mean nothing; a window of one whole
    day (a date-only fact) shows that day: '~23 Mar 2022'."""
    if whole_day(at, latest):
        return f"~{day(at)}" if approximate else day(at)
    if latest is not None and latest.date() != at.date():
        if (latest - at).days > 31:
            text = f"{at.strftime('%b %Y')}-{latest.strftime('%b %Y')}"
        else:
            text = f"{stamp(at)}-{stamp(latest)}"
        return f"~{text}" if approximate else text
    text = clock(at)
    if latest is not None and latest != at:
        text = f"{text}-{clock(latest)}"
    if with_date:
        text = f"{at.day} {at.strftime('%b %Y')} {text}"
    return f"~{text}" if approximate else text


def duration(span: timedelta) -> str:
    """A span in the largest sensible unit: 10 min, 48 h, 3 d 4 h."""
    seconds = int(span.total_seconds())
    if seconds % 86400 == 0 and seconds > 86400 and seconds % 3600 == 0 and seconds > 172800:
        return f"{seconds // 86400} d"
    if seconds > 172800:
        return f"{seconds // 86400} d {seconds % 86400 // 3600} h"
    if seconds % 3600 == 0 and seconds >= 3600:
        return f"{seconds // 3600} h"
    if seconds >= 3600:
        return f"{seconds // 3600} h {seconds % 3600 // 60} min"
    if seconds % 60 == 0:
        return f"{seconds // 60} min"
    return f"{seconds} s"
