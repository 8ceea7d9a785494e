"""Line breaking for Japanese in Rich tables: between characters, never inside a figure.

Rich wraps text at spaces, and measures a column's narrowest width as its longest run
without a space: a Japanese sentence, which has no spaces, would count as one word as
wide as the sentence, so no table would ever "fit" and a long sentence would be folded
anywhere, through the middle of a figure such as 26,314,990.5. ``BreakText`` is a
``Text`` that may break between any two characters where one of them is a full-width
(East Asian Wide) character, except before closing punctuation and small kana or after
an opening bracket (the usual 禁則 rules), and at spaces as before. Runs of Latin
letters and digits (figures, ids, symbols) and katakana words stay whole, and a figure
or a Latin word stays with the character after it (24時間, NEMサーバー). Widths are cell widths
(``rich.cells.cell_len``), so a double-width character is never split either.

Only the Japanese tables use it (``tables._t``); English text is never converted.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.containers import Lines
from rich.measure import Measurement
from rich.text import Text

# No line may start with these (closing marks, small kana, the long-vowel mark, units
# written after a figure), nor end with the opening marks.
_NO_START = frozenset("、。，．,.)）]］」』】〕〉》｝}!！?？:：;；・ー〜ぁぃぅぇぉっゃゅょゎ"
                      "ァィゥェォッャュョヮヵヶ々%％")
_NO_END = frozenset("(（[［「『【〔〈《｛{")


def _wide(char: str) -> bool:
    return cell_len(char) == 2


def _katakana(char: str) -> bool:
    # a katakana word (サーバー, コールドウォレット) is kept whole, as a Latin word is
    return "\u30a0" <= char <= "\u30ff"


def breaks(text: str) -> list[int]:
    """Indexes in ``text`` before which a line may start (besides 0): after a space run,
    and between two characters where one is full width, within the 禁則 rules."""
    found = []
    for i in range(1, len(text)):
        before, after = text[i - 1], text[i]
        if after.isspace():
            continue
        cjk = (_wide(before) or _wide(after)) and after not in _NO_START \
            and before not in _NO_END and not (_katakana(before) and _katakana(after)) \
            and not (before.isascii() and before.isalnum())
        if before.isspace() or cjk:
            found.append(i)
    return found


def pieces(text: str) -> Iterator[str]:
    """The pieces of ``text`` between break opportunities (spaces kept at their ends)."""
    start = 0
    for i in breaks(text):
        yield text[start:i]
        start = i
    if start < len(text):
        yield text[start:]


def longest_piece(text: str) -> int:
    """The cell width of the widest piece that cannot be broken: a column narrower than
    this would have to fold it."""
    return max((cell_len(p.rstrip()) for line in text.splitlines() for p in pieces(line)),
               default=0)


def divide(text: str, width: int) -> list[int]:
    """Where to break one line of ``text`` so that each line fits ``width`` cells, at the
    opportunities ``breaks`` finds (a piece wider than ``width`` is left for Rich to fold,
    which splits no character)."""
    offsets: list[int] = []
    used = 0
    start = 0
    for piece in pieces(text):
        size = cell_len(piece.rstrip())
        if used and used + size > width:
            offsets.append(start)
            used = 0
        used += cell_len(piece)
        start += len(piece)
    return offsets


class BreakText(Text):
    """A ``Text`` that measures and wraps as Japanese is broken (see the module)."""

    @classmethod
    def of(cls, text: Text) -> BreakText:
        """The same text, styles and settings, breaking the Japanese way."""
        made = cls(style=text.style, justify=text.justify, overflow=text.overflow,
                   no_wrap=text.no_wrap, end=text.end, tab_size=text.tab_size)
        made.append_text(text)
        return made

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        lines = self.plain.splitlines()
        widest = max((cell_len(line) for line in lines), default=0)
        return Measurement(min(longest_piece(self.plain), widest) if lines else 0, widest)

    def wrap(self, console: Console, width: int, *, justify=None, overflow=None,
             tab_size: int = 8, no_wrap: bool | None = None) -> Lines:
        """Break each line where Japanese may break, then let Rich justify (and fold any
        piece wider than the line, which splits no character)."""
        if no_wrap or (no_wrap is None and self.no_wrap) or overflow == "ignore":
            return super().wrap(console, width, justify=justify, overflow=overflow,
                                tab_size=tab_size, no_wrap=no_wrap)
        broken: list[Text] = []
        for line in self.split(allow_blank=True):
            for part in line.divide(divide(line.plain, width)):
                part.rstrip()
                broken.append(part)
        joined = Text("\n", style=self.style).join(broken)
        joined.justify, joined.overflow, joined.end = self.justify, self.overflow, self.end
        return joined.wrap(console, width, justify=justify, overflow=overflow,
                           tab_size=tab_size, no_wrap=no_wrap)
