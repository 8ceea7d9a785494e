"""Theft and lock-out cuts worked out by hand for Coincheck, Ronin and Bybit."""

from __future__ import annotations

from decimal import Decimal
from itertools import combinations

import pytest

from explainer import catalog, loader
from explainer.analysis import (
    MAX_DOMAINS,
    TooManyDomains,
    compromised_from_start,
    lockout_cuts,
    single_points,
    smallest_lockout_cut,
    smallest_theft_cut,
    theft_cuts,
)
from explainer.engine import summarise
from explainer.model import Domain, Key, Setup, Wallet

POOL = Decimal("526300010")


def sets(cuts) -> list[set[str]]:
    return [set(c.domains) for c in cuts]


def only(wallets):
    assert len(wallets) == 1
    return wallets[0]


@pytest.fixture(scope="module")
def ronin():
    return loader.load("ronin-2022")


@pytest.fixture(scope="module")
def bybit():
    return loader.load("bybit-2025")


def test_as_run_the_nem_server_alone_takes_everything(coincheck):
    cuts = only(theft_cuts(coincheck, coincheck.setup("as-run")))
    assert sets(cuts.anything) == [{"nem-server"}]
    assert sets(cuts.everything) == [{"nem-server"}]
    (cut,) = cuts.single_points
    assert cut.amount == POOL == cuts.holds
    assert cut.labels == ("NEM server",)
    assert cut.reached  # the real attacker held it
    # the staff PCs were reached too, but hold no key: they are in no cut
    assert all("staff-pcs" not in c.domains for c in cuts.anything)


def test_two_of_three_in_independent_places_needs_a_pair(coincheck):
    cuts = only(theft_cuts(coincheck, coincheck.setup("multisig-2of3-independent")))
    pairs = [{"nem-server", "officer-device"}, {"nem-server", "offline-vault"},
             {"officer-device", "offline-vault"}]
    assert sets(cuts.anything) == pairs
    assert sets(cuts.everything) == pairs
    assert cuts.single_points == ()
    assert all(c.amount == POOL for c in cuts.anything)
    assert not any(c.reached for c in cuts.anything)  # the attacker held only one of each


def test_two_of_three_all_on_the_nem_server_is_one_of_one(coincheck):
    cuts = only(theft_cuts(coincheck, coincheck.setup("multisig-2of3-one-server")))
    assert sets(cuts.anything) == sets(cuts.everything) == [{"nem-server"}]


def test_a_cosigner_that_enforces_its_limit_caps_the_server_alone(coincheck):
    cuts = only(theft_cuts(coincheck, coincheck.setup("cosigner-daily-limit")))
    one_percent = Decimal("5263000.1")  # 1% of the pool, one 24 h window before the halt
    assert sets(cuts.anything) == [{"nem-server"}, {"cosigning-service", "offline-vault"}]
    assert cuts.anything[0].amount == one_percent
    assert sets(cuts.everything) == [{"cosigning-service", "nem-server"},
                                     {"cosigning-service", "offline-vault"}]
    assert all(c.amount == POOL for c in cuts.everything)


def test_a_limit_the_venue_can_change_does_not_bind_the_server(coincheck):
    cuts = only(theft_cuts(coincheck, coincheck.setup("cosigner-limit-set-by-venue")))
    assert sets(cuts.everything)[0] == {"nem-server"}
    assert cuts.everything[0].amount == POOL


def test_hot_cold_split_each_wallet_has_its_own_single_place(coincheck):
    hot, cold = theft_cuts(coincheck, coincheck.setup("japan-5pct-hot"))
    assert sets(hot.anything) == [{"nem-server"}]
    assert hot.anything[0].amount == Decimal("26315000.5")  # 5% of the pool
    assert sets(cold.anything) == [{"offline-vault"}]
    assert not cold.anything[0].reached
    assert single_points([hot, cold]) == ("nem-server", "offline-vault")


def test_lockout_a_single_cold_key_in_one_vault(coincheck):
    hot, cold = lockout_cuts(coincheck, coincheck.setup("japan-5pct-hot"))
    assert sets(cold.cuts) == [{"offline-vault"}]
    assert cold.cuts[0].amount == cold.holds == POOL - Decimal("26315000.5")
    assert sets(hot.cuts) == [{"nem-server"}]


def test_lockout_two_of_three_independent_needs_two_places_lost(coincheck):
    lock = only(lockout_cuts(coincheck, coincheck.setup("multisig-2of3-independent")))
    assert sets(lock.cuts) == [{"nem-server", "officer-device"}, {"nem-server", "offline-vault"},
                               {"officer-device", "offline-vault"}]


def test_a_break_glass_key_is_a_single_point_and_a_spare(coincheck):
    mpc = catalog.find_setup(coincheck, "mpc-break-glass")
    cuts = only(theft_cuts(coincheck, mpc))
    assert cuts.single_points[0].domains == ("recovery-holder",)
    assert sets(cuts.anything)[1:] == [{"cosigner-service", "nem-server"},
                                       {"cosigner-service", "offline-vault"},
                                       {"nem-server", "offline-vault"}]
    # the venue keeps signing while the recovery key survives: every lock-out needs it gone
    lock = only(lockout_cuts(coincheck, mpc))
    assert all(len(c.domains) == 3 and "recovery-holder" in c.domains for c in lock.cuts)
    assert len(lock.cuts) == 3


