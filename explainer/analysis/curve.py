"""The response curve: what is lost as a function of how soon after the first outflow
the venue freezes outflows.

A freeze at ``first outflow + d`` blocks every attempt made at or after that moment and
every time-locked attempt that would settle at or after it. Between two consecutive
moments at which an attempt is made or would settle, no comparison changes, so the loss
is constant there: the curve is evaluated once per such interval (at its right end,
which belongs to it) and once with no freeze, and equal neighbours are merged. The steps
are exact, not samples.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from decimal import Decimal

from explainer.analysis.places import start_of
from explainer.engine import summarise
from explainer.model import Incident, Response, Setup

ZERO_DELAY = timedelta(0)


@dataclass(frozen=True, slots=True)
class CurveStep:
    """``lost`` for every freeze delay ``d`` (after the first outflow) with
    ``start < d <= end``; the first step also holds at ``d == start == 0``, and the last
    one (``end`` None) for every longer delay and for no freeze at all."""

    start: timedelta
    end: timedelta | None
    lost: Decimal


def breakpoints(incident: Incident, setup: Setup) -> tuple[timedelta, ...]:
    """Delays at which the loss may change: when each attempt is made, and when each
    attempt against a time-locked wallet would settle, counted from the first outflow."""
    t0 = start_of(incident)
    delays = {w.delay for w in setup.wallets if w.delay}
    points = {ZERO_DELAY}
    for out in incident.outflows:
        points.add(out.at - t0)
        points.update(out.at + d - t0 for d in delays)
    return tuple(sorted(p for p in points if p >= ZERO_DELAY))


def lost_with_freeze(incident: Incident, setup: Setup, delay: timedelta | None) -> Decimal:
    """What a replay of ``setup`` loses with a freeze ``delay`` after the first outflow
    (None: no freeze at all)."""
    response = Response("none") if delay is None else Response("after", delay)
    return summarise(incident, replace(setup, response=response)).lost


def response_curve(incident: Incident, setup: Setup) -> tuple[CurveStep, ...]:
    """The loss against the freeze delay, from 0 to the end of the incident, as steps
    (the setup's own response is replaced by each freeze in turn)."""
    points = breakpoints(incident, setup)
    steps: list[CurveStep] = []
    previous = ZERO_DELAY
    for point in (*points, None):
        lost = lost_with_freeze(incident, setup, point)
        if steps and steps[-1].lost == lost:
            steps[-1] = replace(steps[-1], end=point)
        else:
            steps.append(CurveStep(previous, point, lost))
        if point is not None:
            previous = point
    return tuple(steps)


def lost_at(curve: tuple[CurveStep, ...], delay: timedelta) -> Decimal:
    """Read the curve at one delay."""
    for step in curve:
        if step.end is None or delay <= step.end:
            return step.lost
    return curve[-1].lost
