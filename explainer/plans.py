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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import Any

from explainer import loader, paths
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


def check_data(data: dict[str, Any], text: str, name: str) -> tuple[list[Problem], Plan | None]:
    """Every problem with a parsed plan, and the plan itself when there are none."""
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
    built = tuple(_build_step(c, s, f"steps[{i}]", base) for i, s in enumerate(steps))
    if c.problems:
        return c.problems, None
    plan = Plan(id=data["id"], title=data["title"], steps=built,  # type: ignore[arg-type]
                summary=data.get("summary", ""), audience=data.get("audience", ""),
                minutes=data.get("minutes"), path=name)
    return [], plan


def _shape_steps(c: _Checks, steps: list[Any]) -> None:
    for i, step in enumerate(steps):
        where = f"steps[{i}]"
        if not isinstance(step, dict):
            c.add(where, _("must be a table"))
            continue
        kind = step.get("kind")
        if kind not in KIND_FIELDS:
            c.fields({"kind": kind} if "kind" in step else {}, {"kind": COMMON["kind"]}, where)
            continue
        c.fields(step, COMMON | KIND_FIELDS[kind], where)


def _build_step(c: _Checks, s: dict[str, Any], where: str, base: Path) -> Step:
    kind = s["kind"]
    step = Step(kind=kind, title=s.get("title", ""), notes=s.get("notes", ""),
                minutes=s.get("minutes"))
    if kind == "lesson":
        return _lesson_step(c, s, where, step)
    if kind in ("question", "pause"):
        choices = tuple(s.get("choices", ()))
        if choices and s["answer"] not in choices:
            c.add(f"{where}.answer", _("must be one of the choices"))
        title = step.title or ("Question" if kind == "question" else "Discussion")
        return Step(kind=kind, title=title, notes=step.notes, minutes=step.minutes,
                    prompt=s.get("prompt", ""), choices=choices, answer=s.get("answer", ""))
    return _incident_step(c, s, where, step, base)


def _lesson_step(c: _Checks, s: dict[str, Any], where: str, step: Step) -> Step:
    from explainer import lessons

    lesson_id, page = s["lesson"], s.get("page", 1)
    if lesson_id not in lessons.LESSON_IDS:
        c.add(f"{where}.lesson", _("no such lesson (lessons: {known})").format(
            known=", ".join(lessons.LESSON_IDS)))
        return step
    lesson = next(x for x in lessons.load_lessons() if x.id == lesson_id)
    if page > len(lesson.pages):
        pages = len(lesson.pages)
        c.add(f"{where}.page", ngettext("'{lesson}' has {count} page",
                                        "'{lesson}' has {count} pages", pages).format(
            lesson=lesson_id, count=pages))
        return step
    title = step.title or f"{lesson.title}: {lesson.pages[page - 1].title}"
    return Step(kind="lesson", title=title, notes=step.notes, minutes=step.minutes,
                lesson=lesson_id, page=page)


def _incident_step(c: _Checks, s: dict[str, Any], where: str, step: Step, base: Path) -> Step:
    from explainer import catalog

    ref = s["incident"]
    if not PLAN_ID.fullmatch(ref):  # a path, relative to the plan
        ref = str((base / ref).resolve())
    try:
        incident = loader.load(ref)
    except ScenarioError as exc:
        c.add(f"{where}.incident", _("cannot be used: {reason}").format(reason=exc))
        return step
    known = {x.id: x for x in catalog.setups_for(incident)}
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
    titles = {"incident": incident.title,
              "replay": f"{incident.title}: {known[s['setup']].label}" if "setup" in s else "",
              "compare": f"{incident.title}: every setup side by side",
              "whatif": f"{incident.title}: what if?"}
    return Step(kind=kind, title=step.title or titles[kind], notes=step.notes,
                minutes=step.minutes, incident=ref, setup=s.get("setup", ""), at=at,
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


def load(ref: str) -> Plan:
    """A bundled plan by id, or a plan file by path; ``PlanError`` if it cannot be used."""
    path = resolve(ref)
    text, data = _read(path)
    problems, plan = check_data(data, text, str(path))
    if problems or plan is None:
        raise PlanError(problems)
    return plan


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
