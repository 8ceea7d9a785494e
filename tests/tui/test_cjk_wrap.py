"""Japanese line breaks (explainer.tui.cjk_wrap): between characters, Latin words whole,
kinsoku kept, and English wrapped exactly as Rich wraps it."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich import _wrap
from rich.cells import cell_len

from explainer.glossary import load_glossary
from explainer.lessons import load_lessons
from explainer.tui import cjk_wrap

RICH_WORD = re.compile(r"\s*\S+\s*")  # Rich's own pattern, which install() replaces


def _lines(text: str, width: int, pattern: re.Pattern[str]) -> list[str]:
    saved = _wrap.re_word
    _wrap.re_word = pattern
    try:
        breaks = _wrap.divide_line(text, width)
    finally:
        _wrap.re_word = saved
    edges = [0, *breaks, len(text)]
    return [text[a:b] for a, b in zip(edges, edges[1:], strict=False)]


def _english_texts() -> list[str]:
    texts = [page.markdown for lesson in load_lessons("en") for page in lesson.pages]
    texts += [t.definition for t in load_glossary("en").terms]
    return texts


@pytest.mark.parametrize("width", [20, 47, 80])
def test_english_wraps_exactly_as_rich_does(width):
    for text in _english_texts():
        for line in text.splitlines():
            assert _lines(line, width, cjk_wrap.WORD) == _lines(line, width, RICH_WORD)


@given(st.text(alphabet=st.characters(max_codepoint=0x2fff), max_size=80),
       st.integers(min_value=1, max_value=40))
def test_text_without_wide_characters_wraps_as_before(text, width):
    assert _lines(text, width, cjk_wrap.WORD) == _lines(text, width, RICH_WORD)


def test_japanese_breaks_between_characters_and_keeps_latin_words_whole():
    text = ("Bitfinexの利用者は、それぞれ2-of-3のウォレットを持っていました。"
            "Bitfinexのオンラインの鍵、Bitfinexのオフラインの鍵、そしてBitGoの連署用の鍵です。")
    for width in range(10, 60):
        lines = _lines(text, width, cjk_wrap.WORD)
        assert "".join(lines) == text
        assert all(cell_len(line) <= width for line in lines)
        for line in lines[1:]:
            assert line[0] not in "、。）ーュ"  # kinsoku: no closing mark starts a line
        words = set(re.findall(r"[A-Za-z0-9-]+", "\n".join(lines)))
        assert words <= {"Bitfinex", "2-of-3", "BitGo"}, (width, lines)


def test_install_is_what_rich_uses():
    cjk_wrap.install()
    assert _wrap.re_word is cjk_wrap.WORD
    from rich.text import Text

    text = Text("Bitfinexのネットワークに侵入した者")
    assert [str(line) for line in text.wrap(_console(), 12)] == [
        "Bitfinexの", "ネットワーク", "に侵入した者"]


def _console():
    import io

    from rich.console import Console

    return Console(file=io.StringIO(), width=80)
