"""The What-if draft: pure edits, the setup they give the engine, and the saved file."""

from __future__ import annotations

from decimal import Decimal

import pytest

from explainer import catalog, loader, whatif
from explainer.engine import instantiate, summarise
from explainer.model import Incident

D = Decimal


@pytest.fixture(scope="module")
def coincheck() -> Incident:
    return loader.load("coincheck-2018")


def places(incident: Incident):
    return whatif.library_places(incident, catalog.library()[0])


def lost(incident: Incident, draft: whatif.Draft) -> Decimal:
    return summarise(incident, whatif.to_setup(draft, incident)).lost


def ten_pct_two_of_three(incident: Incident) -> whatif.Draft:
    """The Done-when setup: 10% hot; cold 2-of-3 at two offices and an officer's device."""
    d = whatif.blank(incident, places(incident))
    d = whatif.set_hot_share(d, D("0.10"))
    d, office_a = whatif.add_place(d, "office A")
    d, office_b = whatif.add_place(d, "office B")
    cold = d.wallets[1]
    d = whatif.move_key(d, cold.keys[0], office_a)
    d = whatif.add_key(d, 1, office_b)
    d = whatif.add_key(d, 1, "officer-device")
    return whatif.set_threshold(d, 1, 2)


def test_blank_is_one_hot_key_where_the_attacker_was(coincheck):
    d = whatif.blank(coincheck)
    assert [w.share for w in d.wallets] == [D(1)]
    assert d.keys[0].domain == "nem-server"
    assert lost(coincheck, d) == D("526300010")


def test_hot_share_adds_a_cold_wallet_and_the_hot_float_is_all_that_is_lost(coincheck):
    d = whatif.set_hot_share(whatif.blank(coincheck), D("0.10"))
    assert [w.share for w in d.wallets] == [D("0.10"), D("0.90")]
    assert d.wallets[1].online is False
    # 10% of 526,300,010 XEM: the whole hot float leaves before the 11:58 halt
    assert lost(coincheck, d) == D("52630001")


def test_shares_always_add_up_to_one(coincheck):
    d = whatif.blank(coincheck)
    d = whatif.set_hot_share(d, D("0.3"))
    d = whatif.add_wallet(d, 1)
    d = whatif.set_share(d, 2, D("0.3333"))
    assert sum(w.share for w in d.wallets) == 1
    assert d.wallets[2].share == D("0.3333")
    d = whatif.set_hot_share(d, D("2"))  # clamped
    assert d.hot_share == 1 and sum(w.share for w in d.wallets) == 1


def test_threshold_is_clamped_and_keys_come_and_go(coincheck):
    d = ten_pct_two_of_three(coincheck)
    cold = d.wallets[1]
    assert (cold.threshold, len(cold.keys)) == (2, 3)
    assert whatif.set_threshold(d, 1, 9).wallets[1].threshold == 3
    assert whatif.set_threshold(d, 1, 0).wallets[1].threshold == 1
    fewer = whatif.remove_key(whatif.remove_key(d, 1, cold.keys[2]), 1, cold.keys[1])
    assert (fewer.wallets[1].threshold, len(fewer.wallets[1].keys)) == (1, 1)
    assert whatif.remove_key(fewer, 1, cold.keys[0]) == fewer  # never the last key
    assert {k.id for k in fewer.keys} == {*fewer.wallets[0].keys, *fewer.wallets[1].keys}


def test_two_of_three_in_independent_places_loses_only_the_hot_float(coincheck):
    d = ten_pct_two_of_three(coincheck)
    assert lost(coincheck, d) == D("52630001")
    # all three cold keys on the NEM server: 2-of-3 there is 1-of-1, everything goes
    for k in d.wallets[1].keys:
        d = whatif.move_key(d, k, "nem-server")
    assert lost(coincheck, d) == D("526300010")


