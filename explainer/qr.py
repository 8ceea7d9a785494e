"""QR codes as module matrices and as half-block text, with no Textual involved.

A QR symbol is a square of dark and light modules. The text form packs two module
rows into one line of text: the upper module is the top half of the cell, the lower
module the bottom half, so ``'▀'`` is dark above, ``'▄'`` dark below, ``'█'`` both
dark and ``' '`` both light. Dark modules are drawn as the glyph's *foreground*, so
the text must be shown black on white (light terminal colours would invert the code
and scanners would fail). The four-module quiet zone is part of the matrix: it is the
white margin scanners need.

An empty cell is a plain space, not the U+00A0 that ``qrcode``'s own ``print_ascii``
writes; either way, never ``strip()`` the text, or the quiet zone goes with it.
"""

from __future__ import annotations

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from qrcode.util import MODE_8BIT_BYTE, QRData

BORDER = 4  # modules of quiet zone on each side, as the QR specification asks

# index = upper dark + 2 * lower dark
_GLYPHS = (" ", "▀", "▄", "█")
_HALVES = {glyph: (bool(i & 1), bool(i & 2)) for i, glyph in enumerate(_GLYPHS)}


def qr_matrix(data: str) -> list[list[bool]]:
    """The QR symbol for ``data`` (ECC level M, smallest version that fits), quiet zone included.

    ``True`` is a dark module. Every row is a fresh list, so callers may mutate it.
    """
    code = _made(data, byte_mode=False)
    if code is None:
        # qrcode 8.2 fails with "glog(0)" when a whole block of data codewords is zero
        # (upstream issues #330/#423, fixed after 8.2). Long runs of the digit 0 do that in
        # numeric mode; the same text in byte mode has no zero codewords.
        code = _made(data, byte_mode=True)
    if code is None:
        raise ValueError("qrcode 8.2 cannot encode this text (for example a long run of NUL "
                         "characters)")
    # get_matrix() reuses one list object for all the border rows, so copy every row.
    return [[bool(module) for module in row] for row in code.get_matrix()]


def _made(data: str, byte_mode: bool) -> qrcode.QRCode | None:
    """A made QRCode for ``data``, or None when qrcode trips over its glog(0) bug."""
    # A fresh QRCode every time: instances keep state and are not thread-safe.
    code = qrcode.QRCode(version=None, error_correction=ERROR_CORRECT_M, border=BORDER)
    if byte_mode:
        code.add_data(QRData(data.encode("utf-8"), mode=MODE_8BIT_BYTE))
    else:
        code.add_data(data)
    try:
        code.make(fit=True)
    except ValueError as error:
        if str(error).startswith("glog"):
            return None
        raise
    return code


def matrix_to_text(matrix: list[list[bool]]) -> str:
    """Two module rows per line of half-block text; lines joined by ``\\n``, no final newline.

    The matrix must be square (every QR symbol is). With an odd number of rows the
    last line carries only its upper half.
    """
    size = len(matrix)
    if size == 0:
        raise ValueError("empty QR matrix")
    if any(len(row) != size for row in matrix):
        raise ValueError("a QR matrix must be square")
    lines = []
    for top in range(0, size, 2):
        upper = matrix[top]
        lower = matrix[top + 1] if top + 1 < size else [False] * size
        pairs = zip(upper, lower, strict=True)
        lines.append("".join(_GLYPHS[bool(u) + 2 * bool(d)] for u, d in pairs))
    return "\n".join(lines)


def text_to_matrix(text: str) -> list[list[bool]]:
    """The square matrix that :func:`matrix_to_text` turned into ``text``.

    Raises ``ValueError`` for text that is not such a rendering: unknown glyphs,
    lines of different widths, or a line count that does not fit a square.
    """
    # Only a final newline may go: the spaces are the quiet zone.
    lines = text.removesuffix("\n").split("\n")
    width = len(lines[0])
    if width == 0:
        raise ValueError("empty QR text")
    for number, line in enumerate(lines, start=1):
        if len(line) != width:
            raise ValueError(f"QR text line {number} is {len(line)} wide, expected {width}")
        unknown = set(line) - _HALVES.keys()
        if unknown:
            shown = ", ".join(f"U+{ord(c):04X}" for c in sorted(unknown))
            raise ValueError(f"QR text line {number} has characters that are not QR glyphs: "
                             f"{shown}")
    if width not in (2 * len(lines), 2 * len(lines) - 1):
        raise ValueError(f"{len(lines)} lines cannot hold a square of width {width}")
    rows: list[list[bool]] = []
    for line in lines:
        rows.append([_HALVES[c][0] for c in line])
        rows.append([_HALVES[c][1] for c in line])
    if len(rows) > width:
        # An odd square: the last line's lower half is padding and must be light.
        if any(rows[-1]):
            raise ValueError("the last line of an odd-sized QR text has dark lower halves")
        rows.pop()
    return rows


def qr_text(data: str) -> str:
    """The half-block text of the QR code for ``data``; show it black on white."""
    return matrix_to_text(qr_matrix(data))
