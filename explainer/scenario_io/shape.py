"""Plain data against the declared format (``explainer.schema``): types, ids, amounts,
URLs, date-time bounds and control characters. References between parts of a file are
``refs``' concern."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from explainer.i18n import N_, _
from explainer.scenario_io.lines import find_line, line_index
from explainer.scenario_io.problems import SHOWN_CHARS, Problem, shown
from explainer.schema import (
    AMOUNT_PATTERN,
    CONTROL,
    CONTROL_MULTILINE,
    FIRST_YEAR,
    ID_PATTERN,
    LAST_YEAR,
    MAX_DIGITS,
    MAX_INTEGER_AMOUNT,
    SHARE_PATTERN,
    SOURCE_ID_PATTERN,
    URL_PATTERN,
    F,
    py_pattern,
    year_in_range,
)

_AMOUNT = py_pattern(AMOUNT_PATTERN)
_SHARE = py_pattern(SHARE_PATTERN)
_ID = py_pattern(ID_PATTERN)
_SOURCE_ID = py_pattern(SOURCE_ID_PATTERN)
_URL = py_pattern(URL_PATTERN)
_NUMBERISH = re.compile(r"-?[0-9]+(\.[0-9]+)?\Z")  # to explain why a figure was refused

ID_RULE = N_("lowercase letters, digits and '-', at most 64 characters, not starting with '-'")
SOURCE_ID_RULE = N_("letters, digits and '-', at most 64 characters, not starting with '-'")


def is_id(value: Any) -> bool:
    """Whether ``value`` is a valid id (of a scenario, setup, domain, key...)."""
    return isinstance(value, str) and _ID.match(value) is not None


def to_decimal(value: Any) -> Decimal | None:
    """An exact Decimal from an amount the format accepts; None for anything else.

    Accepted: an integer from 0 to 10^28 - 1, or a string of plain digits with at most
    28 before and 28 after the point (the JSON Schema's ``amount``): no sign, no spaces,
    no exponent.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value) if 0 <= value <= MAX_INTEGER_AMOUNT else None
    if isinstance(value, str) and _AMOUNT.match(value):
        return Decimal(value)
    return None


def join(path: str, key: str) -> str:
    """``path.key`` (or ``key`` at the top), with the key shown safely."""
    # the usual key (short printable ASCII) needs no escaping: skip the regex, which
    # otherwise runs once per field of a long scenario
    if not (len(key) <= SHOWN_CHARS and key.isascii() and key.isprintable()):
        key = shown(key)
    return f"{path}.{key}" if path else key


def kind(value: Any) -> str:
    """What sort of value this is, in words."""
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, int):
        return _("a whole number")
    if isinstance(value, float):
        return _("a floating-point number")
    if isinstance(value, str):
        return _("text")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a table")
    if isinstance(value, datetime):
        return _("a date-time")
    if isinstance(value, date):
        return _("a date")
    if isinstance(value, time):
        return _("a time")
    return type(value).__name__


