"""Japanese lessons (assets/lessons/ja/*.md): the loader's language choice and English
fallback, and each translation held to its English original: the same pages, directives and
questions, the same figures, and no English left in the prose."""

from __future__ import annotations

import math
import re
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pytest
from rich.cells import cell_len

from explainer import lessons as lessons_mod
from explainer.engine import replay
from explainer.lessons import (
    LESSON_IDS,
    Lesson,
    Question,
    lesson_file,
    lessons_dir,
    load_lessons,
)
from explainer.loader import load
from tests.ja_text import ascii_words, en_figures, ja_figures

JA_DIR = lessons_dir() / "ja"


@pytest.fixture(scope="module")
def english() -> dict[str, Lesson]:
    return {lesson.id: lesson for lesson in load_lessons()}


@pytest.fixture(scope="module")
def japanese() -> dict[str, Lesson]:
    return {lesson.id: lesson for lesson in load_lessons("ja")}


# --- the loader ----------------------------------------------------------------------------

def test_every_lesson_has_a_japanese_file() -> None:
    assert sorted(p.stem for p in JA_DIR.glob("*.md")) == sorted(LESSON_IDS)
    for lesson_id in LESSON_IDS:
        assert lesson_file(lesson_id, "ja") == JA_DIR / f"{lesson_id}.md"
        assert lesson_file(lesson_id) == lessons_dir() / f"{lesson_id}.md"


def test_default_is_english_and_unchanged(english, japanese) -> None:
    assert load_lessons() == load_lessons("en")
    assert english["hot-wallet"].title == "Hot wallets: one key, always online"
    assert japanese["hot-wallet"].title == "ホットウォレット：鍵はひとつ、いつもオンライン"
    assert [lesson.id for lesson in load_lessons("ja")] == list(LESSON_IDS)


def test_a_language_without_files_falls_back_to_english(english) -> None:
    assert {lesson.id: lesson for lesson in load_lessons("fr")} == english


def test_a_missing_translation_falls_back_lesson_by_lesson(tmp_path: Path, monkeypatch,
                                                           english) -> None:
    for lesson_id in LESSON_IDS:
        (tmp_path / f"{lesson_id}.md").write_text(
            (lessons_dir() / f"{lesson_id}.md").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "ja").mkdir()
    (tmp_path / "ja" / "multisig.md").write_text(
        (JA_DIR / "multisig.md").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(lessons_mod, "lessons_dir", lambda: tmp_path)
    mixed = {lesson.id: lesson for lesson in load_lessons("ja")}
    assert mixed["multisig"].title == "マルチシグ：コインを動かすには複数の鍵を"
    assert [mixed[i] for i in LESSON_IDS if i != "multisig"] == [
        english[i] for i in LESSON_IDS if i != "multisig"]


@pytest.mark.parametrize("lang", ["", "JA", "j", "../ja", "ja/../..", "ja_JP", "en "])
def test_a_language_code_never_becomes_a_path(lang: str) -> None:
    with pytest.raises(ValueError, match="not a language code"):
        load_lessons(lang)


# --- structure: the same lesson in another language ----------------------------------------

def _directive_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith("<!--")]


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_directive_lines_are_copied_unchanged(lesson_id: str) -> None:
    en = _directive_lines((lessons_dir() / f"{lesson_id}.md").read_text(encoding="utf-8"))
    ja = _directive_lines((JA_DIR / f"{lesson_id}.md").read_text(encoding="utf-8"))
    assert ja == en
    assert en  # every lesson has some


def _same_shape(en: Question, ja: Question) -> None:
    assert len(ja.choices) == len(en.choices)
    assert ja.answer == en.answer
    assert len(set(ja.choices)) == len(ja.choices)
    assert ja.prompt != en.prompt and ja.right != en.right and ja.wrong != en.wrong


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_same_pages_directives_and_questions(lesson_id: str, english, japanese) -> None:
    en, ja = english[lesson_id], japanese[lesson_id]
    assert len(ja.pages) == len(en.pages)
    for en_page, ja_page in zip(en.pages, ja.pages, strict=True):
        assert (ja_page.diagram, ja_page.widget, ja_page.replay) == (
            en_page.diagram, en_page.widget, en_page.replay), en_page.title
        assert (ja_page.question is None) == (en_page.question is None), en_page.title
        if en_page.question is not None:
            _same_shape(en_page.question, ja_page.question)
        assert ja_page.title != en_page.title and ja_page.markdown != en_page.markdown
    _same_shape(en.question, ja.question)


