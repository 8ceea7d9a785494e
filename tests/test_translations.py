"""Scenario translations: the bundled Japanese files, and check/untranslated/apply on
hostile and partial input."""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from explainer import loader, paths
from explainer import translations as tr
from explainer.engine import instantiate

INCIDENTS = [p.stem for p in loader.bundled_paths()]
JA = paths.scenarios_dir() / "ja"

# Fields whose text a translation replaces; every other field must come through unchanged.
TEXT_FIELDS = {"title", "venue", "summary", "teaching_point", "pool_note", "name", "label",
               "note", "value", "topic", "used", "why", "how", "when", "what", "operator"}


def _ja(scenario_id: str) -> tuple[dict[str, Any], str, Path]:
    path = tr.bundled_file("ja", scenario_id)
    assert path is not None, f"no Japanese file for {scenario_id}"
    data, text = tr.read(path)
    return data, text, path


@pytest.fixture(scope="module")
def library():
    return loader.load_library()


# --- the bundled Japanese files --------------------------------------------------------

def test_every_bundled_scenario_has_a_japanese_file():
    present = sorted(p.stem for p in JA.glob("*.toml"))
    assert present == sorted([*INCIDENTS, tr.LIBRARY])
    assert len(INCIDENTS) == 11


@pytest.mark.parametrize("scenario_id", INCIDENTS)
def test_japanese_file_passes_check(scenario_id):
    data, text, path = _ja(scenario_id)
    assert tr.check(loader.load(scenario_id), data, text, str(path)) == []


def test_japanese_library_passes_check(library):
    data, text, path = _ja(tr.LIBRARY)
    assert tr.check_library(*library, data, text, str(path)) == []


@pytest.mark.parametrize("scenario_id", INCIDENTS)
def test_nothing_is_left_untranslated(scenario_id):
    data, _, _ = _ja(scenario_id)
    assert tr.untranslated(loader.load(scenario_id), data) == []


def test_library_nothing_left_untranslated(library):
    data, _, _ = _ja(tr.LIBRARY)
    assert tr.untranslated_library(*library, data) == []


def _differences(a: Any, b: Any, where: str = "") -> list[str]:
    """Every non-text field where ``a`` and ``b`` differ, and every text field that
    changed type; text fields themselves may differ (that is the translation)."""
    if dataclasses.is_dataclass(a):
        assert type(a) is type(b), where
        out = []
        for f in dataclasses.fields(a):
            x, y = getattr(a, f.name), getattr(b, f.name)
            here = f"{where}.{f.name}"
            if f.name in TEXT_FIELDS and isinstance(x, str):
                if not isinstance(y, str) or bool(x) != bool(y):
                    out.append(here)
            else:
                out += _differences(x, y, here)
        return out
    if isinstance(a, tuple):
        if not isinstance(b, tuple) or len(a) != len(b):
            return [where]
        return [d for n, (x, y) in enumerate(zip(a, b, strict=True))
                for d in _differences(x, y, f"{where}[{n}]")]
    return [] if a == b and type(a) is type(b) else [where]


@pytest.mark.parametrize("scenario_id", INCIDENTS)
def test_apply_keeps_ids_numbers_and_times(scenario_id):
    incident = loader.load(scenario_id)
    data, _, _ = _ja(scenario_id)
    translated = tr.apply(incident, data)
    assert _differences(incident, translated) == []
    # Sources are cited as published: titles and URLs are never translated.
    assert translated.sources == incident.sources
    assert translated.setups[0].wallets[0].share == incident.setups[0].wallets[0].share
    assert translated.summary != incident.summary
    assert translated.title != incident.title


def test_apply_translates_what_the_file_gives(coincheck):
    data, _, _ = _ja("coincheck-2018")
    ja = tr.apply(coincheck, data)
    assert ja.title == "コインチェックNEM不正送金事件"
    assert "5億2,630万10 XEM" in ja.summary
    facts = {f.id: f for f in ja.facts}
    assert facts["customers"].value == "約26万人"
    assert facts["customers"].sources == ("S5", "S6")
    notes = [o.note for o in ja.outflows]
    assert notes[0] == "試験送金"
    assert notes[-1] == "最後の送金"
    assert ja.setup("japan-5pct-hot").wallets[1].label == "コールドウォレット"
    assert ja.setup("as-run-10min-freeze").response.label == "最初の流出から10分後に自動凍結"
    assert ja.conflicts[0].claims[0].value == "2時57分（JST）"


def test_apply_library_feeds_instantiate(coincheck, library):
    data, _, _ = _ja(tr.LIBRARY)
    domains, setups = tr.apply_library(*library, data)
    assert [s.id for s in setups] == [s.id for s in library[1]]
    setup = next(s for s in setups if s.id == "hot-cold-5pct")
    mapped = instantiate(setup, coincheck, domains)
    assert mapped.label == "ホット5%、コールド95%"
    assert [k.domain for k in mapped.keys] == [
        k.domain for k in instantiate(next(s for s in library[1] if s.id == "hot-cold-5pct"),
                                      coincheck, library[0]).keys]
    assert all(re.search(r"[ぁ-んァ-ヶ一-龯]", d.label) for d in mapped.domains)


# Latin-script words allowed in Japanese prose: asset symbols and units, proper nouns
# written in Latin script in Japanese press, and technical names that have no Japanese
# form. Anything else is an English word left behind.
SYMBOLS = {"XEM", "NEM", "BTC", "BCH", "MONA", "ETH", "stETH", "mETH", "cmETH", "USDC",
           "USDT", "BUSD", "BNB", "SHIB", "MATIC", "PEPE", "GALA", "TRX", "XRP", "AXS", "RON",
           "SLP", "ONE", "BFX", "ERC-20"}
ZONES = {"JST", "UTC", "UTC-4", "UTC+8", "IST", "EST"}
PROPER = {
    "Safe", "Safe{Wallet}", "Ledger", "BitGo", "Bitfinex", "Ronin", "Sky", "Mavis", "Axie", "Ben",
    "Zhou", "Infinity",
    "DAO", "Harmony", "Horizon", "Bybit", "WazirX", "Zettai", "Pte", "Liminal", "Zaif",
    "QUOINE", "Quoine", "Liquid", "Global", "Ginco", "DMM", "SBI", "VC", "FTX", "CZ",
    "SAFU", "iFinex", "Ledger Labs", "Labs", "OCCRP", "WIRED", "CertiK", "Elliptic",
    "Mandiant", "Cyvers", "Cointelegraph", "CoinDesk", "Coincover", "Decrypt", "WizSec",
    "Business", "Insider", "The", "Block", "Brave", "New", "Coin", "Hex", "Trust",
    "Curvegrid", "Sygnia/Verichains", "SecureLayer7", "TRM", "Tornado", "Cash", "RAILGUN",
    "Katana", "DEX", "Chain", "Gnosis", "Guard", "Recovery", "Right", "Token", "BTC-e", "Lazarus",
    "Lazarus/APT38", "TraderTraitor", "LinkedIn", "GitHub", "Python", "JavaScript", "AWS",
    "S3/CloudFront", "FBI", "OFAC", "CFTC", "DC3", "FIU-India", "CERT-In", "FIR",
}
TECHNICAL = {"API", "2FA", "FA", "MPC", "RPC", "EOA", "P2SH", "PC", "PDF", "IT", "ID", "URL",
             "delegatecall", "sweepETH", "sweepERC20", "confirmationsRequired", "v1.1.1",
             "app.safe.global", "m-of-n", "A", "B", "C", "D"}
ALLOWED = SYMBOLS | ZONES | PROPER | TECHNICAL
WORD = re.compile(r"[A-Za-z][A-Za-z0-9.{}/+_-]*[A-Za-z0-9}]|[A-Za-z]")
# Not \b: Japanese letters are word characters too ("2-of-3のマルチシグ").
M_OF_N = re.compile(r"(?<![0-9])[0-9]+-of-[0-9]+(?![0-9])")
HEX = re.compile(r"(?<![0-9A-Za-z])(0x)?[0-9a-f]{40,}(?![0-9A-Za-z])")


def _texts(data: Any):
    for key, value in data.items():
        if key in tr.HEADER or key == tr.EN_HASH:
            continue
        if isinstance(value, dict):
            yield from _texts(value)
        else:
            yield value


