"""Pieces shared by the Japanese tests of the replay and compare screens.

``switch`` plays the app's live language switch as /work's protocol describes it (the
``L`` key of the app does the same): ``i18n.use``, the incident localized again from its
English original, the setups rebuilt, then ``recompose()`` on every screen of the stack.

``reasons`` lists what may still read as English on these screens because another part
of the app writes it: the engine's reasons (access clauses, event reasons, the compare
explanation), until the reasons lane renders them in Japanese; ``pending`` the outcome
words and money figures, until the report-ja lane's are merged. Nothing else is excused.
"""

from __future__ import annotations

import re

from explainer import i18n, loader
from explainer.model import Incident
from explainer.player import Player
from explainer.report.explain import explain
from explainer.report.reason_text import words_for
from explainer.report.rows import OUTCOME_WORDS, event_rows, fiat
from explainer.translations import localize
from explainer.tui.app import WalletApp
from tests.leaks import leaks

from .helpers import new_app


def ja_app(scenario: str, setup_id: str | None = None) -> WalletApp:
    """The app in Japanese on ``scenario``'s replay (as ``--lang ja`` starts it)."""
    i18n.use("ja")
    return new_app(localize(loader.load(scenario), "ja"), setup_id=setup_id)


async def switch(app: WalletApp, lang: str, original: Incident) -> None:
    """The live switch to ``lang``: every screen rebuilds its texts from its own state."""
    i18n.use(lang)
    app._incident = original if lang == "en" else localize(original, lang)
    app._setups = None
    for screen in list(app.screen_stack):
        await screen.recompose()


def reasons(app: WalletApp) -> list[str]:
    """Every reason the engine gives on the app's incident, under each of its setups: the
    events' reasons, the access clauses at every step, the summaries' "why" and freeze
    labels, and the comparison's explanation."""
    out: list[str] = []
    for setup in app.setups:
        player = Player(app.incident, setup)
        words = words_for(player.replay)
        for _ in range(player.attempts + 1):
            out += [words.access(a) for a in player.state.access.values()]
            player.step_forward()
        r = player.replay
        out += [row.reason for row in event_rows(r)]
        out += [words(r.summary.why), words(r.summary.freeze_reason), *explain(r)]
    return [x for x in out if x]


def pending(app: WalletApp) -> list[str]:
    """Texts the report-ja lane makes Japanese (explainer/report/rows.py's outcome words and
    explainer/numbers.py's money figures), excused until that lane is merged."""
    out = list(OUTCOME_WORDS.values())
    for setup in app.setups:
        r = Player(app.incident, setup).replay
        for amount in (r.summary.lost, *(e.lost_after for e in r.events)):
            out += [f.text for f in fiat(app.incident, amount)]
    return out


def _norm(text: str) -> str:
    return re.sub(r"[ \t]+", " ", text).strip()


def english(text: str, excused: list[str]) -> list[str]:
    """The English runs in ``text`` that are not part of an ``excused`` text: excused texts
    are taken out where they appear whole, and a run found inside one (a reason wrapped
    over lines of a table) is not counted either."""
    pool = sorted({_norm(x) for x in excused if x.strip()}, key=len, reverse=True)
    text = "\n".join(_norm(line) for line in text.splitlines())
    for x in pool:
        text = text.replace(x, " | ")
    return [leak for leak in leaks(text) if not any(_norm(leak) in x for x in pool)]
