"""Formatting numbers and times for people, shared by engine reasons, CLI and TUI.

Pure functions over Decimal and datetime, so every surface prints the same figure
the same way (526,300,010 XEM; about ¥58.4 bn; ~00:04-00:10).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal

_SYMBOLS = {"JPY": "¥", "USD": "$", "EUR": "€", "GBP": "£", "INR": "₹"}
ONE = Decimal(1)
CENT = Decimal("0.01")


def units(amount: Decimal) -> str:
    """An exact amount with thousands separators and no trailing zeros: 26,314,990.5."""
    if amount == amount.to_integral_value():
        return f"{amount.quantize(ONE):,}"
    return f"{amount.normalize():,f}"


def amount(value: Decimal, symbol: str) -> str:
    """An exact amount followed by its symbol: 526,300,010 XEM."""
    return f"{units(value)} {symbol}"


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
    magnitude = abs(value)
    if magnitude >= 1_000_000_000:
        text = f"{sign}{value / 1_000_000_000:,.1f} bn"
    elif magnitude >= 1_000_000:
        text = f"{sign}{value / 1_000_000:,.1f} m"
    else:
        text = f"{sign}{value.quantize(ONE):,}"
    return f"about {text}" if approximate and value != 0 else text


def clock(at: datetime) -> str:
    """Local time of day, seconds shown only when they are not zero: 00:02:13, 11:58."""
    return at.strftime("%H:%M:%S" if at.second else "%H:%M")


def stamp(at: datetime, base: date | None = None) -> str:
    """A time of day, with its date when it falls on another day than ``base``
    (or always, with no base): '11:58', '27 Jan 2018 11:58'."""
    if base is not None and at.date() == base:
        return clock(at)
    day = f"{at.day} {at.strftime('%b %Y')}"
    # midnight on another day is how date-only facts are placed: show the date alone
    return day if (at.hour, at.minute, at.second) == (0, 0, 0) else f"{day} {clock(at)}"


def moment(at: datetime, approximate: bool = False, latest: datetime | None = None,
           with_date: bool = False) -> str:
    """A time as people should read it: '00:02:13', '~00:04-00:10', '~Sep 2011-Jun 2013'.

    Dates appear when asked for or when a window runs over more than one day; a window
    of months shows months only, since its clock times mean nothing."""
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