def test_signers_deceived_through_an_interface_unless_they_verify(coincheck):
    d = whatif.set_hot_share(whatif.blank(coincheck), D("0.10"))
    d = whatif.add_key(d, 1, "officer-device")
    d = whatif.set_threshold(d, 1, 2)
    for k in d.wallets[1].keys:
        d = whatif.set_signing(d, k, "interface")
    assert d.key(d.wallets[1].keys[0]).signs_via == "signing-interface"
    # the attacker never reaches Coincheck's signing interface (it is independent here)
    assert lost(coincheck, d) == D("52630001")
    # put the interface on the NEM server: both signers approve what it shows them
    d2 = d
    for k in d.wallets[1].keys:
        d2 = whatif._with_key(d2, whatif.replace(d2.key(k), signs_via="nem-server"))
    assert lost(coincheck, d2) == D("526300010")
    for k in d.wallets[1].keys:
        d2 = whatif.set_signing(d2, k, "verified")
    assert whatif.signing_mode(d2.key(d.wallets[1].keys[0])) == "verified"
    assert lost(coincheck, d2) == D("52630001")
    back = whatif.set_signing(d2, d.wallets[1].keys[0], "direct")
    assert back.key(d.wallets[1].keys[0]).signs_via is None


def test_cosigner_limit_binds_unless_it_can_be_changed_from_the_server(coincheck):
    d = whatif.blank(coincheck)
    d = whatif.set_cosigner(d, 0, D("0.01"), 24)
    w = d.wallets[0]
    assert (w.threshold, len(w.keys)) == (2, 2)
    key, lim = whatif.cosigner_of(d, 0)
    assert key.auto_signs_for == ("nem-server",) and lim.enforced_by == "cosigner-service"
    # 1% of the pool per 24 h: 5,263,000.1 XEM
    assert lost(coincheck, d) == D("5263000.1")
    loose = whatif.set_limit_from(d, 0, ("nem-server",))
    assert lost(coincheck, loose) == D("526300010")
    off = whatif.set_cosigner(d, 0, None)
    assert (off.wallets[0].threshold, len(off.wallets[0].keys)) == (1, 1)
    assert whatif.cosigner_of(off, 0) is None and len(off.keys) == 1


def test_recovery_key_acts_alone(coincheck):
    d = ten_pct_two_of_three(coincheck)
    d = whatif.set_recovery(d, 1, "staff-pcs")
    assert lost(coincheck, d) == D("526300010")
    d = whatif.set_recovery(d, 1, "recovery-holder")
    assert lost(coincheck, d) == D("52630001")
    assert whatif.recovery_of(whatif.set_recovery(d, 1, None), 1) is None


def test_response_and_time_lock(coincheck):
    d = whatif.blank(coincheck)
    assert lost(coincheck, whatif.set_response(d, "none")) == D("526300010")
    # frozen at the first outflow: a freeze counts from the first attempt, so nothing moves
    assert lost(coincheck, whatif.set_response(d, 0)) == D(0)
    assert whatif.response_choice(whatif.set_response(d, 30)) == 30
    locked = whatif.set_timelock(d, 0, 48)
    assert locked.wallets[0].delay is not None and locked.wallets[0].upgrade_timelock
    # a 48 h time lock: nothing settles before the 11:58 halt
    assert lost(coincheck, locked) == D(0)
    with pytest.raises(ValueError):
        whatif.set_response(d, "soon")


def test_step_choice():
    assert whatif.step_choice(whatif.FREEZES, "as-run", 1) == 0
    assert whatif.step_choice(whatif.FREEZES, "none", -1) == "none"
    assert whatif.step_choice(whatif.FREEZES, 45, 1) == 60
    assert whatif.step_choice(whatif.FREEZES, 45, -1) == 30


def test_every_setup_of_the_catalog_is_a_starting_point(coincheck):
    for setup in catalog.setups_for(coincheck):
        d = whatif.from_setup(setup, places(coincheck))
        assert summarise(coincheck, whatif.to_setup(d, coincheck)).lost == \
            summarise(coincheck, setup).lost, setup.id


def test_saved_file_loads_as_a_library_and_replays_the_same(coincheck, tmp_path):
    d = whatif.rename(ten_pct_two_of_three(coincheck), 'Ten "hot"\nand cold')
    d = whatif.set_recovery(d, 1, "recovery-holder")
    d = whatif.set_cosigner(d, 0, D("0.005"), 24)
    d = whatif.set_limit_from(d, 0, ("staff-pcs",))
    d = whatif.set_timelock(d, 1, 24)
    d = whatif.set_response(d, 30)
    d = whatif.set_signing(d, d.wallets[1].keys[2], "verified")
    path = tmp_path / "mine.toml"
    path.write_text(whatif.to_toml(d, coincheck), encoding="utf-8")
    assert loader.check_file(path) == []
    domains, setups = loader.load_library(path)
    (saved,) = setups
    assert saved.id == d.id == "ten-hot-and-cold"
    assert saved.label == 'Ten "hot" and cold'
    again = instantiate(saved, coincheck, domains)
    mine = whatif.to_setup(d, coincheck)
    assert again.wallets == mine.wallets
    assert again.keys == mine.keys
    assert again.response == mine.response
    assert summarise(coincheck, again).lost == summarise(coincheck, mine).lost


