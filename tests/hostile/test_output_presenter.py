"""Presenter mode on a scenario whose text holds markup and escape sequences.

A plan file's own text is refused at load when it holds control characters; the scenarios
it points to are shown through the guard too, even if a loader let them through.
"""

from __future__ import annotations

from explainer import loader, plans
from explainer.tui.app import make_app
from explainer.tui.screens.presenter import PresenterScreen

from ..tui.helpers import drive, screen_text
from .output_poison import assert_no_raw_controls, poison


def test_every_step_of_a_plan_shows_poisoned_scenario_text_visibly(monkeypatch):
    real_load = loader.load
    monkeypatch.setattr(loader, "load", lambda ref: poison(real_load(ref)))
    plan = plans.load("coincheck-20-minutes")
    app = make_app(plan=plan, notes=True)
    app.animation_level = "none"
    shown_kinds: set[str] = set()

    async def script(pilot):
        screen = pilot.app.screen
        assert isinstance(screen, PresenterScreen)
        for step in plan.steps:
            shown = screen_text(pilot.app)
            assert_no_raw_controls(shown)
            if step.kind in ("incident", "replay", "compare"):
                assert "\\x1b" in shown, step.title
                shown_kinds.add(step.kind)
            await pilot.press("right")
            await pilot.pause()

    drive(app, script, size=(200, 60))
    assert shown_kinds == {"incident", "replay", "compare"} & {s.kind for s in plan.steps}
    assert shown_kinds
