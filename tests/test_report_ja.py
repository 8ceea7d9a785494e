"""The command-line reports in Japanese: reviewed golden files, no English left in any
report command's output, and tables laid out by display width at 80 columns.

Regenerate the Japanese goldens after reviewing a deliberate change with
``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_report_ja.py -k golden``
(the same switch as the English goldens in ``test_cli_outputs.py``).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from rich.cells import cell_len

from explainer import cli, i18n
from explainer import numbers as fmt
from explainer.report.ja_wrap import breaks, divide, longest_piece
from tests.leaks import leaks

GOLDEN = Path(__file__).parent / "golden" / "ja"
UPDATE = __import__("os").environ.get("UPDATE_GOLDEN") == "1"


def run(capsys, monkeypatch, *argv: str, width: int = 80) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert cli.main([*argv, "--lang", "ja"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


GOLDENS = [
    ("replay-all-table.txt", ["replay", "coincheck-2018", "--all"]),
    ("replay-5pct-table.txt", ["replay", "coincheck-2018", "--setup", "japan-5pct-hot"]),
    ("replay-all-markdown.md", ["replay", "coincheck-2018", "--all", "--format", "markdown"]),
    ("replay-all.json", ["replay", "coincheck-2018", "--all", "--format", "json"]),
]


@pytest.mark.parametrize("name,argv", GOLDENS)
def test_golden_output_ja(capsys, monkeypatch, name, argv):
    out = run(capsys, monkeypatch, *argv)
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


def test_japanese_json_has_the_english_documents_figures_and_keys(capsys, monkeypatch):
    """Keys, codes, ids, amounts and times are the contract: only sentences and labels
    change with the language."""
    ja = json.loads(run(capsys, monkeypatch, "replay", "coincheck-2018", "--all",
                        "--format", "json"))
    monkeypatch.setenv("COLUMNS", "80")
    assert cli.main(["replay", "coincheck-2018", "--all", "--format", "json"]) == 0
    en = json.loads(capsys.readouterr()[0])
    human = {"title", "label", "held", "why", "reason"}

    def same_but_words(a, b, key=""):
        if isinstance(a, dict):
            assert list(a) == list(b)
            for k in a:
                same_but_words(a[k], b[k], k)
        elif isinstance(a, list):
            assert len(a) == len(b)
            for x, y in zip(a, b, strict=True):
                same_but_words(x, y, key)
        elif key not in human:
            assert a == b, key

    same_but_words(ja, en)
    assert ja["setups"][0]["why"] != en["setups"][0]["why"]


def test_headline_and_summary_read_in_man_and_oku(capsys, monkeypatch):
    out = run(capsys, monkeypatch, "replay", "coincheck-2018", "--setup", "japan-5pct-hot")
    assert "記録された11回の流出で5億2,630万10 XEM（約584億円）が持ち出されました。" in out
    flat = "".join(out.split())
    assert "損失額は2,631万5,000.5XEM（5%）、0時02分13秒から~0時04分〜0時10分まで（JST）。" \
        in flat
    assert "時刻はJSTです。「~」はおおよその時刻を示します。" in out


# --- no English in any report command ------------------------------------------------

REPORTS = [
    ["replay", "coincheck-2018", "--all"],
    ["replay", "coincheck-2018", "--setup", "japan-5pct-hot"],
    ["replay", "coincheck-2018", "--all", "--format", "markdown"],
    ["replay", "bitfinex-2016", "--all"],
    ["replay", "wazirx-2024", "--all", "--format", "markdown"],
    ["matrix"],
    ["matrix", "--format", "markdown"],
    ["cuts", "coincheck-2018", "--all"],
    ["cuts", "coincheck-2018", "--all", "--format", "markdown"],
    ["curve", "coincheck-2018", "--all"],
    ["curve", "coincheck-2018", "--all", "--format", "markdown"],
    ["sweep", "coincheck-2018", "--hot-share", "0:10:5", "--freeze-after", "0:20:10"],
    ["sweep", "coincheck-2018", "--hot-share", "0:10:5", "--freeze-after", "0:20:10",
     "--format", "markdown"],
    ["sweep", "coincheck-2018", "--threshold", "1:3", "--shared", "0:3"],
    ["sweep", "coincheck-2018", "--threshold", "1:3", "--shared", "0:3", "--format",
     "markdown"],
    ["scenarios"],
    ["setups", "coincheck-2018"],
]


# Proper nouns that Japanese texts also write in Latin letters (a mixer, the operators of
# Liquid); kept here rather than in the shared list because "Cash" alone is a word.
NAMES = frozenset({"Tornado", "Cash", "Quoine", "Zettai", "Pte"})


def _without_sources(text: str) -> str:
    """A handout's list of sources cites each source by its own title, in the language
    it was published in: that list is not translated text."""
    return text.split("\n## 出典\n")[0]


def _matrix_heads(text: str) -> set[str]:
    # the matrix's narrow columns are headed by the first three letters of each id,
    # explained by the legend line under the table
    return set(re.findall(r"\b([A-Z][a-z]{2}) [a-z0-9]+(?:-[a-z0-9]+)+", text))


@pytest.mark.parametrize("argv", REPORTS, ids=" ".join)
def test_no_english_in_any_report(capsys, monkeypatch, argv):
    out = _without_sources(run(capsys, monkeypatch, *argv, width=100))
    assert out.strip()
    assert leaks(out, NAMES | _matrix_heads(out)) == []


@pytest.mark.parametrize("argv", [
    ["replay", "coincheck-2018", "--all", "--format", "json"],
    ["replay", "bybit-2025", "--all", "--format", "json"],
    ["matrix", "--format", "json"],
    ["cuts", "coincheck-2018", "--all", "--format", "json"],
    ["curve", "coincheck-2018", "--all", "--format", "json"],
    ["scenarios", "--format", "json"],
    ["setups", "coincheck-2018", "--format", "json"],
], ids=" ".join)
def test_no_english_in_the_json_sentences_and_labels(capsys, monkeypatch, argv):
    """JSON keys, codes and their parameters stay English (the contract); every value a
    person reads (titles, labels, summaries, held, why, reasons) is Japanese."""
    doc = json.loads(run(capsys, monkeypatch, *argv))
    read = {"title", "label", "summary", "held", "why", "reason", "venue", "labels"}
    found: list[str] = []

    def walk(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                if not k.endswith(("_code", "_params")):
                    walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and key in read:
            found.extend(leaks(value, NAMES))

    walk(doc)
    assert found == []


# --- East Asian width -----------------------------------------------------------------


def _tables(out: str) -> list[list[str]]:
    """Each Rich table of a SIMPLE_HEAD layout: its heading line and the lines under its
    rule, up to the next line that is not padded to the table's width."""
    lines = out.splitlines()
    found = []
    for i, line in enumerate(lines):
        if re.fullmatch(r" ?─+ ?", line) and i > 0:
            block = [lines[i - 1], line]
            for rest in lines[i + 1:]:
                if not rest.strip() or cell_len(rest) != cell_len(line):
                    break
                block.append(rest)
            found.append(block)
    return found


