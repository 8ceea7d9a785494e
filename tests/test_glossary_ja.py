"""The Japanese glossary (assets/glossary.ja.toml) against the English one: the same terms
in the same order with the same cross-references, Japanese headings, definitions and match
phrases, the same figures, no English words left, and match phrases that link the words
the Japanese lessons actually use; ``load_glossary(lang)`` with its English fallback, and
term finding in Japanese text (no spaces between words) with English text unchanged."""

from __future__ import annotations

import re
import tomllib
from collections import Counter

import pytest

from explainer import paths
from explainer.glossary import (
    find_terms,
    glossary_file,
    link_markdown,
    linked_ids,
    load_glossary,
    parse_glossary,
)
from explainer.lessons import load_lessons
from tests.ja_text import ALLOWED_ASCII, ascii_words, en_figures, ja_figures

EN_FILE = paths.assets_dir() / "glossary.toml"
JA_FILE = paths.assets_dir() / "glossary.ja.toml"

# Latin-letter names and symbols a Japanese definition keeps, beyond the lessons' list
GLOSSARY_ASCII = ALLOWED_ASCII | {
    "MPC", "HSM", "KMS", "Ed25519", "EOA", "ERC", "USDT", "SHIB", "RPC", "P2SH", "API", "FBI",
    "SAFU", "2FA", "Liquid", "Zaif", "Infinity", "Gnosis", "Guard", "Lazarus", "TraderTraitor",
}
# Terms whose every name is written in Latin letters in Japanese too
LATIN_ONLY = {"ed25519", "p2sh", "safu"}
# Words too common in Japanese prose to link bare ("鍵をなくす", "安全な場所", "上限を超える")
EVERYDAY = {"鍵", "安全", "上限", "制限", "ウォレット", "損失", "保管", "コピー", "ノード",
            "停止", "遅延", "金庫", "承認", "取引", "送金", "出金", "署名者", "セーフ"}
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _terms(path) -> list[dict]:
    with path.open("rb") as f:
        data = tomllib.load(f)
    assert data["format"] == 1 and set(data) == {"format", "terms"}
    return data["terms"]


@pytest.fixture(scope="module")
def en() -> list[dict]:
    return _terms(EN_FILE)


@pytest.fixture(scope="module")
def ja() -> list[dict]:
    return _terms(JA_FILE)


def test_same_terms_in_the_same_order(en, ja) -> None:
    assert [t["id"] for t in ja] == [t["id"] for t in en]
    assert len(ja) >= 60


def test_see_is_identical(en, ja) -> None:
    for e, j in zip(en, ja, strict=True):
        assert j.get("see") == e.get("see"), e["id"]


def test_fields_are_filled_and_japanese(en, ja) -> None:
    for e, j in zip(en, ja, strict=True):
        assert set(j) == set(e), e["id"]
        for field in ("term", "definition"):
            assert isinstance(j[field], str) and j[field].strip() == j[field], e["id"]
            assert j[field] != e[field] or e["id"] in LATIN_ONLY | {"delegatecall", "safe-guard"}
        assert _JAPANESE.search(j["definition"]), e["id"]
        assert isinstance(j["match"], list) and j["match"], e["id"]
        assert all(isinstance(m, str) and m and m.strip() == m for m in j["match"]), e["id"]
        if e["id"] not in LATIN_ONLY:
            assert any(_JAPANESE.search(m) for m in j["match"]), e["id"]


def test_a_phrase_links_to_one_term_only(ja) -> None:
    owners = Counter(m.casefold() for t in ja for m in set(t["match"]))
    assert [m for m, n in owners.items() if n > 1] == []
    for t in ja:
        assert len(t["match"]) == len(set(t["match"])), t["id"]


def test_no_everyday_word_is_matched_bare(ja) -> None:
    assert [(t["id"], m) for t in ja for m in t["match"] if m in EVERYDAY] == []


@pytest.mark.parametrize(("phrase", "term_id"), [
    ("ホットウォレット", "hot-wallet"), ("コールドウォレット", "cold-wallet"),
    ("マルチシグ", "multisig"), ("秘密鍵", "private-key"), ("署名", "signature"),
    ("金融庁", "fsa"), ("業務改善命令", "business-improvement-order"),
    ("日本仮想通貨交換業協会", "jvcea"), ("日本暗号資産取引業協会", "jvcea"),
    ("連署者", "cosigner"), ("エアギャップ", "air-gap"), ("しきい値", "m-of-n"),
])
def test_the_usual_japanese_words_link_to_their_terms(ja, phrase: str, term_id: str) -> None:
    assert phrase in next(t for t in ja if t["id"] == term_id)["match"]


