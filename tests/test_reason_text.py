"""The engine's reasons said in words: the English renderer reproduces, word for word, every
sentence the engine wrote before its reasons became data (a golden taken from that code)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import timedelta
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer import catalog, i18n
from explainer.engine import CODES, Reason, replay
from explainer.report.explain import explain
from explainer.report.jsonout import reason_params
from explainer.report.reason_text import say, words_for

from .leaks import leaks
from .strategies import setups, variants

PROPER_NOUNS = frozenset({"Katana", "DEX"})  # Ronin's exchange, named so in Japanese too
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

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


def _codes_in(reason: Reason) -> Iterator[Reason]:
    """The reason and every reason nested in its parameters."""
    yield reason
    for value in reason.params:
        for item in value if isinstance(value, tuple) else (value,):
            if isinstance(item, Reason):
                yield from _codes_in(item)


def _all_reasons(r) -> list[Reason]:
    s = r.summary
    return [*(e.reason for e in r.events), s.why, s.held, s.freeze_reason]


@SETTINGS
@given(setup=setups(), data=st.data())
def test_every_code_is_declared_and_reads_in_english_and_japanese(coincheck, setup, data):
    incident = data.draw(variants(coincheck)) if data.draw(st.booleans()) else coincheck
    r = replay(incident, setup)
    for reason in _all_reasons(r):
        for part in _codes_in(reason):
            assert part.code in CODES
            assert len(part.params) == len(CODES[part.code][0])  # .args checks it too
            assert part.args.keys() == set(CODES[part.code][0])
        json.dumps(reason_params(reason))  # JSON-safe, nested reasons included
    i18n.use("en")  # the fixture resets the language per test, not per example
    english = [say(x, incident, setup) for x in _all_reasons(r)]
    i18n.use("ja")
    japanese = [say(x, incident, setup) for x in _all_reasons(r)]
    i18n.use("en")
    for en, ja, reason in zip(english, japanese, _all_reasons(r), strict=True):
        # a reason with words reads differently in Japanese; only labels and figures stay
        if reason.code not in ("held.keys", "freeze.label", "freeze.none") and en:
            assert en != ja, reason


def _japanese_texts(incident, setup) -> list[str]:
    r = replay(incident, setup)
    words = words_for(r)
    return [*(words(x) for x in _all_reasons(r)), *explain(r),
            *(words.access(a) for a in r.summary.peak_access.values())]


def test_japanese_reasons_leak_no_english():
    """Every reason, why, held phrase, freeze description, access clause and compare
    explanation of every bundled scenario x setup, said in Japanese."""
    i18n.use("ja")
    found = {}
    for incident in catalog.scenarios():
        for setup in catalog.setups_for(incident):
            for text in _japanese_texts(incident, setup):
                if leaks(text, PROPER_NOUNS):
                    found.setdefault(f"{incident.id}/{setup.id}", []).append(
                        (text, leaks(text, PROPER_NOUNS)))
    assert not found, found


def test_readme_lists_exactly_the_engine_codes_and_their_params():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Reason codes", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z_.]+)` \| ([^|]*) \|", section, re.M)
    listed = {code: tuple(re.findall(r"`([a-z_]+)`", params)) for code, params in rows}
    assert listed == {code: params for code, (params, _meaning) in CODES.items()}


def test_renderer_knows_every_declared_code():
    from explainer.report.reason_text import _SAY

    assert set(_SAY) == set(CODES)


def test_json_params_of_a_limit_and_a_freeze_window(coincheck):
    """Amounts as decimal strings, durations and times in ISO 8601, nested reasons as
    objects (hand-written from the Coincheck setups)."""
    r = replay(coincheck, coincheck.setup("cosigner-daily-limit"))
    assert r.events[1].reason.code == "limit.clipped"
    assert reason_params(r.events[1].reason) == {
        "wallet": "wallet", "limit": 0, "cap": "5263000.1", "period": "PT24H",
        "enforced_by": "cosigning-service", "allowed": "5262990.1"}
    r = replay(coincheck, coincheck.setup("as-run-10min-freeze"))
    window = reason_params(r.events[7].reason)
    assert window["reason"]["code"] == "access.needs"
    assert window["reason"]["params"]["signatures"] == [
        {"key": "hot-key", "path": "stolen", "domain": "nem-server"}]
    assert (window["at"], window["latest"], window["freeze_at"]) == (
        "2018-01-26T00:10:00+09:00", "2018-01-26T00:21:00+09:00", "2018-01-26T00:12:13+09:00")
    assert reason_params(r.events[-1].reason) == {
        "freeze_at": "2018-01-26T00:12:13+09:00", "freeze": {"code": "freeze.label", "params": {}}}


@pytest.mark.parametrize("span,iso", [(timedelta(hours=24), "PT24H"), (timedelta(days=2), "PT48H"),
                                      (timedelta(minutes=10), "PT10M"), (timedelta(0), "PT0S"),
                                      (timedelta(days=1, hours=2, minutes=30), "PT26H30M"),
                                      (timedelta(seconds=90), "PT1M30S")])
def test_durations_in_iso_8601(span, iso):
    from explainer.report.jsonout import _duration

    assert _duration(span) == iso


def test_json_in_japanese_says_the_reasons_in_japanese_with_the_same_codes(capsys, monkeypatch):
    from explainer import cli

    documents = {}
    for lang in ("en", "ja"):
        assert cli.main(["replay", "coincheck-2018", "--format", "json", "--lang", lang]) == 0
        documents[lang] = json.loads(capsys.readouterr().out)
    en, ja = documents["en"]["setups"], documents["ja"]["setups"]
    assert [s["id"] for s in en] == [s["id"] for s in ja]
    for a, b in zip(en, ja, strict=True):
        for field in ("why", "held"):
            assert (a[f"{field}_code"], a[f"{field}_params"]) == \
                (b[f"{field}_code"], b[f"{field}_params"])
        assert [(e["reason_code"], e["reason_params"]) for e in a["events"]] == \
            [(e["reason_code"], e["reason_params"]) for e in b["events"]]
        for e in b["events"]:
            assert not leaks(e["reason"], PROPER_NOUNS), e
            assert e["reason"] != next(x["reason"] for x in a["events"] if x["at"] == e["at"]
                                       and x["wallet"] == e["wallet"])
    five = next(s for s in ja if s["id"] == "japan-5pct-hot")
    assert five["why"].startswith("ホットウォレットにはプールの")


@pytest.mark.parametrize("batch", [1, 2, 5])
def test_json_written_in_batches_of_events_is_still_json_dumps(monkeypatch, batch):
    """Long replays are written a batch of events at a time (their reasons' parameters
    make each event long); the text must not depend on where the batches fall."""
    from explainer import loader
    from explainer.report import jsonout

    monkeypatch.setattr(jsonout, "BATCH", batch)
    for name in ("coincheck-2018", "ronin-2022"):
        incident = loader.load(name)
        replays = [replay(incident, s) for s in catalog.setups_for(incident)]
        pieces = list(jsonout.chunks(incident, replays))
        assert "".join(pieces) == json.dumps(jsonout.document(incident, replays), indent=2,
                                             ensure_ascii=False) + "\n"
        assert len(pieces) > len(replays) * 3  # head, batches and tail per setup
