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