def test_a_time_lock_outlasting_the_freeze_has_no_theft_cut(coincheck):
    hot, vault = theft_cuts(coincheck, catalog.find_setup(coincheck, "timelocked-cold-vault"))
    assert vault.anything == vault.everything == ()
    assert sets(hot.anything) == [{"nem-server"}]


def test_ronin_the_nodes_alone_give_five_signatures_through_the_delegation(ronin):
    cuts = only(theft_cuts(ronin, ronin.setup("as-run")))
    # four Sky Mavis validators stolen plus Axie DAO's still delegated to the nodes
    assert sets(cuts.anything) == [
        {"sky-mavis-nodes"},
        {"axie-dao", "third-party-1", "third-party-2", "third-party-3", "third-party-4"}]
    assert cuts.anything[0].reached and not cuts.anything[1].reached
    assert cuts.anything[0].amount == Decimal("173600")
    # which five: the replay under that one compromise signs with these
    held = summarise(compromised_from_start(ronin, ("sky-mavis-nodes",)), ronin.setup("as-run"))
    sigs = held.peak_access["bridge"].signatures
    assert sorted((s.key, s.path) for s in sigs) == [
        ("axie-dao", "delegated"), ("sky-mavis-1", "stolen"), ("sky-mavis-2", "stolen"),
        ("sky-mavis-3", "stolen"), ("sky-mavis-4", "stolen")]


def test_ronin_revoking_the_delegation_needs_a_fifth_validator(ronin):
    cuts = only(theft_cuts(ronin, ronin.setup("delegation-revoked")))
    fifth = ["axie-dao", "third-party-1", "third-party-2", "third-party-3", "third-party-4"]
    assert sets(cuts.anything) == [{"sky-mavis-nodes", x} for x in sorted(fifth)] + [set(fifth)]
    assert cuts.single_points == ()


def test_ronin_eight_of_nine_needs_the_nodes_and_three_others(ronin):
    cuts = only(theft_cuts(ronin, ronin.setup("threshold-8-of-9")))
    assert all(len(c.domains) == 4 and "sky-mavis-nodes" in c.domains for c in cuts.anything)
    assert len(cuts.anything) == 4  # the nodes give 5 (with Axie DAO); three of four more
    lock = only(lockout_cuts(ronin, ronin.setup("threshold-8-of-9")))
    assert sets(lock.cuts)[0] == {"sky-mavis-nodes"}  # four keys lost leave five of eight


def test_bybit_the_signing_interface_alone_takes_the_cold_wallet(bybit):
    # the Safe is 3 of 6: three signers read the tampered interface, three owners did not sign
    owners = ["bybit-owner-4", "bybit-owner-5", "bybit-owner-6",
              "bybit-signer-1", "bybit-signer-2", "bybit-signer-3"]
    cold, other = theft_cuts(bybit, bybit.setup("as-run"))
    assert sets(cold.anything)[0] == {"safe-frontend"}
    assert cold.single_points == (cold.anything[0],)
    assert cold.anything[0].amount == cold.holds and cold.anything[0].reached
    # otherwise any three of the six owners' places: C(6, 3) = 20 sets, none reached
    assert sorted(sets(cold.anything)[1:], key=sorted) == sorted(
        (set(c) for c in combinations(owners, 3)), key=sorted)
    assert not any(c.reached for c in cold.anything[1:])
    assert sets(other.anything) == [{"other-wallets"}]
    verified, _ = theft_cuts(bybit, bybit.setup("verified-signing"))
    assert len(verified.anything) == 20 and verified.single_points == ()
    # 3 of 6: the venue is locked out once any four owners' places are lost, C(6, 4) = 15
    lock, _ = lockout_cuts(bybit, bybit.setup("as-run"))
    assert sorted(sets(lock.cuts), key=sorted) == sorted(
        (set(c) for c in combinations(owners, 4)), key=sorted)


def test_smallest_cuts_across_wallets(coincheck):
    setup = coincheck.setup("nem-guidance")
    assert smallest_theft_cut(theft_cuts(coincheck, setup)).domains == ("nem-server",)
    assert smallest_lockout_cut(lockout_cuts(coincheck, setup)).domains == ("nem-server",)


def wide_setup(places: int) -> Setup:
    domains = tuple(Domain(f"p{i}", f"place {i}", "other", False) for i in range(places))
    keys = tuple(Key(f"k{i}", f"key {i}", f"p{i}") for i in range(places))
    wallet = Wallet("w", "wide", Decimal(1), tuple(k.id for k in keys), places // 2)
    return Setup("wide", "wide", "", (wallet,), keys, domains)


def test_beyond_sixteen_domains_both_analyses_refuse(coincheck):
    assert theft_cuts(coincheck, wide_setup(MAX_DOMAINS))  # 16 is still exact
    setup = wide_setup(MAX_DOMAINS + 1)
    for analysis in (theft_cuts, lockout_cuts):
        with pytest.raises(TooManyDomains, match="17 failure domains.*at most 16") as err:
            analysis(coincheck, setup)
        assert "\n" not in str(err.value)


def test_sixteen_domains_is_counted_exactly(coincheck):
    # 8-of-16 keys in 16 places: every cut is a set of 8 places, C(16, 8) of them
    cuts = only(theft_cuts(coincheck, wide_setup(16)))
    assert len(cuts.anything) == 12870
    assert {c.size for c in cuts.anything} == {8}
    lock = only(lockout_cuts(coincheck, wide_setup(16)))
    assert len(lock.cuts) == 11440 and {c.size for c in lock.cuts} == {9}  # C(16, 9)