class Checker:
    """Collects problems while reading plain data against the declared format."""

    def __init__(self, name: str, text: str):
        self.name = name
        self.index = line_index(text)
        self.problems: list[Problem] = []

    def add(self, field: str, message: str) -> None:
        """Record one problem at ``field`` (its line looked up in the text)."""
        self.problems.append(Problem(self.name, find_line(self.index, field), field, message))

    def table(self, data: Any, spec: dict[str, F], path: str) -> dict[str, Any] | None:
        """Check a table: unknown fields, missing ones, then each value."""
        if not isinstance(data, dict):
            self.add(path, _("should be a table, not {kind}").format(kind=kind(data)))
            return None
        for key in data:
            if key not in spec:
                known = ", ".join(spec)
                self.add(join(path, key), _("unknown field (known fields: {known})").format(
                    known=known))
        for key, f in spec.items():
            where = join(path, key)
            if key not in data:
                if f.required:
                    self.add(where, _("is missing"))
                continue
            self.value(data[key], f, where)
        return data

    def value(self, value: Any, f: F, where: str) -> None:
        """Check one value against its field's declaration."""
        t = f.type
        if t == "str":
            self.text(value, f, where)
        elif t in ("id", "source-id"):
            self.ident(value, where, t)
        elif t == "url":
            self.url(value, where)
        elif t == "bool":
            if not isinstance(value, bool):
                self.add(where, _("should be true or false, not {kind}").format(
                    kind=kind(value)))
        elif t == "int":
            self.integer(value, f, where)
        elif t in ("amount", "share"):
            self.amount(value, where, share=t == "share")
        elif t == "datetime":
            self.datetime(value, where)
        elif t in ("ids", "source-ids"):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                self.add(where, _("should be a list of ids (text), not {kind}").format(
                    kind=kind(value)))
                return
            if f.required and t == "source-ids" and not value:
                self.add(where, _("is empty: every fact needs at least one source"))
            for item in value:
                self.ident(item, where, "id" if t == "ids" else "source-id")
        elif t == "table":
            self.table(value, f.spec or {}, where)
        elif t == "array":
            if not isinstance(value, list):
                self.add(where, _("should be a list of tables ([[...]]), not {kind}").format(
                    kind=kind(value)))
                return
            for i, item in enumerate(value):
                self.table(item, f.spec or {}, f"{where}[{i}]")
        elif t == "map":
            self.mapping(value, f, where)

    def text(self, value: Any, f: F, where: str) -> None:
        """A string: no control characters (newlines and tabs only in multi-line fields)."""
        if not isinstance(value, str):
            self.add(where, _("should be text, not {kind}").format(kind=kind(value)))
            return
        bad = (CONTROL_MULTILINE if f.multiline else CONTROL).search(value)
        if bad:
            code = ord(bad.group())
            message = (_("holds a control character ({code}) at character {at} (this field "
                         "is one line); text from a file is shown, never obeyed, so it may "
                         "not hold terminal controls") if code in (9, 10) else
                       _("holds a control character ({code}) at character {at}; text from a "
                         "file is shown, never obeyed, so it may not hold terminal controls"))
            self.add(where, message.format(code=f"U+{code:04X}", at=bad.start() + 1))
        elif f.required and not value.strip():
            self.add(where, _("is empty"))
        elif f.choices and value not in f.choices:
            self.add(where, _("'{value}' is not one of: {choices}").format(
                value=shown(value), choices=", ".join(f.choices)))

    def ident(self, value: Any, where: str, t: str = "id") -> None:
        """An id (or a source id): a short plain name, safe on a command line."""
        if not isinstance(value, str):
            self.add(where, _("should be an id (text), not {kind}").format(kind=kind(value)))
            return
        pattern, rule = (_ID, ID_RULE) if t == "id" else (_SOURCE_ID, SOURCE_ID_RULE)
        if not pattern.match(value):
            self.add(where, _("'{value}' is not a valid id (use {rule})").format(
                value=shown(value), rule=_(rule)))

    def url(self, value: Any, where: str) -> None:
        """A source's address: http or https only, one line, no spaces."""
        if not isinstance(value, str):
            self.add(where, _("should be text, not {kind}").format(kind=kind(value)))
        elif not _URL.match(value):
            self.add(where, _("'{value}' is not an http:// or https:// address (no other "
                              "scheme, no spaces); leave it empty if there is none").format(
                value=shown(value)))

    def integer(self, value: Any, f: F, where: str) -> None:
        """A whole number within the field's bounds."""
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(where, _("should be a whole number, not {kind}").format(kind=kind(value)))
        elif f.minimum is not None and f.minimum == f.maximum and value != f.minimum:
            self.add(where, _("must be {wanted}, not {value}").format(wanted=f.minimum,
                                                                        value=value))
        elif f.minimum is not None and value < f.minimum:
            self.add(where, _("should be at least {least}, not {value}").format(
                least=f.minimum, value=value))
        elif f.maximum is not None and value > f.maximum:
            self.add(where, _("should be at most {most}, not {value}").format(
                most=f"{f.maximum:,}", value=f"{value:,}"))

    def amount(self, value: Any, where: str, share: bool) -> None:
        """An amount (or a share of the pool), exactly as the JSON Schema accepts it."""
        if isinstance(value, bool) or not isinstance(value, int | str):
            self.add(where, _("should be a number written as a string or an integer "
                              "(e.g. \"526300010\"), not {kind}").format(kind=kind(value)))
            return
        if isinstance(value, int):
            ok = 0 <= value <= (1 if share else MAX_INTEGER_AMOUNT)
        else:
            ok = (_SHARE if share else _AMOUNT).match(value) is not None
        if ok:
            return
        text = str(value)
        if (isinstance(value, int) and value < 0) or (text.startswith("-")
                                                      and _NUMBERISH.match(text)):
            self.add(where, _("cannot be negative ({value})").format(value=shown(text)))
        elif share and _NUMBERISH.match(text):
            self.add(where, _("is a share of the pool and must be between 0 and 1 (at most "
                              "{digits} decimals), not {value}").format(digits=MAX_DIGITS,
                                                                        value=shown(text)))
        elif _NUMBERISH.match(text):
            self.add(where, _("has too many digits ({value}): at most {digits} before and "
                              "{digits} after the decimal point").format(value=shown(text),
                                                                         digits=MAX_DIGITS))
        else:
            self.add(where, _("should be a number written with digits and at most one '.', "
                              "with no sign, spaces or exponent (e.g. \"526300010\"), not "
                              "'{value}'").format(value=shown(text)))

    def datetime(self, value: Any, where: str) -> None:
        """A date-time with a UTC offset, within the format's years."""
        if not isinstance(value, datetime):
            self.add(where, _("should be a date and time with a UTC offset, not {kind}")
                     .format(kind=kind(value)))
        elif value.tzinfo is None:
            self.add(where, _("needs a UTC offset, e.g. 2018-01-26T00:02:13+09:00"))
        elif not year_in_range(value):
            self.add(where, _("year {year} is outside {first}-{last}, the years a scenario "
                              "may use").format(year=value.year, first=FIRST_YEAR,
                                                last=LAST_YEAR))

    def mapping(self, value: Any, f: F, where: str) -> None:
        """A table of id -> value (``[sources]``, ``[domain_map]``)."""
        if not isinstance(value, dict):
            self.add(where, _("should be a table, not {kind}").format(kind=kind(value)))
            return
        for key, item in value.items():
            self.ident(key, join(where, key), f.keys)
            if f.values is not None:
                self.value(item, f.values, join(where, key))
