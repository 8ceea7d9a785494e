"""The interactive lessons: plain Markdown files parsed into pages and a closing question.

Format of ``assets/lessons/<id>.md`` (no YAML, no front matter)::

    # Lesson title

    ## First page title
    Markdown text...
    <!-- diagram: coincheck-2018/as-run -->

    ---
    ## Another page
    <!-- widget: qr-address hot-wallet -->
    ...
    ---
    ## Question
    The prompt, one or more paragraphs.

    - [ ] a wrong answer
    - [x] the right answer
    - [ ] another wrong answer

    > Right: shown after a right answer.
    > Wrong: shown after a wrong answer.

Pages are separated by lines holding only ``---``; each starts with ``## Title``.
Directives are HTML comments alone on their line, at most one of each kind per page:

- ``diagram: <scenario>/<setup>``: draw where that setup's keys live. The setup is
  looked up among the scenario's own setups first, then the reusable library. A page
  about one incident draws that incident's own places: name its scenario, not another
  one's (a library setup mapped onto Coincheck shows "NEM server" wherever it is used).
- ``replay: <scenario>/<setup>``: one key on the page opens that replay and makes the
  scenario the app's current incident (the setup is looked up as for ``diagram``).
- ``widget: qr-address <address>``: a QR code of a public address from the scenario's
  ``[[addresses]]``; ``<address>`` is ``<id>`` (in ``paths.DEFAULT_SCENARIO``) or
  ``<scenario>/<id>``.
- ``widget: signing-demo``: the live offline-signing demo (``explainer.signing_demo``).

Any page may end with a question of its own: a line ``<!-- question -->`` starts it, and
it runs to the end of the page in the same syntax as the closing question (prompt,
``- [ ]``/``- [x]`` choices, ``> Right:``/``> Wrong:`` feedback); it becomes
:attr:`Page.question` and is answered with the same keys (1-4)::

    ## Bybit, February 2025
    Text of the page...
    <!-- diagram: bybit-2025/as-run -->
    <!-- replay: bybit-2025/as-run -->

    <!-- question -->
    Which key was stolen?

    - [x] None: the signers were deceived
    - [ ] The cold wallet's

    > Right: ...
    > Wrong: ...

Translations live in ``assets/lessons/<lang>/<id>.md`` (``ja`` so far): the same pages in
the same order, the same directive lines and the same questions with the same right
answer, in another language. The closing page keeps the heading ``## Question`` and the
feedback keeps the markers ``> Right:`` and ``> Wrong:`` (they are syntax, not text shown
as written). :func:`load_lessons` falls back to English for a lesson not translated.

The last page must be ``## Question``; it is parsed into :class:`Question` and is not
one of :attr:`Lesson.pages`. Anything else malformed raises ``ValueError`` naming the
lesson and line. Parsing is pure; only :func:`load_lessons` and the ``resolve_*``
helpers read files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from explainer import paths
from explainer.paths import DEFAULT_LANG, DEFAULT_SCENARIO

if TYPE_CHECKING:
    from pathlib import Path

    from explainer.model import Address, Incident, Setup

LESSON_IDS = ("hot-wallet", "cold-wallet", "multisig", "multisig-failures")
QUESTION_TITLE = "Question"

_ID = r"[a-z0-9][a-z0-9._-]*"
_DIRECTIVE = re.compile(r"<!--\s*(?P<name>[a-z-]+)\s*:\s*(?P<arg>.*?)\s*-->")
_QUESTION = re.compile(r"<!--\s*question\s*-->")
_DIAGRAM = re.compile(rf"{_ID}/{_ID}")
_QR_ADDRESS = re.compile(rf"qr-address\s+(?P<ref>(?:{_ID}/)?{_ID})")
_CHOICE = re.compile(r"[-*] \[(?P<mark>[ xX])\] (?P<text>.+)")
_FEEDBACK = re.compile(r">\s?(?P<kind>Right|Wrong):\s*(?P<text>.*)")


@dataclass(frozen=True)
class Question:
    """The closing multiple-choice question: exactly one choice is right."""

    prompt: str
    choices: tuple[str, ...]
    answer: int  # index into choices
    right: str  # feedback after the right choice
    wrong: str  # feedback after a wrong choice


@dataclass(frozen=True)
class Page:
    """One page of a lesson: Markdown with the directives taken out."""

    title: str
    markdown: str
    diagram: str | None  # "scenario/setup"
    widget: str | None  # "qr-address hot-wallet" or "signing-demo"
    replay: str | None = None  # "scenario/setup": a key opens this replay
    question: Question | None = None  # an inline question at the end of the page


@dataclass(frozen=True)
class Lesson:
    """A lesson: its id (the file stem), title, pages and the closing question."""

    id: str
    title: str
    pages: tuple[Page, ...]
    question: Question


class _Fail:
    """Raises ValueErrors that say which lesson and line went wrong."""

    def __init__(self, lesson_id: str) -> None:
        self.lesson_id = lesson_id

    def __call__(self, line: int | None, message: str) -> ValueError:
        where = f"lesson {self.lesson_id!r}" + (f", line {line}" if line else "")
        return ValueError(f"{where}: {message}")


def parse_lesson(text: str, lesson_id: str) -> Lesson:
    """Parse one lesson file's text; ``ValueError`` with lesson and line when malformed."""
    fail = _Fail(lesson_id)
    lines = text.replace("\r\n", "\n").split("\n")
    numbered = [(n, line.rstrip()) for n, line in enumerate(lines, start=1)]
    while numbered and not numbered[0][1]:
        numbered.pop(0)
    if not numbered or not numbered[0][1].startswith("# "):
        raise fail(numbered[0][0] if numbered else None,
                   "the file must start with '# Lesson title'")
    title = numbered[0][1][2:].strip()
    if not title:
        raise fail(numbered[0][0], "the lesson title is empty")

    # Split into pages at '---' lines; each page remembers the line it starts after.
    chunks: list[tuple[int, list[tuple[int, str]]]] = [(numbered[0][0], [])]
    for n, line in numbered[1:]:
        if line.strip() == "---":
            chunks.append((n, []))
        else:
            chunks[-1][1].append((n, line))
    pages: list[Page] = []
    question: Question | None = None
    for index, (start, body) in enumerate(chunks):
        content = [(n, line) for n, line in body if line.strip()]
        if not content:
            raise fail(start, "empty page (two '---' in a row, or '---' at the start or end)")
        first_n, first = content[0]
        if not first.startswith("## "):
            raise fail(first_n, f"a page must start with '## Page title', found {first!r}")
        page_title = first[3:].strip()
        if not page_title:
            raise fail(first_n, "the page title is empty")
        rest = [(n, line) for n, line in body if n > first_n]
        if page_title == QUESTION_TITLE:
            if index != len(chunks) - 1:
                raise fail(first_n, "'## Question' must be the last page")
            question = _parse_question(rest, fail, first_n)
        else:
            pages.append(_parse_page(page_title, rest, fail))
    if question is None:
        raise fail(None, "no '## Question' page at the end")
    if not pages:
        raise fail(None, "a lesson needs at least one page before the question")
    return Lesson(lesson_id, title, tuple(pages), question)


