"""The Japanese glossary (assets/glossary.ja.toml) against the English one: the same terms
in the same order with the same cross-references, Japanese headings, definitions and match
phrases, the same figures, no English words left, and match phrases that link the words
the Japanese lessons actually use."""

from __future__ import annotations

import re
import tomllib
from collections import Counter

import pytest

from explainer import paths
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


def test_every_term_the_english_lessons_use_is_found_in_the_japanese_lessons(en, ja) -> None:
    # the Japanese phrases are the words the Japanese lessons actually use: whatever the
    # English lessons would link, the Japanese ones link too
    en_text, ja_text = _lesson_text("en").casefold(), _lesson_text("ja")
    used_en = {t["id"] for t in en if any(m.casefold() in en_text for m in t["match"])}
    used_ja = {t["id"] for t in ja if any(m in ja_text for m in t["match"])}
    assert len(used_en) >= 25
    assert sorted(used_en - used_ja) == []
