"""At any terminal width every figure is printed whole: never cut, never run into another.

The JSON output says what the figures are; the table output at width w must show each of
them as one token on one line (wrapping and switching layout are fine, truncating is not).
Every test runs in English and in Japanese, whose tables break lines between characters
and are laid out by display width (double-width characters).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from explainer import cli, i18n
from explainer import numbers as fmt
from explainer.incident_index import shown_date
from explainer.report.matrix import short

LANGS = pytest.mark.parametrize("lang", ["en", "ja"])

WIDTHS = st.integers(min_value=0, max_value=200)
EDGES = (0, 1, 39, 40, 41, 60, 79, 80, 81, 100, 139, 140, 141, 200)


def _run(capsys, monkeypatch, width: int, *argv: str, lang: str = "en") -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    code = cli.main([*argv, "--lang", lang])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert out.strip(), f"nothing printed at COLUMNS={width}"
    return out


def _whole(figure: str, out: str) -> bool:
    """``figure`` appears on one line, not glued to other digits or a cut mark."""
    pattern = rf"(?<![\d.,…]){re.escape(figure)}(?![\d.,]*\d)(?!…)"
    return any(re.search(pattern, line) for line in out.splitlines())


def _check_replay_figures(out: str, doc: dict, one_setup: bool) -> None:
    for setup in doc["setups"]:
        lost = fmt.units(Decimal(setup["lost"]))
        share = fmt.percent(Decimal(setup["lost_fraction"]))
        assert _whole(lost, out), (setup["id"], lost)
        assert _whole(share, out), (setup["id"], share)
        if one_setup:
            for event in setup["events"]:
                assert _whole(fmt.units(Decimal(event["requested"])), out)
    assert not re.search(r"\d…", out), out  # no figure column is cut with an ellipsis


@pytest.fixture(scope="module")
def replay_all_json() -> dict:
    import io
    from contextlib import redirect_stdout

    buffer = io.StringIO()
    with redirect_stdout(buffer):
        assert cli.main(["replay", "coincheck-2018", "--all", "--format", "json"]) == 0
    return json.loads(buffer.getvalue())


@LANGS
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(width=WIDTHS)
@example(width=0).via("COLUMNS=0 printed nothing")
@example(width=40).via("setup names vanished")
@example(width=80)
@example(width=81)
@example(width=139)
def test_every_replay_figure_is_whole_at_any_width(capsys, monkeypatch, replay_all_json, width,
                                                   lang):
    out = _run(capsys, monkeypatch, width, "replay", "coincheck-2018", "--all", lang=lang)
    _check_replay_figures(out, replay_all_json, one_setup=False)


@LANGS
@pytest.mark.parametrize("width", EDGES)
def test_one_setup_timeline_keeps_every_amount_whole(capsys, monkeypatch, width, lang):
    argv = ("replay", "coincheck-2018", "--setup", "japan-5pct-hot")
    doc = json.loads(_run(capsys, monkeypatch, 100, *argv, "--format", "json"))
    out = _run(capsys, monkeypatch, width, *argv, lang=lang)
    _check_replay_figures(out, doc, one_setup=True)


def test_setup_names_stay_at_40_columns(capsys, monkeypatch, replay_all_json):
    out = _run(capsys, monkeypatch, 40, "replay", "coincheck-2018", "--all")
    flat = " ".join(out.split())
    for setup in replay_all_json["setups"]:
        assert " ".join(setup["label"].split()) in flat, setup["label"]
    assert max(len(line) for line in out.splitlines()) <= 40


def test_japanese_setup_names_stay_at_40_columns(capsys, monkeypatch):
    """Japanese lines break between characters: each name reads whole once the line
    breaks are taken out, and no line is wider than 40 cells."""
    doc = json.loads(_run(capsys, monkeypatch, 100, "replay", "coincheck-2018", "--all",
                          "--format", "json", lang="ja"))
    out = _run(capsys, monkeypatch, 40, "replay", "coincheck-2018", "--all", lang="ja")
    flat = "".join(out.split())
    for setup in doc["setups"]:
        assert "".join(setup["label"].split()) in flat, setup["label"]
    assert max(cell_len(line) for line in out.splitlines()) <= 40


@pytest.fixture(scope="module")
def matrix_json(tmp_path_factory) -> dict:
    import io
    from contextlib import redirect_stdout

    buffer = io.StringIO()
    with redirect_stdout(buffer):
        assert cli.main(["matrix", "--format", "json"]) == 0
    return json.loads(buffer.getvalue())


def _matrix_cells(out: str) -> dict[tuple[str, str], str]:
    """Read the table(s) back: heads from each 'Setup' (構成) line, values from the rows
    under it."""
    legend = dict(re.findall(r"([A-Z][a-z]{2}) ([a-z0-9-]+)", " ".join(out.split()).split(
        "timelocked-cold-vault")[-1]))
    cells: dict[tuple[str, str], str] = {}
    heads: list[str] = []
    for line in out.splitlines():
        words = line.split()
        if words[:1] in (["Setup"], ["構成"]):
            heads = words[1:]
        elif heads and words and re.fullmatch(r"[a-z0-9-]+", words[0]) and \
                len(words) == len(heads) + 1:
            for head, value in zip(heads, words[1:], strict=True):
                cells[(legend[head], words[0])] = value
    return cells


@LANGS
@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(width=WIDTHS)
@example(width=0)
@example(width=80).via("dropped the last incident")
@example(width=81).via("cut 70% to 7")
@example(width=200)
def test_every_matrix_cell_is_shown_whole_at_any_width(capsys, monkeypatch, matrix_json, width,
                                                       lang):
    out = _run(capsys, monkeypatch, width, "matrix", lang=lang)
    assert "…" not in out
    cells = _matrix_cells(out)
    expected = {(c["incident"], c["setup"]): short(Decimal(c["lost_fraction"]))
                for c in matrix_json["cells"]}
    for key, value in expected.items():
        assert cells.get(key) == value, (width, key, cells.get(key), value)


@pytest.mark.parametrize("width", EDGES)
@pytest.mark.parametrize("argv", [("setups", "coincheck-2018"), ("scenarios",)])
def test_lists_keep_every_id_and_name_at_any_width(capsys, monkeypatch, width, argv):
    items = json.loads(_run(capsys, monkeypatch, 100, *argv, "--format", "json"))
    out = _run(capsys, monkeypatch, width, *argv)
    assert "…" not in out
    lines = [line.split() for line in out.splitlines()]
    for item in items:
        assert any(item["id"] in words for words in lines), item["id"]  # ids never wrap here
        name = item.get("label") or item["title"]
        for word in name.split():
            assert any(word in words for words in lines), (width, word)
        if "date" in item:  # a date column never wraps: never cropped either
            assert any(item["date"] in line for line in out.splitlines()), (width, item["date"])


@pytest.mark.parametrize("width", EDGES)
@pytest.mark.parametrize("argv", [("setups", "coincheck-2018"), ("scenarios",)])
def test_japanese_lists_keep_every_id_and_name_at_any_width(capsys, monkeypatch, width, argv):
    """Ids stay whole on one line; a Japanese name may break between characters, so it
    must read whole once the ids, dates and origins beside it and the line breaks are
    taken out (they sit on a row's first line, the name's lines follow in order)."""
    items = json.loads(_run(capsys, monkeypatch, 100, *argv, "--format", "json", lang="ja"))
    out = _run(capsys, monkeypatch, width, *argv, lang="ja")
    assert "…" not in out
    assert max(cell_len(line) for line in out.splitlines()) <= max(width, 40)
    lines = [line.split() for line in out.splitlines()]
    beside = {"ライブラリ", "事件"} if argv[0] == "setups" else set()
    i18n.use("ja")
    dates = {item["id"]: shown_date(item["date"]) for item in items if "date" in item}
    for item in items:
        assert any(item["id"] in words for words in lines), item["id"]
        if "date" in item:  # written as the incident browser writes it: 2018年1月26日
            assert any(dates[item["id"]] in line for line in out.splitlines()), (width, item)
    beside |= {w for date in dates.values() for w in date.split()}
    flat = "".join(w for words in lines for w in words
                   if w not in beside and not any(w == i["id"] for i in items))
    for item in items:
        name = item.get("label") or item["title"]
        assert "".join(name.split()) in flat, (width, name)
