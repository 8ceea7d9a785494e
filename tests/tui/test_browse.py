"""The incident browser, an incident's page, the glossary and the links into it, and the
lesson directives for lesson 4 (replay, inline question), driven with keys and the mouse."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rich.style import Style
from textual.color import Color
from textual.widgets import Markdown, OptionList, Static

from explainer import incident_index, loader, paths
from explainer.glossary import LINK_SCHEME, find_terms, load_glossary
from explainer.tui.links import link_ids
from explainer.tui.screens.compare import CompareScreen
from explainer.tui.screens.glossary import GlossaryScreen
from explainer.tui.screens.home import HomeScreen
from explainer.tui.screens.incident import IncidentScreen
from explainer.tui.screens.incidents import IncidentsScreen
from explainer.tui.screens.lessons import LessonsScreen
from explainer.tui.screens.replay import ReplayScreen
from explainer.tui.widgets.incident_bar import IncidentBar
from explainer.tui.widgets.qr_view import QRView

from .helpers import SMALL, drive, new_app, screen_text

BUNDLED = [e.ref for e in incident_index.read_index()]


async def press(pilot, *keys: str) -> None:
    """Press keys and let the screen settle (mode switches take a frame or two)."""
    await pilot.press(*keys)
    await pilot.pause()
    await pilot.pause()


def bar(app) -> str:
    return str(app.screen.query_one(IncidentBar).render())


async def open_browser(pilot) -> IncidentsScreen:
    await press(pilot, "b")
    screen = pilot.app.screen
    assert isinstance(screen, IncidentsScreen)
    return screen


async def highlight(pilot, screen: IncidentsScreen, ref: str) -> None:
    """Move the highlight to ``ref`` with the arrow keys, as a person would."""
    options = screen.query_one("#incident-list", OptionList)
    target = options.get_option_index(ref)
    while options.highlighted != target:
        await pilot.press("down" if (options.highlighted or 0) < target else "up")
    await pilot.pause()


# --- the browser ----------------------------------------------------------------------------

def test_the_browser_lists_every_bundled_incident_with_its_line():
    app = new_app()

    async def script(pilot):
        screen = await open_browser(pilot)
        options = screen.query_one("#incident-list", OptionList)
        ids = [o.id for o in options._options if o.id]
        assert ids == BUNDLED and len(ids) == 11
        for entry in incident_index.read_index():
            shown = str(options.get_option(entry.ref).prompt)
            for part in (entry.date, entry.title, entry.venue, entry.left, entry.lost,
                         entry.point):
                assert part in shown, (entry.ref, part)
        coincheck = str(options.get_option("coincheck-2018").prompt)
        assert "◀ current" in coincheck
        assert "lost as run: 100% of the pool" in coincheck
        assert options.highlighted_option.id == "coincheck-2018"  # starts at the current one
        assert app._incident is None  # listing replayed nothing and loaded no scenario

    drive(app, script)


def test_enter_makes_an_incident_current_and_r_c_a_follow_it():
    app = new_app()

    async def script(pilot):
        screen = await open_browser(pilot)
        await highlight(pilot, screen, "bybit-2025")
        await press(pilot, "enter")
        assert app.current_ref == "bybit-2025"
        assert isinstance(app.screen, IncidentScreen)
        assert "Incident: Bybit cold-wallet theft, 2025-02-21" in bar(app)
        assert "Bybit cold-wallet theft" in screen_text(app)
        await press(pilot, "r")
        assert isinstance(app.screen, ReplayScreen)
        assert app.screen.player.replay.incident.id == "bybit-2025"
        assert "Bybit cold-wallet theft" in bar(app)
        await press(pilot, "c")
        assert isinstance(app.screen, CompareScreen)
        assert app.screen.lines[0].replay.incident.id == "bybit-2025"
        title = str(app.screen.query_one("#compare-title", Static).render())
        assert title.startswith("Bybit cold-wallet theft")
        # and back to another incident: the old replay and comparison are rebuilt
        screen = await open_browser(pilot)
        await highlight(pilot, screen, "ronin-2022")
        await press(pilot, "r")  # r in the browser: choose the highlighted one and replay it
        assert isinstance(app.screen, ReplayScreen)
        assert app.screen.player.replay.incident.id == "ronin-2022"
        await press(pilot, "c")
        assert app.screen.lines[0].replay.incident.id == "ronin-2022"
        await press(pilot, "h")
        assert isinstance(app.screen, HomeScreen)
        story = str(app.screen.query_one("#story", Static).render())
        assert story.startswith("Ronin bridge theft, 2022-03-23")

    drive(app, script)


def test_a_click_on_an_incident_chooses_it():
    app = new_app()

    async def script(pilot):
        screen = await open_browser(pilot)
        options = screen.query_one("#incident-list", OptionList)
        # the first option (Mt. Gox) starts on the list's first line
        await pilot.click(options, offset=(5, 0))
        await pilot.pause()
        await pilot.pause()
        assert app.current_ref == BUNDLED[0] == "mtgox-2014"
        assert isinstance(app.screen, IncidentScreen)

    drive(app, script)


def _copy(tmp_path: Path, name: str = "bybit-2025") -> Path:
    target = tmp_path / "my-scenario.toml"
    shutil.copy(paths.scenarios_dir() / f"{name}.toml", target)
    return target


def test_files_named_on_the_command_line_are_listed_and_the_first_is_current(tmp_path):
    path = _copy(tmp_path)
    incident = loader.load(str(path))
    app = new_app(files=[incident])

    async def script(pilot):
        assert isinstance(app.screen, IncidentsScreen)  # FILE... opens the browser
        await app.workers.wait_for_complete()
        await pilot.pause()
        options = app.screen.query_one("#incident-list", OptionList)
        assert options.highlighted_option.id == str(path)
        shown = str(options.get_option(str(path)).prompt)
        assert "◀ current" in shown and "lost as run: 70% of the pool" in shown
        assert "Files named on the command line" in screen_text(app)
        assert "Bybit cold-wallet theft" in bar(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, IncidentScreen)
        assert app.incident is incident

    drive(app, script, size=(100, 40))


def test_open_file_is_listed_too(tmp_path):
    path = _copy(tmp_path, "zaif-2018")
    incident = loader.load(str(path))
    app = new_app(incident=incident)

    async def script(pilot):
        assert isinstance(app.screen, ReplayScreen)  # open FILE starts on its replay
        screen = await open_browser(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        options = screen.query_one("#incident-list", OptionList)
        assert options.get_option(str(path)) is not None
        assert options.highlighted_option.id == str(path)

    drive(app, script)


def test_a_bundled_file_newer_than_the_index_is_worked_out_again(monkeypatch):
    real = incident_index.read_index()
    # pretend Zaif's entry was written for another version of the file
    stale = [e if e.ref != "zaif-2018" else incident_index.Entry(
        **{**e.__dict__, "lost": "99%", "digest": "0" * 64}) for e in real]
    monkeypatch.setattr(incident_index, "read_index", lambda: stale)
    app = new_app()

    async def script(pilot):
        screen = await open_browser(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = str(screen.query_one("#incident-list", OptionList).get_option(
            "zaif-2018").prompt)
        true_entry = next(e for e in real if e.ref == "zaif-2018")
        assert f"lost as run: {true_entry.lost} of the pool" in shown
        assert "99%" not in shown

    drive(app, script)


# --- an incident's page ---------------------------------------------------------------------

@pytest.mark.parametrize("ref", ["coincheck-2018", "bybit-2025"])
def test_the_page_tells_the_story_with_every_part(ref):
    incident = loader.load(ref)
    app = new_app()

    async def script(pilot):
        await app.set_incident(ref)
        await press(pilot, "a")
        screen = app.screen
        assert isinstance(screen, IncidentScreen)
        text = {w.id: str(w.render()) for w in screen.query(".incident-section") if w.id}
        assert " ".join(incident.summary.split())[:60] in " ".join(text["incident-summary"]
                                                                  .split())
        for a in incident.achievements:
            assert " ".join(a.how.split())[:40] in " ".join(text["incident-path"].split())
        assert "Reached: " in text["incident-path"]
        for r in incident.response:
            assert " ".join(r.what.split())[:30] in " ".join(text["incident-response"].split())
        halts = "(outflows stop here)" in text["incident-response"]
        assert halts == (incident.halt() is not None)  # Bybit never stopped withdrawals
        for f in incident.facts:
            assert f"{f.label}: " in text["incident-facts"]
        for c in incident.conflicts:
            conflicts = " ".join(text["incident-conflicts"].split())
            assert c.topic in conflicts and f"Used here: {c.used}" in conflicts
        for s in incident.sources:
            assert s.url in text["incident-sources"]
        qrs = list(screen.query(QRView))
        assert len(qrs) == len(incident.addresses) >= 1
        for qr in qrs:  # black on white whatever the theme
            assert qr.styles.color == Color(0, 0, 0)
            assert qr.styles.background == Color(255, 255, 255)

    drive(app, script)


@pytest.mark.parametrize("ref", BUNDLED)
def test_every_glossary_term_on_an_incident_page_is_linked(ref):
    app = new_app()
    glossary = load_glossary()

    async def script(pilot):
        await app.set_incident(ref)
        await press(pilot, "a")
        screen = app.screen
        assert isinstance(screen, IncidentScreen)
        linked_somewhere = set()
        for widget in screen.query("#incident-page Static"):
            if isinstance(widget, QRView):
                continue
            content = widget.content
            # URLs are never linked: leave them out of what must be linked
            plain_without_urls = "\n".join(
                line for line in content.plain.split("\n") if "://" not in line)
            found = {t for _, _, t in find_terms(plain_without_urls, glossary)}
            assert found <= link_ids(content), (ref, widget.id, found - link_ids(content))
            linked_somewhere |= link_ids(content)
        assert linked_somewhere  # every incident uses some glossary words
        assert set(screen.glossary_terms()) == linked_somewhere

    drive(app, script)


# --- the glossary -------------------------------------------------------------------------

def _first_link(widget) -> tuple[int, int, str]:
    """(x, y, action) of the first glossary link drawn in ``widget``."""
    width, height = widget.size
    from textual.geometry import Region

    for y, strip in enumerate(widget.render_lines(Region(0, 0, width, height))):
        x = 0
        for segment in strip:
            style = segment.style
            meta = style.meta if isinstance(style, Style) else {}
            action = meta.get("@click", "")
            if action.startswith("app.glossary("):
                return x, y, action
            x += len(segment.text)
    raise AssertionError("no link drawn")


def test_g_opens_the_glossary_from_anywhere_and_closes_it():
    app = new_app()

    async def script(pilot):
        for mode_key in ("h", "b", "a", "l", "r", "c"):
            await press(pilot, mode_key)
            screen_before = app.screen
            await press(pilot, "g")
            assert isinstance(app.screen, GlossaryScreen), mode_key
            await press(pilot, "g")
            assert app.screen is screen_before
        await press(pilot, "g")
        await press(pilot, "escape")
        assert not isinstance(app.screen, GlossaryScreen)
        await press(pilot, "question_mark")
        await press(pilot, "g")  # from a dialog too
        assert isinstance(app.screen, GlossaryScreen)

    drive(app, script)


def test_arrows_walk_the_terms_and_show_each_definition():
    app = new_app()
    glossary = load_glossary()

    async def script(pilot):
        await press(pilot, "g")
        screen = app.screen
        first, second = glossary.by_name[:2]
        definition = screen.query_one("#glossary-definition", Static)
        assert str(definition.render()).startswith(first.term)
        await press(pilot, "down")
        shown = " ".join(str(definition.render()).split())
        assert shown.startswith(second.term)
        assert " ".join(second.definition.split())[:50] in shown

    drive(app, script)


def test_clicking_a_term_on_an_incident_page_shows_its_definition():
    app = new_app()
    glossary = load_glossary()

    async def script(pilot):
        await press(pilot, "a")
        summary = app.screen.query_one("#incident-summary", Static)
        x, y, action = _first_link(summary)
        term_id = action[len("app.glossary('"):-2]
        await pilot.click(summary, offset=(x, y))
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GlossaryScreen)
        assert screen.term_id == term_id
        shown = " ".join(str(screen.query_one("#glossary-definition", Static).render()).split())
        assert " ".join(glossary.get(term_id).definition.split())[:50] in shown
        # the terms of the page come first in the list, for the keyboard
        assert screen.on_screen and term_id in screen.on_screen
        terms = screen.query_one("#glossary-terms", OptionList)
        assert str(terms.get_option_at_index(0).prompt) == "On this screen"

    drive(app, script)


def test_a_reason_on_the_replay_screen_links_its_terms():
    app = new_app()

    async def script(pilot):
        await press(pilot, "r")
        app.screen.action_step(1)
        await pilot.pause()
        detail = app.screen.query_one("#detail", Static)
        ids = link_ids(detail.content)
        # "00:02:13 hot wallet, moved: <the engine's reason>  (sources ...)"
        reason = detail.content.plain.split(": ", 1)[1].split("  (sources")[0]
        found = {t for _, _, t in find_terms(reason, load_glossary())}
        assert "signature" in found and ids == found, detail.content.plain
        await press(pilot, "g")  # the glossary lists the reason's terms first
        assert set(ids) <= set(app.screen.on_screen)

    drive(app, script)


def test_a_link_in_a_lesson_opens_the_glossary_at_that_term():
    app = new_app()

    async def script(pilot):
        await press(pilot, "l")
        screen = app.screen
        assert isinstance(screen, LessonsScreen)
        assert f"]({LINK_SCHEME}hot-wallet)" in screen.shown_markdown
        assert "hot-wallet" in screen.glossary_terms()
        markdown = screen.query_one("#page-markdown", Markdown)
        markdown.post_message(Markdown.LinkClicked(markdown, f"{LINK_SCHEME}hot-wallet"))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, GlossaryScreen)
        assert app.screen.term_id == "hot-wallet"

    drive(app, script)


def test_other_links_in_a_lesson_are_not_followed():
    app = new_app()

    async def script(pilot):
        await press(pilot, "l")
        markdown = app.screen.query_one("#page-markdown", Markdown)
        markdown.post_message(Markdown.LinkClicked(markdown, "https://example.com"))
        await pilot.pause()
        assert isinstance(app.screen, LessonsScreen)

    drive(app, script)


# --- lesson plumbing: a replay directive and an inline question ------------------------------

@pytest.fixture
def sample_lessons(monkeypatch):
    """The lessons screen reading one sample lesson with a replay and an inline question."""
    from explainer import lessons

    from ..test_lessons import INLINE

    sample = (lessons.parse_lesson(INLINE, "failures"),)
    monkeypatch.setattr(lessons, "load_lessons", lambda lang="en": sample)
    return sample


def test_o_opens_the_pages_replay_and_makes_its_incident_current(sample_lessons):
    app = new_app()

    async def script(pilot):
        await press(pilot, "l")
        screen = app.screen
        assert app.check_action("open_replay", ()) is True or screen.check_action(
            "open_replay", ()) is True
        assert "o: open this replay" in str(screen.query_one("#lesson-hint", Static).render())
        await press(pilot, "b")  # the browser exists before the incident changes
        await press(pilot, "l")
        await press(pilot, "o")
        assert isinstance(app.screen, ReplayScreen)
        assert app.current_ref == "bybit-2025"
        assert app.screen.player.setup.id == "as-run"
        assert "Bybit cold-wallet theft" in bar(app)
        await press(pilot, "b")  # the browser marks the new current incident
        options = app.screen.query_one("#incident-list", OptionList)
        assert "◀ current" in str(options.get_option("bybit-2025").prompt)
        assert "◀ current" not in str(options.get_option("coincheck-2018").prompt)
        await press(pilot, "l")
        await press(pilot, "n")  # the plain page: no replay, so o is hidden and does nothing
        assert app.screen.check_action("open_replay", ()) is False
        await press(pilot, "o")
        assert isinstance(app.screen, LessonsScreen)

    drive(app, script)


def test_an_inline_question_is_answered_with_the_number_keys(sample_lessons):
    app = new_app()

    async def script(pilot):
        await press(pilot, "l")
        screen = app.screen
        assert "Which key was stolen?" in screen_text(app)
        assert screen.check_action("answer", (0,)) is True
        assert screen.check_action("answer", (2,)) is False  # only two choices
        await press(pilot, "2")
        feedback = str(screen.query_one("#feedback", Static).render())
        assert feedback == "You chose 2. No: no key was stolen."
        await press(pilot, "1")
        assert str(screen.query_one("#feedback", Static).render()) == "You chose 1. Yes, none."
        await press(pilot, "n")  # a page without a question: 1-4 hidden, and do nothing
        assert screen.check_action("answer", (0,)) is False
        assert not screen.query_one("#choices", OptionList).display
        await press(pilot, "n")  # the closing question keeps its own answer
        assert screen.check_action("answer", (0,)) is True
        assert str(screen.query_one("#feedback", Static).render()) == ""
        await press(pilot, "p", "p")
        assert str(screen.query_one("#feedback", Static).render()) == "You chose 1. Yes, none."

    drive(app, script, size=(100, 60))  # the key map above the question takes 30 lines


def test_the_browser_fits_80x24():
    app = new_app()

    async def script(pilot):
        await open_browser(pilot)
        text = screen_text(app)
        assert "Mt. Gox bitcoin drain" in text
        assert text.splitlines()[0].startswith(" Incident: Coincheck NEM theft")

    drive(app, script, size=SMALL)


def test_answering_an_inline_question_below_a_key_map_scrolls_to_the_verdict(sample_lessons):
    app = new_app()

    async def script(pilot):
        await press(pilot, "l")
        screen = app.screen
        body = screen.query_one("#lesson-body")
        feedback = screen.query_one("#feedback", Static)
        assert body.scroll_y == 0
        await press(pilot, "1")
        assert body.scroll_y > 0
        assert body.region.contains_region(feedback.region)  # the verdict is on screen

    drive(app, script)


def test_markup_in_a_scenario_file_is_shown_literally_on_the_new_screens(tmp_path):
    hostile = "[bold red]Loud[/] [@click=app.quit]quit[/] $var"
    text = (paths.scenarios_dir() / "zaif-2018.toml").read_text(encoding="utf-8")
    text = text.replace('title = "Zaif hot-wallet theft"', f'title = "{hostile}"', 1)
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    incident = loader.load(str(path))
    assert incident.title == hostile
    app = new_app(files=[incident])

    async def script(pilot):
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert hostile in bar(app)
        assert hostile in str(app.screen.query_one("#incident-list", OptionList)
                              .get_option(str(path)).prompt)
        await press(pilot, "enter")
        assert isinstance(app.screen, IncidentScreen)
        assert hostile in str(app.screen.query_one("#incident-summary", Static).render())
        await press(pilot, "h")
        assert hostile in str(app.screen.query_one("#story", Static).render())
        assert app.is_running  # the [@click=app.quit] was text, not an action

    drive(app, script)


def test_the_presenter_keeps_its_own_g_and_b_and_a_never_leaves_the_plan():
    from explainer import plans
    from explainer.tui.app import make_app
    from explainer.tui.screens.presenter import PresenterScreen

    app = make_app(plan=plans.load("coincheck-20-minutes"))
    app.animation_level = "none"

    async def script(pilot):
        assert isinstance(app.screen, PresenterScreen)
        await press(pilot, "a")  # the incident page would leave the plan: held back
        assert isinstance(app.screen, PresenterScreen)
        assert app.check_action("glossary", ()) is False
        await press(pilot, "g")  # the presenter's own "jump", not the glossary
        assert not isinstance(app.screen, GlossaryScreen)

    drive(app, script)


@pytest.mark.parametrize(("size", "shown"), [
    ((80, 24), "Incident: Liquid MPC wallet theft, 2021-08-19"),
    ((120, 40), "Incident: Liquid MPC wallet theft, 2021-08-19: Liquid, run by QUOINE (Tokyo) "
                "and Quoine Pte (Singapore)"),
])
def test_the_top_line_drops_what_does_not_fit_rather_than_cut_a_word(size, shown):
    app = new_app()

    async def script(pilot):
        await app.set_incident("liquid-2021")
        await pilot.pause()
        line = bar(app)
        assert line.rstrip() == shown or line.rstrip() == shown + "   b: all incidents"
        assert "…" not in line

    drive(app, script, size=size)


def test_control_bytes_in_an_entry_or_a_page_become_visible_escapes():
    from explainer.tui.links import linked
    from explainer.tui.screens.incidents import entry_text

    entry = incident_index.Entry("x.toml", "x", "Evil\x1b[2J title", "venue\x07", "2020-01-01",
                                 "1 BTC", "5%", "as run", "point\x9b", "", bundled=False)
    shown = entry_text(entry, current=False).plain
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
    assert "Evil\\x1b[2J title" in shown and "venue\\x07" in shown
    assert linked("a hot wallet\x1b]8;;x\x1b\\").plain == "a hot wallet\\x1b]8;;x\\x1b\\"
