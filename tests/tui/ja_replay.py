"""Pieces shared by the Japanese tests of the replay and compare screens.

``switch`` is the app's live language switch (the ``L`` key): the incident and setups
translated again, then every screen of every mode recomposed.

``english`` finds the English left in a text; the only texts a test may excuse are data
shown as data (the signing demo's signed JSON), never words.
"""

from __future__ import annotations

import re

from explainer import i18n, loader
from explainer.tui.app import WalletApp
from tests.leaks import leaks

from .helpers import new_app


def ja_app(scenario: str, setup_id: str | None = None) -> WalletApp:
    """The app in Japanese on ``scenario``'s replay (as ``--lang ja`` starts it: the
    incident is given in English, as read, and shown localized)."""
    i18n.use("ja")
    return new_app(loader.load(scenario), setup_id=setup_id)


async def switch(app: WalletApp, lang: str) -> None:
    """The live switch to ``lang``, as the ``L`` key makes it."""
    await app.switch_language(lang)


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
