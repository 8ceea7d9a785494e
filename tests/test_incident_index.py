"""The committed incident index: fresh, well formed, cheap to import, and checked against
the files it was built from."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from explainer import incident_index as ii
from explainer import loader, paths
from explainer.engine import replay


def test_the_committed_index_is_what_the_scenarios_give_today() -> None:
    # a scenario edited without 'python -m explainer.incident_index' fails here
    committed = ii.index_file().read_text(encoding="utf-8")
    assert committed == ii.dumps(ii.build_index()), (
        "explainer/data/index.json is stale: run 'python -m explainer.incident_index'")
    assert ii.main(["--check"]) == 0


def test_the_index_lists_every_bundled_incident_by_date() -> None:
    entries = ii.read_index()
    assert sorted(e.ref for e in entries) == sorted(p.stem for p in loader.bundled_paths())
    assert [(e.date, e.id) for e in entries] == sorted((e.date, e.id) for e in entries)
    assert len(entries) == 11


def test_an_entry_holds_the_as_run_figures_of_the_engine() -> None:
    entry = next(e for e in ii.read_index() if e.id == "coincheck-2018")
    incident = loader.load("coincheck-2018")
    run = replay(incident, incident.setup("as-run"))
    assert run.summary.lost_fraction == 1  # every XEM left the one hot wallet
    assert entry.lost == "100%"
    assert entry.lost_setup == "as run"
    assert entry.left.startswith("526,300,010 XEM")
    assert entry.title == "Coincheck NEM theft" and entry.date == "2018-01-26"
    assert entry.point == "One key on one always-online server was the whole defence."
    assert entry.digest == ii.digest(paths.scenarios_dir() / "coincheck-2018.toml")


@pytest.mark.parametrize(("text", "first"), [
    ("One. Two.", "One."),
    ("A 2.5% share fell. Then more.", "A 2.5% share fell."),
    ("No full stop here", "No full stop here"),
    ("Spread\nover  lines. Next", "Spread over lines."),
    ("Ends with a question? Yes.", "Ends with a question?"),
])
def test_first_sentence(text: str, first: str) -> None:
    assert ii.first_sentence(text) == first


@pytest.mark.parametrize("text", [
    "[]", '{"format": 2, "incidents": []}',
    '{"format": 1, "incidents": [{"ref": "x"}]}',
    '{"format": 1, "incidents": [1]}',
])
def test_a_malformed_index_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        ii.loads(text)


def test_round_trip() -> None:
    entries = ii.read_index()
    assert ii.loads(ii.dumps(entries)) == entries


def test_verify_finds_changed_new_and_removed_files(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    entries = ii.read_index()  # the real index: eleven entries
    scenarios = tmp_path / "scenarios"
    scenarios.mkdir()
    for name in ("coincheck-2018", "bybit-2025", "zaif-2018"):
        shutil.copy(paths.scenarios_dir() / f"{name}.toml", scenarios)
    monkeypatch.setattr(paths, "scenarios_dir", lambda: scenarios)
    # one file changed, one removed (the other eight), one new
    (scenarios / "zaif-2018.toml").write_text(
        (scenarios / "zaif-2018.toml").read_text(encoding="utf-8") + "\n# edited\n",
        encoding="utf-8")
    shutil.copy(scenarios / "bybit-2025.toml", scenarios / "my-copy.toml")
    fresh, stale = ii.verify(entries)
    assert sorted(e.ref for e in fresh) == ["bybit-2025", "coincheck-2018"]
    assert sorted(p.stem for p in stale) == ["my-copy", "zaif-2018"]


def test_a_missing_index_means_every_file_is_rebuilt(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ii, "index_file", lambda: tmp_path / "none.json")
    fresh, stale = ii.load_index()
    assert fresh == []
    assert len(stale) == 11


def test_the_index_file_is_plain_json_with_one_key_per_line() -> None:
    text = ii.index_file().read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["format"] == ii.FORMAT
    assert text.count('"ref":') == 11  # one entry per incident, readable diffs


def test_reading_the_index_loads_neither_the_model_nor_the_engine() -> None:
    code = ("import sys; from explainer import incident_index as ii; ii.read_index(); "
            "ii.load_index(); "
            "bad = [m for m in sys.modules if m.startswith(('explainer.model', "
            "'explainer.engine', 'explainer.loader', 'textual', 'rich'))]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"