def _boundary(line: str, offset: int) -> bool:
    """True when a character starts exactly ``offset`` cells into ``line`` (no
    double-width character straddles the edge)."""
    cells = 0
    for char in line:
        if cells == offset:
            return True
        cells += cell_len(char)
        if cells > offset:
            return False
    return cells == offset


@pytest.mark.parametrize("argv", [
    ["replay", "coincheck-2018", "--all"],
    ["replay", "coincheck-2018", "--setup", "japan-5pct-hot"],
    ["replay", "bitfinex-2016", "--setup", "as-run"],
    ["matrix"],
    ["cuts", "coincheck-2018", "--all"],
    ["curve", "coincheck-2018", "--all"],
    ["sweep", "coincheck-2018", "--threshold", "1:3", "--shared", "0:3"],
    ["scenarios"],
    ["setups", "coincheck-2018"],
], ids=" ".join)
def test_tables_at_80_columns_are_aligned_by_display_width(capsys, monkeypatch, argv):
    out = run(capsys, monkeypatch, *argv)
    assert max(cell_len(line) for line in out.splitlines()) <= 80
    assert "…" not in out and "\ufffd" not in out
    tables = _tables(out)
    assert tables, out
    for block in tables:
        head, rule = block[0], block[1]
        # every line of a table is as wide as its rule: Rich pads by cells, so a line
        # measured in characters would come out short or long
        assert {cell_len(line) for line in block[1:]} == {cell_len(rule)}, block
        # a column's edge is a character's edge on every line: the left edge of a column
        # whose heading is left-aligned (at the heading's start), or the right edge of one
        # whose heading is right-aligned (at its end)
        for m in re.finditer(r"\S+(?: \S+)*", head):
            start, end = cell_len(head[:m.start()]), cell_len(head[:m.end()])
            assert all(_boundary(line, start) for line in block) or \
                all(_boundary(line, end) for line in block), (head, m.group())


