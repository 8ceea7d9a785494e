"""Where a class stands in its lesson plan, shared with the presenter's notes view.

Pure Python (no Textual): the presenter screen moves a :class:`Position` through the
plan; after every move it writes a small JSON file (:func:`publish`) that a second
terminal, ``wallet-explainer present PLAN --notes``, reads (:func:`read_published`) to show
the teacher the step's notes and the time planned against the time taken. Both ends find
the file by the plan's id, so nothing else needs to be shared; the file holds only the
position and times, never anything a student could act on.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from explainer.i18n import _
from explainer.plans import Plan


@dataclass(frozen=True)
class Position:
    """The step on screen, whether its answer is revealed and whether the screen is blank.

    ``started`` is when the class began and ``step_started`` when this step came up, in
    seconds of wall-clock time (``time.time()``), so another process can read them.
    """

    index: int = 0
    revealed: bool = False
    blank: bool = False
    started: float = 0.0
    step_started: float = 0.0

    def go(self, plan: Plan, index: int, now: float) -> Position:
        """Show step ``index`` (clamped to the plan), answer hidden, screen lit."""
        index = max(0, min(len(plan.steps) - 1, index))
        if index == self.index:
            return replace(self, blank=False)
        return replace(self, index=index, revealed=False, blank=False, step_started=now)

    def reveal(self) -> Position:
        """Show (or hide again) the answer of a question step."""
        return replace(self, revealed=not self.revealed)

    def toggle_blank(self) -> Position:
        """Black out the projected screen (or light it again)."""
        return replace(self, blank=not self.blank)


def start(now: float) -> Position:
    """The first step, at the start of the class."""
    return Position(started=now, step_started=now)


def minutes_text(seconds: float) -> str:
    """'7:05' for 425 seconds: how a clock on the wall would say it."""
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


def timing(plan: Plan, position: Position, now: float) -> str:
    """Planned against taken, for this step and for the class so far."""
    step = plan.steps[position.index]
    taken = now - position.step_started
    # what the plan expected to have used by the end of this step
    budget = sum((s.minutes or 0) for s in plan.steps[: position.index + 1]) * 60
    total = now - position.started
    ahead = budget - total
    if abs(ahead) < 30:
        pace = _("on time")
    elif ahead > 0:
        pace = _("{minutes} ahead").format(minutes=minutes_text(ahead))
    else:
        pace = _("{minutes} behind").format(minutes=minutes_text(-ahead))
    figures = {"taken": minutes_text(taken), "total": minutes_text(total),
               "length": minutes_text(plan.planned_minutes * 60), "pace": pace}
    if step.minutes is None:
        return _("step {taken}; class {total} of {length} ({pace})").format(**figures)
    return _("step {taken} of {planned} planned; class {total} of {length} ({pace})").format(
        planned=minutes_text(step.minutes * 60), **figures)


def session_file(plan_id: str) -> Path:
    """Where the presenter publishes its position for the notes view."""
    base = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    return Path(base) / f"wallet-explainer-present-{plan_id}.json"


def publish(plan: Plan, position: Position) -> None:
    """Write the position for the notes view (atomically; a failure is not the class's)."""
    target = session_file(plan.id)
    try:
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps({"plan": plan.id, **asdict(position)}), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        pass  # the notes view then shows its last known step; the projection goes on


def read_published(plan: Plan) -> Position | None:
    """The presenter's last published position for this plan, if any."""
    try:
        data = json.loads(session_file(plan.id).read_text(encoding="utf-8"))
        if data.pop("plan") != plan.id:
            return None
        position = Position(**{k: data[k] for k in Position.__dataclass_fields__})
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not 0 <= position.index < len(plan.steps):
        return None
    return position