def _wrapped_lines(markdown: str, width: int) -> int:
    """Lines the text takes at ``width`` cells: Japanese breaks between any two characters,
    so a paragraph or list item takes its display width divided by the width, rounded up."""
    count = 0
    for n, block in enumerate(markdown.split("\n\n")):
        count += n > 0
        for item in re.split(r"\n(?=(?:[-*]|\d+\.) )", block):
            count += max(1, math.ceil(cell_len(" ".join(item.split())) / width))
    return count


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_every_page_fits_60_cells_by_14_lines(lesson_id: str, japanese) -> None:
    # the English pages' budget (tests/test_lessons.py), counted in display cells
    lesson = japanese[lesson_id]
    for page in lesson.pages:
        assert cell_len(page.title) <= 60
        assert _wrapped_lines(page.markdown, 60) <= 14, page.title
    q = lesson.question
    lines = _wrapped_lines(q.prompt, 60) + 1 + sum(
        math.ceil(cell_len(c) / 56) for c in q.choices)
    assert lines <= 14


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_paragraphs_are_not_broken_across_lines(lesson_id: str, japanese) -> None:
    # Markdown turns a line break inside a paragraph into a space, which shows as a stray
    # gap between two Japanese characters; so each paragraph is one line.
    for page in japanese[lesson_id].pages:
        for a, b in pairwise(page.markdown.split("\n")):
            if a.strip() and b.strip():
                assert re.match(r"(?:[-*]|\d+\.) ", b), (page.title, a, b)


# --- figures: the same numbers as the English pages ----------------------------------------

def test_figure_readers_on_hand_written_cases() -> None:
    assert en_figures("526,300,010 XEM, about 26.3 million, $1.46bn, 25.5M and $99.3m") == {
        Decimal(526300010), Decimal(26300000), Decimal(1460000000), Decimal(25500000),
        Decimal(99300000)}
    assert en_figures("3 h 24 min, 2-of-3, 4,502.9 BTC in 2024") == {
        Decimal("4502.9"), Decimal(2024)}
    assert ja_figures("5億2,630万10XEM、約2,630万XEM、約14億6,000万ドル、5億XEM") == {
        Decimal(526300010), Decimal(26300000), Decimal(1460000000), Decimal(500000000)}
    assert ja_figures("2018年1月26日0時02分、11万9,756BTC、約26万人、36.067%") == {
        Decimal(2018), Decimal(119756), Decimal(260000), Decimal("36.067")}


def _texts(lesson: Lesson) -> list[str]:
    """Each page's title and text, then each question's, in order."""
    out = []
    for page in lesson.pages:
        out.append(page.title + "\n" + page.markdown)
        if page.question:
            out.append(_question_text(page.question))
    out.append(_question_text(lesson.question))
    return out


def _question_text(q: Question) -> str:
    return "\n".join([q.prompt, *q.choices, q.right, q.wrong])


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_every_page_has_the_english_figures(lesson_id: str, english, japanese) -> None:
    for en, ja in zip(_texts(english[lesson_id]), _texts(japanese[lesson_id]), strict=True):
        assert ja_figures(ja) == en_figures(en), en.split("\n")[0]


def test_coincheck_figures_agree_with_the_scenario_and_the_engine(japanese) -> None:
    incident = load("coincheck-2018")
    hot = " ".join(p.markdown for p in japanese["hot-wallet"].pages)
    assert incident.pool == Decimal(526300010) and "**5億2,630万10XEM**" in hot
    customers = next(f for f in incident.facts if f.id == "customers").value
    assert customers == "about 260,000" and "約**26万人**" in hot
    for hhmm in ("0時02分", "8時26分", "11時25分", "11時58分", "2時57分"):
        assert hhmm in hot
    cold = " ".join(p.markdown for p in japanese["cold-wallet"].pages)
    lost = replay(incident, incident.setup("japan-5pct-hot")).summary.lost
    assert lost == Decimal("26315000.5")
    assert f"約{round(lost / 100_000) * 10:,}万XEM" in cold  # 約2,630万XEM
    assert "**2020年5月1日**" in cold and "**95%**" in cold and "**5%**" in cold
    # Japan's exchange association under both its 2018 name and its current one
    assert "日本仮想通貨交換業協会" in cold and "日本暗号資産取引業協会" in cold


# --- no English left -----------------------------------------------------------------------

def test_ascii_word_finder_on_hand_written_cases() -> None:
    assert ascii_words("2-of-3のマルチシグとm-of-n、app.safe.global、Safe{Wallet}") == []
    assert ascii_words("Bybitの cold wallet は hacked") == ["cold", "wallet", "hacked"]
    assert ascii_words("10XEMと11万9,756BTC、2FA") == ["2FA"]


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_no_english_words_in_the_japanese_prose(lesson_id: str, japanese) -> None:
    lesson = japanese[lesson_id]
    leaks = ascii_words(lesson.title) + [
        w for text in _texts(lesson) for w in ascii_words(text)]
    assert leaks == []
