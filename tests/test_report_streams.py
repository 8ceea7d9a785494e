"""The JSON report is written in pieces from templates; it must stay exactly what
``json.dumps(document, indent=2, ensure_ascii=False)`` writes, whatever the text holds."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explainer import catalog, loader
from explainer.engine import replay
from explainer.report import jsonout, markdown
from explainer.safe_text import json_safe

TRICKY = 'a "quote", a \\ backslash, a tab\t, a newline\n, \x1b[2J, \x7f, ¥ 円 ✓ \u2028 😀'


def dumped(incident, replays) -> str:
    return json.dumps(jsonout.document(incident, replays), indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("name", ["coincheck-2018", "mtgox-2014", "bybit-2025", "wazirx-2024"])
def test_json_text_is_json_dumps_of_the_document(name):
    incident = loader.load(name)
    replays = [replay(incident, s) for s in catalog.setups_for(incident)]
    assert jsonout.render(incident, replays) == dumped(incident, replays)
    assert jsonout.render(incident, []) == dumped(incident, [])


def test_json_text_escapes_like_json_dumps(coincheck):
    # strings from a file reach the template: labels, titles, sources, wallet ids
    incident = replace(coincheck, title=TRICKY, outflows=tuple(
        replace(o, sources=(TRICKY, "S2")) for o in coincheck.outflows))
    setups = [replace(s, label=TRICKY, wallets=tuple(replace(w, label=TRICKY, id=TRICKY + w.id)
                                                     for w in s.wallets))
              for s in incident.setups[:3]]
    replays = [replay(incident, s) for s in setups]
    pieces = "".join(jsonout.chunks(incident, replays))
    assert pieces == dumped(incident, replays)
    # what is printed also escapes DEL, C1 and line separators, which json.dumps leaves raw
    text = jsonout.render(incident, replays)
    assert text == json_safe(pieces) and "\x7f" not in text and "\u2028" not in text
    assert "\x1b" not in text and json.loads(text)["setups"][0]["label"] == TRICKY


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20)


@given(JSON, st.integers(0, 4))
def test_general_encoder_is_json_dumps_at_any_depth(value, level):
    # at depth ``level`` json.dumps indents every line after the first by 2 * level
    want = json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * level)
    assert jsonout._encode(value, level) == want


def test_markdown_pieces_make_the_handout(coincheck):
    replays = [replay(coincheck, s) for s in coincheck.setups]
    pieces = list(markdown.chunks(coincheck, replays))
    assert len(pieces) == len(replays) + 2  # story and comparison, each timeline, lesson
    assert "".join(pieces) == markdown.render(coincheck, replays)
    assert all(p.startswith("## Timeline: ") for p in pieces[1:-1])
