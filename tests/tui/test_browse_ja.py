"""The browser, incident page, sources dialog and presenter in Japanese, and across a live
language switch (``WalletApp.switch_language``, what the ``L`` key does: every screen
recomposed in the new language)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from textual.containers import VerticalScroll
from textual.widgets import OptionList, Static

from explainer import i18n, incident_index, loader, paths, plans, presenting
from explainer.i18n import _
from explainer.tui.screens.incident import IncidentScreen
from explainer.tui.screens.incidents import IncidentsScreen
from explainer.tui.screens.presenter import PresenterScreen
from explainer.tui.screens.sources import POOL_HEADING, SourcesScreen, sources_text
from tests.leaks import leaks

from .helpers import drive, new_app, screen_text

JA_INDEX = {e.ref: e for e in incident_index.read_index("ja")}
EN_INDEX = {e.ref: e for e in incident_index.read_index("en")}


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.pause()


async def switch(pilot, lang: str) -> None:
    """What the ``L`` key does: every screen recomposed in ``lang``."""
    await pilot.app.switch_language(lang)
    await settle(pilot)


def prompt(screen: IncidentsScreen, ref: str) -> str:
    return str(screen.query_one("#incident-list", OptionList).get_option(ref).prompt)


def test_the_browser_switches_language_and_keeps_the_highlight():
    app = new_app()

    async def script(pilot):
        await pilot.press("b")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IncidentsScreen)
        options = screen.query_one("#incident-list", OptionList)
        options.highlighted = options.get_option_index("bybit-2025")
        await settle(pilot)
        await switch(pilot, "ja")
        options = screen.query_one("#incident-list", OptionList)
        assert options.highlighted_option.id == "bybit-2025"
        coincheck = prompt(screen, "coincheck-2018")
        ja = JA_INDEX["coincheck-2018"]
        for part in (ja.title, ja.venue, ja.left, ja.lost, ja.point):
            assert part in coincheck
        assert "◀現在の事件" in coincheck and "2018年1月26日" in coincheck
        assert _("lost {setup}: {share} of the pool").format(
            setup=ja.lost_setup, share=ja.lost) in coincheck
        assert "事件一覧" in str(screen.query_one("#incidents-title", Static).render())
        assert not leaks(coincheck)
        await switch(pilot, "en")
        options = screen.query_one("#incident-list", OptionList)
        assert options.highlighted_option.id == "bybit-2025"
        assert EN_INDEX["coincheck-2018"].point in prompt(screen, "coincheck-2018")
        assert "lost as run: 100% of the pool" in prompt(screen, "coincheck-2018")

    drive(app, script, size=(100, 40))


def test_a_stale_japanese_entry_is_worked_out_in_japanese(monkeypatch):
    real = incident_index.read_index
    # the Japanese index lacks Zaif (as if its translation changed since it was written)
    monkeypatch.setattr(incident_index, "read_index", lambda lang=None: [
        e for e in real(lang) if not (lang == "ja" and e.ref == "zaif-2018")])
    i18n.use("ja")
    app = new_app()

    async def script(pilot):
        await pilot.press("b")
        await app.workers.wait_for_complete()
        await settle(pilot)
        shown = prompt(app.screen, "zaif-2018")
        assert JA_INDEX["zaif-2018"].title in shown
        assert JA_INDEX["zaif-2018"].point in shown
        assert _("working out the replay...") not in shown

    drive(app, script, size=(100, 40))


def test_a_file_from_the_command_line_is_listed_in_the_reader_s_language(tmp_path: Path):
    target = tmp_path / "my-scenario.toml"
    shutil.copy(paths.scenarios_dir() / "bybit-2025.toml", target)
    incident = loader.load(str(target))
    i18n.use("ja")
    app = new_app(files=[incident])

    async def script(pilot):
        await app.workers.wait_for_complete()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IncidentsScreen)
        shown = prompt(screen, str(target))
        # the bundled translation of its id applies: the same texts as the bundled file's
        assert JA_INDEX["bybit-2025"].point in shown
        assert "コマンドラインで指定したファイル" in screen_text(app)
        await switch(pilot, "en")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert EN_INDEX["bybit-2025"].point in prompt(screen, str(target))

    drive(app, script, size=(100, 40))


def test_the_incident_page_switches_language_at_the_same_place():
    app = new_app()

    async def script(pilot):
        await app.set_incident("coincheck-2018")
        await pilot.press("a")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IncidentScreen)
        page = screen.query_one("#incident-page", VerticalScroll)
        page.scroll_to_widget(screen.query_one("#incident-conflicts"), top=True, animate=False)
        await settle(pilot)
        share = page.scroll_y / page.max_scroll_y
        assert 0.2 < share < 0.95
        await switch(pilot, "ja")
        page = screen.query_one("#incident-page", VerticalScroll)
        assert abs(page.scroll_y / page.max_scroll_y - share) < 0.05
        text = {w.id: str(w.content) for w in screen.query(".incident-section") if w.id}
        assert text["incident-conflicts"].startswith("出典どうしで食い違う点")
        assert "ここで採用した値：" in text["incident-conflicts"]
        assert text["incident-path"].startswith("攻撃者の経路")
        assert text["incident-sources"].startswith("出典")
        assert text["incident-addresses"].startswith("アドレス")
        captions = [str(w.content) for w in screen.query(".qr-caption")]
        assert "（取引所側）" in captions[0] and "（攻撃者）" in captions[1]
        for sid in ("incident-summary", "incident-path", "incident-response",
                    "incident-facts", "incident-conflicts", "incident-point"):
            assert not leaks(text[sid]), (sid, leaks(text[sid]))
        # terms are still linked on the Japanese page (the glossary lists them first)
        assert screen.glossary_terms()

    drive(app, script, size=(100, 40))


def test_the_sources_dialog_rebuilds_its_text_in_the_new_language():
    app = new_app()

    async def script(pilot):
        incident = loader.load("coincheck-2018")
        app.push_screen(SourcesScreen(lambda: sources_text(incident, incident.pool_sources,
                                                           _(POOL_HEADING))))
        await settle(pilot)
        assert "Sources of the scenario's pool figure" in screen_text(app)
        await switch(pilot, "ja")
        shown = screen_text(app)
        assert "シナリオのプール総額の出典" in shown and "Esc または i で閉じます。" in shown

    drive(app, script, size=(100, 40))


def test_the_presenter_keeps_its_replay_moment_across_a_recompose():
    app = new_app()
    app.plan = plans.load("coincheck-20-minutes")

    async def script(pilot):
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PresenterScreen)
        await screen.go(4)  # Japan's 5% rule, at 00:12
        await settle(pilot)
        at = screen.player.at
        await switch(pilot, "ja")  # L is refused while presenting; the protocol still holds
        assert screen.player is not None and screen.player.at == at
        assert screen.plan.lang == "ja" and screen.plan.title == plans.load(
            "coincheck-20-minutes", "ja").title != app.plan.title
        shown = screen_text(app)
        assert "攻撃者が奪った額：" in shown and "（攻撃者の手が届かない）" in shown
        assert "一時停止中" in shown
        assert not leaks(shown), leaks(shown)  # the last event's outcome too

    drive(app, script, size=(120, 40))


def test_the_timing_line_in_japanese():
    plan = plans.load("coincheck-20-minutes")
    p = presenting.start(0.0).go(plan, 1, 150.0)  # step 2 began 2:30 in
    english = presenting.timing(plan, p, 210.0)
    i18n.use("ja")
    ja = presenting.timing(plan, p, 210.0)
    assert ja != english and not leaks(ja)
    assert "ステップ 1:00（予定 3:00）" in ja and "授業 3:30（予定 20:00" in ja
    assert presenting.timing(plan, p, 420.0).endswith("2:00遅れ）")
    assert presenting.timing(plan, p, 300.0).endswith("予定どおり）")


def test_every_step_of_every_plan_reads_in_japanese():
    for plan_id in ("coincheck-20-minutes", "when-multisig-fails-45-minutes"):
        i18n.use("ja")
        plan = plans.load(plan_id, "ja")
        app = new_app()
        app.plan = plan
        found: dict[int, list[str]] = {}

        async def script(pilot, plan=plan, found=found):
            screen = pilot.app.screen
            assert isinstance(screen, PresenterScreen)
            screen.action_notes()  # the notes panel and its timing line too
            for n in range(len(plan.steps)):
                await screen.go(n)
                await settle(pilot)
                if screen._question() is not None:
                    screen.action_reveal()
                    await settle(pilot)
                text = screen_text(pilot.app)
                if leaks(text):
                    found[n] = leaks(text)

        drive(app, script, size=(120, 40))
        assert not found, (plan_id, found)


def test_japanese_prose_breaks_between_characters_never_inside_a_figure_or_word():
    import io

    from rich.console import Console
    from rich.text import Text

    from explainer import translations
    from explainer.tui.breaking import Breaking, shown

    english = Text(loader.load("bitfinex-2016").summary)
    assert shown(english) is english  # English is drawn as before
    i18n.use("ja")
    summary = translations.localize(loader.load("bitfinex-2016"), "ja").summary
    assert "2,000" in summary and "Ledger" in summary
    text = shown(Text(summary))
    assert isinstance(text, Breaking)
    for width in range(30, 101, 7):
        console = Console(width=width, file=io.StringIO(), color_system=None)
        with console.capture() as captured:
            console.print(text)
        lines = [line.rstrip() for line in captured.get().splitlines() if line.strip()]
        for before, after in zip(lines, lines[1:], strict=False):
            assert after[0] not in "。、）」", (width, before, after)  # kinsoku
            # a figure or a Latin word is never cut in two (a break at a space is fine)
            end = re.search(r"[A-Za-z0-9,.]+$", before)
            start = re.match(r"[A-Za-z0-9,.]+", after)
            if end and start:
                assert end.group() + start.group() not in summary, (width, before, after)
        assert all(len(line) <= width for line in lines)


def test_entries_worked_out_in_a_language_no_longer_shown_are_dropped():
    app = new_app()

    async def script(pilot):
        await pilot.press("b")
        await app.workers.wait_for_complete()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IncidentsScreen)
        zaif = EN_INDEX["zaif-2018"]
        wrong = incident_index.Entry(**{**zaif.__dict__, "point": "stale words"})
        # a worker that ran while the reader switched: its words may be in either language
        screen._worked_out([wrong], "en", False)
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert "stale words" not in prompt(screen, "zaif-2018")
        assert zaif.point in prompt(screen, "zaif-2018")  # read again from the index
        # a worker for Japanese that ends after the switch back to English: dropped
        screen._worked_out([wrong], "ja", True)
        assert "ja" not in screen.by_lang
        assert "stale words" not in prompt(screen, "zaif-2018")

    drive(app, script, size=(100, 40))
