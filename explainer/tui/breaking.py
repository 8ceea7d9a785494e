"""Japanese prose on screen, broken into lines the Japanese way.

Textual wraps text at spaces and folds anything longer at the edge. Japanese has no
spaces, so a paragraph is one long "word" folded wherever the line ends: through a figure
(2,0 / 00件), a Latin name (L / edger) or before a 。. ``report.ja_wrap.BreakText`` breaks
between characters within the usual rules (no closing mark at a line's start, figures,
Latin words and katakana words kept whole) and by display width. Textual only draws a
Rich renderable through Rich, so :func:`shown` hands a widget a small renderable holding
that text in Japanese; in English the text is returned as it is, so English screens are
drawn exactly as before.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

from explainer import i18n
from explainer.report.ja_wrap import BreakText


class Breaking:
    """A ``Text`` drawn through Rich with Japanese line breaking (styles and links kept)."""

    def __init__(self, text: Text) -> None:
        self.text = BreakText.of(text)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.text

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return self.text.__rich_measure__(console, options)

    @property
    def plain(self) -> str:
        """The text without styles, as ``Text.plain``."""
        return self.text.plain

    def __str__(self) -> str:
        return self.text.plain


def shown(text: Text) -> Text | Breaking:
    """``text`` as a widget should be given it: breaking the Japanese way when the language
    in use is not English and the text holds a wide character, otherwise unchanged."""
    plain = text.plain
    if i18n.current() == i18n.DEFAULT or cell_len(plain) == len(plain):
        return text
    return Breaking(text)
