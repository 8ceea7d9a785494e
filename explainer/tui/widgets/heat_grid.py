"""The hot share x freeze delay grid as a table of shaded cells (a Textual DataTable).

Each cell shows the share of the pool lost, as ``report.whatif.heat`` gives it; the
shade only draws that fraction, from the theme's success colour to its error colour.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.color import Color
from textual.widgets import DataTable

from explainer.report.whatif import Heat


class HeatGrid(DataTable):
    """Rows: hot share; columns: freeze delay; cells: share of the pool lost."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="none", zebra_stripes=False, cell_padding=0,
                         show_cursor=False, **kwargs)  # type: ignore[arg-type]

    def show(self, heat: Heat) -> None:
        """Fill the grid with ``heat``."""
        self.clear(columns=True)
        low = Color.parse(self.app.theme_variables.get("success", "green"))
        high = Color.parse(self.app.theme_variables.get("error", "red"))
        self.add_column(Text("hot", style="bold"), key="hot", width=5)
        for j, heading in enumerate(heat.columns):
            self.add_column(Text(heading, justify="center"), key=f"c{j}", width=5)
        for i, row in enumerate(heat.cells):
            cells: list[Text] = [Text(heat.rows[i], style="bold")]
            for text, fraction in row:
                back = low.blend(high, min(1.0, max(0.0, fraction)))
                fore = back.get_contrast_text(1.0)
                cells.append(Text(text, justify="center",
                                  style=Style(color=fore.rich_color, bgcolor=back.rich_color)))
            self.add_row(*cells, key=f"r{i}")
