"""Wrapping by display width: English as ``textwrap`` does it, Japanese between characters.

``textwrap`` counts characters and breaks only at spaces, so a Japanese sentence (no
spaces, every character two cells wide) comes out as one line twice too wide. This wraps
by cells (``rich.cells.cell_len``) at the break opportunities of the Japanese tables
(``explainer.report.ja_wrap``), for texts laid out line by line (the key map, a table
cell wrapped in advance).
"""

from __future__ import annotations

import textwrap

from rich.cells import cell_len


def wrap(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """``text`` cut into lines of at most ``width`` display cells.

    English (every character one cell wide) is wrapped by ``textwrap`` exactly as before.
    Text with wide characters breaks where Japanese may break (``report.ja_wrap.pieces``:
    between characters within the 禁則 rules, never inside a figure, a Latin word or a
    katakana word) as well as at spaces; a piece wider than a line is cut by cells.
    """
    if cell_len(text) == len(text):
        return textwrap.wrap(text, width, initial_indent=initial_indent,
                             subsequent_indent=subsequent_indent)
    from explainer.report.ja_wrap import pieces

    lines: list[str] = []
    line = initial_indent
    for piece in pieces(text):
        if cell_len(line) + cell_len(piece.rstrip()) > width and line.strip():
            lines.append(line.rstrip())
            line = subsequent_indent
            piece = piece.lstrip()
        while cell_len(line) + cell_len(piece.rstrip()) > width:  # wider than a line: cut
            room = max(1, width - cell_len(line))
            cut = 1
            while cut < len(piece) and cell_len(piece[:cut + 1]) <= room:
                cut += 1
            lines.append(line + piece[:cut])
            piece, line = piece[cut:], subsequent_indent
        line += piece
    if line.strip():
        lines.append(line.rstrip())
    return lines
