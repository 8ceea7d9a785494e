"""The lessons screen: paging, the page widgets, and the question with keys and clicks."""

from __future__ import annotations

from textual.color import Color
from textual.widgets import Markdown, OptionList, Static

from explainer.tui.screens.lessons import LessonsScreen
from explainer.tui.widgets.diagram_view import DiagramView
from explainer.tui.widgets.qr_view import QRView
from explainer.tui.widgets.signing_demo_view import SigningDemoView

from .helpers import SMALL, drive, new_app, screen_text

BLACK, WHITE = Color(0, 0, 0), Color(255, 255, 255)


async def _open_lessons(pilot) -> LessonsScreen:
    await pilot.press("l")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, LessonsScreen)
    return screen


def _heading(screen: LessonsScreen) -> str:
    return str(screen.query_one("#lesson-heading", Static).render())


async def _go(pilot, screen: LessonsScreen, lesson: int, page: int) -> None:
    await screen.open_lesson(lesson)
    for _ in range(page):
        await pilot.press("n")
    await pilot.pause()


def test_lessons_open_on_the_first_page_and_turn_with_n_p_and_arrows():
    app = new_app()

    async def script(pilot):
        screen = await _open_lessons(pilot)
        assert [lesson.id for lesson in screen.lessons] == ["hot-wallet", "cold-wallet",
                                                             "multisig", "multisig-failures"]
        assert "Lesson 1 of 4: Hot wallets: one key, always online" in _heading(screen)
        assert "Page 1 of 8: What a hot wallet is" in _heading(screen)
        await pilot.press("n")
        await pilot.pause()
        assert "Page 2 of 8: Why exchanges keep one" in _heading(screen)
        await pilot.press("right")
        await pilot.pause()
        assert "Page 3 of 8" in _heading(screen)
        await pilot.press("left", "p")
        await pilot.pause()
        assert "Page 1 of 8" in _heading(screen)
        await pilot.press("p")  # nothing before the first page
        await pilot.pause()
        assert screen.lesson_index == 0 and screen.page_index == 0
        assert "A wallet is only as safe as its private key" in screen_text(app)

    drive(app, script)


def test_a_diagram_page_draws_the_key_map():
    app = new_app()

    async def script(pilot):
        screen = await _open_lessons(pilot)
        await _go(pilot, screen, 0, 3)  # "Coincheck, January 2018": coincheck-2018/as-run
        assert "Page 4 of 8: Coincheck, January 2018" in _heading(screen)
        diagram = str(screen.query_one(DiagramView).render())
        assert "NEM server [attacker]" in diagram
        assert "hot wallet: 1 of 1 (hot wallet key); 100% of the pool" in diagram
        await pilot.press("n")
        await pilot.pause()
        assert not screen.query(DiagramView)  # the next page has none

    drive(app, script)


def test_qr_pages_are_black_on_white_in_every_theme():
    app = new_app()

    async def script(pilot):
        screen = await _open_lessons(pilot)
        await _go(pilot, screen, 0, 5)  # "The chain is public": qr-address hot-wallet
        qr = screen.query_one(QRView)
        assert "NC3BI3DNMR2PGEOOMP2NKXQGSAKMS7GYRKVA5CSZ" in screen_text(app)
        for theme in ("textual-dark", "textual-light", "wallet-high-contrast"):
            app.theme = theme
            await pilot.pause()
            assert qr.styles.color == BLACK and qr.styles.background == WHITE, theme
        # the code itself: half blocks, and a white quiet zone of four modules (two rows)
        lines = str(qr.render()).splitlines()
        assert lines[0].strip("\xa0 ") == "" and lines[1].strip("\xa0 ") == ""
        assert any("▀" in line or "▄" in line for line in lines)

    drive(app, script)


def test_the_signing_demo_verifies_and_rejects_a_tampered_copy():
    app = new_app()

    async def script(pilot):
        screen = await _open_lessons(pilot)
        await _go(pilot, screen, 1, 3)  # "Try it: sign offline"
        assert "Page 4 of 9: Try it: sign offline" in _heading(screen)
        demo = screen.query_one(SigningDemoView)
        checks = str(demo.query_one("#demo-checks", Static).render())
        assert "the transfer as signed: VALID" in checks
        assert "checked against the same signature: FAILS" in checks
        assert '"amount":"9000 XEM"' in checks  # the tampered copy: 1000 became 9000
        assert len(demo.query(QRView)) == 2

    drive(app, script)


def test_the_signing_demo_names_its_scheme_and_shows_the_outcome_without_scrolling():
    app = new_app()

    async def script(pilot):
        screen = await _open_lessons(pilot)
        await _go(pilot, screen, 1, 3)
        await pilot.pause()
        shown = " ".join(screen_text(app).split())  # the first screen, unscrolled
        assert "Ed25519 signature, with a new throwaway key made on each visit" in shown
        assert "the transfer as signed checks VALID" in shown
        assert "one digit changed FAILS" in shown
        assert "scroll down" in shown
        payload = str(screen.query_one("#demo-payload", Static).render())
        # the JSON is cut between fields, never inside a string
        assert '\n"amount":"1000 XEM",\n' in payload

    drive(app, script)


