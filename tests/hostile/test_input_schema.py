"""`check` and the JSON Schema (`wallet-explainer schema`) accept the same files.

A small validator for the part of JSON Schema the format uses (written here, so the test
needs no extra package) checks hand-picked hostile values and mutated documents: a value
is refused by the shape check exactly when the schema refuses it. Ids, amounts, URLs,
date-times, texts and the format version are each pinned down on both sides."""

from __future__ import annotations

import copy
import re
import tomllib
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from explainer import loader, paths
from explainer.scenario_io.shape import Checker, to_decimal
from explainer.schema import INCIDENT, LIBRARY, json_schema

BASE = Path(__file__).parent / "files" / "in-base.toml"
TEXT = BASE.read_text(encoding="utf-8")
DATA = tomllib.loads(TEXT)
SCHEMA = json_schema()


def _ecma(pattern: str) -> re.Pattern[str]:
    """A JSON Schema (ECMA-262) pattern in Python: '$' is the very end, and the search
    is unanchored unless the pattern says otherwise."""
    return re.compile(re.sub(r"\$$", r"\\Z", pattern))


def valid(schema: dict[str, Any], value: Any) -> bool:
    """Whether ``value`` satisfies ``schema`` under both readings of a pattern's '$':
    ECMA-262's (the very end, as editors read it) and Python's (also before a final
    newline, as the ``jsonschema`` package reads it). The two must agree."""
    ecma, python = _valid(schema, value, _ecma), _valid(schema, value, re.compile)
    assert ecma is python, (value, "the two readings of '$' disagree")
    return ecma


def _valid(schema: dict[str, Any], value: Any, compile_: Any) -> bool:
    """``valid`` for one reading of patterns, for the keywords the scenario schema uses
    (TOML date-times are seen as ISO strings, as an editor sees them)."""
    valid = lambda s, v: _valid(s, v, compile_)  # noqa: E731 - the same reading throughout
    if isinstance(value, datetime | date | time):
        value = value.isoformat()
    if "oneOf" in schema and sum(valid(s, value) for s in schema["oneOf"]) != 1:
        return False
    if "allOf" in schema and not all(valid(s, value) for s in schema["allOf"]):
        return False
    if "not" in schema and valid(schema["not"], value):
        return False
    kind = schema.get("type")
    checks = {"string": lambda v: isinstance(v, str),
              "boolean": lambda v: isinstance(v, bool),
              "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
              "array": lambda v: isinstance(v, list),
              "object": lambda v: isinstance(v, dict)}
    if kind is not None and not checks[kind](value):
        return False
    if "const" in schema and value != schema["const"]:
        return False
    if "enum" in schema and value not in schema["enum"]:
        return False
    if "pattern" in schema and isinstance(value, str) \
            and not compile_(schema["pattern"]).search(value):
        return False
    if isinstance(value, int) and not isinstance(value, bool) and not (
            schema.get("minimum", value) <= value <= schema.get("maximum", value)):
        return False
    if schema.get("format") == "date-time" and not re.fullmatch(
            r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)", value):
        return False
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            return False
        if "items" in schema and not all(valid(schema["items"], v) for v in value):
            return False
    if isinstance(value, dict):
        props = schema.get("properties", {})
        if any(k not in value for k in schema.get("required", ())):
            return False
        if "propertyNames" in schema and not all(valid(schema["propertyNames"], k)
                                                 for k in value):
            return False
        extra = schema.get("additionalProperties", True)
        for k, v in value.items():
            if k in props:
                if not valid(props[k], v):
                    return False
            elif extra is False or (isinstance(extra, dict) and not valid(extra, v)):
                return False
    return True


def shape_ok(data: dict[str, Any]) -> bool:
    c = Checker("x.toml", TEXT)
    c.table(data, INCIDENT, "")
    return not c.problems


def test_the_base_file_is_valid_both_ways():
    assert shape_ok(DATA) and valid(SCHEMA, DATA)
    assert loader.check_file(BASE) == []