def test_definitions_are_one_or_two_sentences(ja) -> None:
    for t in ja:
        ends = re.findall(r"[。！？](?=\s|$|[^」）])", t["definition"])
        assert 1 <= len(ends) <= 2, (t["id"], t["definition"])
        assert t["definition"].endswith("。"), t["id"]


def test_definitions_state_the_english_figures(en, ja) -> None:
    for e, j in zip(en, ja, strict=True):
        assert ja_figures(j["definition"]) == en_figures(e["definition"]), e["id"]


def test_no_english_words_in_headings_or_definitions(ja) -> None:
    leaks = [(t["id"], w) for t in ja for field in ("term", "definition")
             for w in ascii_words(t[field], GLOSSARY_ASCII)]
    assert leaks == []


def _lesson_text(lang: str) -> str:
    return "\n".join(p.title + "\n" + p.markdown for lesson in load_lessons(lang)
                     for p in lesson.pages)


def test_every_term_the_english_lessons_use_is_found_in_the_japanese_lessons() -> None:
    # the Japanese phrases are the words the Japanese lessons actually use: whatever the
    # English lessons link, the Japanese ones link too
    used_en = {t for _, _, t in find_terms(_lesson_text("en"), load_glossary())}
    used_ja = {t for _, _, t in find_terms(_lesson_text("ja"), load_glossary("ja"))}
    assert len(used_en) >= 25
    assert sorted(used_en - used_ja) == []


# --- the loader and the matcher --------------------------------------------------------------

def test_load_glossary_by_language_with_english_fallback(ja) -> None:
    assert glossary_file("ja") == JA_FILE and glossary_file() == glossary_file("en") == EN_FILE
    japanese, english = load_glossary("ja"), load_glossary()
    assert [t.id for t in japanese.terms] == [t["id"] for t in ja]
    assert [t.id for t in japanese.terms] == [t.id for t in english.terms]
    assert japanese.get("hot-wallet").term == "ホットウォレット"
    assert english.get("hot-wallet").term == "hot wallet"
    assert load_glossary("fr") == english  # not translated: English
    assert parse_glossary(JA_FILE.read_text(encoding="utf-8")) == japanese


@pytest.mark.parametrize("lang", ["", "JA", "../glossary", "ja.toml", "ja_JP"])
def test_a_language_code_never_becomes_a_path(lang: str) -> None:
    with pytest.raises(ValueError, match="not a language code"):
        load_glossary(lang)


@pytest.mark.parametrize(("text", "found"), [
    ("ウォレットの安全性は、秘密鍵の守り方で決まります。", [("秘密鍵", "private-key")]),
    ("ブラインド署名とは", [("ブラインド署名", "blind-signing")]),
    ("2-of-3のマルチシグウォレットは", [("マルチシグウォレット", "multisig")]),
    ("NEMのサーバーとXEM", [("NEM", "nem"), ("XEM", "nem")]),
    ("署名者が署名した", [("署名", "signature"), ("署名", "signature")]),
    ("業務改善命令を出した金融庁", [("業務改善命令", "business-improvement-order"),
                                 ("金融庁", "fsa")]),
    ("ホットウォレットとコールドウォレット", [("ホットウォレット", "hot-wallet"),
                                         ("コールドウォレット", "cold-wallet")]),
    ("NEMX と XNEM", []),  # a Latin edge still needs a word boundary
])
def test_japanese_phrases_are_found_without_spaces(text: str, found: list) -> None:
    glossary = load_glossary("ja")
    assert [(text[a:b], t) for a, b, t in find_terms(text, glossary)] == found


def test_a_japanese_page_gets_its_glossary_links() -> None:
    page = load_lessons("ja")[0].pages[0]
    linked = link_markdown(page.markdown, load_glossary("ja"))
    assert linked_ids(linked) >= {"private-key", "hot-wallet", "signature"}
    assert "[秘密鍵](glossary:private-key)" in linked


def _old_find_terms(text: str, glossary) -> list[tuple[int, int, str]]:
    """The whole-word matcher as it was before Japanese: the reference for English text."""
    phrases = {p.casefold(): t.id for t in glossary.terms for p in t.match}
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+")
                    for p in sorted(phrases, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)
    return [(m.start(), m.end(), phrases[" ".join(m.group(0).split()).casefold()])
            for m in pattern.finditer(text)]


def test_english_matching_is_unchanged() -> None:
    glossary = load_glossary()
    texts = [_lesson_text("en"), *(t.definition for t in glossary.terms),
             "hot-wallet-ish multisigs co-signing service, Safe{Wallet} café-multisig"]
    for text in texts:
        assert find_terms(text, glossary) == _old_find_terms(text, glossary)
    assert len(find_terms(texts[0], glossary)) >= 100
