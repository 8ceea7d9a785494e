"""The three output formats against reviewed golden files, the JSON contract, and
proof that the scripted paths never import Textual."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from explainer import cli

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"  # rewrite after reviewing a deliberate change


def run(capsys, monkeypatch, *argv: str) -> str:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert cli.main(list(argv)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


@pytest.mark.parametrize("name,argv", [
    ("replay-table.txt", ["replay", "coincheck-2018"]),
    ("replay-5pct-table.txt", ["replay", "coincheck-2018", "--setup", "japan-5pct-hot"]),
    ("replay-markdown.md", ["replay", "coincheck-2018", "--format", "markdown"]),
    ("replay.json", ["replay", "coincheck-2018", "--format", "json"]),
])
def test_golden_output(capsys, monkeypatch, name, argv):
    out = run(capsys, monkeypatch, *argv)
    path = GOLDEN / name
    if UPDATE:
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


def test_table_fits_80_columns_without_colour(capsys, monkeypatch):
    out = run(capsys, monkeypatch, "replay", "coincheck-2018", "--all")
    assert "\x1b[" not in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_json_contract(capsys, monkeypatch):
    doc = json.loads(run(capsys, monkeypatch, "replay", "coincheck-2018", "--all", "--format",
                         "json"))
    assert doc["scenario"] == "coincheck-2018"
    assert doc["asset"] == "XEM" and doc["pool"] == "526300010"
    ids = [s["id"] for s in doc["setups"]]
    assert ids[0] == "as-run" and "hot-cold-5pct" in ids and len(ids) == len(set(ids))
    for s in doc["setups"]:
        for key in ("id", "label", "exposed", "lost", "lost_fraction", "lost_fiat", "events"):
            assert key in s
        assert {f["valuation"] for f in s["lost_fiat"]} == {"market-jpy", "compensation-jpy",
                                                          "market-usd"}
        for e in s["events"]:
            assert re.fullmatch(r"2018-01-26T\d\d:\d\d:\d\d\+09:00", e["at"])
            assert isinstance(e["approximate"], bool)
            assert e["outcome"] in ("moved", "partial", "blocked")
            for key in ("requested", "moved"):
                assert isinstance(e[key], str) and re.fullmatch(r"\d+(\.\d+)?", e[key])
            assert e["reason"] and e["wallet"]
    as_run = doc["setups"][0]
    assert as_run["lost"] == "526300010" and as_run["lost_fraction"] == "1"
    assert as_run["events"][0]["at"] == "2018-01-26T00:02:13+09:00"
    assert as_run["events"][1]["approximate"] is True
    comp = next(f for f in as_run["lost_fiat"] if f["valuation"] == "compensation-jpy")
    assert comp["amount"] == "46603339585.49" and comp["approximate"] is False


def test_listings(capsys, monkeypatch):
    listed = json.loads(run(capsys, monkeypatch, "scenarios", "--format", "json"))
    assert {"id": "coincheck-2018", "title": "Coincheck NEM theft"}.items() <= \
        next(x for x in listed if x["id"] == "coincheck-2018").items()
    setups = json.loads(run(capsys, monkeypatch, "setups", "coincheck-2018", "--format", "json"))
    assert [s["id"] for s in setups][:2] == ["as-run", "japan-5pct-hot"]
    assert any(s["origin"] == "library" for s in setups)
    table = run(capsys, monkeypatch, "setups", "coincheck-2018")
    assert "as-run-10min-freeze" in table


def test_schema_is_json_schema(capsys, monkeypatch):
    schema = json.loads(run(capsys, monkeypatch, "schema"))
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert "outflows" in schema["required"]
    wallet = schema["properties"]["setups"]["items"]["properties"]["wallets"]["items"]
    threshold = wallet["properties"]["threshold"]
    assert (threshold["type"], threshold["minimum"], threshold["maximum"]) == ("integer", 1, 1000)
    assert threshold["description"]


@pytest.mark.parametrize("argv", [
    ["replay", "coincheck-2018", "--all", "--format", "json"],
    ["replay", "coincheck-2018"],
    ["replay", "coincheck-2018", "--format", "markdown"],
    ["scenarios"],
    ["setups", "coincheck-2018"],
    ["check", "explainer/data/scenarios/coincheck-2018.toml"],
    ["schema"],
    ["cuts", "coincheck-2018", "--all"],
    ["cuts", "coincheck-2018", "--format", "markdown"],
    ["curve", "coincheck-2018", "--format", "json"],
    ["sweep", "coincheck-2018", "--hot-share", "0:10:5", "--freeze-after", "0:10:5"],
    ["sweep", "coincheck-2018", "--threshold", "1:3", "--shared", "0:3"],
])
def test_scripted_paths_never_import_textual(argv):
    code = ("import sys; from explainer.cli import main; import contextlib, io\n"
            "with contextlib.redirect_stdout(io.StringIO()): rc = main(sys.argv[1:])\n"
            "print(rc, 'textual' in sys.modules, any(m.startswith('textual') "
            "for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True,
                          timeout=60, cwd=Path(__file__).parent.parent)
    assert done.stdout.split() == ["0", "False", "False"], done.stderr


def test_json_path_does_not_even_import_rich():
    code = ("import sys; from explainer.cli import main; import contextlib, io\n"
            "with contextlib.redirect_stdout(io.StringIO()): "
            "main(['replay', 'coincheck-2018', '--all', '--format', 'json'])\n"
            "print(any(m == 'rich' or m.startswith('rich.') for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.stdout.strip() == "False", done.stderr


def test_matrix_covers_every_incident_and_library_setup(capsys, monkeypatch):
    doc = json.loads(run(capsys, monkeypatch, "matrix", "--format", "json"))
    incidents = {i["id"] for i in doc["incidents"]}
    setups = [s["id"] for s in doc["setups"]]
    assert "coincheck-2018" in incidents and len(incidents) >= 11
    assert setups[0] == "as-run" and "hot-cold-5pct" in setups
    cells = {(c["incident"], c["setup"]): c for c in doc["cells"]}
    for incident in incidents:
        for setup in setups[1:]:  # every library setup replays against every incident
            assert (incident, setup) in cells
    assert cells[("coincheck-2018", "as-run")]["lost"] == "526300010"
    assert cells[("coincheck-2018", "hot-cold-5pct")]["lost"] == "26315000.5"
    table = run(capsys, monkeypatch, "matrix")
    assert max(len(line) for line in table.splitlines()) <= 80
    assert "multisig-2of3-colocated" in table
