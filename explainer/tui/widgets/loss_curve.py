"""The response curve: share of the pool lost against the freeze delay (textual-plotext).

It draws the steps it is given (``report.whatif.CurvePoint``); the figures come from
``analysis.response_curve``. plotext lays its title and axis labels out by characters,
so a label with double-width characters (Japanese) would overrun the plot: such labels
are not drawn inside it, and ``show`` returns them for the screen to show beside it.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual_plotext import PlotextPlot

from explainer.report.whatif import CurvePoint


def fits_plot(text: str) -> bool:
    """Whether plotext can lay ``text`` out (every character one cell wide)."""
    return cell_len(text) == len(text)


class LossCurve(PlotextPlot):
    """A step plot of lost (% of the pool) against hours after the first outflow."""

    def show(self, points: tuple[CurvePoint, ...], title: str, span_minutes: float,
             mark_minutes: float | None = None, *,
             x_label: tuple[str, str] = ("freeze delay after the first outflow (minutes)",
                                         "freeze delay after the first outflow (hours)"),
             y_label: str = "lost, % of pool") -> dict[str, str]:
        """Draw ``points`` over at least ``span_minutes`` (the incident's outflows);
        ``mark_minutes`` marks the setup's own freeze delay. ``x_label`` is the x axis's
        label in minutes and in hours (the scale is chosen here). Returns the labels that
        could not be drawn inside the plot ("title", "x", "y"), for the caller to show."""
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        if not points:
            self.refresh()
            return {}
        ends = [p.end for p in points if p.end is not None]
        # the open last step (no freeze, or later than the last attempt) runs on a bit
        tail = max([*ends, span_minutes, mark_minutes or 0.0, 1.0]) * 1.1
        hours = tail > 120
        scale = 60 if hours else 1
        xs: list[float] = []
        ys: list[float] = []
        for p in points:
            end = p.end if p.end is not None else tail
            xs += [p.start / scale, end / scale]
            ys += [p.percent, p.percent]
        plt.plot(xs, ys, marker="braille")
        if mark_minutes is not None:
            plt.vline(mark_minutes / scale)
        left_out = {}
        for part, text, draw in (("title", title, plt.title),
                                 ("x", x_label[1 if hours else 0], plt.xlabel),
                                 ("y", y_label, plt.ylabel)):
            if fits_plot(text):
                draw(text)
            else:
                left_out[part] = text
        plt.ylim(0, max(100.0, max(ys)) if max(ys) > 50 else max(ys) * 1.2 or 1.0)
        self.refresh()
        return left_out
