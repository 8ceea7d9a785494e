"""The glossary data file (assets/glossary.toml, format agreed in FORMATS.md): it parses, its
ids are unique and well formed, every cross-reference resolves, the terms issue 8 asks for
are all there, and no match phrase would link an everyday word."""

from __future__ import annotations

import re
import tomllib
from collections import Counter

import pytest

from explainer import paths

GLOSSARY = paths.assets_dir() / "glossary.toml"
ID = re.compile(r"[a-z0-9][a-z0-9-]*")

# Issue 8, section 3: "at least hot, warm and cold wallet, private key, signature, multisig
# and m-of-n, cosigner and co-signing service, MPC, recovery (break-glass) key, allowlist and
# delegation, validator and bridge, blind signing, Safe, delegatecall and master copy, RPC
# node, time lock, withdrawal limit, failure domain, exposed and lost, JVCEA and FSA".
REQUIRED = (
    "hot-wallet", "warm-wallet", "cold-wallet", "private-key", "signature", "multisig",
    "m-of-n", "cosigner", "cosigning-service", "mpc", "recovery-key", "allowlist",
    "delegation", "validator", "bridge", "blind-signing", "safe-wallet", "delegatecall",
    "master-copy", "rpc-node", "time-lock", "withdrawal-limit", "failure-domain", "exposed",
    "lost", "jvcea", "fsa",
)

# Words whose everyday sense is common in the app's prose; linking them bare would send a
# reader to the wrong entry ("a safe place", "one lost key", "exposed to the internet").
EVERYDAY = {"safe", "lost", "exposed", "loss", "ledger", "key", "keys", "wallet", "wallets",
            "limit", "limits", "signed", "sign", "guard", "copy", "node", "delay", "halt"}


@pytest.fixture(scope="module")
def data() -> dict:
    with GLOSSARY.open("rb") as f:
        return tomllib.load(f)


@pytest.fixture(scope="module")
def terms(data: dict) -> list[dict]:
    return data["terms"]


def test_format_and_shape(data: dict, terms: list[dict]) -> None:
    assert data["format"] == 1
    assert set(data) == {"format", "terms"}
    assert len(terms) >= len(REQUIRED)
    for t in terms:
        assert set(t) <= {"id", "term", "match", "definition", "see"}, t.get("id")
        assert isinstance(t["term"], str) and t["term"].strip()
        assert isinstance(t["match"], list) and t["match"]
        assert all(isinstance(m, str) and m.strip() == m and m for m in t["match"])
        assert isinstance(t["definition"], str) and t["definition"].strip()


def test_ids_are_unique_and_well_formed(terms: list[dict]) -> None:
    ids = [t["id"] for t in terms]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert [i for i in ids if not ID.fullmatch(i)] == []


def test_see_refers_to_existing_other_terms(terms: list[dict]) -> None:
    ids = {t["id"] for t in terms}
    for t in terms:
        see = t.get("see", [])
        assert isinstance(see, list)
        assert [s for s in see if s not in ids] == [], t["id"]
        assert t["id"] not in see, t["id"]
        assert len(see) == len(set(see)), t["id"]


def test_required_terms_are_covered(terms: list[dict]) -> None:
    ids = {t["id"] for t in terms}
    assert [r for r in REQUIRED if r not in ids] == []


def test_a_phrase_links_to_one_term_only(terms: list[dict]) -> None:
    owners = Counter(m.casefold() for t in terms for m in t["match"])
    assert [m for m, n in owners.items() if n > 1] == []


def test_no_everyday_word_is_matched_bare(terms: list[dict]) -> None:
    bare = [(t["id"], m) for t in terms for m in t["match"] if m.casefold() in EVERYDAY]
    assert bare == []


def test_the_safe_wallet_is_matched_only_by_its_names(terms: list[dict]) -> None:
    safe = next(t for t in terms if t["id"] == "safe-wallet")
    assert "Safe{Wallet}" in safe["match"] and "Gnosis Safe" in safe["match"]
    assert all(m.casefold() != "safe" for m in safe["match"])


def test_definitions_are_one_or_two_sentences(terms: list[dict]) -> None:
    # a sentence ends with '.', '!' or '?' followed by a space or the end; decimal points
    # and abbreviations inside words do not count
    for t in terms:
        sentences = re.findall(r"[.!?](?:\s|$)", t["definition"])
        assert 1 <= len(sentences) <= 2, (t["id"], t["definition"])
