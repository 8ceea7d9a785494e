"""The hot share x freeze delay grid as a table of shaded cells (a Textual DataTable).

Each cell shows the share of the pool lost, as ``report.whatif.heat`` gives it; the
shade only draws that fraction, from the theme's success colour to its error colour.
Headings are written in the language in use when the grid is filled, and every column
is as wide as its widest heading in terminal cells (a Japanese heading is two cells a
character), never less than a cell's figure.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.color import Color
from textual.widgets import DataTable

from explainer.i18n import N_, _
from explainer.report.whatif import Heat

CELL = 5  # '>99%' and '100%' with a space
HOT = N_("hot")  # the rows' heading: the hot wallet's share


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
        rows = heat.rows
        hot = _(HOT)
        # wide (Japanese) headings need every cell of the pane at 80 columns: no right pad
        wide = any(cell_len(h) != len(h) for h in (hot, *heat.columns))
        self.styles.padding = (0, 0, 0, 1) if wide else (0, 1)
        self.add_column(Text(hot, style="bold"), key="hot",
                        width=max(CELL, cell_len(hot), *(cell_len(r) for r in rows)))
        for j, heading in enumerate(heat.columns):
            self.add_column(Text(heading, justify="center"), key=f"c{j}",
                            width=max(CELL, cell_len(heading)))
        for i, row in enumerate(heat.cells):
            cells: list[Text] = [Text(rows[i], style="bold")]
            for text, fraction in row:
                back = low.blend(high, min(1.0, max(0.0, fraction)))
                fore = back.get_contrast_text(1.0)
                cells.append(Text(text, justify="center",
                                  style=Style(color=fore.rich_color, bgcolor=back.rich_color)))
            self.add_row(*cells, key=f"r{i}")