def _parse_page(title: str, body: list[tuple[int, str]], fail: _Fail) -> Page:
    found: dict[str, str] = {}  # directive kind -> argument
    kept: list[str] = []
    question: Question | None = None
    for i, (n, line) in enumerate(body):
        stripped = line.strip()
        if stripped.startswith("## "):
            raise fail(n, "a second '## ' heading: separate pages with a '---' line")
        if _QUESTION.fullmatch(stripped):
            question = _parse_question(body[i + 1:], fail, n)
            break
        if stripped.startswith("<!--"):
            kind, arg = _directive(stripped, n, fail)
            if kind in found:
                raise fail(n, f"more than one {kind} on a page")
            found[kind] = arg
            continue
        kept.append(line)
    markdown = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n")
    if not markdown:
        raise fail(body[0][0] if body else None, f"page {title!r} has no text")
    return Page(title, markdown, found.get("diagram"), found.get("widget"),
                found.get("replay"), question)


def _directive(line: str, n: int, fail: _Fail) -> tuple[str, str]:
    match = _DIRECTIVE.fullmatch(line)
    if not match:
        raise fail(n, f"not a directive: {line!r} (write <!-- diagram: scenario/setup -->, "
                      "<!-- replay: scenario/setup -->, <!-- widget: ... --> or "
                      "<!-- question --> alone on a line)")
    name, arg = match["name"], " ".join(match["arg"].split())
    if name in ("diagram", "replay"):
        if not _DIAGRAM.fullmatch(arg):
            raise fail(n, f"a {name} names 'scenario/setup', not {arg!r}")
        return name, arg
    if name == "widget":
        if arg == "signing-demo" or _QR_ADDRESS.fullmatch(arg):
            return name, arg
        raise fail(n, f"unknown widget {arg!r} (known: 'qr-address <address id>', "
                      "'signing-demo')")
    raise fail(n, f"unknown directive {name!r} (known: diagram, replay, widget, question)")


