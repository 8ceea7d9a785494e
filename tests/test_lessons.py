"""Lesson files: the parser, and the bundled lessons against the scenarios they cite."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from decimal import Decimal

import pytest
from rich.cells import cell_len

from explainer import numbers as fmt
from explainer.diagram import attacker_reach, key_map
from explainer.engine import replay
from explainer.lessons import (
    LESSON_IDS,
    Lesson,
    Page,
    Question,
    address_ref,
    load_lessons,
    parse_lesson,
    resolve_address,
    resolve_diagram,
)
from explainer.loader import load, load_library
from explainer.qr import qr_matrix, qr_text, text_to_matrix

SAMPLE = """\
# A lesson

## First page
Some *text*.

<!-- diagram: coincheck-2018/as-run -->

More text.
---
## Second page
<!--   widget:   qr-address   hot-wallet   -->
Look at the code.

---

## Third page
<!-- widget: signing-demo -->
Try it.
---
## Question
Which one
is right?

- [ ] not this
- [x] this one,
  really
- [ ] nor this

> Right: Well done.
> Wrong: No,
> try again.
"""


def test_sample_parses_to_hand_written_lesson() -> None:
    assert parse_lesson(SAMPLE, "sample") == Lesson(
        id="sample",
        title="A lesson",
        pages=(
            Page("First page", "Some *text*.\n\nMore text.", "coincheck-2018/as-run", None),
            Page("Second page", "Look at the code.", None, "qr-address hot-wallet"),
            Page("Third page", "Try it.", None, "signing-demo"),
        ),
        question=Question(
            prompt="Which one\nis right?",
            choices=("not this", "this one, really", "nor this"),
            answer=1,
            right="Well done.",
            wrong="No, try again.",
        ),
    )


def test_windows_line_endings_parse_the_same() -> None:
    assert parse_lesson(SAMPLE.replace("\n", "\r\n"), "sample") == parse_lesson(SAMPLE, "sample")


def _broken(old: str, new: str) -> str:
    assert old in SAMPLE
    return SAMPLE.replace(old, new)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (SAMPLE[: SAMPLE.index("---\n## Question")].rstrip() + "\n", "no '## Question'"),
        (_broken("- [ ] not this", "- [x] not this"), "exactly one choice"),
        (_broken("- [x] this one,", "- [ ] this one,"), "exactly one choice"),
        (_broken("<!-- widget: signing-demo -->", "<!-- animation: spin -->"),
         "unknown directive 'animation'"),
        (_broken("<!-- widget: signing-demo -->", "<!-- widget: fireworks -->"),
         "unknown widget 'fireworks'"),
        (_broken("<!-- widget: signing-demo -->", "<!-- widget: signing-demo"), "not a directive"),
        (_broken("coincheck-2018/as-run", "as-run"), "scenario/setup"),
        (_broken("Try it.", "Try it.\n<!-- widget: qr-address attacker -->"),
         "more than one widget"),
        (_broken("> Right: Well done.\n", ""), "'> Right: ...'"),
        (_broken("> Wrong: No,\n> try again.\n", ""), "'> Wrong: ...'"),
        (_broken("- [ ] not this\n", "").replace("- [ ] nor this\n", ""), "at least two"),
        (_broken("Which one\nis right?\n", ""), "no prompt"),
        (_broken("# A lesson", "A lesson"), "must start with '# Lesson title'"),
        (_broken("## Second page", "Second page"), "must start with '## Page title'"),
        (_broken("More text.\n---", "More text.\n---\n---"), "empty page"),
        (_broken("More text.", "More text.\n## Sneaky heading"), "second '## ' heading"),
        (_broken("Which one", "<!-- widget: signing-demo -->\nWhich one"), "not allowed"),
        (_broken("## First page", "## Question\nQ?\n- [x] a\n- [ ] b\n> Right: r\n> Wrong: w\n"
                 "---\n## First page"), "must be the last page"),
    ],
)
def test_malformed_lessons_raise_value_error(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)) as error:
        parse_lesson(text, "broken")
    assert "lesson 'broken'" in str(error.value)


def test_error_names_the_line() -> None:
    # the signing-demo directive is line 17 of SAMPLE
    with pytest.raises(ValueError, match=r"line 17: unknown directive"):
        parse_lesson(_broken("<!-- widget: signing-demo -->", "<!-- animation: spin -->"), "x")


def test_address_ref_defaults_to_coincheck() -> None:
    assert address_ref("qr-address hot-wallet") == ("coincheck-2018", "hot-wallet")
    assert address_ref("qr-address  bybit-2025/thief") == ("bybit-2025", "thief")
    with pytest.raises(ValueError):
        address_ref("signing-demo")


# --- the bundled lessons -------------------------------------------------------------------

@pytest.fixture(scope="module")
def lessons() -> tuple[Lesson, ...]:
    return load_lessons()


def test_bundled_lessons_in_teaching_order(lessons) -> None:
    assert tuple(lesson.id for lesson in lessons) == LESSON_IDS
    assert LESSON_IDS == ("hot-wallet", "cold-wallet", "multisig", "multisig-failures")


def test_every_lesson_has_pages_and_one_right_answer(lessons) -> None:
    for lesson in lessons:
        assert lesson.title
        assert len(lesson.pages) >= 3, lesson.id
        q = lesson.question
        assert len(q.choices) >= 2
        assert 0 <= q.answer < len(q.choices)
        assert len(set(q.choices)) == len(q.choices)
        assert q.right and q.wrong and q.prompt
        for page in lesson.pages:
            assert "<!--" not in page.markdown and "-->" not in page.markdown


def _text_lines(markdown: str, width: int = 60) -> int:
    """Lines the text takes at ``width`` columns: paragraphs and list items wrapped, blank
    lines between blocks counted."""
    count = 0
    for n, block in enumerate(markdown.split("\n\n")):
        count += n > 0
        for item in re.split(r"\n(?=(?:[-*]|\d+\.) )", block):
            count += len(textwrap.wrap(" ".join(item.split()), width))
    return count


def test_every_page_fits_60_by_14(lessons) -> None:
    for lesson in lessons:
        for page in lesson.pages:
            assert cell_len(page.title) <= 60
            assert _text_lines(page.markdown) <= 14, (lesson.id, page.title)
        q = lesson.question
        question_lines = _text_lines(q.prompt) + 1 + sum(
            len(textwrap.wrap(c, 56)) for c in q.choices)
        assert question_lines <= 14, lesson.id


def test_every_diagram_names_an_existing_scenario_and_setup(lessons) -> None:
    _, library = load_library()
    library_ids = {s.id for s in library}
    diagrams = [p.diagram for lesson in lessons for p in lesson.pages if p.diagram]
    assert len(diagrams) >= 6
    for diagram in diagrams:
        scenario, setup_id = diagram.split("/")
        incident = load(scenario)
        assert setup_id in {s.id for s in incident.setups} | library_ids, diagram
        resolved_incident, setup = resolve_diagram(diagram)
        assert resolved_incident.id == scenario and setup.id == setup_id
        drawn = key_map(resolved_incident, setup, attacker_reach(resolved_incident))
        assert max(cell_len(line) for line in drawn.plain.split("\n")) <= 60


def test_resolve_diagram_rejects_unknown_setup() -> None:
    with pytest.raises(KeyError):
        resolve_diagram("coincheck-2018/no-such-setup")


def test_every_qr_address_names_an_existing_address(lessons) -> None:
    widgets = [p.widget for lesson in lessons for p in lesson.pages if p.widget]
    addresses = [w for w in widgets if w.startswith("qr-address")]
    assert {address_ref(w) for w in addresses} == {
        ("coincheck-2018", "hot-wallet"), ("coincheck-2018", "attacker")}
    for widget in addresses:
        scenario, address_id = address_ref(widget)
        known = {a.id: a.address for a in load(scenario).addresses}
        assert address_id in known
        address = resolve_address(widget)
        assert address.address == known[address_id]
        assert text_to_matrix(qr_text(address.address)) == qr_matrix(address.address)
    assert "signing-demo" in widgets


def test_lesson_figures_agree_with_the_scenario_and_the_engine(lessons) -> None:
    by_id = {lesson.id: lesson for lesson in lessons}

    def text(lesson_id: str) -> str:
        return " ".join(" ".join(p.markdown.split()) for p in by_id[lesson_id].pages)

    incident = load("coincheck-2018")
    hot = text("hot-wallet")
    assert f"{fmt.units(incident.pool)} XEM" in hot  # 526,300,010 XEM
    customers = next(f for f in incident.facts if f.id == "customers").value
    assert customers == "about 260,000" and "About **260,000 customers**" in hot
    assert "00:02" in hot and "08:26" in hot and "11:25" in hot and "11:58" in hot

    cold = text("cold-wallet")
    assert "**1 May 2020**" in cold and "**95%**" in cold and "**5%**" in cold
    lost = replay(incident, incident.setup("japan-5pct-hot")).summary.lost
    assert lost == Decimal("26315000.5")
    assert f"about {lost / 1_000_000:.1f} million XEM" in cold  # about 26.3 million XEM

    multisig = text("multisig")
    for setup_id, moved in [("multisig-2of3-independent", "Nothing moves"),
                            ("multisig-2of3-one-server", "the whole pool goes")]:
        summary = replay(incident, incident.setup(setup_id)).summary
        assert summary.lost == (0 if moved == "Nothing moves" else incident.pool)
        assert moved in multisig
    assert "119,756 BTC" in multisig and "3 h 24 min" in multisig


def test_lesson_building_blocks_never_import_textual() -> None:
    code = (
        "import sys\n"
        "from explainer.lessons import load_lessons, resolve_diagram, resolve_address\n"
        "from explainer.diagram import key_map, attacker_reach\n"
        "from explainer.signing_demo import run_demo\n"
        "for lesson in load_lessons():\n"
        "    for page in lesson.pages:\n"
        "        if page.diagram:\n"
        "            i, s = resolve_diagram(page.diagram)\n"
        "            key_map(i, s, attacker_reach(i))\n"
        "run_demo()\n"
        "print('textual' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- lesson 4's plumbing: replay directives, inline questions, each incident's own places ----

INLINE = """\
# Failures

