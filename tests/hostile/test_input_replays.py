"""Anything `check` accepts replays in every format, through the command line, without
an exception: hypothesis over mutated valid files, pushed to the format's bounds
(28-digit amounts, 28-decimal rates, years 1970 and 2999 with the longest time lock,
period and freeze, offsets of a day, hostile text)."""

from __future__ import annotations

import contextlib
import copy
import io
import json
import tomllib
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer import cli, loader
from explainer.schema import TEN_YEARS_HOURS

BASE = Path(__file__).parent / "files" / "in-base.toml"
DATA = tomllib.loads(BASE.read_text(encoding="utf-8"))
FORMATS = ("table", "markdown", "json")


def toml_value(value: Any) -> str:
    """``value`` written as TOML (inline tables and arrays: one line per document)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # JSON escapes are TOML escapes
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {toml_value(v)}"
                                for k, v in value.items()) + " }"
    raise TypeError(type(value))


def toml_document(data: dict[str, Any]) -> str:
    return "".join(f"{json.dumps(k)} = {toml_value(v)}\n" for k, v in data.items())


def test_the_writer_round_trips():
    assert tomllib.loads(toml_document(DATA)) == DATA


AMOUNTS = st.sampled_from([
    "1" * 28, "9" * 28, "0." + "0" * 27 + "1", "9" * 28 + "." + "9" * 28, "1", "0.01",
    "12345678901234.56789012345678", 10**28 - 1, 1, "3", "7",
    "1" * 29, "1" * 40, "0." + "0" * 40 + "1", 10**30,  # beyond the bounds: refused
])
SHARES = st.sampled_from(["0", "1", "0." + "0" * 27 + "1", "0." + "9" * 28, "0.5", 1, 0])
# Rich markup in a text ("[/]") is the output guard's concern (tests/hostile, harden-out);
# these are texts the loader lets through that must not upset the arithmetic or layout.
TEXTS = st.sampled_from([
    "*_`|#<b>&amp;", "日本語のラベル" * 8, "x" * 2000, "\\x1b", "¥ € ₹", "e\u0301",
    "\u202eevil", " lead", "a" * 300,
])
OFFSETS = st.sampled_from([timedelta(0), timedelta(hours=23, minutes=59),
                           -timedelta(hours=23, minutes=59), timedelta(hours=9)])
EDGES = st.sampled_from([datetime(1970, 1, 1, 0, 0), datetime(2999, 12, 31, 20, 0),
                         datetime(2999, 12, 31, 23, 59), datetime(1970, 1, 1, 3, 0),
                         # beyond the bounds (refused): where the engine used to overflow
                         datetime(9999, 12, 31, 20, 0), datetime(1, 1, 1, 0, 0)])
HOURS = st.sampled_from([1, 24, TEN_YEARS_HOURS])


def _shift_times(data: dict[str, Any], edge: datetime, offset: timedelta) -> None:
    """Move every date-time so the earliest (or the latest) sits on ``edge``, order kept."""
    times = [x["at"] for key in ("achievements", "outflows", "response") for x in data[key]]
    anchor = min(times) if edge.year < 2000 else max(times)
    tz = timezone(offset)
    for key in ("achievements", "outflows", "response"):
        for x in data[key]:
            x["at"] = (edge + (x["at"] - anchor)).replace(tzinfo=tz)


@st.composite
def extreme_documents(draw) -> dict[str, Any]:
    data = copy.deepcopy(DATA)
    if draw(st.booleans()):
        _shift_times(data, draw(EDGES), draw(OFFSETS))
    limited, locked = data["setups"][1], data["setups"][2]
    limited["wallets"][0]["limits"][0]["period_hours"] = draw(HOURS)
    limited["response"]["after_minutes"] = draw(st.sampled_from([0, 1, TEN_YEARS_HOURS * 60]))
    locked["wallets"][0]["delay_hours"] = draw(st.sampled_from([0, 1, TEN_YEARS_HOURS]))
    data["asset"]["decimals"] = draw(st.sampled_from([0, 2, 27, 28]))
    for _ in range(draw(st.integers(0, 4))):
        where = draw(st.sampled_from([
            ("pool", "amount", AMOUNTS), ("valuations", "value", AMOUNTS),
            ("valuations", "per", AMOUNTS), ("outflows", "amount", AMOUNTS),
            ("limit", "amount", AMOUNTS), ("title", None, TEXTS), ("label", None, TEXTS),
            ("symbol", None, TEXTS), ("currency", None, TEXTS), ("share", None, SHARES),
        ]))
        part, field, values = where
        value = draw(values)
        if part == "pool":
            data["pool"]["amount"] = value
        elif part in ("valuations", "outflows"):
            data[part][draw(st.integers(0, len(data[part]) - 1))][field] = value
        elif part == "limit":
            limited["wallets"][0]["limits"][0]["amount"] = value
        elif part == "title":
            data["title"] = value
        elif part == "label":
            draw(st.sampled_from(data["setups"]))["label"] = value
        elif part == "symbol":
            data["asset"]["symbol"] = value
        elif part == "currency":
            data["valuations"][0]["currency"] = value
        else:
            limited["wallets"][0]["limits"][0].pop("amount", None)
            limited["wallets"][0]["limits"][0]["share"] = value
    return data


def _replay(path: Path, fmt: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["replay", str(path), "--all", "--format", fmt])
    return code, err.getvalue()


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                HealthCheck.function_scoped_fixture])
@given(data=extreme_documents())
def test_whatever_check_accepts_replays_in_every_format(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("extreme") / "extreme.toml"
    path.write_text(toml_document(data), encoding="utf-8")
    if loader.check_file(path):
        return
    for fmt in FORMATS:
        assert _replay(path, fmt) == (0, ""), fmt


def test_the_bounds_themselves_replay(tmp_path):
    """The largest figures and the furthest dates the format allows, all at once."""
    data = copy.deepcopy(DATA)
    _shift_times(data, datetime(2999, 12, 31, 23, 59), -timedelta(hours=23, minutes=59))
    data["pool"]["amount"] = "9" * 28
    data["asset"]["decimals"] = 0
    for o in data["outflows"]:
        o["amount"] = "1" * 27
    data["valuations"][0].update(value="9" * 28 + "." + "9" * 28, per="0." + "0" * 27 + "1")
    data["setups"][1]["wallets"][0]["limits"][0].update(amount="1" * 28,
                                                        period_hours=TEN_YEARS_HOURS)
    data["setups"][1]["response"]["after_minutes"] = TEN_YEARS_HOURS * 60
    data["setups"][2]["wallets"][0]["delay_hours"] = TEN_YEARS_HOURS
    path = tmp_path / "bounds.toml"
    path.write_text(toml_document(data), encoding="utf-8")
    assert loader.check_file(path) == []
    for fmt in FORMATS:
        assert _replay(path, fmt) == (0, ""), fmt
    _shift_times(data, datetime(1970, 1, 1, 0, 0), timedelta(hours=23, minutes=59))
    path.write_text(toml_document(data), encoding="utf-8")
    assert loader.check_file(path) == []
    for fmt in FORMATS:
        assert _replay(path, fmt) == (0, ""), fmt