@pytest.mark.parametrize("scenario_id", [*INCIDENTS, tr.LIBRARY])
def test_no_english_left_in_japanese_prose(scenario_id):
    data, _, _ = _ja(scenario_id)
    ids: set[str] = set()
    if scenario_id != tr.LIBRARY:
        ids = {s.id for s in loader.load(scenario_id).sources}  # e.g. "RX1" cited in prose
    leaks = set()
    for text in _texts(data):
        stripped = HEX.sub(" ", M_OF_N.sub(" ", text))
        leaks |= {w for w in WORD.findall(stripped) if w not in ALLOWED | ids}
    assert leaks == set()


# --- stale translations -----------------------------------------------------------------

def _tables(data: Any, path: tuple[str, ...] = ()):
    texts = {k: v for k, v in data.items() if not isinstance(v, dict)}
    if path and texts:
        yield path, texts
    for key, value in data.items():
        if isinstance(value, dict):
            yield from _tables(value, (*path, key))


@pytest.mark.parametrize("scenario_id", [*INCIDENTS, tr.LIBRARY])
def test_every_bundled_entry_records_its_english(scenario_id):
    """Every translated entry carries ``en_hash``, so any later change to the English
    is caught by the check test above, entry by entry."""
    data, _, _ = _ja(scenario_id)
    tables = list(_tables(data))
    assert tables
    assert [p for p, texts in tables if tr.EN_HASH not in texts] == []


def test_changed_english_is_reported_with_its_entry(coincheck):
    data, text, path = _ja("coincheck-2018")
    fact = next(f for f in coincheck.facts if f.id == "customers")
    corrected = dataclasses.replace(coincheck, facts=tuple(
        dataclasses.replace(f, value="about 270,000") if f is fact else f
        for f in coincheck.facts))
    problems = tr.check(corrected, data, text, str(path))
    assert [p.field for p in problems] == ["facts.customers.en_hash"]
    line = text.splitlines()[problems[0].line - 1]
    assert line.startswith("en_hash = ")
    assert text.splitlines()[problems[0].line - 2] == "[facts.customers]"
    new = tr.en_hash({"label": fact.label, "value": "about 270,000"})
    assert f'en_hash = "{new}"' in problems[0].message
    # The stale text still applies: a reviewed-but-old translation beats none.
    assert next(f for f in tr.apply(corrected, data).facts
                if f.id == "customers").value == "約26万人"


def test_en_hash_follows_every_text_of_the_entry():
    base = {"label": "hot wallet", "note": "a"}
    assert tr.en_hash(base) == tr.en_hash(dict(reversed(base.items())))
    assert tr.en_hash(base) != tr.en_hash({**base, "note": "b"})
    assert tr.en_hash(base) != tr.en_hash({"label": "hot wallet"})
    assert re.fullmatch(r"[0-9a-f]{8}", tr.en_hash(base))


@pytest.mark.parametrize("bad", ["ABCDEF12", "1234567", 12345678, "zzzzzzzz"])
def test_malformed_en_hash_is_a_problem(coincheck, bad):
    data = {"format": 1, "lang": "ja", "scenario": "coincheck-2018",
            "facts": {"customers": {"en_hash": bad, "label": "影響を受けた顧客"}}}
    problems = tr.check(coincheck, data)
    assert [p.field for p in problems] == ["facts.customers.en_hash"]
    assert "8 hexadecimal digits" in problems[0].message


# --- keys for entries without ids --------------------------------------------------------

def test_entry_keys_number_entries_at_the_same_time():
    jst = timezone(timedelta(hours=9))
    a = datetime(2018, 1, 26, 0, 4, tzinfo=jst)
    b = datetime(2018, 1, 26, 0, 10, tzinfo=jst)
    assert tr.entry_keys([a, a, b, a]) == [
        "2018-01-26T00:04:00+09:00", "2018-01-26T00:04:00+09:00#2",
        "2018-01-26T00:10:00+09:00", "2018-01-26T00:04:00+09:00#3"]


def test_outflow_keys_survive_a_correction_elsewhere(coincheck):
    """Removing an outflow at another time leaves the other keys (and texts) in place."""
    data, _, _ = _ja("coincheck-2018")
    fewer = dataclasses.replace(coincheck, outflows=coincheck.outflows[1:])
    # The translation of the removed entry is reported as stale, and nothing else is.
    assert [p.field for p in tr.check(fewer, data)] == ["outflows.2018-01-26T00:02:13+09:00"]
    ja = tr.apply(fewer, data)
    assert ja.outflows[-1].note == "最後の送金"
    assert ja.outflows[0].note == "約8分間の6回の送金の一つ。何分の送金かは不明"


