"""Wrapping by display width: English as ``textwrap`` does it, Japanese between characters.

``textwrap`` counts characters and breaks only at spaces, so a Japanese sentence (no
spaces, every character two cells wide) comes out as one line twice too wide. This wraps
by cells (``rich.cells.cell_len``): text with wide characters may break between any two
of them as well as at spaces, keeps Japanese punctuation with its neighbour (kinsoku),
and keeps a Latin word such as ``2-of-3`` or ``NEM`` whole where it fits on a line.
"""

from __future__ import annotations

import textwrap

from rich.cells import cell_len

# Japanese characters that may not start a line (closing marks, small kana, the long
# vowel sign) and that may not end one (opening marks): the wrap keeps them with a neighbour.
_NO_START = set("、。，．・：；？！）」』】〕〉》ー～ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ")
_NO_END = set("（「『【〔〈《")


def wrap(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> list[str]:
    """``text`` cut into lines of at most ``width`` display cells.

    English (every character one cell wide) is wrapped by ``textwrap`` exactly as before.
    Text with wide characters may break between any two of them as well as at spaces,
    keeping Japanese punctuation with its neighbour and a Latin word whole where it fits.
    """
    if cell_len(text) == len(text):
        return textwrap.wrap(text, width, initial_indent=initial_indent,
                             subsequent_indent=subsequent_indent)
    tokens: list[str] = []
    for ch in text:
        glue = bool(tokens) and (
            (ch in _NO_START and tokens[-1] != " ")
            or (tokens[-1][-1] in _NO_END)
            or (ch != " " and cell_len(ch) == 1 and tokens[-1] != " "
                and cell_len(tokens[-1][-1]) == 1))
        if glue:
            tokens[-1] += ch
        else:
            tokens.append(ch)
    lines: list[str] = []
    line = initial_indent
    for token in tokens:
        if cell_len(line) + cell_len(token) <= width:
            line += token
            continue
        if token == " ":  # a space at the end of a line is where it breaks
            lines.append(line.rstrip())
            line = subsequent_indent
            continue
        if line.strip():
            lines.append(line.rstrip())
            line = subsequent_indent
        while cell_len(line) + cell_len(token) > width:  # a word wider than a line: cut it
            room = max(1, width - cell_len(line))
            cut = 0
            while cut < len(token) and cell_len(token[:cut + 1]) <= room:
                cut += 1
            cut = max(cut, 1)
            lines.append(line + token[:cut])
            token, line = token[cut:], subsequent_indent
        line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines
