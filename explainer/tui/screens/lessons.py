"""Lessons: one concept each, a few pages, then a question answered with 1-4 or a click.

Text comes from ``assets/lessons/*.md`` through ``explainer.lessons``; a page may ask for
a key map (``explainer.diagram``), a QR code of a public address (``explainer.qr``) or
the offline-signing demo (``explainer.signing_demo``), each imported only when needed.
A page may also name a replay (``o`` opens it and makes its incident current) and end
with a question of its own, answered like the closing one. Glossary terms in the text are
links (``glossary:<id>``); following one opens the glossary at that term.

Lessons and glossary are read in the language in use when the screen is composed; the
place (lesson, page, answers) is kept by index and id, so a language switch shows the
same page in the other language.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Markdown, OptionList, Static
from textual.widgets.option_list import Option

from explainer import i18n
from explainer.glossary import LINK_SCHEME, link_markdown, linked_ids, load_glossary
from explainer.i18n import N_, _
from explainer.tui.widgets.incident_bar import IncidentBar
from explainer.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from explainer.glossary import Glossary
    from explainer.lessons import Lesson, Page, Question
    from explainer.model import Incident
    from explainer.tui.app import WalletApp

NARROW = 100  # columns below which the lesson list is hidden

# A glossary link made inside bold text, "**[秘密鍵](glossary:private-key)**の": CommonMark
# lets "**" close after ")" only before a space or punctuation, which Japanese never puts
# there, so the marks would show. Inside the link text they close after a letter.
_EMPHASISED_LINK = re.compile(r"(\*{1,2})\[([^\]\n]+)\]\((glossary:[a-z0-9-]+)\)\1")


def emphasis_inside_links(markdown: str) -> str:
    """``**[term](glossary:id)**`` as ``[**term**](glossary:id)``: the same bold link,
    written so that CommonMark also reads it next to Japanese letters."""
    return _EMPHASISED_LINK.sub(r"[\1\2\1](\3)", markdown)


def _localized(incident: Incident) -> Incident:
    """``incident`` with its texts in the language in use (the lessons' own files name
    scenarios by id, read in English)."""
    if i18n.current() == i18n.DEFAULT:
        return incident
    from explainer.translations import localize

    return localize(incident, i18n.current())


def extra_widget(page: Page) -> list[Widget]:
    """The widgets a page's directives ask for (a key map, a QR code, the signing demo),
    with the scenario's texts (places, labels) in the language in use."""
    out: list[Widget] = []
    if page.diagram:
        from explainer.catalog import find_setup
        from explainer.diagram import attacker_reach, key_map
        from explainer.lessons import resolve_diagram
        from explainer.tui.widgets.diagram_view import DiagramView

        incident, setup = resolve_diagram(page.diagram)
        if i18n.current() != i18n.DEFAULT:
            incident = _localized(incident)
            setup = find_setup(incident, setup.id)
        out.append(DiagramView(key_map(incident, setup, attacker_reach(incident)),
                               id="page-diagram"))
    if page.widget == "signing-demo":
        from explainer.tui.widgets.signing_demo_view import SigningDemoView

        out.append(SigningDemoView(id="signing-demo"))
    elif page.widget and page.widget.startswith("qr-address"):
        from explainer.lessons import address_ref, resolve_address
        from explainer.qr import qr_text
        from explainer.tui.widgets.qr_view import QRView

        address = resolve_address(page.widget)
        label = address.label
        if i18n.current() != i18n.DEFAULT:
            from explainer.loader import load

            scenario, address_id = address_ref(page.widget)
            label = next(a.label for a in _localized(load(scenario)).addresses
                         if a.id == address_id)
        out.append(Static(Text.assemble((label, "bold"), "\n", address.address),
                          classes="qr-caption"))
        out.append(QRView(qr_text(address.address), id="page-qr"))
    return out