## Bybit, February 2025
The signers were deceived.
<!-- diagram: bybit-2025/as-run -->
<!-- replay: bybit-2025/as-run -->

<!-- question -->
Which key was stolen?

- [x] None of them
- [ ] The cold wallet's

> Right: Yes, none.
> Wrong: No: no key was stolen.
---
## Plain page
Nothing to ask.
---
## Question
Last one?

- [ ] no
- [x] yes

> Right: Good.
> Wrong: Bad.
"""


def test_a_page_may_name_a_replay_and_end_with_its_own_question() -> None:
    lesson = parse_lesson(INLINE, "failures")
    first, plain = lesson.pages
    assert first == Page(
        "Bybit, February 2025", "The signers were deceived.", "bybit-2025/as-run", None,
        "bybit-2025/as-run",
        Question("Which key was stolen?", ("None of them", "The cold wallet's"), 0,
                 "Yes, none.", "No: no key was stolen."))
    assert plain.replay is None and plain.question is None
    assert lesson.question.answer == 1


@pytest.mark.parametrize(("text", "message"), [
    (INLINE.replace("<!-- replay: bybit-2025/as-run -->", "<!-- replay: bybit-2025 -->"),
     "a replay names 'scenario/setup'"),
    (INLINE.replace("<!-- replay: bybit-2025/as-run -->",
                    "<!-- replay: bybit-2025/as-run -->\n<!-- replay: bybit-2025/x -->"),
     "more than one replay"),
    (INLINE.replace("- [x] None of them", "- [ ] None of them"), "exactly one choice"),
    (INLINE.replace("> Right: Yes, none.\n", ""), "'> Right: ...'"),
    (INLINE.replace("Which key was stolen?\n", "<!-- widget: signing-demo -->\n"),
     "not allowed in a question"),
    (INLINE.replace("The signers were deceived.\n", ""), "has no text"),
])
def test_malformed_inline_questions_and_replays_are_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_lesson(text, "failures")


def _incident_named_in(title: str) -> str | None:
    """The bundled incident a page title names by its first word ('Bitfinex, August 2016')."""
    from explainer.incident_index import read_index

    for entry in read_index():
        name = entry.title.split()[0]
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", title):
            return entry.id
    return None


def test_a_page_about_an_incident_draws_and_replays_that_incident(lessons) -> None:
    # lesson 3's Bitfinex page once drew a Coincheck setup, so it showed "NEM server"
    checked = 0
    for lesson in lessons:
        for page in lesson.pages:
            named = _incident_named_in(page.title)
            for directive in (page.diagram, page.replay):
                if named and directive:
                    assert directive.split("/")[0] == named, (lesson.id, page.title, directive)
                    checked += 1
    assert checked >= 1


def test_the_bitfinex_page_shows_bitfinex_places_not_nem(lessons) -> None:
    page = next(p for p in lessons[2].pages if p.title.startswith("Bitfinex"))
    assert page.diagram is not None
    incident, setup = resolve_diagram(page.diagram)
    drawn = key_map(incident, setup, attacker_reach(incident)).plain
    assert "NEM" not in drawn
    assert "Bitfinex network" in drawn and "BitGo" in drawn


def test_every_replay_directive_resolves(lessons) -> None:
    for lesson in lessons:
        for page in lesson.pages:
            if page.replay:
                incident, setup = resolve_diagram(page.replay)
                assert incident.id == page.replay.split("/")[0] and setup.id
