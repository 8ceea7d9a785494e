"""A setup named many times on the command line is replayed once, in first-named order."""

from __future__ import annotations

import json

from explainer import cli


def _setups(capsys, *argv: str) -> list[str]:
    code = cli.main(["replay", "coincheck-2018", "--format", "json", *argv])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    return [s["id"] for s in json.loads(out)["setups"]]


def test_ten_thousand_repeats_replay_once(capsys):
    assert _setups(capsys, *["--setup", "as-run"] * 10_000) == ["as-run"]


def test_repeats_keep_the_order_of_first_appearance(capsys):
    argv = ["--setup", "japan-5pct-hot", "--setup", "as-run", "--setup", "japan-5pct-hot",
            "--setup", "single-key-hot", "--setup", "as-run"]
    assert _setups(capsys, *argv) == ["japan-5pct-hot", "as-run", "single-key-hot"]


def test_an_unknown_setup_among_repeats_is_named_once(capsys):
    code = cli.main(["replay", "coincheck-2018", *["--setup", "nope"] * 1000])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.count("nope") == 1 and len(err.splitlines()) == 1


def test_the_equals_form_counts_as_a_repeat_too(capsys):
    argv = ["--setup=as-run", "--setup", "as-run", "--setup=japan-5pct-hot", "--setup=as-run"]
    assert _setups(capsys, *argv) == ["as-run", "japan-5pct-hot"]


def test_thousands_of_distinct_options_give_one_line(capsys):
    argv = [a for n in range(5000) for a in ("--setup", f"s{n}")]
    code = cli.main(["replay", "coincheck-2018", *argv])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err == "wallet-explainer: too many options (5,000; at most 1,000)\n"


def test_repeats_are_dropped_before_parsing():
    argv = ["replay", "x", "--setup", "a", "--setup", "a", "--setup=a", "--", "--setup", "a"]
    assert cli._drop_repeats(argv) == ["replay", "x", "--setup", "a", "--", "--setup", "a"]