# --- fallback and partial files ----------------------------------------------------------

def test_empty_translation_changes_nothing(coincheck):
    assert tr.apply(coincheck, {}) == coincheck
    assert tr.apply(coincheck, "not a table") == coincheck
    missing = tr.untranslated(coincheck, {})
    assert "incident.title" in missing
    assert "facts.customers.value" in missing
    assert "outflows.2018-01-26T00:04:00+09:00#3.note" in missing
    assert "setups.cosigner-daily-limit.wallets.wallet.limits.1.label" in missing
    # Nothing without English text is asked for (the 03:35 outflow has no note).
    assert "outflows.2018-01-26T03:35:00+09:00.note" not in missing


def test_partial_translation_falls_back_to_english(coincheck):
    data = {"format": 1, "lang": "ja", "scenario": "coincheck-2018",
            "facts": {"customers": {"label": "影響を受けた顧客"}}}
    assert tr.check(coincheck, data) == []
    ja = tr.apply(coincheck, data)
    customers = next(f for f in ja.facts if f.id == "customers")
    assert customers.label == "影響を受けた顧客"
    assert customers.value == "about 260,000"
    assert ja.summary == coincheck.summary
    missing = tr.untranslated(coincheck, data)
    assert "facts.customers.label" not in missing
    assert "facts.customers.value" in missing


# --- hostile files -----------------------------------------------------------------------

HOSTILE = '''\
format = 2
lang = "JA JP"
scenario = "bitfinex-2016"

[incident]
title = "ok"
colour = "not a field"

[facts.no-such-fact]
label = "x"

[facts.customers]
label = 5
value = "bell\\u0007here"

[conflicts.start-time]
why = "an escape \\u001b[31m in a note"

[response.detected]
what = "two\\nlines"

[conflicts.amount.claims.3]
value = "no third claim"

[outflows."2018-01-26T00:04:00+09:00#9"]
note = "no ninth outflow at that time"

[setups.as-run.wallets.hot]
label = ""
threshold = 2

[setups.as-run.keys.hot-key]
label = ["a", "list"]

[setups.as-run-10min-freeze.response]
label = "line one\\nline two"

[[addresses]]
label = "an array of tables"
'''


def test_hostile_translation_reports_every_problem(coincheck, tmp_path):
    path = tmp_path / "hostile.toml"
    path.write_text(HOSTILE, encoding="utf-8")
    data, text = tr.read(path)
    problems = tr.check(coincheck, data, text, str(path))
    found = {(p.field, p.line) for p in problems}
    lines = {n: line for n, line in enumerate(HOSTILE.splitlines(), 1)}

    def line_of(start: str) -> int:
        return next(n for n, line in lines.items() if line.startswith(start))

    expected = {
        ("format", 1), ("lang", 2), ("scenario", 3),
        ("incident.colour", line_of("colour")),
        ("facts.no-such-fact", line_of("[facts.no-such-fact]")),
        ("facts.customers.label", line_of("label = 5")),
        ("facts.customers.value", line_of('value = "bell')),
        ("conflicts.start-time.why", line_of('why = "an escape')),
        ("response.detected.what", line_of('what = "two')),
        ("conflicts.amount.claims.3", line_of("[conflicts.amount.claims.3]")),
        ("outflows.2018-01-26T00:04:00+09:00#9", line_of("[outflows.")),
        ("setups.as-run.wallets.hot.label", line_of('label = ""')),
        ("setups.as-run.wallets.hot.threshold", line_of("threshold")),
        ("setups.as-run.keys.hot-key.label", line_of('label = ["a"')),
        ("setups.as-run-10min-freeze.response.label", line_of('label = "line one')),
        ("addresses", line_of("[[addresses]]")),
    }
    assert found == expected
    assert all(p.file == str(path) for p in problems)
    messages = {p.field: p.message for p in problems}
    assert "bitfinex-2016" in messages["scenario"]
    assert "known here: " in messages["facts.no-such-fact"]
    assert "customers" in messages["facts.no-such-fact"]
    assert "texts: summary, teaching_point, title, venue" in messages["incident.colour"]
    assert messages["facts.customers.label"] == "must be text (a quoted string), not int"
    assert "\\x07" in messages["facts.customers.value"]
    assert "\\x1b" in messages["conflicts.start-time.why"]
    assert "one line" in messages["setups.as-run-10min-freeze.response.label"]
    assert "one line" in messages["response.detected.what"]
    assert "empty" in messages["setups.as-run.wallets.hot.label"]
    assert "list" in messages["setups.as-run.keys.hot-key.label"]
    # Problems are plain data: nothing raw from the file reaches a message unescaped.
    assert not any(re.search(r"[\x00-\x08\x0b-\x1f\x7f]", str(p)) for p in problems)


