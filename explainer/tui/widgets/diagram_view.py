"""A setup's key map (from ``explainer.diagram``), for lesson pages."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class DiagramView(Static):
    """Shows a ``rich.text.Text`` key map without wrapping its boxes."""

    DEFAULT_CSS = """
    DiagramView {
        height: auto;
        width: auto;
        min-width: 100%;
        margin: 1 0;
        text-wrap: nowrap;
    }
    """

    def __init__(self, diagram: Text, *, id: str | None = None) -> None:
        # boxes drawn side by side must not reflow: a narrow pane scrolls sideways instead
        drawn = diagram.copy()
        drawn.no_wrap = True
        drawn.overflow = "ignore"
        super().__init__(drawn, id=id)
