"""The committed incident index: fresh, well formed, cheap to import, and checked against
the files it was built from."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from explainer import i18n, loader, paths
from explainer import incident_index as ii
from explainer.engine import replay
from tests.leaks import leaks


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_committed_index_is_what_the_scenarios_give_today(lang: str) -> None:
    # a scenario or translation edited without 'python -m explainer.incident_index' fails here
    committed = ii.index_file(lang).read_text(encoding="utf-8")
    assert committed == ii.dumps(ii.build_index(lang)), (
        f"{ii.index_file(lang).name} is stale: run 'python -m explainer.incident_index'")
    assert ii.main(["--check"]) == 0
    assert i18n.current() == "en"  # building another language's index leaves ours alone


def test_every_language_has_its_index_file_and_english_keeps_its_name() -> None:
    assert ii.index_file("en").name == "index.json"
    assert ii.index_file("ja").name == "index.ja.json"
    assert ii.index_file() == ii.index_file("en")
    i18n.use("ja")
    assert ii.index_file() == ii.index_file("ja")
    assert [e.ref for e in ii.read_index()] == [e.ref for e in ii.read_index("en")]


def test_the_japanese_index_holds_the_translated_texts() -> None:
    entry = next(e for e in ii.read_index("ja") if e.id == "coincheck-2018")
    english = next(e for e in ii.read_index("en") if e.id == "coincheck-2018")
    assert entry.title == "コインチェックNEM不正送金事件"
    assert entry.venue.startswith("コインチェック")
    # the first sentence of the Japanese teaching point ends at its first 。
    assert entry.point == "常時オンラインのサーバー1台に置かれた鍵1本が、守りのすべてでした。"
    assert entry.lost_setup != english.lost_setup and not leaks(entry.lost_setup)
    assert entry.ref == english.ref and entry.date == english.date
    # the digest covers the translation too: the English digest does not match it
    path = paths.scenarios_dir() / "coincheck-2018.toml"
    assert entry.digest == ii.digest(path, "ja") != ii.digest(path)
    for e in ii.read_index("ja"):
        assert not leaks(e.point) and not leaks(e.title), e.ref


def test_an_edited_translation_makes_only_its_language_stale(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ja, en = ii.read_index("ja"), ii.read_index("en")  # the real indexes
    scenarios = tmp_path / "scenarios"
    (scenarios / "ja").mkdir(parents=True)
    for name in ("coincheck-2018", "bybit-2025"):
        shutil.copy(paths.scenarios_dir() / f"{name}.toml", scenarios)
        shutil.copy(paths.scenarios_dir() / "ja" / f"{name}.toml", scenarios / "ja")
    monkeypatch.setattr(paths, "scenarios_dir", lambda: scenarios)
    edited = scenarios / "ja" / "bybit-2025.toml"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    fresh, stale = ii.verify(ja, "ja")
    assert [e.ref for e in fresh] == ["coincheck-2018"]
    assert [p.stem for p in stale] == ["bybit-2025"]
    fresh, stale = ii.verify(en, "en")
    assert sorted(e.ref for e in fresh) == ["bybit-2025", "coincheck-2018"] and stale == []
    # a translation removed: the entry is stale too (it was built with it)
    (scenarios / "ja" / "coincheck-2018.toml").unlink()
    assert [p.stem for p in ii.verify(ja, "ja")[1]] == [
        "bybit-2025", "coincheck-2018"]


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
    ("鍵1本が守りのすべてでした。それだけです。", "鍵1本が守りのすべてでした。"),
    ("約2.5%が流出しました。\n次に", "約2.5%が流出しました。"),
    ("句点のない文", "句点のない文"),
    ("本当ですか？はい。", "本当ですか？"),
    ("One. Two.", "One."),
    ("A 2.5% share fell. Then more.", "A 2.5% share fell."),
    ("No full stop here", "No full stop here"),
    ("Spread\nover  lines. Next", "Spread over lines."),
    ("Ends with a question? Yes.", "Ends with a question?"),
])
def test_first_sentence(text: str, first: str) -> None:
    assert ii.first_sentence(text) == first


def test_dates_are_shown_in_the_reader_s_language() -> None:
    # English shows the file's ISO dates as it always has
    assert ii.shown_date("2018-01-26") == "2018-01-26"
    assert ii.shown_date("2011-09-11 to 2014-02-28") == "2011-09-11 to 2014-02-28"
    i18n.use("ja")
    assert ii.shown_date("2018-01-26") == "2018年1月26日"
    assert ii.shown_date("2011-09-11 to 2014-02-28") == "2011年9月11日～2014年2月28日"
    assert ii.shown_date("sometime") == "sometime"  # not a date: as written
    # the index keeps the ISO date in every language, so it sorts the same
    assert [e.date for e in ii.read_index("ja")] == [e.date for e in ii.read_index("en")]


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
    monkeypatch.setattr(ii, "index_file", lambda lang=None: tmp_path / "none.json")
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


def test_a_pool_valued_in_its_own_currency_is_not_valued_twice():
    import json

    from explainer import paths

    entries = json.loads((paths.scenarios_dir().parent / "index.json").read_text("utf-8"))
    entries = entries["incidents"] if isinstance(entries, dict) else entries
    lefts = {e["id"]: e["left"] for e in entries}
    assert lefts["zaif-2018"] == "JPY 4.6 bn of assets"
    assert lefts["wazirx-2024"] == "USD 234.9 m of assets"
    assert lefts["coincheck-2018"] == "526,300,010 XEM (about ¥58.4 bn)"
