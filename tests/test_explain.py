"""Why a setup lost what it lost: the sentences the comparison shows under each row."""

from __future__ import annotations

import pytest

from explainer import catalog, loader
from explainer.engine import replay
from explainer.report.explain import explain


def _explain(scenario: str, setup_id: str) -> str:
    incident = loader.load(scenario)
    setup = next(s for s in catalog.setups_for(incident) if s.id == setup_id)
    return " ".join(explain(replay(incident, setup)))


def test_bybit_single_key_hot_wallet_was_never_reached():
    # the surprise of the Bybit comparison: the weakest setup loses nothing, because this
    # attacker came through the signing website and this wallet is not signed through it
    text = _explain("bybit-2025", "single-key-hot")
    assert text.startswith("This attacker got into a Safe{Wallet} developer's machine and "
                           "the Safe{Wallet} website (app.safe.global).")
    assert ("The hot wallet, 100% of the pool, stayed shut: it needs 1 of 1 signature; the "
            "attacker holds 0; hot key: kept in hot wallet server, which this attacker never "
            "reached.") in text


def test_bybit_independent_multisig_signers_were_deceived():
    text = _explain("bybit-2025", "multisig-2of3-independent")
    assert ("The multisig wallet, 100% of the pool, opened: it needs 2 of 3 signatures; the "
            "attacker holds 2 (2 signers deceived through the Safe{Wallet} website "
            "(app.safe.global)).") in text
    # 70% lost of 100% exposed: the replay follows the one recorded outflow
    assert "the recorded outflows took 401,346 ETH (70% of the pool)" in text


def test_verified_signers_are_named_together():
    text = _explain("bybit-2025", "verified-signing")
    assert ("signer 1, signer 2 and signer 3 (Ben Zhou): signed through the Safe{Wallet} "
            "website (app.safe.global), which the attacker controlled, but each transaction "
            "is checked on an independent device") in text


def test_revoked_delegation_and_far_places():
    text = _explain("ronin-2022", "delegation-revoked")
    assert "the attacker holds 4 (4 keys on Sky Mavis validator and RPC nodes)" in text
    assert ("Axie DAO validator: the delegation to Sky Mavis validator and RPC nodes had been "
            "revoked") in text
    assert "more places out of reach." in text


def test_a_freeze_that_stops_part_of_the_theft_is_given_as_the_reason():
    text = _explain("coincheck-2018", "as-run-10min-freeze")
    assert ("Of the 526,300,010 XEM within reach, 523,000,010 XEM moved: outflows were frozen "
            "at 00:12:13") in text


def test_a_drained_hot_wallet_took_everything_within_reach():
    text = _explain("coincheck-2018", "japan-5pct-hot")
    assert "cold wallet key: kept in offline vault, which this attacker never reached" in text
    assert text.endswith("The attacker took everything within reach: 26,315,000.5 XEM "
                         "(5% of the pool).")


@pytest.mark.parametrize("scenario", ["coincheck-2018", "bybit-2025", "mtgox-2014"])
def test_every_setup_is_explained_in_whole_sentences(scenario):
    incident = loader.load(scenario)
    for setup in catalog.setups_for(incident):
        sentences = explain(replay(incident, setup))
        assert len(sentences) >= 2
        assert all(s[0].isupper() and s.endswith(".") for s in sentences), setup.id
