"""Lesson plans in Japanese (assets/plans/ja/<plan id>.toml): each translation checked
against its English plan (same steps, same right answers, same figures, no English left),
``load`` by language with English fallback, and every problem of a bad translation found."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest

from explainer import i18n, plans
from tests.ja_text import en_figures, ja_figures
from tests.leaks import leaks

PLAN_IDS = [p.stem for p in plans.bundled_plans()]
JA_DIR = plans.plans_dir() / "ja"
# What a step shows: a translation may change none of it.
SHOWN = ("kind", "id", "minutes", "lesson", "page", "incident", "setup", "at", "at_end",
         "play", "speed", "setups")


def _english(plan_id: str) -> dict[str, Any]:
    return tomllib.loads((plans.plans_dir() / f"{plan_id}.toml").read_text(encoding="utf-8"))


def _texts(plan: plans.Plan) -> list[str]:
    out = [plan.title, plan.summary, plan.audience]
    for step in plan.steps:
        out += [step.title, step.notes, step.prompt, step.answer, *step.choices]
    return [t for t in out if t]


# --- the bundled translations ------------------------------------------------------------

def test_every_bundled_plan_has_a_japanese_file_and_every_step_an_id():
    assert sorted(p.stem for p in JA_DIR.glob("*.toml")) == sorted(PLAN_IDS)
    assert len(PLAN_IDS) == 2
    for plan_id in PLAN_IDS:
        steps = _english(plan_id)["steps"]
        assert all("id" in step for step in steps), plan_id
        assert plans.translation_file(plan_id, "ja") == JA_DIR / f"{plan_id}.toml"
    assert plans.translation_file("coincheck-20-minutes", "fr") is None
    assert plans.translation_file("../coincheck-20-minutes", "ja") is None


@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_japanese_file_checks_and_leaves_nothing_untranslated(plan_id):
    found = plans.read_translation(plan_id, "ja")
    assert found is not None
    data, text, path = found
    english = _english(plan_id)
    assert plans.check_translation(english, data, text, str(path)) == []
    assert plans.untranslated(english, data) == []
    assert plans.untranslated_bundled("ja")[plan_id] == []
    everything = plans.untranslated_bundled("fr")[plan_id]  # no French: every text listed
    assert "title" in everything and len(everything) > len(english["steps"])


@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_japanese_plan_shows_what_the_english_shows(plan_id):
    en, ja = plans.load(plan_id, "en"), plans.load(plan_id, "ja")
    assert (en.lang, ja.lang) == ("en", "ja")
    assert (ja.id, ja.minutes, ja.path) == (en.id, en.minutes, en.path)
    assert len(ja.steps) == len(en.steps) == {"coincheck-20-minutes": 11,
                                              "when-multisig-fails-45-minutes": 15}[plan_id]
    for a, b in zip(en.steps, ja.steps, strict=True):
        assert [getattr(a, f) for f in SHOWN] == [getattr(b, f) for f in SHOWN]
        assert len(a.choices) == len(b.choices)
        if a.choices:  # the right answer is the same choice
            assert a.choices.index(a.answer) == b.choices.index(b.answer)
        for field in ("title", "notes", "prompt", "answer"):
            assert bool(getattr(a, field)) == bool(getattr(b, field)), (b.id, field)
            if getattr(a, field):
                assert getattr(a, field) != getattr(b, field), (b.id, field)


@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_no_english_left_in_a_japanese_plan(plan_id):
    i18n.use("ja")  # titles made from a lesson or an incident, and their glue, in Japanese
    plan = plans.load(plan_id)
    assert plan.lang == "ja"
    found = {text: leaks(text) for text in _texts(plan)}
    assert {text: words for text, words in found.items() if words} == {}


@pytest.mark.parametrize("plan_id", PLAN_IDS)
def test_japanese_texts_state_the_same_figures(plan_id):
    english = _english(plan_id)
    data, _, _ = plans.read_translation(plan_id, "ja")  # type: ignore[misc]
    pairs = [(english, data)] + [
        (step, data["steps"][step["id"]]) for step in english["steps"]]
    compared = 0
    for en, ja in pairs:
        for field in ("title", "summary", "audience", "notes", "prompt", "answer"):
            if field in en and field in ja:
                assert ja_figures(ja[field]) == en_figures(en[field]), (en.get("id"), field)
                compared += bool(en_figures(en[field]))
    # the readers saw figures where there are some (526 million, 100M, 2020...); the other
    # plan's figures are all small counts (5 of 9), written in words in the English
    assert compared >= {"coincheck-20-minutes": 3}.get(plan_id, 0)


def test_the_figures_test_would_catch_a_wrong_figure():
    english = _english("coincheck-20-minutes")
    assert en_figures(english["summary"]) == ja_figures("5億2,600万XEM")
    assert en_figures(english["summary"]) != ja_figures("5億2,630万XEM")


# --- loading by language -----------------------------------------------------------------

def test_load_follows_the_language_in_use():
    assert plans.load("coincheck-20-minutes").title == "Coincheck in 20 minutes"
    i18n.use("ja")
    ja = plans.load("coincheck-20-minutes")
    assert ja.title == "20分で学ぶコインチェック事件"
    assert "5億2,600万XEM" in ja.summary
    question = next(s for s in ja.steps if s.id == "before-we-watch")
    assert question.choices == ("約8分", "約8時間", "約8日")
    assert question.answer == "約8分"
    # by path too, as the presenter's chooser loads them
    by_path = plans.load(str(plans.plans_dir() / "coincheck-20-minutes.toml"))
    assert by_path == ja
    assert [p.title for p in plans.bundled()] == [
        "20分で学ぶコインチェック事件", "マルチシグが破られるとき（45分）"]
    assert [p.title for p in plans.bundled("en")] == [
        "Coincheck in 20 minutes", "When multisig fails, 45 minutes"]


def test_titles_made_for_untitled_steps_are_japanese():
    i18n.use("ja")
    plan = plans.load("when-multisig-fails-45-minutes")
    steps = {s.id: s for s in plan.steps}
    assert steps["recap"].title.startswith("マルチシグ：")
    assert steps["bitfinex-compare"].title.endswith("：すべての構成を並べて比較")
    assert steps["ronin-replay"].title.startswith("Roninブリッジ流出事件：実際の構成")
    en = {s.id: s for s in plans.load("when-multisig-fails-45-minutes", "en").steps}
    assert en["bitfinex-compare"].title.endswith(": every setup side by side")


def _copy_bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(plans.plans_dir(), tmp_path / "plans")
    monkeypatch.setattr(plans, "plans_dir", lambda: tmp_path / "plans")
    return tmp_path / "plans"


def test_a_step_left_out_falls_back_to_english(tmp_path, monkeypatch):
    where = _copy_bundled(tmp_path, monkeypatch)
    path = where / "ja" / "coincheck-20-minutes.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("[steps.which-change]")
    path.write_text(text[:start] + text[text.index("[steps.discussion]"):], encoding="utf-8")
    ja = plans.load("coincheck-20-minutes", "ja")
    en = plans.load("coincheck-20-minutes", "en")
    step = next(s for s in ja.steps if s.id == "which-change")
    assert step == next(s for s in en.steps if s.id == "which-change")
    assert ja.title == "20分で学ぶコインチェック事件"
    data, _, _ = plans.read_translation("coincheck-20-minutes", "ja")  # type: ignore[misc]
    assert plans.untranslated(_english("coincheck-20-minutes"), data) == [
        "steps.which-change.notes", "steps.which-change.prompt",
        "steps.which-change.choices", "steps.which-change.answer"]


def test_a_translation_that_does_not_check_is_not_used(tmp_path, monkeypatch):
    where = _copy_bundled(tmp_path, monkeypatch)
    path = where / "ja" / "coincheck-20-minutes.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('answer = "約8分"', 'answer = "約8時間"'), encoding="utf-8")
    ja, en = plans.load("coincheck-20-minutes", "ja"), plans.load("coincheck-20-minutes", "en")
    assert ja.title == en.title
    assert [s.notes for s in ja.steps] == [s.notes for s in en.steps]
    assert [s.choices for s in ja.steps] == [s.choices for s in en.steps]
    path.write_text("not = [toml", encoding="utf-8")  # unreadable: English, no traceback
    assert plans.load("coincheck-20-minutes", "ja").title == "Coincheck in 20 minutes"


def test_a_teachers_own_plan_is_read_as_written(tmp_path):
    own = tmp_path / "coincheck-20-minutes.toml"  # same id as the bundled one, elsewhere
    own.write_text((plans.plans_dir() / own.name).read_text(encoding="utf-8"), encoding="utf-8")
    assert plans.load(str(own), "ja").title == "Coincheck in 20 minutes"


# --- checking a translation --------------------------------------------------------------

HOSTILE = '''\
format = 2
lang = "JA JP"
plan = "when-multisig-fails-45-minutes"
colour = "red"
title = "タイトル"

[steps.no-such-step]
notes = "x"

[steps.recap]
notes = "bell\\u0007here"
prompt = "the English step has no prompt"
minutes = 4

[steps.ronin-question]
choices = ["五つ", "一つ"]
answer = "一つ"

[steps.honest-signers]
choices = ["a", "b", "c"]
answer = "a"

[steps.discussion]
en_hash = "00000000"
notes = ""
'''


def test_every_problem_of_a_translation_with_its_line(tmp_path):
    path = tmp_path / "ja.toml"
    path.write_text(HOSTILE, encoding="utf-8")
    data = tomllib.loads(HOSTILE)
    problems = plans.check_translation(_english("when-multisig-fails-45-minutes"), data,
                                       HOSTILE, str(path))
    lines = HOSTILE.splitlines()

    def line(start: str, after: int = 0) -> int:
        return next(n for n, row in enumerate(lines, 1) if n > after and row.startswith(start))

    found = {(p.field, p.line) for p in problems}
    assert found == {
        ("format", 1), ("lang", 2), ("colour", line("colour")),
        ("steps.no-such-step", line("[steps.no-such-step]")),
        ("steps.recap.notes", line('notes = "bell')),
        ("steps.recap.prompt", line('prompt = "the English')),
        ("steps.recap.minutes", line("minutes")),
        ("steps.ronin-question.choices", line('choices = ["五つ"')),
        ("steps.ronin-question.answer", line('answer = "一つ"')),
        ("steps.honest-signers.answer", line('answer = "a"')),
        ("steps.discussion.en_hash", line('en_hash = "0')),
        ("steps.discussion.notes", line('notes = ""')),
    }
    messages = {p.field: p.message for p in problems}
    assert "step ids: recap, keys-in-one-place" in messages["steps.no-such-step"]
    assert "U+0007" in messages["steps.recap.notes"]
    assert "must give 3 choices" in messages["steps.ronin-question.choices"]
    assert "has changed since it was translated" in messages["steps.discussion.en_hash"]
    assert plans.en_hash(plans._english_entries(
        _english("when-multisig-fails-45-minutes"))["steps.discussion"]) \
        in messages["steps.discussion.en_hash"]


def test_a_changed_english_step_is_reported_as_stale():
    english = _english("coincheck-20-minutes")
    data, text, path = plans.read_translation("coincheck-20-minutes", "ja")  # type: ignore[misc]
    english["steps"][2]["notes"] += " Then reveal."
    problems = plans.check_translation(english, data, text, str(path))
    assert [p.field for p in problems] == ["steps.before-we-watch.en_hash"]


def test_step_ids_are_checked_in_the_plan(tmp_path):
    text = (plans.plans_dir() / "coincheck-20-minutes.toml").read_text(encoding="utf-8")
    text = text.replace('id = "the-incident"', 'id = "hot-wallet"')
    text = text.replace('id = "discussion"', 'id = "Discussion!"')
    path = tmp_path / "plan.toml"
    path.write_text(text, encoding="utf-8")
    found = [str(p) for p in plans.check_file(path)]
    assert any("steps[1].id: 'hot-wallet' names an earlier step too" in p for p in found), found
    assert any("steps[10].id: must be lowercase" in p for p in found), found


def test_a_translation_file_is_told_from_a_plan_and_checked_on_its_own(tmp_path):
    path = JA_DIR / "coincheck-20-minutes.toml"
    text = path.read_text(encoding="utf-8")
    assert plans.looks_like_translation(text) and not plans.looks_like_plan(text)
    english = (plans.plans_dir() / "coincheck-20-minutes.toml").read_text(encoding="utf-8")
    assert plans.looks_like_plan(english) and not plans.looks_like_translation(english)
    assert plans.check_translation_file(path) == []
    bad = tmp_path / "ja.toml"
    bad.write_text(text.replace('plan = "coincheck-20-minutes"', 'plan = "no-such-plan"'),
                   encoding="utf-8")
    [problem] = plans.check_translation_file(bad)
    assert problem.field == "plan" and problem.line == 5
    assert "coincheck-20-minutes" in problem.message
    bad.write_text(text.replace('[steps.discussion]', '[steps.closing]'), encoding="utf-8")
    assert [p.field for p in plans.check_translation_file(bad)] == ["steps.closing"]
    bad.write_text("not toml = [", encoding="utf-8")
    assert plans.check_translation_file(bad)  # one clear problem, no traceback


def test_translation_problems_are_in_japanese_when_asked():
    i18n.use("ja")
    english = _english("coincheck-20-minutes")
    data = {"format": 1, "lang": "ja", "plan": "coincheck-20-minutes",
            "steps": {"closing": {"notes": "x"}, "discussion": {"choices": ["a"]}}}
    problems = plans.check_translation(english, data)
    assert [p.field for p in problems] == ["steps.closing", "steps.discussion.choices"]
    ids = {"closing"} | {step["id"] for step in english["steps"]}  # data, not English
    assert [leaks(p.message, ids) for p in problems] == [[], []], problems