def _parse_question(body: list[tuple[int, str]], fail: _Fail, heading: int) -> Question:
    prompt: list[str] = []
    choices: list[list[str]] = []
    marks: list[bool] = []
    feedback: dict[str, list[str]] = {}
    current: str | None = None  # the feedback being continued
    for n, line in body:
        stripped = line.strip()
        if stripped.startswith("<!--"):
            raise fail(n, "directives are not allowed in a question (put them before it)")
        choice = _CHOICE.fullmatch(stripped)
        said = _FEEDBACK.fullmatch(stripped)
        if said:
            kind = said["kind"].lower()
            if kind in feedback:
                raise fail(n, f"a second '> {said['kind']}:' line")
            feedback[kind] = [said["text"]]
            current = kind
        elif stripped.startswith(">"):
            if current is None:
                raise fail(n, "a quote line before '> Right:' or '> Wrong:'")
            feedback[current].append(stripped[1:].strip())
        elif choice:
            if feedback:
                raise fail(n, "choices must come before the feedback")
            choices.append([choice["text"].strip()])
            marks.append(choice["mark"] != " ")
        elif not stripped:
            current = None
            if not choices:
                prompt.append("")
        elif feedback:
            raise fail(n, f"unexpected text after the feedback: {stripped!r}")
        elif choices:
            if not line.startswith((" ", "\t")):
                raise fail(n, f"unexpected text among the choices: {stripped!r}")
            choices[-1].append(stripped)  # an indented continuation of the last choice
        else:
            prompt.append(stripped)
    prompt_text = re.sub(r"\n{3,}", "\n\n", "\n".join(prompt)).strip("\n")
    if not prompt_text:
        raise fail(heading, "the question has no prompt")
    if len(choices) < 2:
        raise fail(heading, "the question needs at least two '- [ ]' / '- [x]' choices")
    if marks.count(True) != 1:
        raise fail(heading, f"exactly one choice must be marked [x], found {marks.count(True)}")
    for kind in ("right", "wrong"):
        if not " ".join(feedback.get(kind, [])).strip():
            raise fail(heading, f"the question needs a '> {kind.capitalize()}: ...' line")
    return Question(
        prompt=prompt_text,
        choices=tuple(" ".join(c) for c in choices),
        answer=marks.index(True),
        right=" ".join(feedback["right"]).strip(),
        wrong=" ".join(feedback["wrong"]).strip(),
    )


def lessons_dir() -> Path:
    """Directory of the bundled lesson files."""
    return paths.assets_dir() / "lessons"


def lesson_file(lesson_id: str, lang: str = DEFAULT_LANG) -> Path:
    """The file lesson ``lesson_id`` is read from in ``lang``.

    English files sit in ``lessons/``; a translation sits in ``lessons/<lang>/`` with the
    same name. A lesson not translated yet falls back to its English file. ``ValueError``
    for a language code that is not two or three lowercase letters (so a code from argv
    or the locale never becomes a path).
    """
    if paths.lang_code(lang) != DEFAULT_LANG:
        translated = lessons_dir() / lang / f"{lesson_id}.md"
        if translated.is_file():
            return translated
    return lessons_dir() / f"{lesson_id}.md"


def load_lessons(lang: str = DEFAULT_LANG) -> tuple[Lesson, ...]:
    """The bundled lessons in teaching order: hot wallet, cold wallet, multisig, and when
    multisig fails; in ``lang`` where a translation exists, otherwise in English."""
    return tuple(
        parse_lesson(lesson_file(lesson_id, lang).read_text(encoding="utf-8"), lesson_id)
        for lesson_id in LESSON_IDS
    )


def address_ref(widget: str) -> tuple[str, str]:
    """``(scenario id, address id)`` of a ``qr-address`` widget string."""
    match = _QR_ADDRESS.fullmatch(" ".join(widget.split()))
    if not match:
        raise ValueError(f"not a qr-address widget: {widget!r}")
    scenario, _, address = match["ref"].rpartition("/")
    return scenario or DEFAULT_SCENARIO, address


def resolve_address(widget: str) -> Address:
    """The scenario address a ``qr-address`` widget shows; ``KeyError`` if there is none."""
    from explainer.loader import load

    scenario, address_id = address_ref(widget)
    for address in load(scenario).addresses:
        if address.id == address_id:
            return address
    raise KeyError(f"{scenario} has no address {address_id!r}")


def resolve_diagram(diagram: str) -> tuple[Incident, Setup]:
    """The incident and setup a ``diagram`` (or ``replay``) directive names.

    The scenario's own setups win; otherwise the library setup of that id, mapped onto
    the incident. ``KeyError`` if neither has it.
    """
    from explainer.catalog import find_setup
    from explainer.loader import load

    scenario, _, setup_id = diagram.partition("/")
    incident = load(scenario)
    return incident, find_setup(incident, setup_id)  # the one way to find a setup
