"""Fuzzing the loader: whatever a file holds, the answer is a list of problems or a valid
incident that replays, never an exception."""

from __future__ import annotations

import contextlib
import copy
import tomllib
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer import loader, paths
from explainer.catalog import setups_for
from explainer.engine import replay

TEXT = (paths.scenarios_dir() / "coincheck-2018.toml").read_text(encoding="utf-8")
DATA = tomllib.loads(TEXT)
FUZZ = settings(deadline=None,  # how many examples: the profile (tests/conftest.py)
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])

ANY_VALUE = st.one_of(
    st.none(), st.booleans(), st.integers(-10**30, 10**30), st.floats(allow_nan=True),
    st.text(max_size=12), st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.datetimes(timezones=st.none() | st.just(timezone(timedelta(hours=9)))),
    st.sampled_from(["-1", "1e9", "0", "0.0000001", "NaN", "1.5", "nem-server", "as-run", ""]),
)


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


ALL_PATHS = [p for p in _paths(DATA) if p]


def _apply(data: Any, path: tuple, op: str, value: Any) -> None:
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if op == "delete":
        del parent[last]
    elif op == "replace":
        parent[last] = value
    elif op == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[last]))


@st.composite
def mutated(draw) -> dict[str, Any]:
    data = copy.deepcopy(DATA)
    for _ in range(draw(st.integers(1, 4))):
        live = [p for p in _paths(data) if p]
        path = draw(st.sampled_from(live))
        op = draw(st.sampled_from(["delete", "replace", "duplicate"]))
        value = draw(ANY_VALUE)
        # an earlier mutation may have removed or retyped the parent
        with contextlib.suppress(KeyError, IndexError, TypeError):
            _apply(data, path, op, value)
    return data


@FUZZ
@given(data=mutated())
def test_mutated_documents_are_refused_or_replay(data):
    problems = loader.check_incident_data(data, TEXT, "fuzz.toml")
    if problems:
        assert all(p.file == "fuzz.toml" and p.message for p in problems)
        return
    incident = loader.build_incident(data, "fuzz.toml")
    for setup in setups_for(incident):
        s = replay(incident, setup).summary
        assert 0 <= s.lost <= s.exposed <= s.pool


@FUZZ
@given(blob=st.binary(max_size=400))
def test_any_bytes_give_problems_not_exceptions(tmp_path_factory, blob):
    path = Path(tmp_path_factory.mktemp("fuzz")) / "blob.toml"
    path.write_bytes(blob)
    problems = loader.check_file(path)
    assert problems and all(str(path) in str(p) for p in problems)


@FUZZ
@given(cuts=st.lists(st.tuples(st.integers(0, len(TEXT)), st.integers(0, 40),
                               st.text(max_size=6)), min_size=1, max_size=3))
def test_edited_text_gives_problems_or_a_valid_incident(tmp_path_factory, cuts):
    text = TEXT
    for start, length, insert in cuts:
        text = text[:start] + insert + text[start + length:]
    path = Path(tmp_path_factory.mktemp("fuzz")) / "edited.toml"
    path.write_text(text, encoding="utf-8")
    problems = loader.check_file(path)
    if not problems:
        incident = loader.load_incident(path)
        assert incident.outflows


def test_datetime_fields_reject_local_times():
    data = copy.deepcopy(DATA)
    data["outflows"][0]["at"] = datetime(2018, 1, 26, 0, 2, 13)
    problems = loader.check_incident_data(data, TEXT, "x.toml")
    assert [p.field for p in problems] == ["outflows[0].at"]