def test_comparison_figures_end_under_their_heading(capsys, monkeypatch):
    out = run(capsys, monkeypatch, "replay", "coincheck-2018", "--all")
    doc = json.loads(run(capsys, monkeypatch, "replay", "coincheck-2018", "--all",
                         "--format", "json"))
    head = next(line for line in out.splitlines() if "損失額（XEM）" in line)
    edge = cell_len(head[:head.index("損失額（XEM）") + len("損失額（XEM）")])
    for setup in doc["setups"]:
        figure = fmt.units(Decimal(setup["lost"]))
        ends = {cell_len(line[:m.end()]) for line in out.splitlines()
                for m in re.finditer(rf"(?<![\d,.]){re.escape(figure)}(?![\d,.])", line)
                if "奪われえた額" not in line}
        assert edge in ends, (setup["id"], figure, ends)


# --- the line breaker -------------------------------------------------------------------


def test_japanese_breaks_between_characters_but_not_inside_figures_or_words():
    text = "奪える残りは26,314,990.5 XEMでした（NEMサーバー）。"
    pieces_at = breaks(text)
    # never inside the figure, the symbol, the katakana word, or before closing marks
    for word in ("26,314,990.5", "XEMで", "NEMサーバー", "）。"):
        start = text.index(word)
        assert not any(start < b < start + len(word) for b in pieces_at), word
    assert text.index("残") in pieces_at  # between two kanji/kana
    assert longest_piece(text) == cell_len("（NEMサーバー）。")  # （ never ends a line


def test_divide_fits_each_line_in_the_width():
    text = "ホットウォレットにはプールの5%しかなく、奪える残りは26,314,990.5 XEMでした"
    for width in range(16, 60):
        cuts = [0, *divide(text, width), len(text)]
        lines = [text[a:b].rstrip() for a, b in zip(cuts, cuts[1:], strict=False)]
        assert "".join(text[a:b] for a, b in zip(cuts, cuts[1:], strict=False)) == text
        assert all(cell_len(line) <= width for line in lines), (width, lines)


def test_english_tables_are_not_broken_the_japanese_way():
    from rich.text import Text

    from explainer.report.tables import _t

    assert type(_t("Setup")) is Text
    i18n.use("ja")
    assert type(_t("構成")) is not Text


# --- hostile text in Japanese reports -------------------------------------------------------


def test_japanese_reports_of_a_poisoned_incident_show_sequences_visibly():
    """The Japanese tables wrap the guard's text (``BreakText.of``), never the raw string:
    control characters stay visible and markup stays text."""
    import io

    from rich.console import Console

    from explainer.engine import replay
    from explainer.report import markdown, tables
    from tests.hostile.output_poison import LINK_MARKUP, assert_no_raw_controls, poisoned

    i18n.use("ja")
    incident = poisoned()
    replays = [replay(incident, s) for s in incident.setups]
    for width in (40, 80, 160):
        console = Console(width=width, file=io.StringIO(), force_terminal=True,
                          color_system=None, record=True)
        console.print(tables.report(incident, replays, width))
        console.print(tables.setups_table(incident, list(incident.setups)))
        shown = console.export_text(styles=False)
        assert_no_raw_controls(shown)
        flat = "".join(shown.split())
        assert "\\x1b]8;;http://example.invalid\\x07click" in flat
        assert "XB[/]" in flat and LINK_MARKUP in flat
    shown = markdown.render(incident, replays)
    assert_no_raw_controls(shown)
    assert "\\\\x1b\\[2J" in shown
    assert "リンクにしていないアドレス: javascript:alert(1)" in shown
    assert "](javascript:" not in shown.replace("\\]", "")