class LessonsScreen(Screen[None]):
    """A lesson list on the left; the current page (or the question) on the right."""

    CSS_PATH = Path(__file__).parent.parent / "lessons.tcss"  # read when first opened

    AUTO_FOCUS = "#lesson-body"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n,right", "page(1)", N_("Next"), key_display="n/→", priority=True,
                tooltip=N_("The next page (after the question: the next lesson)")),
        Binding("p,left", "page(-1)", N_("Previous"), key_display="p/←", priority=True,
                tooltip=N_("The previous page")),
        Binding("o", "open_replay", N_("Open replay"),
                tooltip=N_("Replay the incident this page is about (it becomes the current "
                           "one)")),
        Binding("1", "answer(0)", N_("Answer"), key_display="1-4",
                tooltip=N_("Answer the question with choice 1, 2, 3 or 4")),
        Binding("2", "answer(1)", N_("Answer 2"), show=False),
        Binding("3", "answer(2)", N_("Answer 3"), show=False),
        Binding("4", "answer(3)", N_("Answer 4"), show=False),
    ]

    app: WalletApp  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__(id="lessons")
        self._lessons: dict[str, tuple[Lesson, ...]] = {}  # by language, read once each
        self.lesson_index = 0
        self.page_index = 0  # len(pages) is the question
        self.answers: dict[str, int] = {}  # lesson id (closing question) or "id/page" -> choice
        self.shown_markdown = ""  # the page's Markdown as shown, links included

    # --- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield IncidentBar()
        with Horizontal():
            yield OptionList(*self._lesson_options(), id="lesson-list")
            with Vertical(id="lesson-main"):
                yield Static(id="lesson-heading", markup=False)
                with VerticalScroll(id="lesson-body"):
                    yield Markdown(id="page-markdown", open_links=False)
                    yield Vertical(id="page-extra")
                    yield Static(id="question-prompt", markup=False)
                    yield Markdown(id="inline-prompt", open_links=False)
                    yield OptionList(id="choices")
                    yield Static(id="feedback", markup=False)
                yield Static(id="lesson-hint", markup=False)
        yield KeyBar()

    def _lesson_options(self) -> list[Option]:
        out = []
        for n, lesson in enumerate(self.lessons, 1):
            chosen = self.answers.get(lesson.id)
            mark = ""
            if chosen is not None:
                mark = "  " + (_("(right)") if chosen == lesson.question.answer
                               else _("(try again)"))
            # no space after the number in Japanese: the title would wrap there
            out.append(Option(Text(_("{n}. {title}").format(n=n, title=lesson.title) + mark),
                              id=lesson.id))
        return out

    async def on_mount(self) -> None:
        await self.show_page()

    async def after_language_switch(self) -> None:
        """Show the same page again, now in the language just chosen."""
        await self.show_page()

    def on_resize(self) -> None:
        # below 100 columns the lesson list would squeeze the page: hide it (n/p still
        # move between lessons, and the heading says which lesson this is)
        self.set_class(self.size.width < NARROW, "-narrow")

    # --- where we are ---------------------------------------------------------------------

    @property
    def lessons(self) -> tuple[Lesson, ...]:
        """Every lesson, in the language in use."""
        lang = i18n.current()
        if lang not in self._lessons:
            from explainer.lessons import load_lessons

            self._lessons[lang] = load_lessons(lang)
        return self._lessons[lang]

    @lessons.setter
    def lessons(self, value: tuple[Lesson, ...]) -> None:
        self._lessons[i18n.current()] = value

    @property
    def lesson(self) -> Lesson:
        """The lesson being read."""
        return self.lessons[self.lesson_index]

    @property
    def on_question(self) -> bool:
        """True on the question at the end of the lesson."""
        return self.page_index == len(self.lesson.pages)

    @property
    def page(self) -> Page | None:
        """The page being read (None on the closing question)."""
        return None if self.on_question else self.lesson.pages[self.page_index]

    @property
    def question(self) -> Question | None:
        """The question on screen: the closing one, or the page's own if it has one."""
        page = self.page
        return self.lesson.question if page is None else page.question

    @property
    def answer_key(self) -> str:
        """Where the answer to the question on screen is kept."""
        return self.lesson.id if self.on_question else f"{self.lesson.id}/{self.page_index}"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # keys that would do nothing here are hidden from the key bar
        if action == "answer":
            question = self.question
            return question is not None and int(str(parameters[0])) < len(question.choices)
        if action == "open_replay":
            page = self.page
            return page is not None and page.replay is not None
        if action == "page" and parameters:
            if int(str(parameters[0])) > 0:  # nothing after the last lesson's question
                return not (self.on_question and self.lesson_index + 1 >= len(self.lessons))
            return not (self.page_index == 0 and self.lesson_index == 0)
        return True

    def glossary_terms(self) -> list[str]:
        """Terms linked on the page shown (the glossary lists them first)."""
        found = linked_ids(self.shown_markdown)
        return [t.id for t in load_glossary(i18n.current()).terms if t.id in found]

    def _linked(self, markdown: str, glossary: Glossary, seen: set[str]) -> str:
        """``markdown`` with its glossary terms linked, as the page shows it."""
        linked = link_markdown(markdown, glossary, seen)
        return linked if i18n.current() == i18n.DEFAULT else emphasis_inside_links(linked)

    async def show_page(self) -> None:
        """Show the current page (or the question), replacing only the page's widgets."""
        lesson, total = self.lesson, len(self.lesson.pages) + 1
        page = self.page
        name = _("Question") if page is None else page.title
        self.query_one("#lesson-heading", Static).update(Text.assemble(
            (_("Lesson {n} of {total}: {title}").format(
                n=self.lesson_index + 1, total=len(self.lessons), title=lesson.title) + "\n",
             "bold"),
            _("Page {n} of {total}: {name}").format(n=self.page_index + 1, total=total,
                                                    name=name)))
        extra = self.query_one("#page-extra", Vertical)
        await extra.remove_children()
        markdown = self.query_one("#page-markdown", Markdown)
        prompt = self.query_one("#question-prompt", Static)
        inline = self.query_one("#inline-prompt", Markdown)
        choices = self.query_one("#choices", OptionList)
        feedback = self.query_one("#feedback", Static)
        glossary, seen = load_glossary(i18n.current()), set()
        question = self.question
        prompt.display = False
        markdown.display = True
        if page is None:
            # the closing question: its prompt is the page's text (Markdown, so lines reflow)
            self.shown_markdown = self._linked(lesson.question.prompt, glossary, seen)
            await markdown.update(self.shown_markdown)
            inline.display = False
        else:
            self.shown_markdown = self._linked(page.markdown, glossary, seen)
            await markdown.update(self.shown_markdown)
            await extra.mount_all(extra_widget(page))
            inline.display = question is not None
            if question is not None:
                linked_prompt = self._linked(question.prompt, glossary, seen)
                self.shown_markdown += "\n\n" + linked_prompt
                await inline.update(linked_prompt)
        for w in (choices, feedback):
            w.display = question is not None
        if question is not None:
            choices.clear_options()
            choices.add_options([Option(f"{n}. {c}", id=str(n - 1))
                                 for n, c in enumerate(question.choices, 1)])
            self._show_feedback()
        turn = (_("n: next lesson, p: back") if page is None
                else _("n or right: next page;  p or left: previous page"))
        hint = turn
        if question is not None:
            hint = _("Answer with 1-{last} (or click a choice); {turn}").format(
                last=len(question.choices), turn=turn)
        if page is not None and page.replay:
            hint = _("o: open this replay;  {hint}").format(hint=hint)
        self.query_one("#lesson-hint", Static).update(hint)
        self.query_one("#lesson-body", VerticalScroll).scroll_home(animate=False)
        self.query_one("#lesson-list", OptionList).highlighted = self.lesson_index
        self.refresh_bindings()  # the answer and page keys depend on the page

    def _show_feedback(self) -> None:
        q = self.question
        if q is None:
            return
        feedback = self.query_one("#feedback", Static)
        chosen = self.answers.get(self.answer_key)
        feedback.set_class(chosen is not None and chosen == q.answer, "-right")
        feedback.set_class(chosen is not None and chosen != q.answer, "-wrong")
        if chosen is None:
            feedback.update("")
        else:
            # the lesson's own feedback says whether it was right ("Yes." / "Not quite.")
            said = q.right if chosen == q.answer else q.wrong
            feedback.update(_("You chose {n}. {said}").format(n=chosen + 1, said=said))

    # --- actions ------------------------------------------------------------------------------

    async def action_page(self, direction: int) -> None:
        """Turn a page; past the question comes the next lesson, before page 1 the last."""
        last = len(self.lesson.pages)
        target = self.page_index + direction
        if target > last:
            if self.lesson_index + 1 >= len(self.lessons):
                return
            self.lesson_index, target = self.lesson_index + 1, 0
        elif target < 0:
            if self.lesson_index == 0:
                return
            self.lesson_index -= 1
            target = len(self.lesson.pages)
        self.page_index = target
        await self.show_page()

    def action_answer(self, choice: int) -> None:
        """Answer the question on screen with ``choice`` (0-based); ignored where there is none."""
        question = self.question
        if question is None or choice >= len(question.choices):
            return
        self.answers[self.answer_key] = choice
        self._show_feedback()
        # an inline question may sit below a key map: bring the verdict into view
        self.query_one("#feedback", Static).scroll_visible(animate=False)
        lessons = self.query_one("#lesson-list", OptionList)
        highlighted = lessons.highlighted
        lessons.clear_options()
        lessons.add_options(self._lesson_options())
        lessons.highlighted = highlighted

    async def action_open_replay(self) -> None:
        """Open the replay this page names; its incident becomes the app's current one."""
        page = self.page
        if page is None or page.replay is None:
            return
        scenario, _, setup_id = page.replay.partition("/")
        if await self.app.set_incident(scenario, setup_id):
            self.app.action_goto("replay")

    @on(Markdown.LinkClicked)
    def _link_clicked(self, event: Markdown.LinkClicked) -> None:
        # only glossary links are followed: lesson text never opens a browser or a file
        if event.href.startswith(LINK_SCHEME):
            event.stop()
            self.app.action_glossary(event.href[len(LINK_SCHEME):])

    async def open_lesson(self, index: int) -> None:
        """Open lesson ``index`` at its first page."""
        self.lesson_index, self.page_index = index, 0
        await self.show_page()

    @on(OptionList.OptionSelected, "#lesson-list")
    async def _lesson_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_index != self.lesson_index or self.page_index:
            await self.open_lesson(event.option_index)

    @on(OptionList.OptionSelected, "#choices")
    def _choice_clicked(self, event: OptionList.OptionSelected) -> None:
        self.action_answer(event.option_index)
