"""The glossary loader and linker (explainer.glossary): pure functions on text, and the
bundled lessons' and incident pages' terms all linked."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from explainer.glossary import (
    Glossary,
    GlossaryError,
    find_terms,
    first_links,
    link_markdown,
    linked_ids,
    load_glossary,
    parse_glossary,
    unlinked_terms,
)
from explainer.lessons import load_lessons

SAMPLE = textwrap.dedent('''\
    format = 1

    [[terms]]
    id = "hot-wallet"
    term = "hot wallet"
    match = ["hot wallet", "hot wallets"]
    definition = "Keys online."
    see = ["wallet"]

    [[terms]]
    id = "wallet"
    term = "wallet"
    match = ["wallet"]
    definition = "Holds keys."

    [[terms]]
    id = "multisig"
    term = "multisig"
    match = ["multisig", "m of n"]
    definition = """Several   keys,
      m of them sign."""
    ''')


@pytest.fixture(scope="module")
def sample() -> Glossary:
    return parse_glossary(SAMPLE)


def test_sample_parses(sample: Glossary) -> None:
    assert [t.id for t in sample.terms] == ["hot-wallet", "wallet", "multisig"]
    hot = sample.get("hot-wallet")
    assert hot is not None and hot.match == ("hot wallet", "hot wallets")
    assert hot.see == ("wallet",)
    assert sample.get("multisig").definition == "Several keys, m of them sign."  # type: ignore[union-attr]
    assert [t.id for t in sample.by_name] == ["hot-wallet", "multisig", "wallet"]
    assert sample.get("nope") is None


@pytest.mark.parametrize(("change", "message"), [
    (lambda s: s.replace("format = 1", "format = 2"), "format = 1"),
    (lambda s: s.replace('id = "wallet"', 'id = "Wallet"'), "lowercase"),
    (lambda s: s.replace('id = "wallet"', 'id = "hot-wallet"'), "second term"),
    (lambda s: s.replace('match = ["wallet"]', 'match = ["Hot Wallet"]'), "also links"),
    (lambda s: s.replace('see = ["wallet"]', 'see = ["cold"]'), "unknown 'cold'"),
    (lambda s: s.replace('match = ["wallet"]', "match = []"), "at least one phrase"),
    (lambda s: s.replace('definition = "Holds keys."', 'definition = " "'), "'definition'"),
    (lambda s: s.replace('term = "wallet"', 'term = "wallet"\ncolour = "red"'), "unknown field"),
    (lambda s: s + "\n[[terms\n", "not valid TOML"),
    (lambda s: "format = 1\n", "no [[terms]]"),
])
def test_malformed_glossaries_are_refused(change, message: str) -> None:
    with pytest.raises(GlossaryError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_glossary(change(SAMPLE))


def test_find_terms_whole_words_any_case_longest_first(sample: Glossary) -> None:
    text = "Hot wallets and a wallet; a walleted thing; m of n; hot-wallet-ish; HOT WALLET"
    found = [(text[s:e], t) for s, e, t in find_terms(text, sample)]
    assert found == [("Hot wallets", "hot-wallet"), ("wallet", "wallet"),
                     ("m of n", "multisig"), ("HOT WALLET", "hot-wallet")]


def test_phrases_match_across_line_breaks(sample: Glossary) -> None:
    assert [t for _, _, t in find_terms("a hot\nwallet", sample)] == ["hot-wallet"]


def test_first_links_once_per_term_and_shared_seen(sample: Glossary) -> None:
    seen: set[str] = set()
    assert [t for _, _, t in first_links("wallet, wallet, multisig", sample, seen)] == [
        "wallet", "multisig"]
    assert first_links("a wallet again", sample, seen) == []


def test_link_markdown_leaves_code_links_and_html_alone(sample: Glossary) -> None:
    md = ("`wallet` and [a wallet](https://x) <!-- wallet --> then **multisig**, "
          "a wallet\n\n```\nhot wallet\n```\nhot wallets")
    out = link_markdown(md, sample)
    assert out == ("`wallet` and [a wallet](https://x) <!-- wallet --> then "
                   "**[multisig](glossary:multisig)**, a [wallet](glossary:wallet)\n\n"
                   "```\nhot wallet\n```\n[hot wallets](glossary:hot-wallet)")
    assert linked_ids(out) == {"multisig", "wallet", "hot-wallet"}
    assert unlinked_terms(out, sample) == set()
    assert unlinked_terms(md, sample) == {"multisig", "wallet", "hot-wallet"}


def test_the_bundled_glossary_loads() -> None:
    glossary = load_glossary()
    assert len(glossary.terms) >= 27
    for term in glossary.terms:
        assert term.definition and term.match


def test_every_glossary_term_in_the_lessons_is_linked() -> None:
    glossary = load_glossary()
    linked_somewhere: set[str] = set()
    for lesson in load_lessons():
        texts = [p.markdown for p in lesson.pages] + [lesson.question.prompt]
        texts += [p.question.prompt for p in lesson.pages if p.question]
        for text in texts:
            out = link_markdown(text, glossary)
            assert unlinked_terms(out, glossary) == set(), (lesson.id, text[:40])
            linked_somewhere |= linked_ids(out)
    # the lessons really do use glossary words (the check above is not vacuous)
    assert {"hot-wallet", "multisig", "private-key"} <= linked_somewhere


def test_the_glossary_module_imports_neither_rich_nor_textual() -> None:
    code = ("import sys, explainer.glossary as g; g.load_glossary(); "
            "print([m for m in sys.modules if m.startswith(('rich', 'textual'))])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"
