"""The key map: where keys live and which places the attacker holds."""

from __future__ import annotations

from itertools import combinations

import pytest
from rich.cells import cell_len
from rich.text import Text

from explainer.diagram import WIDTH, attacker_reach, key_map
from explainer.loader import load, load_library


@pytest.fixture(scope="module")
def coincheck():
    return load("coincheck-2018")


@pytest.fixture(scope="module")
def library():
    return load_library()


def _reversed(text: Text) -> str:
    return "\n".join(text.plain[s.start:s.end] for s in text.spans if s.style == "reverse")


def test_as_run_with_nem_server_taken(coincheck) -> None:
    text = key_map(coincheck, coincheck.setup("as-run"), frozenset({"nem-server"}))
    assert text.plain == (
        "┌───────────────────────────┐\n"
        "│ NEM server [attacker]     │\n"
        "│ • hot wallet key (online) │\n"
        "└───────────────────────────┘\n"
        "hot wallet: 1 of 1 (hot wallet key); 100% of the pool\n"
        "double line = offline; [attacker] = held by the attacker"
    )
    shaded = _reversed(text)
    assert "│ NEM server [attacker]     │" in shaded
    assert "│ • hot wallet key (online) │" in shaded


def test_nothing_shaded_before_the_attack(coincheck) -> None:
    text = key_map(coincheck, coincheck.setup("as-run"), frozenset())
    assert "[attacker]" not in text.plain
    assert _reversed(text) == ""
    assert "│ NEM server                │" in text.plain


def test_keyless_ground_of_the_attacker_is_one_shaded_line(coincheck) -> None:
    text = key_map(coincheck, coincheck.setup("as-run"), attacker_reach(coincheck))
    line = "[attacker] also holds: staff PCs (no keys there)"
    assert line in text.plain.split("\n")
    assert line in _reversed(text)


def test_offline_vault_has_a_double_border_and_stays_unshaded(coincheck) -> None:
    text = key_map(coincheck, coincheck.setup("japan-5pct-hot"), frozenset({"nem-server"}))
    lines = text.plain.split("\n")
    assert lines[0] == "┌───────────────────────────┐ ╔═══════════════════╗"
    assert lines[1] == "│ NEM server [attacker]     │ ║ offline vault     ║"
    assert lines[2] == "│ • hot wallet key (online) │ ║ • cold wallet key ║"
    assert lines[3] == "│                           │ ║   (offline)       ║"
    assert "offline vault" not in _reversed(text)
    assert "hot wallet: 1 of 1 (hot wallet key); 5% of the pool" in lines
    assert "cold wallet: 1 of 1 (cold wallet key); 95% of the pool" in lines


def test_multisig_thresholds_and_keys_in_one_place(coincheck) -> None:
    text = key_map(coincheck, coincheck.setup("multisig-2of3-one-server"),
                   frozenset({"nem-server"}))
    plain = text.plain
    assert plain.count("(online)") == 3
    assert "multisig account: 2 of 3 (cosigner 1, cosigner 2, cosigner\n  3); 100% of the pool" \
        in plain
    shaded = _reversed(text)
    for n in (1, 2, 3):
        assert f"• cosigner {n} (online)" in shaded


def test_cosigner_policy_and_limit_are_spelled_out(coincheck) -> None:
    text = key_map(coincheck, coincheck.setup("cosigner-limit-set-by-venue"),
                   frozenset({"nem-server"}))
    flat = " ".join(text.plain.split())
    assert "limit: 1% of the pool per 24 h, enforced by co-signing service, set from NEM server" \
        in flat
    assert "co-signed wallet: 2 of 3 (hot key, co-signer key, backup key); 100% of the pool" in flat


def test_library_setup_is_mapped_onto_the_incident(coincheck, library) -> None:
    domains, setups = library
    setup = next(s for s in setups if s.id == "mpc-break-glass")
    text = key_map(coincheck, setup, frozenset({"nem-server"}), library_domains=domains)
    assert "NEM server [attacker]" in text.plain  # hot-server became the NEM server
    assert "hot wallet server" not in text.plain
    assert "holder of the recovery" in text.plain
    assert "or recovery key alone" in " ".join(text.plain.split())
    # the bundled library's labels are used by default
    assert key_map(coincheck, setup, frozenset({"nem-server"})).plain == text.plain


def test_signing_interface_is_drawn_for_signers_who_read_it(coincheck, library) -> None:
    _, setups = library
    setup = next(s for s in setups if s.id == "multisig-verified-signers")
    text = key_map(coincheck, setup, frozenset({"signing-interface"}))
    shaded = _reversed(text)
    # the title is too wide for one box line, so the marker wraps under the label
    assert "│ signing interface │\n│ [attacker]        │" in shaded
    assert "NEM server" not in shaded
    assert "checks on own device" in text.plain


def test_every_coincheck_setup_fits_in_60_columns(coincheck, library) -> None:
    domains, lib = library
    every_domain = {d.id for d in (*coincheck.domains, *domains)} | {"signing-interface"}
    compromised_sets = [frozenset(), attacker_reach(coincheck), frozenset(every_domain)]
    compromised_sets += [frozenset(c) for c in combinations(sorted(every_domain), 2)]
    for setup in (*coincheck.setups, *lib):
        for compromised in compromised_sets:
            text = key_map(coincheck, setup, compromised, library_domains=domains)
            widths = [cell_len(line) for line in text.plain.split("\n")]
            assert max(widths) <= WIDTH, (setup.id, sorted(compromised))
            # shading never comes without the words that say it
            if _reversed(text):
                assert "[attacker]" in text.plain


def test_attacker_reach_is_every_compromised_domain(coincheck) -> None:
    assert attacker_reach(coincheck) == frozenset({"staff-pcs", "nem-server"})
