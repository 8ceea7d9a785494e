"""A QR code drawn with half blocks, always black on white whatever the theme.

Scanners need dark modules on a light background with a light quiet zone around them;
theme colours (light text on dark) would invert the code, so the colours are fixed here
and nowhere else in the app.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class QRView(Static):
    """Shows text from ``explainer.qr.qr_text`` (quiet zone included) as it is."""

    DEFAULT_CSS = """
    QRView {
        color: black;
        background: white;
        width: auto;
        height: auto;
        text-wrap: nowrap;
        padding: 0;
        margin: 0;
    }
    """

    def __init__(self, qr: str, *, id: str | None = None, classes: str | None = None) -> None:
        # Text, not markup: the glyphs (and the no-break spaces of the quiet zone) stay exact
        super().__init__(Text(qr.rstrip("\n"), no_wrap=True, end=""), id=id, classes=classes)