AMOUNTS_BOTH_ACCEPT = ["5", "0", "10.25", "1" * 28, "0." + "0" * 27 + "1", 10**28 - 1, 0]
AMOUNTS_BOTH_REFUSE = [" 5 ", "10\n", "\n10", "+5", "-5", "1e3", "1_000", "1,000", "5.",
                       ".5", "0x10", "٣", "５", "", "1" * 29, "0." + "0" * 28 + "1",
                       10**28, -1, 1.5, True, "NaN", "Infinity"]


@pytest.mark.parametrize("value", AMOUNTS_BOTH_ACCEPT + AMOUNTS_BOTH_REFUSE, ids=repr)
def test_amounts_are_accepted_exactly_when_the_schema_accepts_them(value):
    data = copy.deepcopy(DATA)
    data["outflows"][0]["amount"] = value
    assert shape_ok(data) is valid(SCHEMA, data) is (value in AMOUNTS_BOTH_ACCEPT)
    assert (to_decimal(value) is not None) is (value in AMOUNTS_BOTH_ACCEPT)


IDS_BOTH_REFUSE = ["has space", "$(touch x)", "../up", "a/b", "UPPER", "-lead", "k" * 65,
                   "", "é", "tab\there", "new\nline", "semi;colon", "under_score", "dot.ted"]


@pytest.mark.parametrize("value", IDS_BOTH_REFUSE, ids=repr)
@pytest.mark.parametrize("where", [("id",), ("setups", 0, "id"), ("domains", 0, "id"),
                                   ("setups", 0, "keys", 0, "id"),
                                   ("setups", 0, "wallets", 0, "id"), ("valuations", 0, "id"),
                                   ("response", 0, "id")])
def test_ids_of_every_kind_follow_one_pattern(where, value):
    data = copy.deepcopy(DATA)
    node = data
    for step in where[:-1]:
        node = node[step]
    node[where[-1]] = value
    assert not shape_ok(data) and not valid(SCHEMA, data)
    node[where[-1]] = "ok-" + "k" * 61  # 64 characters: the longest id
    assert shape_ok(data) and valid(SCHEMA, data)


def test_every_id_field_in_the_schema_carries_the_pattern():
    seen: list[str] = []

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            for key, value in node.get("properties", {}).items():
                where = f"{path}.{key}"
                if key == "id" or key in ("domain", "signs_via", "enforced_by", "refill_from"):
                    assert value["pattern"].startswith("^[a-z0-9]"), where
                    seen.append(where)
                walk(value, where)
            for key in ("items", "additionalProperties", "propertyNames"):
                if isinstance(node.get(key), dict):
                    walk(node[key], f"{path}.{key}")

    walk(SCHEMA, "")
    assert len(seen) >= 15
    names = SCHEMA["properties"]["sources"]["propertyNames"]
    assert names["pattern"] == "^[A-Za-z0-9][A-Za-z0-9-]{0,63}$"
    assert SCHEMA["properties"]["domain_map"]["propertyNames"]["pattern"].startswith("^[a-z")


@pytest.mark.parametrize("url,ok", [
    ("https://example.org/a?b=c#d", True), ("http://example.org", True),
    ("HTTPS://EXAMPLE.ORG", True), ("", True), ("javascript:alert(1)", False),
    ("file:///etc/passwd", False), ("data:text/html,hi", False), ("ftp://example.org", False),
    ("https://", False), ("https://exa mple.org", False), ("//example.org", False),
    ("https://example.org/\x1b[2J", False), (" https://example.org", False)])
def test_source_urls_are_http_or_https_only(url, ok):
    data = copy.deepcopy(DATA)
    data["sources"]["T1"]["url"] = url
    assert shape_ok(data) is valid(SCHEMA, data) is ok


