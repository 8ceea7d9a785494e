"""The engine's reasons said in words: the English renderer reproduces, word for word, every
sentence the engine wrote before its reasons became data (a golden taken from that code)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from explainer import catalog
from explainer.engine import replay
from explainer.report.explain import explain
from explainer.report.reason_text import words_for

GOLDEN = Path(__file__).parent / "golden" / "reasons-en.json"


@cache
def golden() -> dict:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


def said(incident, setup) -> dict:
    """What the golden holds for one setup, said by today's renderer."""
    r = replay(incident, setup)
    s, words = r.summary, words_for(r)
    return {
        "reasons": [words(e.reason) for e in r.events],
        "why": words(s.why),
        "held": words(s.held),
        "freeze": words(s.freeze_reason),
        "access": [words.access(s.peak_access[w.id]) for w in setup.wallets],
        "explain": explain(r),
    }


@pytest.mark.parametrize("scenario", sorted(golden()))
def test_english_reasons_read_as_before(scenario):
    incident = next(i for i in catalog.scenarios() if i.id == scenario)
    setups = catalog.setups_for(incident)
    assert sorted(s.id for s in setups) == sorted(golden()[scenario])
    for setup in setups:
        assert said(incident, setup) == golden()[scenario][setup.id], setup.id


def test_english_reasons_of_generated_setups_read_as_before():
    """Limits enforced elsewhere, time locks, freezes after a delay, auto-signing keys:
    200 generated setups (the engine benchmark's generator, seed 11) against the golden."""
    import random
    import sys

    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    try:
        from engine_sweep import generate
    finally:
        sys.path.pop(0)
    from explainer import loader

    incident = loader.load("coincheck-2018")
    expected = json.loads((GOLDEN.parent / "reasons-generated-en.json").read_text("utf-8"))
    for setup, want in zip(generate(random.Random(11), 200), expected, strict=True):
        r = replay(incident, setup)
        words = words_for(r)
        got = [list(dict.fromkeys(words(e.reason) for e in r.events)), words(r.summary.why),
               words(r.summary.held), words(r.summary.freeze_reason)]
        assert got == want, setup.id
