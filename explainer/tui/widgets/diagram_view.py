"""A setup's key map (from ``explainer.diagram``), for lesson pages."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class DiagramView(Static):
    """Shows a ``rich.text.Text`` key map without wrapping its boxes."""

    DEFAULT_CSS = """
    DiagramView {
        height: auto;
        width: 1fr;
        margin: 1 0;
        text-wrap: nowrap;
        overflow-x: auto;
    }
    """

    def __init__(self, diagram: Text, *, id: str | None = None) -> None:
        super().__init__(diagram, id=id)