def test_format_is_pinned_to_one_in_both():
    assert SCHEMA["properties"]["format"]["const"] == 1
    for version, ok in ((1, True), (2, False), (0, False), (True, False)):
        data = copy.deepcopy(DATA)
        data["format"] = version
        assert shape_ok(data) is valid(SCHEMA, data) is ok


@pytest.mark.parametrize("text,field,ok", [
    ("plain", "title", True), ("two\nlines", "title", False), ("tab\there", "title", False),
    ("esc\x1b[2J", "title", False), ("del\x7f", "title", False), ("c1\x9b", "title", False),
    ("bell\x07", "title", False), ("   ", "title", False),
    ("two\nlines\tand a tab", "summary", True), ("esc\x1b", "summary", False),
    ("cr\rhere", "summary", False), ("wide 日本語 and ¥", "title", True)])
def test_texts_refuse_control_characters_in_both(text, field, ok):
    data = copy.deepcopy(DATA)
    data[field] = text
    assert shape_ok(data) is valid(SCHEMA, data) is ok


@pytest.mark.parametrize("year,ok", [(1969, False), (1970, True), (2999, True),
                                     (3000, False), (9999, False), (1, False)])
def test_date_times_are_bounded_in_both(year, ok):
    data = copy.deepcopy(DATA)
    data["outflows"][0]["at"] = data["outflows"][0]["at"].replace(year=year)
    assert shape_ok(data) is valid(SCHEMA, data) is ok


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-2, 2), st.integers(10**27, 10**29),
    st.text(alphabet="0123456789.-+ e\n\tx\x1b/$Aa", max_size=32),
    st.sampled_from(["1", "0.5", "1.0", "2", "hot", "as-run", "T1", "S5", "server",
                     "https://a.example", "javascript:x", "1" * 28, "1" * 29]),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)).map(
        lambda d: d.replace(microsecond=0, tzinfo=DATA["outflows"][0]["at"].tzinfo)),
)


def _leaves(node: Any, prefix: tuple = ()) -> list[tuple]:
    if isinstance(node, dict):
        return [p for k, v in node.items() for p in _leaves(v, (*prefix, k))]
    if isinstance(node, list) and node and isinstance(node[0], dict):
        return [p for i, v in enumerate(node) for p in _leaves(v, (*prefix, i))]
    return [prefix]


LEAVES = _leaves(DATA)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(LEAVES), SCALARS), min_size=1, max_size=3))
def test_mutated_documents_get_the_same_verdict_from_both(changes):
    # TOML date-times have no JSON type (editors show them as strings), so the two can
    # only be compared where the format expects a date-time
    assume(all(isinstance(v, datetime) is (p[-1] in ("at", "latest")) for p, v in changes))
    data = copy.deepcopy(DATA)
    for path, value in changes:
        node = data
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value
    assert shape_ok(data) is valid(SCHEMA, data)


def _all_ids(node: Any, out: list[str]) -> list[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("id", "domain", "signs_via", "enforced_by", "refill_from"):
                out.append(value)
            elif key in ("keys", "recovery_keys", "compromises", "auto_signs_for",
                         "delegated_to", "set_from") and value and isinstance(value[0], str):
                out.extend(value)
            elif key == "domain_map":
                out.extend([*value, *value.values()])
            _all_ids(value, out)
    elif isinstance(node, list):
        for item in node:
            _all_ids(item, out)
    return out


@pytest.mark.parametrize("path", [*loader.bundled_paths(), paths.library_file()],
                         ids=lambda p: p.name)
def test_bundled_files_comply_with_the_id_pattern(path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    ids = _all_ids(data, [])
    assert ids and all(re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", i) for i in ids)
    assert all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9-]{0,63}", s)
               for s in data.get("sources", {}))
    assert valid(json_schema() if "outflows" in data else _library_schema(), data)
    assert loader.check_file(path) == []


def _library_schema() -> dict[str, Any]:
    from explainer.schema import _json_object

    return _json_object(LIBRARY)
