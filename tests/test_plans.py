"""Lesson plans: the bundled ones load, every problem is found with line and field,
references are followed, the JSON Schema agrees with the checks, and ``check``/``schema``
handle plans with the usual error contract."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from explainer import cli, plans, presenting

GOOD = (plans.plans_dir() / "coincheck-20-minutes.toml").read_text(encoding="utf-8")
JST = timezone(timedelta(hours=9))


def write(tmp_path: Path, text: str, name: str = "plan.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str) -> list[str]:
    return [str(p) for p in plans.check_file(write(tmp_path, text))]


def test_bundled_plans_load_and_fit_their_stated_length():
    loaded = {p.stem: plans.load(str(p)) for p in plans.bundled_plans()}
    assert set(loaded) == {"coincheck-20-minutes", "when-multisig-fails-45-minutes"}
    for plan in loaded.values():
        assert sum(step.minutes or 0 for step in plan.steps) == plan.minutes
        kinds = {step.kind for step in plan.steps}
        assert {"lesson", "incident", "compare", "question", "pause"} <= kinds
        for step in plan.steps:
            assert step.title and step.notes, step
    coincheck = loaded["coincheck-20-minutes"]
    assert coincheck.minutes == 20
    assert "whatif" in {s.kind for s in coincheck.steps}
    replays = [s for s in coincheck.steps if s.kind == "replay"]
    # '00:12' is read on the incident's day in its own time zone
    assert replays[1].at == datetime(2018, 1, 26, 0, 12, tzinfo=JST)
    assert replays[0].at is None and replays[0].play and replays[0].speed == "60x"


def test_a_bundled_plan_by_id_and_by_path():
    assert plans.load("coincheck-20-minutes").title == "Coincheck in 20 minutes"
    path = plans.plans_dir() / "coincheck-20-minutes.toml"
    assert plans.load(str(path)).id == "coincheck-20-minutes"


def test_every_problem_with_its_line_and_field(tmp_path):
    text = GOOD.replace('kind = "incident"', 'kind = "slide"', 1)
    text = text.replace("page = 1", 'page = "one"', 1)
    text = text.replace("format = 1", "format = 2", 1)
    found = problems_of(tmp_path, text)
    assert any(":3: format: must be at most 1" in p for p in found), found
    assert any("steps[0].page: must be a whole number" in p for p in found), found
    assert any("steps[1].kind: must be one of: lesson" in p for p in found), found
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row == 'kind = "slide"')
    assert any(f":{line}: steps[1].kind" in p for p in found), found


@pytest.mark.parametrize(("old", "new", "message"), [
    ('setup = "japan-5pct-hot"', 'setup = "no-such-setup"',
     "steps[4].setup: coincheck-2018 has no setup 'no-such-setup'"),
    ('at = "00:12"', 'at = "13:00"', "steps[4].at: 13:00 is outside the replay"),
    ('at = "00:12"', 'at = "25:00"', "steps[4].at: '25:00' is not a time of day"),
    ('at = "00:12"', 'at = "2018-01-26T00:12:00"', "needs its UTC offset"),
    ('lesson = "hot-wallet"', 'lesson = "no-lesson"', "steps[0].lesson: no such lesson"),
    ("page = 1", "page = 40", "steps[0].page: 'hot-wallet' has 7 pages"),
    ('incident = "coincheck-2018"\nminutes = 3', 'incident = "atlantis-2031"\nminutes = 3',
     "steps[1].incident: cannot be used"),
    ('answer = "About eight minutes"', 'answer = "About eight weeks"',
     "steps[2].answer: must be one of the choices"),
    ('speed = "60x"', 'speed = "6000x"', "steps[3].speed: must be one of: 1x"),
    ('id = "coincheck-20-minutes"', 'id = "Coincheck 20"', "id: must be lowercase"),
    ('title = "Before we watch"', 'title = "Before \\u001b[2J we watch"',
     "steps[2].title: holds a control character (U+001B)"),
    ("minutes = 20\n", "minutes = 20\nslides = 3\n", "slides: unknown field"),
])
def test_references_and_values_are_checked(tmp_path, old, new, message):
    assert old in GOOD, old
    found = problems_of(tmp_path, GOOD.replace(old, new, 1))
    assert any(message in p for p in found), found


def test_a_plan_needs_steps_and_its_required_fields(tmp_path):
    found = problems_of(tmp_path, 'format = 1\nid = "x"\ntitle = "T"\n')
    assert any("steps: a plan needs at least one [[steps]] table" in p for p in found)
    found = problems_of(tmp_path, 'format = 1\nid = "x"\ntitle = "T"\n[[steps]]\n'
                                  'kind = "replay"\nincident = "coincheck-2018"\n')
    assert any("steps[0].setup: missing (required)" in p for p in found), found


def test_scenario_paths_are_relative_to_the_plan(tmp_path):
    scenario = plans.paths.scenarios_dir() / "coincheck-2018.toml"
    (tmp_path / "mine.toml").write_text(scenario.read_text(encoding="utf-8"), encoding="utf-8")
    text = ('format = 1\nid = "mine"\ntitle = "Mine"\n[[steps]]\nkind = "replay"\n'
            'incident = "mine.toml"\nsetup = "as-run"\nat = "00:05"\n')
    plan = plans.load(str(write(tmp_path, text, "p.toml")))
    assert plan.steps[0].incident == str((tmp_path / "mine.toml").resolve())


def test_check_reports_plans_with_the_usual_contract(tmp_path, capsys):
    good = write(tmp_path, GOOD, "good.toml")
    bad = write(tmp_path, GOOD.replace('setup = "as-run"', 'setup = "nope"', 1), "bad.toml")
    assert cli.main(["check", str(good)]) == 0
    assert capsys.readouterr().out == f"{good}: ok\n"
    assert cli.main(["check", str(bad)]) == 2
    err = capsys.readouterr().err.splitlines()
    line = GOOD.splitlines().index('setup = "as-run"') + 1
    assert err == [f"{bad}:{line}: steps[3].setup: coincheck-2018 has no setup 'nope'"]


def test_present_and_serve_refuse_a_bad_plan_in_one_line(capsys):
    assert cli.main(["present", "no-such-plan"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such plan" in err
    assert cli.main(["serve", "--plan", "no-such-plan"]) == 2
    assert "no such plan" in capsys.readouterr().err


def test_the_json_schema_agrees_with_the_checks(capsys):
    assert cli.main(["schema", "--plan"]) == 0
    schema = json.loads(capsys.readouterr().out)
    steps = schema["properties"]["steps"]["items"]
    assert steps["properties"]["kind"]["enum"] == list(plans.KINDS)
    replay = next(rule["then"] for rule in steps["allOf"]
                  if rule["if"]["properties"]["kind"]["const"] == "replay")
    assert replay["required"] == ["kind", "incident", "setup"]
    assert schema["properties"]["format"]["const"] == 1
    assert set(schema["required"]) == {"format", "id", "title", "steps"}


def test_positions_move_reveal_and_blank():
    plan = plans.load("coincheck-20-minutes")
    p = presenting.start(100.0)
    p = p.go(plan, 2, 130.0).reveal()
    assert (p.index, p.revealed, p.step_started) == (2, True, 130.0)
    assert p.go(plan, 3, 140.0).revealed is False  # a new step hides its answer
    assert p.go(plan, 99, 150.0).index == len(plan.steps) - 1
    assert p.go(plan, -5, 150.0).index == 0
    assert p.toggle_blank().blank and not p.toggle_blank().go(plan, 2, 0).blank


def test_timing_says_planned_against_taken():
    plan = plans.load("coincheck-20-minutes")  # steps of 2, 3, 1... minutes
    p = presenting.start(0.0).go(plan, 1, 150.0)  # step 2 began 2:30 in
    # 60 s into step 2: class at 3:30 of a 5:00 budget for steps 1-2
    assert presenting.timing(plan, p, 210.0) == (
        "step 1:00 of 3:00 planned; class 3:30 of 20:00 (1:30 ahead)")
    assert presenting.timing(plan, p, 420.0).endswith("(2:00 behind)")
    assert presenting.timing(plan, p, 300.0).endswith("(on time)")


def test_the_notes_view_reads_what_the_presenter_publishes(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    plan = plans.load("coincheck-20-minutes")
    assert presenting.read_published(plan) is None
    p = presenting.start(5.0).go(plan, 4, 9.0)
    presenting.publish(plan, p)
    assert presenting.read_published(plan) == p
    presenting.session_file(plan.id).write_text("{not json", encoding="utf-8")
    assert presenting.read_published(plan) is None
