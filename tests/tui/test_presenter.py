"""Presenter mode, driven with the teacher's keys, and its projector snapshots."""

from __future__ import annotations

import pytest

from explainer import plans, presenting
from explainer.tui.app import make_app
from explainer.tui.screens.presenter import JumpScreen, PlanChooser, PresenterScreen

from .helpers import SMALL, drive, screen_text

BIG = (200, 60)


def presenter_app(plan_id: str = "coincheck-20-minutes", notes: bool = True):
    app = make_app(plan=plans.load(plan_id), notes=notes)
    app.animation_level = "none"
    return app


@pytest.mark.parametrize("plan_id", ["coincheck-20-minutes", "when-multisig-fails-45-minutes"])
def test_every_bundled_plan_walks_from_start_to_end_with_the_step_keys(plan_id):
    plan = plans.load(plan_id)

    async def script(pilot):
        screen = pilot.app.screen
        assert isinstance(screen, PresenterScreen)
        assert pilot.app.theme == "wallet-projector"
        for n, step in enumerate(plan.steps):
            assert screen.position.index == n
            shown = screen_text(pilot.app)
            assert f"{n + 1} / {len(plan.steps)}" in shown
            assert step.title[:40] in shown.replace("\n", " ") or step.kind == "lesson"
            if step.kind == "question":
                assert "The answer is hidden." in shown
                assert "Answer:" not in shown and "✔" not in shown
                await pilot.press("r")
                revealed = screen_text(pilot.app)
                assert f"Answer: {step.answer}" in revealed
                if step.choices:
                    assert f"✔ {chr(65 + step.choices.index(step.answer))}. " in revealed
            if step.kind == "replay":
                assert screen.player is not None
                assert "The attacker has taken" in shown
            if step.kind == "whatif":
                assert "Smallest theft cut" in shown and "Smallest lock-out cut" in shown
            await pilot.press("right")
            await pilot.pause()
        assert screen.position.index == len(plan.steps) - 1  # the last step stays
        await pilot.press("left")
        assert screen.position.index == len(plan.steps) - 2

    drive(presenter_app(plan_id), script, size=SMALL)


def test_replay_steps_open_at_their_moment_and_play_within_the_step():
    async def script(pilot):
        screen = pilot.app.screen
        await screen.go(4)  # Japan's 5% rule, at 00:12
        await pilot.pause()
        p = screen.player
        assert p.setup.id == "japan-5pct-hot" and not p.playing
        assert p.done == 8  # the outflows up to 00:12 have happened
        shown = screen_text(pilot.app)
        assert "26,315,000.5 XEM" in shown and "(5% of the pool)" in shown
        assert "out of the attacker's reach" in shown  # the cold wallet
        await pilot.press("space")
        assert p.playing
        screen.advance(0.5)  # half a real second at 60x: 30 s of scenario time
        assert p.at.strftime("%H:%M:%S") == "00:12:30"
        await pilot.press("space")
        assert not p.playing
        await screen.go(3)  # the as-run step starts playing by itself
        await pilot.pause()
        assert screen.player.playing and screen.player.setup.id == "as-run"

    drive(presenter_app(), script)


def test_blank_jump_notes_and_leave():
    async def script(pilot):
        screen = pilot.app.screen
        await pilot.press("b")
        assert screen.has_class("-blank") and screen.position.blank
        await pilot.press("b")
        assert not screen.has_class("-blank")
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(pilot.app.screen, JumpScreen)
        for _ in range(6):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is screen and screen.position.index == 6
        # the app's own mode keys stand aside: 'h' and 'c' do not leave the plan
        await pilot.press("h", "c", "t")
        assert pilot.app.screen is screen and pilot.app.theme == "wallet-projector"
        assert not screen.has_class("-notes")
        await pilot.press("N")
        assert screen.has_class("-notes")
        assert "The same multisig" in screen_text(pilot.app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, PresenterScreen)
        assert pilot.app.theme != "wallet-projector"

    drive(presenter_app(), script)


def test_a_lesson_page_with_its_own_question_reveals_it_too():
    async def script(pilot):
        screen = pilot.app.screen
        harmony = next(n for n, s in enumerate(screen.plan.steps) if s.lesson ==
                       "multisig-failures")
        await screen.go(harmony)
        await pilot.pause()
        assert screen.check_action("reveal", ()) is True
        await pilot.press("end")  # the question sits below the page's key map
        await pilot.pause()
        assert "The answer is hidden." in screen_text(pilot.app)
        await pilot.press("r")
        await pilot.pause()
        assert "Answer: " in screen_text(pilot.app) and "✔" in screen_text(pilot.app)

    drive(presenter_app("when-multisig-fails-45-minutes"), script)


def test_keys_that_do_nothing_are_not_offered():
    async def script(pilot):
        screen = pilot.app.screen
        assert screen.check_action("reveal", ()) is False  # a lesson page has no answer
        assert screen.check_action("play", ()) is False
        assert screen.check_action("move", (-1,)) is False  # nothing before the first step
        await screen.go(2)
        assert screen.check_action("reveal", ()) is True
        assert screen.check_action("notes", ()) is False  # served to students: no notes

    drive(presenter_app(notes=False), script)


def test_each_move_is_published_for_the_notes_view():
    plan = plans.load("coincheck-20-minutes")

    async def script(pilot):
        await pilot.press("right", "right", "r")
        assert presenting.read_published(plan).index == 2
        assert presenting.read_published(plan).revealed

    drive(presenter_app(), script)


def test_the_home_screen_offers_the_bundled_plans():
    async def script(pilot):
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PlanChooser)
        assert "When multisig fails, 45 minutes" in screen_text(pilot.app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PresenterScreen)
        assert pilot.app.screen.plan.id == "coincheck-20-minutes"

    app = make_app()
    app.animation_level = "none"
    drive(app, script)


def _at(step: int, *keys: str):
    async def run_before(pilot):
        await pilot.pause()
        await pilot.app.screen.go(step)
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [SMALL, BIG], ids=["80x24", "200x60"])
@pytest.mark.parametrize(("step", "keys"), [(0, ()), (2, ("r",)), (4, ()), (7, ()), (8, ())],
                         ids=["lesson", "question-revealed", "replay-5pct", "compare", "whatif"])
def test_projector_snapshots(snap_compare, size, step, keys):
    assert snap_compare(presenter_app(), terminal_size=size, run_before=_at(step, *keys))