def test_every_catalog_setup_round_trips_through_the_file(coincheck, tmp_path):
    for n, setup in enumerate(catalog.setups_for(coincheck)):
        d = whatif.from_setup(setup, places(coincheck))
        path = tmp_path / f"s{n}.toml"
        path.write_text(whatif.to_toml(d, coincheck), encoding="utf-8")
        domains, (saved,) = loader.load_library(path)
        again = instantiate(saved, coincheck, domains)
        assert summarise(coincheck, again).lost == summarise(coincheck, setup).lost, setup.id


def test_saved_file_replays_through_the_command_line(coincheck, tmp_path, capsys):
    from explainer import cli

    d = ten_pct_two_of_three(coincheck)
    path = tmp_path / "mine.toml"
    path.write_text(whatif.to_toml(d, coincheck), encoding="utf-8")
    code = cli.main(["replay", "coincheck-2018", "--setups", str(path), "--setup", d.id,
                     "--format", "json"])
    import json

    (replayed,) = json.loads(capsys.readouterr().out)["setups"]
    assert code == 0
    assert (replayed["id"], replayed["lost"], replayed["exposed"]) == \
        (d.id, "52630001", "52630001")
    code = cli.main(["cuts", "coincheck-2018", "--setups", str(path), "--setup", d.id])
    out = capsys.readouterr().out
    assert code == 0 and "office A + office B" in out


def test_change_by_rows_big_steps_and_rows_that_are_gone(coincheck):
    d = whatif.blank(coincheck, places(coincheck))
    d = whatif.change(d, coincheck, "hot", -10)  # shift+left: ten percent
    assert d.hot_share == D("0.9")
    key = d.wallets[1].keys[0]
    choices = whatif.place_choices(d, coincheck)
    at = choices.index(d.key(key).domain)
    moved = whatif.change(d, coincheck, f"key:1:{key}", 10)  # a big step is one place
    assert moved.key(key).domain == choices[(at + 1) % len(choices)]
    assert whatif.change(d, coincheck, "key:1:no-such-key", 1) == d
    assert whatif.change(d, coincheck, "m:7", 1) == d
    assert whatif.change(d, coincheck, "response", -1).response.freeze == "none"
    assert whatif.remove(d, "share:1").wallets == (replace_share(d.wallets[0], D(1)),)


def replace_share(wallet, share):
    from dataclasses import replace

    return replace(wallet, share=share)


def test_every_bundled_incident_and_setup_gets_its_figures():
    """The builder can start from any setup of any bundled incident: rows, live figures,
    cuts, curve and heatmap all come out (no exception, and the figures agree)."""
    from explainer.report import whatif as words

    for incident in catalog.scenarios():
        extra = places(incident)
        for setup in catalog.setups_for(incident):
            d = whatif.from_setup(setup, extra)
            built = whatif.to_setup(d, incident)
            assert words.draft_rows(d, incident)
            live = words.live(incident, built)
            deep = words.deep(incident, built)
            assert live.lost == summarise(incident, setup).lost, (incident.id, setup.id)
            # with no freeze at all, the curve's last step is the most that can be lost
            assert deep.curve[-1].lost >= live.lost, (incident.id, setup.id)
        heat = words.heat(incident, words.heat_place(incident, whatif.blank(incident)))
        assert len(heat.cells) == len(words.HEAT_SHARES)


def test_more_places_than_the_cuts_enumerate_is_said_in_one_line(coincheck):
    from explainer.report import whatif as words

    d = whatif.blank(coincheck, places(coincheck))
    for n in range(17):
        d, place = whatif.add_place(d, f"site {n}")
        d = whatif.add_key(d, 0, place)
    deep = words.deep(coincheck, whatif.to_setup(d, coincheck))
    (heading, text), = deep.lines
    assert heading == "Cuts" and "at most 16" in text
    assert deep.curve  # the response curve does not depend on the number of places
