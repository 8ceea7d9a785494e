"""Lesson plans: a teacher's path through the app, one step at a time (TOML files).

A plan lists steps; each shows one thing to the class: a lesson page, an incident's
page, a replay of a setup at a chosen moment, a comparison, a what-if setup, a question
whose answer stays hidden until revealed, or a pause for discussion. Each step may carry
presenter notes and a planned duration. Bundled plans live in ``data/assets/plans/``;
a teacher's own may sit anywhere.

The format is declared once (``TOP``, ``COMMON`` and ``KIND_FIELDS``): the same
declaration drives the checks below and ``wallet-explainer schema --plan``. Checking
collects *every* problem with its line and field, then follows each reference (lesson
and page, incident, setup, moment) to something that exists. Nothing in a plan is run.

Languages. A bundled plan is written in English; its translation into another language
is a file of text only, ``data/assets/plans/<lang>/<plan id>.toml``, whose entries refer
to the plan's step ids (``[steps.<id>]``): see :func:`load` and ``docs/translations.md``.
Loading a bundled plan in a language merges the translated texts into the English plan
and checks the result as usual, so a translation cannot change what a step shows (its
kind, lesson, incident, setup, moment, minutes), only what it says. A step or field it
does not translate stays English; a translation that does not check is not used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, time
from pathlib import Path
from typing import Any

from explainer import i18n, loader, paths
from explainer.i18n import N_, _, ngettext
from explainer.loader import Problem, ScenarioError
from explainer.schema import CONTROL_MULTILINE, ID_PATTERN

PLAN_FORMAT = 1
KINDS = ("lesson", "incident", "replay", "compare", "whatif", "question", "pause")
SPEEDS = ("1x", "60x", "600x", "next-event")
PLAN_ID = re.compile(ID_PATTERN.strip("^$"))  # the scenario format's id rule
MAX_STEPS = 200
MAX_MINUTES = 600
_CLOCK = re.compile(r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?")


class PlanError(ScenarioError):
    """A plan file (or id) could not be used; ``problems`` lists every reason."""


@dataclass(frozen=True)
class FieldSpec:
    """One field of the plan format: its JSON type, whether required, and what it means."""

    type: str  # "string", "integer", "number", "boolean", "strings"
    required: bool = False
    doc: str = ""
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None


TOP = {
    "format": FieldSpec("integer", True, "Version of the plan format; always 1.",
                        minimum=PLAN_FORMAT, maximum=PLAN_FORMAT),
    "id": FieldSpec("string", True, "Plan id: lowercase letters, digits and '-', at most 64."),
    "title": FieldSpec("string", True, "The plan's name, shown at the start."),
    "summary": FieldSpec("string", False, "What the class will learn, in a sentence or two."),
    "audience": FieldSpec("string", False, "Who the plan was written for."),
    "minutes": FieldSpec("number", False, "Planned length of the whole class, in minutes.",
                         minimum=1, maximum=MAX_MINUTES),
}
COMMON = {
    "kind": FieldSpec("string", True, "What the step shows.", choices=KINDS),
    "id": FieldSpec("string", False, "A name for the step, unique in the plan (lowercase "
                    "letters, digits and '-'); a translation of the plan refers to it."),
    "title": FieldSpec("string", False, "A heading for the step (a sensible one is made "
                       "from the step when omitted)."),
    "notes": FieldSpec("string", False, "Presenter notes: seen by the teacher, not the class."),
    "minutes": FieldSpec("number", False, "Planned duration of the step, in minutes.",
                         minimum=0, maximum=MAX_MINUTES),
}
KIND_FIELDS: dict[str, dict[str, FieldSpec]] = {
    "lesson": {
        "lesson": FieldSpec("string", True, "Lesson id (wallet-explainer's lessons)."),
        "page": FieldSpec("integer", False, "Page number in the lesson, from 1 (default 1).",
                          minimum=1, maximum=100),
    },
    "incident": {
        "incident": FieldSpec("string", True, "Bundled incident id, or a scenario file's "
                              "path relative to the plan."),
    },
    "replay": {
        "incident": FieldSpec("string", True, "Bundled incident id or scenario path."),
        "setup": FieldSpec("string", True, "Setup id: the incident's own or the library's."),
        "at": FieldSpec("string", False, "Moment to show: 'HH:MM' or 'HH:MM:SS' on the "
                        "incident's day in its local time, a full ISO 8601 time with offset, "
                        "'start' or 'end' (default 'start')."),
        "play": FieldSpec("boolean", False, "Start playing when the step opens (default false)."),
        "speed": FieldSpec("string", False, "Playing speed (default 60x).", choices=SPEEDS),
    },
    "compare": {
        "incident": FieldSpec("string", True, "Bundled incident id or scenario path."),
        "setups": FieldSpec("strings", False, "Setup ids to compare (default: the incident's "
                            "own setups and the library's)."),
    },
    "whatif": {
        "incident": FieldSpec("string", True, "Bundled incident id or scenario path."),
        "setup": FieldSpec("string", False, "Setup to start building from (default: the "
                           "incident's first)."),
    },
    "question": {
        "prompt": FieldSpec("string", True, "The question put to the room."),
        "choices": FieldSpec("strings", False, "Answers to choose from, if any."),
        "answer": FieldSpec("string", True, "The answer, hidden until revealed (one of "
                            "`choices` when they are given)."),
    },
    "pause": {
        "prompt": FieldSpec("string", False, "What to discuss."),
    },
}


@dataclass(frozen=True)
class Step:
    """One step of a plan, checked; fields that do not apply to its kind are empty."""

    kind: str
    title: str
    notes: str = ""
    id: str = ""
    minutes: float | None = None
    lesson: str = ""
    page: int = 1
    incident: str = ""  # a bundled id or an absolute path to a scenario file
    setup: str = ""
    at: datetime | None = None  # the replay moment; None means the replay's start
    at_end: bool = False
    play: bool = False
    speed: str = "60x"
    setups: tuple[str, ...] = ()
    prompt: str = ""
    choices: tuple[str, ...] = ()
    answer: str = ""


@dataclass(frozen=True)
class Plan:
    """A checked lesson plan."""

    id: str
    title: str
    steps: tuple[Step, ...]
    summary: str = ""
    audience: str = ""
    minutes: float | None = None
    path: str = ""
    lang: str = paths.DEFAULT_LANG  # the language its texts were loaded in

    @property
    def planned_minutes(self) -> float:
        """The plan's stated length, or the sum of its steps' planned durations."""
        if self.minutes is not None:
            return self.minutes
        return sum(step.minutes or 0 for step in self.steps)


# --- finding plans ---------------------------------------------------------------------------

def plans_dir() -> Path:
    """Directory of the bundled lesson plans."""
    return paths.assets_dir() / "plans"


def bundled_plans() -> list[Path]:
    """The bundled plan files, sorted by name."""
    return sorted(p for p in plans_dir().glob("*.toml") if p.is_file())


def resolve(ref: str) -> Path:
    """A bundled plan id or a path to a plan file."""
    if PLAN_ID.fullmatch(ref) and (plans_dir() / f"{ref}.toml").is_file():
        return plans_dir() / f"{ref}.toml"
    if "/" in ref or ref.endswith(".toml"):
        return Path(ref)
    known = ", ".join(p.stem for p in bundled_plans())
    message = _("no such plan (bundled plans: {known})").format(known=known)
    raise PlanError([Problem(ref[:80], None, "", message)])


def looks_like_plan(text: str) -> bool:
    """True for a TOML text with a ``[[steps]]`` table: what ``check`` treats as a plan."""
    return re.search(r"^\s*\[\[\s*steps\s*\]\]", text, re.MULTILINE) is not None


# --- checking --------------------------------------------------------------------------------

class _Checks:
    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.lines = loader.line_index(text)
        self.problems: list[Problem] = []

    def add(self, field: str, message: str) -> None:
        line = None
        probe = field
        while probe and line is None:
            line = self.lines.get(probe)
            cut = max(probe.rfind("."), probe.rfind("["))
            probe = probe[:cut] if cut > 0 else ""
        self.problems.append(Problem(self.name, line, field, message))

    def fields(self, data: dict[str, Any], spec: dict[str, FieldSpec], where: str) -> None:
        for key in data:
            if key not in spec:
                self.add(_at(where, key), _("unknown field (expected one of: {known})").format(
                    known=", ".join(spec)))
        for key, f in spec.items():
            if key not in data:
                if f.required:
                    self.add(_at(where, key), _("missing (required)"))
                continue
            self.value(data[key], f, _at(where, key))

    def value(self, value: Any, f: FieldSpec, where: str) -> None:
        if f.type == "string":
            ok = isinstance(value, str)
        elif f.type == "strings":
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        elif f.type == "boolean":
            ok = isinstance(value, bool)
        elif f.type == "integer":
            ok = isinstance(value, int) and not isinstance(value, bool)
        else:
            ok = isinstance(value, int | float) and not isinstance(value, bool)
        if not ok:
            self.add(where, _(_TYPE_WORDS[f.type]))
            return
        texts = value if isinstance(value, list) else [value] if isinstance(value, str) else []
        for text in texts:
            if bad := _control(text):
                self.add(where, _("holds a control character ({char}); plain text only").format(
                    char=bad))
                return
        if f.choices and value not in f.choices:
            self.add(where, _("must be one of: {choices}").format(choices=", ".join(f.choices)))
        if f.minimum is not None and not isinstance(value, str | list) and value < f.minimum:
            self.add(where, _("must be at least {least}").format(least=f"{f.minimum:g}"))
        if f.maximum is not None and not isinstance(value, str | list) and value > f.maximum:
            self.add(where, _("must be at most {most}").format(most=f"{f.maximum:g}"))


_TYPE_WORDS = {"string": N_("must be a string"), "strings": N_("must be a list of strings"),
               "boolean": N_("must be true or false"), "integer": N_("must be a whole number"),
               "number": N_("must be a number")}


def _at(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _control(text: str) -> str | None:
    # the scenario format's own rule: no C0, DEL or C1, newlines and tabs aside
    found = CONTROL_MULTILINE.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def check_data(data: dict[str, Any], text: str, name: str,
               lang: str = paths.DEFAULT_LANG) -> tuple[list[Problem], Plan | None]:
    """Every problem with a parsed plan, and the plan itself when there are none.

    ``lang`` is the language of the titles made for steps that have none (a lesson's or
    incident's own title, in that language where it is translated)."""
    c = _Checks(name, text)
    c.fields({k: v for k, v in data.items() if k != "steps"}, TOP, "")
    if "id" in data and isinstance(data["id"], str) and not PLAN_ID.fullmatch(data["id"]):
        c.add("id", _("must be lowercase letters, digits and '-' (at most 64 characters)"))
    steps = data.get("steps")
    if not isinstance(steps, list) or not steps:
        c.add("steps", _("a plan needs at least one [[steps]] table"))
        steps = []
    elif len(steps) > MAX_STEPS:
        c.add("steps", _("at most {most} steps").format(most=MAX_STEPS))
    _shape_steps(c, steps)
    if c.problems:  # references are followed only once the shape is right
        return c.problems, None
    base = Path(name).parent
    built = tuple(_build_step(c, s, f"steps[{i}]", base, lang) for i, s in enumerate(steps))
    if c.problems:
        return c.problems, None
    plan = Plan(id=data["id"], title=data["title"], steps=built,  # type: ignore[arg-type]
                summary=data.get("summary", ""), audience=data.get("audience", ""),
                minutes=data.get("minutes"), path=name, lang=lang)
    return [], plan


def _shape_steps(c: _Checks, steps: list[Any]) -> None:
    seen: set[str] = set()
    for i, step in enumerate(steps):
        where = f"steps[{i}]"
        if not isinstance(step, dict):
            c.add(where, _("must be a table"))
            continue
        step_id = step.get("id")
        if isinstance(step_id, str):
            if not PLAN_ID.fullmatch(step_id):
                c.add(f"{where}.id",
                      _("must be lowercase letters, digits and '-' (at most 64 characters)"))
            elif step_id in seen:
                c.add(f"{where}.id", _("'{id}' names an earlier step too; step ids are "
                                       "unique in a plan").format(id=step_id))
            seen.add(step_id)
        kind = step.get("kind")
        if kind not in KIND_FIELDS:
            c.fields({"kind": kind} if "kind" in step else {}, {"kind": COMMON["kind"]}, where)
            continue
        c.fields(step, COMMON | KIND_FIELDS[kind], where)


# Titles made for steps that have none; translated where shown (``_`` at load time).
QUESTION_TITLE = N_("Question")
PAUSE_TITLE = N_("Discussion")
LESSON_TITLE = N_("{lesson}: {page}")
REPLAY_TITLE = N_("{incident}: {setup}")
COMPARE_TITLE = N_("{incident}: every setup side by side")
WHATIF_TITLE = N_("{incident}: what if?")


def _made(message: str, lang: str) -> str:
    """A made title's wording in ``lang``: the message itself in English, else the catalog's
    (the catalog of the language in use: loading in another one gives its English glue)."""
    return message if lang == paths.DEFAULT_LANG else _(message)


def _build_step(c: _Checks, s: dict[str, Any], where: str, base: Path, lang: str) -> Step:
    kind = s["kind"]
    step = Step(kind=kind, title=s.get("title", ""), notes=s.get("notes", ""),
                minutes=s.get("minutes"), id=s.get("id", ""))
    if kind == "lesson":
        return _lesson_step(c, s, where, step, lang)
    if kind in ("question", "pause"):
        choices = tuple(s.get("choices", ()))
        if choices and s["answer"] not in choices:
            c.add(f"{where}.answer", _("must be one of the choices"))
        made = QUESTION_TITLE if kind == "question" else PAUSE_TITLE
        title = step.title or _made(made, lang)
        return replace(step, title=title, prompt=s.get("prompt", ""), choices=choices,
                       answer=s.get("answer", ""))
    return _incident_step(c, s, where, step, base, lang)


def _lesson_step(c: _Checks, s: dict[str, Any], where: str, step: Step, lang: str) -> Step:
    from explainer import lessons

    lesson_id, page = s["lesson"], s.get("page", 1)
    if lesson_id not in lessons.LESSON_IDS:
        c.add(f"{where}.lesson", _("no such lesson (lessons: {known})").format(
            known=", ".join(lessons.LESSON_IDS)))
        return step
    lesson = next(x for x in lessons.load_lessons(lang) if x.id == lesson_id)
    if page > len(lesson.pages):
        pages = len(lesson.pages)
        c.add(f"{where}.page", ngettext("'{lesson}' has {count} page",
                                        "'{lesson}' has {count} pages", pages).format(
            lesson=lesson_id, count=pages))
        return step
    title = step.title or _made(LESSON_TITLE, lang).format(lesson=lesson.title,
                                                 page=lesson.pages[page - 1].title)
    return replace(step, title=title, lesson=lesson_id, page=page)


def _setups_in(incident: Any, lang: str) -> list[Any]:
    """``catalog.setups_for`` in ``lang``: the incident's own setups, then the library's."""
    from explainer import catalog
    from explainer.engine import instantiate

    domains, library = catalog.library(lang)
    own = list(incident.setups)
    taken = {x.id for x in own}
    return own + [instantiate(x, incident, domains) for x in library if x.id not in taken]


def _incident_step(c: _Checks, s: dict[str, Any], where: str, step: Step, base: Path,
                   lang: str) -> Step:
    ref = s["incident"]
    if not PLAN_ID.fullmatch(ref):  # a path, relative to the plan
        ref = str((base / ref).resolve())
    try:
        incident = loader.load(ref)
    except ScenarioError as exc:
        c.add(f"{where}.incident", _("cannot be used: {reason}").format(reason=exc))
        return step
    if lang != paths.DEFAULT_LANG:
        from explainer.translations import localize

        incident = localize(incident, lang)
    known = {x.id: x for x in _setups_in(incident, lang)}
    wanted = [s["setup"]] if "setup" in s else list(s.get("setups", ()))
    for n, setup_id in enumerate(wanted):
        if setup_id not in known:
            field = f"{where}.setup" if "setup" in s else f"{where}.setups[{n}]"
            c.add(field, _("{incident} has no setup '{setup}'").format(incident=incident.id,
                                                                        setup=setup_id))
    if c.problems:
        return step
    kind = s["kind"]
    at, at_end = None, False
    if kind == "replay":
        at, at_end = _moment(c, s.get("at", "start"), f"{where}.at", incident, known[s["setup"]])
    title = step.title
    if not title:
        made = {"incident": "{incident}", "replay": REPLAY_TITLE, "compare": COMPARE_TITLE,
                "whatif": WHATIF_TITLE}[kind]
        title = _made(made, lang).format(incident=incident.title,
                               setup=known[s["setup"]].label if "setup" in s else "")
    return replace(step, title=title, incident=ref, setup=s.get("setup", ""), at=at,
                   at_end=at_end, play=s.get("play", False), speed=s.get("speed", "60x"),
                   setups=tuple(s.get("setups", ())))


def _moment(c: _Checks, text: str, where: str, incident: Any,
            setup: Any) -> tuple[datetime | None, bool]:
    """The replay moment a step names, checked to lie within the replay's clock."""
    from explainer.player import Player

    if text == "start":
        return None, False
    if text == "end":
        return None, True
    player = Player(incident, setup)
    tz = incident.outflows[0].at.tzinfo
    if found := _CLOCK.fullmatch(text):
        hour, minute, second = int(found["h"]), int(found["m"]), int(found["s"] or 0)
        if hour > 23 or minute > 59 or second > 59:
            c.add(where, _("'{text}' is not a time of day").format(text=text))
            return None, False
        try:
            day = datetime.strptime(incident.date, "%Y-%m-%d").date()
        except ValueError:  # a date such as '2014-02' names no single day: the replay's own
            day = player.start.astimezone(tz).date()
        at = datetime.combine(day, time(hour, minute, second), tzinfo=tz)
    else:
        try:
            at = datetime.fromisoformat(text)
        except ValueError:
            c.add(where, _("must be 'HH:MM', 'HH:MM:SS', an ISO 8601 time, 'start' or 'end'"))
            return None, False
        if at.tzinfo is None:
            c.add(where, _("an ISO 8601 time needs its UTC offset (e.g. +09:00)"))
            return None, False
    if not player.start <= at <= player.end:
        c.add(where, _("{text} is outside the replay ({start} to {end})").format(
            text=text, start=_local(player.start, tz), end=_local(player.end, tz)))
        return None, False
    return at, False


def _local(moment: datetime, tz: Any) -> str:
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S") if tz else moment.isoformat()


# --- reading ---------------------------------------------------------------------------------

def _read(path: Path) -> tuple[str, dict[str, Any]]:
    try:
        text = loader.read_text(path)
        return text, loader.parse_toml(text.removeprefix("\ufeff"), str(path))
    except PlanError:
        raise
    except ScenarioError as exc:
        raise PlanError(exc.problems) from None


def check_file(path: Path | str) -> list[Problem]:
    """Every problem with a plan file (empty when it is fine)."""
    try:
        text, data = _read(Path(path))
    except PlanError as exc:
        return exc.problems
    return check_data(data, text, str(path))[0]


def load(ref: str, lang: str | None = None) -> Plan:
    """A bundled plan by id, or a plan file by path, in ``lang`` (by default the language
    in use, ``i18n.current()``); ``PlanError`` if it cannot be used.

    The one call the presenter, the notes view and the command line need. For a bundled
    plan (by id, or by the path ``bundled_plans()`` gives) in a language other than
    English, the bundled translation ``plans/<lang>/<id>.toml`` is merged in: every text
    it gives replaces the English (plan title, summary, audience; each step's title,
    notes, prompt, choices, answer), every text it leaves out stays English, and what
    each step shows is the English plan's. Titles made for steps without one come from
    the translated lesson or incident. A translation with problems (``check_translation``)
    is not used: the plan loads in English. A teacher's own plan file is read as written.
    The result's ``lang`` says which language was asked for; load again with another
    ``lang`` to switch (the English ``Plan.path`` stays the same in every language).
    """
    lang = lang or i18n.current()
    path = resolve(ref)
    text, data = _read(path)
    if lang != paths.DEFAULT_LANG and _is_bundled(path):
        data = _translated(data, text, str(path), lang)
    problems, plan = check_data(data, text, str(path), lang)
    if problems or plan is None:
        raise PlanError(problems)
    return plan


def bundled(lang: str | None = None) -> list[Plan]:
    """Every bundled plan, loaded in ``lang`` (by default the language in use), in the
    order of ``bundled_plans()``: what a plan chooser lists."""
    return [load(str(path), lang) for path in bundled_plans()]


# --- translations ----------------------------------------------------------------------------
#
# A translation file holds text only:
#
#     format = 1
#     lang = "ja"
#     plan = "coincheck-20-minutes"
#     en_hash = "1a2b3c4d"      # fingerprint of the English it translates (optional)
#     title = "..."             # also summary, audience
#
#     [steps.before-we-watch]   # a step of the plan, by its id
#     en_hash = "..."
#     title = "..."             # also notes, prompt, choices (same number), answer
#
# ``answer`` must be the translated choice at the place of the English answer, so the
# right answer stays right. A step may be given a title even where the English one is made.

TRANSLATION_HEADER = ("format", "lang", "plan")
PLAN_TEXTS = ("title", "summary", "audience")
STEP_TEXTS = ("title", "notes", "prompt", "choices", "answer")
EN_HASH = "en_hash"


def _is_bundled(path: Path) -> bool:
    try:
        return path.resolve().parent == plans_dir().resolve()
    except OSError:
        return False


def translation_file(plan_id: str, lang: str) -> Path | None:
    """The bundled translation of bundled plan ``plan_id`` into ``lang``, if there is one."""
    if not (PLAN_ID.fullmatch(plan_id) and PLAN_ID.fullmatch(lang)):
        return None
    found = plans_dir() / lang / f"{plan_id}.toml"
    return found if found.is_file() else None


def _english_entries(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The translatable texts of an English plan: ``plan`` and each step with an id."""
    out: dict[str, dict[str, Any]] = {"plan": {k: data[k] for k in PLAN_TEXTS if k in data}}
    for step in data.get("steps", ()):
        if isinstance(step, dict) and isinstance(step.get("id"), str):
            out[f"steps.{step['id']}"] = {k: step[k] for k in STEP_TEXTS if k in step}
    return out


def en_hash(fields: dict[str, Any]) -> str:
    """The fingerprint of an entry's English texts (as for scenario translations; a list
    of choices counts as its items joined)."""
    from explainer.translations import en_hash as text_hash

    return text_hash({k: "\x1e".join(v) if isinstance(v, list) else v
                      for k, v in fields.items()})


def check_translation(english: dict[str, Any], data: Any, text: str = "",
                      name: str = "") -> list[Problem]:
    """Every problem with a translation (``data``, parsed from ``text``) of the English
    plan ``english`` (parsed too): a wrong header, a step id the plan does not have, a
    field that is not a text of that entry, a value of the wrong type or with a control
    character, a different number of choices, an answer that is not the translated right
    choice, or an ``en_hash`` that no longer matches the English (the English changed
    since it was translated)."""
    c = _Checks(name or str(english.get("id", "")), text)
    if not isinstance(data, dict):
        c.add("", _("a translation must be a TOML table"))
        return c.problems
    if data.get("format") != PLAN_FORMAT or type(data.get("format")) is not int:
        c.add("format", _("must be {format}").format(format=PLAN_FORMAT))
    if not isinstance(data.get("lang"), str) or not PLAN_ID.fullmatch(data["lang"]):
        c.add("lang", _('must be a language code such as "ja"'))
    if data.get("plan") != english.get("id"):
        c.add("plan", _('must be "{plan}", the plan this file translates').format(
            plan=english.get("id")))
    entries = _english_entries(english)
    top = {k: v for k, v in data.items() if k not in (*TRANSLATION_HEADER, "steps")}
    _check_entry(c, "", entries["plan"], top, PLAN_TEXTS)
    steps = data.get("steps", {})
    if not isinstance(steps, dict):
        c.add("steps", _("must be tables [steps.<step id>]"))
        steps = {}
    for step_id, table in steps.items():
        where = f"steps.{step_id}"
        if where not in entries:
            known = ", ".join(k.removeprefix("steps.") for k in entries if k != "plan")
            c.add(where, _("the plan has no step '{id}' (step ids: {known})").format(
                id=step_id, known=known or "-"))
        elif not isinstance(table, dict):
            c.add(where, _("must be a table of texts"))
        else:
            _check_entry(c, where, entries[where], table, STEP_TEXTS)
    return c.problems


def _check_entry(c: _Checks, where: str, english: dict[str, Any], table: dict[str, Any],
                 texts: tuple[str, ...]) -> None:
    for key, value in table.items():
        field = _at(where, key)
        if key == EN_HASH:
            if value != en_hash(english):
                c.add(field, _('the English of this entry has changed since it was translated: '
                               'review the translation, then set en_hash = "{hash}"').format(
                    hash=en_hash(english)))
        elif key not in texts:
            c.add(field, _("not a text of this entry (texts: {texts})").format(
                texts=", ".join(texts)))
        elif key != "title" and key not in english:
            c.add(field, _("the English has no such text to translate"))
        elif key == "choices":
            if not (isinstance(value, list) and all(isinstance(v, str) and v.strip()
                                                    for v in value)):
                c.add(field, _("must be a list of texts"))
            elif len(value) != len(english["choices"]):
                c.add(field, _("must give {count} choices, as the English does").format(
                    count=len(english["choices"])))
            elif found := next((b for v in value if (b := _control(v))), None):
                c.add(field, _("holds a control character ({char}); plain text only").format(
                    char=found))
        elif not isinstance(value, str) or not value.strip():
            c.add(field, _("must be a text that is not empty"))
        elif bad := _control(value):
            c.add(field, _("holds a control character ({char}); plain text only").format(
                char=bad))
    choices, answer = table.get("choices"), table.get("answer")
    if "answer" in english and "choices" in english and (choices or answer):
        right = english["choices"].index(english["answer"]) \
            if english["answer"] in english["choices"] else None
        if not (isinstance(choices, list) and isinstance(answer, str) and right is not None
                and len(choices) == len(english["choices"]) and choices[right] == answer):
            c.add(_at(where, "answer"), _("translate choices and answer together: the answer "
                                          "must be the translated choice where the English "
                                          "answer is"))


def looks_like_translation(text: str) -> bool:
    """True for a TOML text with a top-level ``plan = "..."``: a plan's translation (which
    ``check`` can tell from a plan, whose steps are ``[[steps]]``)."""
    head = text.split("\n[", 1)[0]  # the keys before the first table
    return re.search(r'^\s*plan\s*=\s*"', head, re.MULTILINE) is not None


def check_translation_file(path: Path | str) -> list[Problem]:
    """Every problem with a plan translation file, checked against the bundled plan its
    ``plan`` key names (what ``wallet-explainer check`` needs for such a file)."""
    try:
        text, data = _read(Path(path))
    except PlanError as exc:
        return exc.problems
    plan_id = data.get("plan")
    english = plans_dir() / f"{plan_id}.toml" if isinstance(plan_id, str) \
        and PLAN_ID.fullmatch(plan_id) else None
    if english is None or not english.is_file():
        c = _Checks(str(path), text)
        known = ", ".join(p.stem for p in bundled_plans())
        c.add("plan", _("must name a bundled plan ({known})").format(known=known))
        return c.problems
    return check_translation(_read(english)[1], data, text, str(path))


def untranslated(english: dict[str, Any], data: Any) -> list[str]:
    """The fields (``title``, ``steps.<id>.notes``...) of every English text a
    translation leaves untranslated; steps without an id cannot be translated and are
    listed as ``steps[<n>]``."""
    table = data if isinstance(data, dict) else {}
    missing: list[str] = []
    for where, fields in _english_entries(english).items():
        given: Any = table
        if where != "plan":
            given = table.get("steps", {})
            given = given.get(where.removeprefix("steps."), {}) if isinstance(given, dict) else {}
        missing += [_at("" if where == "plan" else where, k) for k in fields
                    if not (isinstance(given, dict) and given.get(k))]
    missing += [f"steps[{n}]" for n, step in enumerate(english.get("steps", ()))
                if isinstance(step, dict) and not isinstance(step.get("id"), str)]
    return missing


def untranslated_bundled(lang: str) -> dict[str, list[str]]:
    """For each bundled plan, the fields its bundled translation into ``lang`` leaves in
    English (every text, when there is no translation): what ``check --lang`` lists."""
    out = {}
    for path in bundled_plans():
        english = _read(path)[1]
        found = read_translation(path.stem, lang)
        out[path.stem] = untranslated(english, found[0] if found else {})
    return out


def read_translation(plan_id: str, lang: str) -> tuple[dict[str, Any], str, Path] | None:
    """The bundled translation of ``plan_id`` into ``lang``: its data, text and path."""
    path = translation_file(plan_id, lang)
    if path is None:
        return None
    text, data = _read(path)
    return data, text, path


def _translated(data: dict[str, Any], text: str, name: str, lang: str) -> dict[str, Any]:
    """The English plan ``data`` with its bundled translation into ``lang`` merged in
    (``data`` itself when there is none or when it does not check)."""
    try:
        found = read_translation(data["id"], lang) if isinstance(data.get("id"), str) else None
    except PlanError:  # unreadable: the English plan, as for a translation that does not check
        return data
    if found is None:
        return data
    tdata, ttext, tpath = found
    if check_translation(data, tdata, ttext, str(tpath)):
        return data
    merged = dict(data) | {k: v for k, v in tdata.items() if k in PLAN_TEXTS}
    by_id = tdata.get("steps", {})
    merged["steps"] = [
        step | {k: v for k, v in by_id.get(step.get("id"), {}).items() if k in STEP_TEXTS}
        if isinstance(step, dict) else step
        for step in data.get("steps", ())]
    return merged


# --- JSON Schema -----------------------------------------------------------------------------

def _json(f: FieldSpec) -> dict[str, Any]:
    out: dict[str, Any] = {"description": f.doc}
    if f.type == "strings":
        out |= {"type": "array", "items": {"type": "string"}}
    else:
        out["type"] = f.type
    if f.choices:
        out["enum"] = list(f.choices)
    if f.minimum is not None:
        out["minimum"] = f.minimum
    if f.maximum is not None:
        out["maximum"] = f.maximum
    if f.type == "string":
        out["pattern"] = f"^[^{CONTROL_MULTILINE.pattern[1:-1]}]*$"
    return out


def json_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of the plan format, from the same declaration."""
    every = COMMON | {k: v for spec in KIND_FIELDS.values() for k, v in spec.items()}
    by_kind = [{
        "if": {"properties": {"kind": {"const": kind}}},
        "then": {"required": ["kind", *(k for k, f in spec.items() if f.required)],
                 "propertyNames": {"enum": [*COMMON, *spec]}},
    } for kind, spec in KIND_FIELDS.items()]
    top = {k: _json(f) for k, f in TOP.items()}
    top["format"]["const"] = PLAN_FORMAT
    top["id"]["pattern"] = ID_PATTERN
    top["steps"] = {
        "type": "array", "minItems": 1, "maxItems": MAX_STEPS,
        "description": "The steps, in the order they are shown.",
        "items": {"type": "object", "properties": {k: _json(f) for k, f in every.items()},
                  "required": ["kind"], "additionalProperties": False, "allOf": by_kind},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "wallet-explainer lesson plan",
        "type": "object",
        "properties": top,
        "required": [*(k for k, f in TOP.items() if f.required), "steps"],
        "additionalProperties": False,
    }
