"""The response curve: share of the pool lost against the freeze delay (textual-plotext).

It draws the steps it is given (``report.whatif.CurvePoint``); the figures come from
``analysis.response_curve``.
"""

from __future__ import annotations

from textual_plotext import PlotextPlot

from explainer.report.whatif import CurvePoint


class LossCurve(PlotextPlot):
    """A step plot of lost (% of the pool) against hours after the first outflow."""

    def show(self, points: tuple[CurvePoint, ...], title: str, span_minutes: float,
             mark_minutes: float | None = None) -> None:
        """Draw ``points`` over at least ``span_minutes`` (the incident's outflows);
        ``mark_minutes`` marks the setup's own freeze delay."""
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        if not points:
            self.refresh()
            return
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
        plt.title(title)
        plt.xlabel(f"freeze delay after the first outflow ({'hours' if hours else 'minutes'})")
        plt.ylabel("lost, % of pool")
        plt.ylim(0, max(100.0, max(ys)) if max(ys) > 50 else max(ys) * 1.2 or 1.0)
        self.refresh()
