"""Line breaks for Japanese in every widget: between characters, never inside a Latin word.

Rich (and Textual's ``Content``, which uses Rich's ``divide_line``) breaks lines only at
spaces, and folds a "word" longer than the line at whatever cell it reaches. Japanese has
no spaces, so a whole paragraph is one "word": it is folded at the edge, which cuts Latin
words in two ("Bit" / "finex") and may start a line with "）" or "。".

:func:`install` widens Rich's notion of a word for text with wide characters: each
kana, kanji or full-width character is a word of its own (a line may break before or
after it), a run of other characters (``Bitfinex``, ``2-of-3``, ``NEM``) stays one word,
an opening bracket sticks to what follows and closing punctuation, small kana and the
long vowel sign stick to what precedes (kinsoku). On text without wide characters the
pattern matches exactly what Rich's own does, so English wraps as before (a test
compares the two on every English lesson and on the help).

``explainer.tui`` installs it on import when the language is not English, and the app
when the reader switches to such a language; it then stays for the process (English is
unchanged by construction, so nothing depends on which came first). The tests install it
for every app test (``tests/tui/conftest.py``), so no frame depends on test order.
"""

from __future__ import annotations

import re

# Scripts written without spaces between words: kana, CJK ideographs, CJK punctuation and
# full-width forms (the ideographic space U+3000 is white space and stays a break).
WIDE = "\u3001-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
# May not start a line: closing marks, Japanese and ASCII punctuation, small kana, "ー".
NO_START = ("、。，．・：；？！）」』】〕〉》ー～ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
            ")]},.:;!?%")
# May not end a line: opening marks.
NO_END = "（「『【〔〈《([{"

_NO_START = re.escape(NO_START)
_NO_END = re.escape(NO_END)
# A run of Latin letters or digits keeps the wide character written right after it
# (最大32まで breaks as 最大 / 32ま / で, never 32 / まで), as ``report.ja_wrap`` does,
# unless that character opens a bracket.
WORD = re.compile(
    rf"\s*[{_NO_END}]*(?:[{WIDE}]|[^\s{WIDE}]+(?:(?![{_NO_END}])[{WIDE}])?)[{_NO_START}]*\s*"
)

_installed = False


def install() -> None:
    """Make Rich and Textual break Japanese text between characters (idempotent)."""
    global _installed
    if _installed:
        return
    from rich import _wrap

    _wrap.re_word = WORD
    _installed = True