def test_the_question_takes_keys_and_gives_feedback():
    app = new_app()

    async def script(pilot):
        screen = await _open_lessons(pilot)
        await _go(pilot, screen, 0, 7)
        assert screen.on_question
        assert "Page 8 of 8: Question" in _heading(screen)
        md = screen.query_one("#page-markdown", Markdown)
        assert "What did the attacker need" in md.source
        feedback = screen.query_one("#feedback", Static)
        question = screen.lesson.question
        await pilot.press("1")
        await pilot.pause()
        assert str(feedback.render()) == f"You chose 1. {question.wrong}"
        assert feedback.has_class("-wrong")
        await pilot.press("2")  # the one private key on Coincheck's NEM server
        await pilot.pause()
        assert str(feedback.render()) == f"You chose 2. {question.right}"
        assert feedback.has_class("-right") and not feedback.has_class("-wrong")
        assert screen.answers == {"hot-wallet": 1}
        await pilot.press("n")  # past the question: the next lesson
        await pilot.pause()
        assert "Lesson 2 of 4: Cold wallets" in _heading(screen)
        assert "Page 1 of 9" in _heading(screen)
        await pilot.press("p")  # and back to the answered question
        await pilot.pause()
        assert screen.lesson_index == 0 and screen.on_question
        assert screen.query_one("#feedback", Static).has_class("-right")

    drive(app, script)


def test_answer_keys_do_nothing_away_from_the_question():
    app = new_app()

    async def script(pilot):
        screen = await _open_lessons(pilot)
        await pilot.press("2")
        await pilot.pause()
        assert screen.answers == {}

    drive(app, script)


def test_clicking_a_choice_answers():
    app = new_app()

    async def script(pilot):
        screen = await _open_lessons(pilot)
        await _go(pilot, screen, 2, 10)  # the multisig question; the right choice is 3
        assert screen.on_question
        choices = screen.query_one("#choices", OptionList)
        await pilot.click(choices, offset=(4, 3))  # border row, choice 1, 2, then 3
        await pilot.pause()
        assert screen.answers == {"multisig": 2}
        assert screen.query_one("#feedback", Static).has_class("-right")

    drive(app, script)


def test_the_lesson_list_opens_a_lesson_and_hides_when_narrow():
    app = new_app()

    async def script(pilot):
        screen = await _open_lessons(pilot)
        lessons = screen.query_one("#lesson-list", OptionList)
        assert lessons.display
        await pilot.click(lessons, offset=(2, 2))  # "2. Cold wallets..." (title wraps on 2 rows)
        await pilot.pause()
        assert screen.lesson_index == 1
        await pilot.resize_terminal(*SMALL)
        await pilot.pause()
        assert screen.has_class("-narrow")
        assert not screen.query_one("#lesson-list", OptionList).display

    drive(app, script)


def test_lesson_text_keeps_a_reading_width_on_a_wide_screen():
    app = new_app()

    async def script(pilot):
        screen = await _open_lessons(pilot)
        markdown = screen.query_one("#page-markdown", Markdown)
        assert markdown.size.width <= 84
        body = screen.query_one("#lesson-body")
        lines = [line[body.region.x:body.region.right].rstrip()
                 for line in screen_text(app).splitlines()[body.region.y:body.region.bottom]]
        assert max(len(line) for line in lines) <= 86  # 84 cells of text and the padding
        assert max(len(line) for line in lines) > 60  # and the text does use that width

    drive(app, script, size=(200, 40))


def _bar(app) -> str:
    from explainer.tui.widgets.key_bar import KeyBar

    return str(app.screen.query_one(KeyBar).render())


def test_keys_that_do_nothing_are_hidden():
    app = new_app()

    async def script(pilot):
        screen = await _open_lessons(pilot)
        # the first page: no question, nothing before it
        assert "Answer" not in _bar(app) and "Previous" not in _bar(app)
        assert "n/→ Next" in _bar(app)
        await pilot.press("n")
        await pilot.pause()
        assert "p/← Previous" in _bar(app) and "Answer" not in _bar(app)
        last = len(screen.lessons) - 1
        await screen.open_lesson(last)
        screen.page_index = len(screen.lesson.pages)  # the last lesson's question
        await screen.show_page()
        await pilot.pause()
        assert "1-4 Answer" in _bar(app)
        assert "Next" not in _bar(app)  # nothing after the last question
        await pilot.press("n")
        await pilot.pause()
        assert screen.lesson_index == last and screen.on_question

    drive(app, script)


def test_answer_keys_follow_a_question_on_any_page():
    # an inline question at the end of an ordinary page (FORMATS.md) takes the same keys
    from dataclasses import replace


    app = new_app()

    async def script(pilot):
        screen = await _open_lessons(pilot)
        lesson = screen.lessons[0]
        first = lesson.pages[0]
        asked = replace(first, question=lesson.question)  # a page with a question of its own
        screen.lessons = (replace(lesson, pages=(asked, *lesson.pages[1:])),
                          *screen.lessons[1:])
        await screen.show_page()
        await pilot.pause()
        assert "1-4 Answer" in _bar(app)
        assert screen.check_action("answer", (0,)) is True
        assert screen.check_action("answer", (len(lesson.question.choices),)) is False
        await pilot.press("n")
        await pilot.pause()
        assert "Answer" not in _bar(app)
        assert screen.check_action("answer", (0,)) is False

    drive(app, script)
