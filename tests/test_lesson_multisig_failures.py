"""Lesson 4, "When multisig fails": the two lesson-format additions it needs (the ``replay``
directive and an inline ``<!-- question -->`` block), and its text against the scenarios
and the engine."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from explainer.engine import replay
from explainer.lessons import LESSON_IDS, Lesson, Page, Question, load_lessons, parse_lesson
from explainer.loader import load

SAMPLE = """\
# Failures

## A page
Some text.
<!-- diagram: ronin-2022/as-run -->
<!-- replay: ronin-2022/as-run -->

<!-- question -->
Who held
four keys?

- [ ] Axie DAO
- [x] Sky Mavis

> Right: Yes.
> Wrong: No.
---
## Plain page
<!-- replay:   bybit-2025/verified-signing   -->
Only text.
---
## Question
Last?

- [x] yes
- [ ] no

> Right: r
> Wrong: w
"""


def test_replay_directive_and_inline_question_parse_to_hand_written_pages() -> None:
    lesson = parse_lesson(SAMPLE, "sample")
    assert lesson == Lesson(
        id="sample",
        title="Failures",
        pages=(
            Page("A page", "Some text.", "ronin-2022/as-run", None, "ronin-2022/as-run",
                 Question("Who held\nfour keys?", ("Axie DAO", "Sky Mavis"), 1, "Yes.", "No.")),
            Page("Plain page", "Only text.", None, None, "bybit-2025/verified-signing", None),
        ),
        question=Question("Last?", ("yes", "no"), 0, "r", "w"),
    )


def test_pages_without_the_new_parts_keep_their_old_shape() -> None:
    old = Page("t", "m", None, None)
    assert old.replay is None and old.question is None


def _broken(old: str, new: str) -> str:
    assert old in SAMPLE
    return SAMPLE.replace(old, new)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (_broken("<!-- replay: ronin-2022/as-run -->", "<!-- replay: as-run -->"),
         "a replay names 'scenario/setup'"),
        (_broken("Only text.", "Only text.\n<!-- replay: ronin-2022/as-run -->"),
         "more than one replay on a page"),
        (_broken("- [x] Sky Mavis", "- [ ] Sky Mavis"), "exactly one choice"),
        (_broken("> Right: Yes.\n", ""), "'> Right: ...'"),
        (_broken("Who held\nfour keys?\n", ""), "no prompt"),
        (_broken("- [ ] Axie DAO", "<!-- widget: signing-demo -->\n- [ ] Axie DAO"),
         "not allowed"),
        (_broken("<!-- question -->\nWho", "<!-- question -->\n<!-- question -->\nWho"),
         "not allowed"),
    ],
)
def test_malformed_new_parts_raise_value_error(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)) as error:
        parse_lesson(text, "broken")
    assert "lesson 'broken'" in str(error.value)


def test_question_marker_line_is_named_in_errors() -> None:
    # the inline question marker is line 8 of SAMPLE; a question without choices fails there
    text = _broken("- [ ] Axie DAO\n- [x] Sky Mavis\n", "")
    with pytest.raises(ValueError, match=r"line 8: the question needs at least two"):
        parse_lesson(text, "x")


# --- the bundled lesson ----------------------------------------------------------------

INCIDENTS = ("bitfinex-2016", "ronin-2022", "harmony-2022", "bybit-2025", "wazirx-2024")


@pytest.fixture(scope="module")
def lesson() -> Lesson:
    lessons = load_lessons()
    assert LESSON_IDS[-1] == "multisig-failures"
    return lessons[-1]


def test_one_page_per_incident_each_with_map_replay_and_question(lesson: Lesson) -> None:
    assert lesson.title == "When multisig fails"
    incident_pages = [p for p in lesson.pages if p.diagram]
    assert [p.diagram for p in incident_pages] == [f"{i}/as-run" for i in INCIDENTS]
    for page in incident_pages:
        assert page.replay == page.diagram
        assert page.question is not None
        assert len(page.question.choices) >= 2
        incident_id = page.diagram.split("/")[0]
        assert load(incident_id).setup("as-run").id == "as-run"
    assert lesson.question.prompt and lesson.question.right and lesson.question.wrong


def _page(lesson: Lesson, incident_id: str) -> str:
    page = next(p for p in lesson.pages if p.diagram == f"{incident_id}/as-run")
    return " ".join(page.markdown.split())


def test_lesson_figures_agree_with_the_scenarios_and_the_engine(lesson: Lesson) -> None:
    bitfinex = load("bitfinex-2016")
    assert replay(bitfinex, bitfinex.setup("as-run")).summary.lost == Decimal("119756")
    text = _page(lesson, "bitfinex-2016")
    assert "119,756 BTC" in text and "3 h 24 min" in text and "2,000" in text
    assert "Ledger Labs" in text and "disputed" in text

    ronin = load("ronin-2022")
    assert replay(ronin, ronin.setup("as-run")).summary.lost == Decimal("173600")
    text = _page(lesson, "ronin-2022")
    assert "5 of 9" in text and "173,600 ETH" in text and "six days" in text

    harmony = load("harmony-2022")
    # 2 of 5 as run loses Harmony's whole $99,340,030; the 4-of-5 setup loses nothing
    assert replay(harmony, harmony.setup("as-run")).summary.lost == Decimal("99340030")
    assert replay(harmony, harmony.setup("threshold-4-of-5")).summary.lost == 0
    text = _page(lesson, "harmony-2022")
    assert "2 signatures out of 5" in text and "$99.3m" in text and "4 of 5" in text

    bybit = load("bybit-2025")
    assert replay(bybit, bybit.setup("verified-signing")).summary.lost == 0
    text = _page(lesson, "bybit-2025")
    assert "401,346 ETH" in text and "$1.46bn" in text and "three signatures" in text

    wazirx = load("wazirx-2024")
    assert replay(wazirx, wazirx.setup("upgrade-timelock")).summary.lost == 0
    # 234,900,000 / 522,000,000 = 0.45
    assert replay(wazirx, wazirx.setup("as-run")).summary.lost_fraction == Decimal("0.45")
    text = _page(lesson, "wazirx-2024")
    assert "45%" in text and "$235m" in text and "disputed" in text