@pytest.mark.parametrize("header", [
    {"format": True, "lang": "ja", "scenario": "coincheck-2018"},
    {"format": 1, "lang": "ja\n", "scenario": "coincheck-2018"},
    {"format": 1, "lang": "ja", "scenario": "coincheck-2018\n"},
    {"lang": "ja", "scenario": "coincheck-2018"},
])
def test_header_is_checked_exactly(coincheck, header):
    assert len(tr.check(coincheck, header)) == 1


def test_apply_ignores_what_check_refuses(coincheck):
    """``apply`` never raises on a bad file: wrong types are skipped, English stays."""
    data = {"facts": {"customers": {"label": 5, "value": "約26万人"}},
            "setups": {"as-run": {"wallets": "not a table"}},
            "outflows": ["a", "list"]}
    ja = tr.apply(coincheck, data)
    customers = next(f for f in ja.facts if f.id == "customers")
    assert customers.label == "Customers affected"
    assert customers.value == "約26万人"
    assert ja.setup("as-run") == coincheck.setup("as-run")


def test_unreadable_translation_is_a_scenario_error(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[facts.customers]\nlabel = "unterminated\n', encoding="utf-8")
    with pytest.raises(tr.ScenarioError) as caught:
        tr.read(bad)
    assert caught.value.problems[0].line == 2


def test_bundled_file_refuses_odd_names():
    assert tr.bundled_file("ja", "coincheck-2018") == JA / "coincheck-2018.toml"
    assert tr.bundled_file("ja", "../coincheck-2018") is None
    assert tr.bundled_file("../ja", "coincheck-2018") is None
    assert tr.bundled_file("xx", "coincheck-2018") is None


def test_library_check_names_unknown_setups(library):
    data = {"format": 1, "lang": "ja", "scenario": "library",
            "setups": {"no-such-setup": {"label": "x"},
                       "hot-cold-5pct": {"wallets": {"hot": {"label": "ホット"}}}}}
    problems = tr.check_library(*library, data)
    assert [p.field for p in problems] == ["setups.no-such-setup"]
    _, setups = tr.apply_library(*library, data)
    assert next(s for s in setups if s.id == "hot-cold-5pct").wallets[0].label == "ホット"


def test_decimal_values_are_never_text(coincheck):
    """A valuation's ``value`` is a number: a translation cannot name it."""
    data = {"format": 1, "lang": "ja", "scenario": "coincheck-2018",
            "valuations": {"market-jpy": {"value": "580億"}}}
    problems = tr.check(coincheck, data)
    assert [p.field for p in problems] == ["valuations.market-jpy.value"]
    ja = tr.apply(coincheck, data)
    assert ja.valuations[0].value == Decimal("58000000000")


@pytest.mark.parametrize("scenario_id", INCIDENTS)
def test_translated_incident_replays_to_the_same_figures(scenario_id):
    """A translation changes words only: every setup loses and exposes the same amounts,
    and the Markdown and JSON reports render the Japanese texts without error."""
    import json

    from explainer.engine import replay
    from explainer.report import jsonout, markdown

    incident = loader.load(scenario_id)
    data, _, _ = _ja(scenario_id)
    ja = tr.apply(incident, data)
    english = [replay(incident, s) for s in incident.setups]
    japanese = [replay(ja, s) for s in ja.setups]
    for en_run, ja_run in zip(english, japanese, strict=True):
        assert ja_run.summary.lost == en_run.summary.lost
        assert ja_run.summary.exposed == en_run.summary.exposed
        assert [e.at for e in ja_run.events] == [e.at for e in en_run.events]
    handout = markdown.render(ja, japanese)
    assert ja.title in handout
    assert json.loads(jsonout.render(ja, japanese))
