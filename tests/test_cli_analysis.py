"""The cuts, curve and sweep commands and ``--setups FILE``: figures in every format,
one-line errors with exit 2, and no Rich on their JSON paths (no Textual on any: see
test_cli_outputs)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from explainer import cli

SETUP_FILE = '''format = 1

[[domains]]
id = "hot-server"
label = "hot wallet server"
kind = "online-server"

[[domains]]
id = "office-a"
label = "office A safe"
kind = "offline-vault"
online = false

[[domains]]
id = "office-b"
label = "office B safe"
kind = "offline-vault"
online = false

[[domains]]
id = "officer-phone"
label = "officer's phone"
kind = "person"

[[setups]]
id = "ten-hot-cold-2of3"
label = "10% hot; cold 2-of-3 at two offices and an officer's device"
summary = "A what-if saved for the command line."
  [[setups.keys]]
  id = "hot"
  label = "hot key"
  domain = "hot-server"
  [[setups.keys]]
  id = "a"
  label = "office A key"
  domain = "office-a"
  [[setups.keys]]
  id = "b"
  label = "office B key"
  domain = "office-b"
  [[setups.keys]]
  id = "c"
  label = "officer key"
  domain = "officer-phone"
  [[setups.wallets]]
  id = "hot"
  label = "hot wallet"
  share = "0.10"
  keys = ["hot"]
  threshold = 1
  [[setups.wallets]]
  id = "cold"
  label = "cold wallet"
  share = "0.90"
  keys = ["a", "b", "c"]
  threshold = 2
  online = false
'''


def run(capsys, monkeypatch, *argv: str) -> str:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli.main(list(argv)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def fails(capsys, *argv: str) -> str:
    assert cli.main(list(argv)) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1 and err.startswith("wallet-")
    return err


@pytest.fixture
def setup_file(tmp_path: Path) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(SETUP_FILE, encoding="utf-8")
    return path


def test_cuts_json_lists_every_cut_with_exact_amounts(capsys, monkeypatch):
    doc = json.loads(run(capsys, monkeypatch, "cuts", "coincheck-2018", "--setup",
                         "cosigner-daily-limit", "--format", "json"))
    (setup,) = doc["setups"]
    assert setup["id"] == "cosigner-daily-limit" and setup["domains"] == 3
    (wallet,) = setup["wallets"]
    anything = wallet["theft"]["anything"]
    assert anything[0] == {"domains": ["nem-server"], "labels": ["NEM server"],
                           "amount": "5263000.1", "pool_fraction": "0.01", "reached": True}
    assert [c["domains"] for c in wallet["theft"]["everything"]] == [
        ["cosigning-service", "nem-server"], ["cosigning-service", "offline-vault"]]
    assert len(wallet["lockout"]) == 3 and "reached" not in wallet["lockout"][0]


def test_cuts_table_and_markdown_name_the_places(capsys, monkeypatch):
    table = run(capsys, monkeypatch, "cuts", "coincheck-2018", "--setup",
                "multisig-2of3-independent")
    assert "NEM server + offline vault" in table and "locked out" in table
    assert "all: 526,300,010 (100%)" in table
    md = run(capsys, monkeypatch, "cuts", "coincheck-2018", "--format", "markdown")
    assert md.startswith("# Which places must fall: Coincheck NEM theft")
    assert "| co-signed wallet | 526,300,010 XEM | NEM server: 5,263,000.1 XEM (1%), " \
           "reached in this incident;" in md


def test_curve_steps_in_every_format(capsys, monkeypatch):
    doc = json.loads(run(capsys, monkeypatch, "curve", "coincheck-2018", "--setup", "as-run",
                         "--format", "json"))
    steps = doc["setups"][0]["steps"]
    assert [(s["after_seconds"], s["until_seconds"], s["lost"]) for s in steps] == [
        (0, 0, "0"), (0, 107, "10"), (107, 467, "500000010"), (467, 12767, "523000010"),
        (12767, 16247, "524500010"), (16247, 30227, "525500010"), (30227, None, "526300010")]
    table = run(capsys, monkeypatch, "curve", "coincheck-2018", "--setup", "as-run")
    assert "over 1 min 47 s, up to 7 min 47 s" in table and "500,000,010" in table
    assert "> over 8 h 23 min 47 s, or never" in table
    md = run(capsys, monkeypatch, "curve", "coincheck-2018", "--format", "markdown")
    assert "| over 8 h 23 min 47 s, or never (this setup's own response) | 526,300,010 XEM | " \
           "100% |" in md
    assert "| over 7 min 47 s, up to 3 h 32 min 47 s (this setup's own response) | " \
           "523,000,010 XEM | 99.37% |" in md  # the 10-minute freeze
    assert doc["setups"][0]["own_response_step"] == 6  # as run: halted at 11:58


def test_hot_freeze_sweep(capsys, monkeypatch):
    doc = json.loads(run(capsys, monkeypatch, "sweep", "coincheck-2018", "--hot-share",
                         "0:10:5", "--freeze-after", "0:10:5", "--format", "json"))
    assert doc["rows"] == ["0", "0.05", "0.1"] and doc["columns"] == [0, 5, 10]
    assert doc["place"] == "nem-server"
    # a freeze at the first outflow stops it; five minutes later the 5% float is gone
    assert doc["lost"] == [["0", "0", "0"], ["0", "26315000.5", "26315000.5"],
                           ["0", "52630001", "52630001"]]
    table = run(capsys, monkeypatch, "sweep", "coincheck-2018", "--hot-share", "0:10:5",
                "--freeze-after", "0:10:5")
    assert "hot \\ freeze" in table and "10 min" in table


def test_threshold_sweep(capsys, monkeypatch):
    doc = json.loads(run(capsys, monkeypatch, "sweep", "coincheck-2018", "--threshold", "1:3",
                         "--shared", "0:3", "--keys", "3", "--format", "json"))
    pool = "526300010"
    assert doc["lost"] == [["0", pool, pool, pool], ["0", "0", pool, pool],
                           ["0", "0", "0", pool]]
    md = run(capsys, monkeypatch, "sweep", "coincheck-2018", "--threshold", "1:3",
             "--shared", "0:3", "--keys", "2", "--format", "markdown")
    assert "| 3-of-n | - | - | - | - |" in md  # 3-of-2 cannot exist


def test_setups_file_with_replay_cuts_and_curve(capsys, monkeypatch, setup_file):
    doc = json.loads(run(capsys, monkeypatch, "replay", "coincheck-2018", "--setups",
                         str(setup_file), "--format", "json"))
    (setup,) = doc["setups"]
    assert setup["id"] == "ten-hot-cold-2of3" and setup["origin"] == "file"
    assert setup["lost"] == "52630001"  # the 10% hot wallet; the cold keys were never reached
    cuts = json.loads(run(capsys, monkeypatch, "cuts", "coincheck-2018", "--setups",
                          str(setup_file), "--format", "json"))
    hot, cold = cuts["setups"][0]["wallets"]
    assert [c["domains"] for c in hot["theft"]["anything"]] == [["nem-server"]]
    assert [c["domains"] for c in cold["theft"]["anything"]] == [
        ["office-a", "office-b"], ["office-a", "officer-phone"], ["office-b", "officer-phone"]]
    assert [c["domains"] for c in cold["lockout"]] == [
        ["office-a", "office-b"], ["office-a", "officer-phone"], ["office-b", "officer-phone"]]
    curve = json.loads(run(capsys, monkeypatch, "curve", "coincheck-2018", "--setups",
                           str(setup_file), "--setup", "ten-hot-cold-2of3", "--setup",
                           "as-run", "--format", "json"))
    assert [s["id"] for s in curve["setups"]] == ["ten-hot-cold-2of3", "as-run"]
    assert curve["setups"][0]["steps"][-1]["lost"] == "52630001"


@pytest.mark.parametrize("argv,message", [
    (["sweep", "coincheck-2018"], "give either --hot-share"),
    (["sweep", "coincheck-2018", "--hot-share", "0:10:5"], "go together"),
    (["sweep", "coincheck-2018", "--hot-share", "0:10", "--freeze-after", "0:5:1"],
     "FROM:TO:STEP"),
    (["sweep", "coincheck-2018", "--hot-share", "0:10:0", "--freeze-after", "0:5:1"],
     "more than 0"),
    (["sweep", "coincheck-2018", "--hot-share", "0:200:10", "--freeze-after", "0:5:1"],
     "0 to 100"),
    (["sweep", "coincheck-2018", "--hot-share", "a:b:c", "--freeze-after", "0:5:1"],
     "numbers"),
    (["sweep", "coincheck-2018", "--hot-share", "0:10:nan", "--freeze-after", "0:5:1"],
     "finite"),
    (["sweep", "coincheck-2018", "--hot-share", "0:100:0.1", "--freeze-after", "0:5:1"],
     "at most 200"),
    (["sweep", "coincheck-2018", "--hot-share", "5:0:1", "--freeze-after", "0:5:1"],
     "below"),
    (["sweep", "coincheck-2018", "--threshold", "0:3", "--shared", "0:3"], "start at 1"),
    (["sweep", "coincheck-2018", "--threshold", "1.5:3", "--shared", "0:3"], "whole numbers"),
    (["sweep", "coincheck-2018", "--threshold", "1:3", "--shared", "0:3", "--place", "moon"],
     "no place 'moon'"),
    (["sweep", "coincheck-2018", "--hot-share", "0:10:5", "--freeze-after", "0:5:1",
      "--threshold", "1:2"], "either"),
    (["cuts", "coincheck-2018", "--setup", "moon-vault"], "no setup 'moon-vault'"),
    (["curve", "coincheck-2018", "--setups", "/no/such/file.toml"], "no such file"),
])
def test_bad_analysis_arguments_are_one_line(capsys, argv, message):
    assert message in fails(capsys, *argv)


def test_a_setup_beyond_sixteen_places_is_refused_in_one_line(capsys, tmp_path):
    keys = "\n".join(f'  [[setups.keys]]\n  id = "k{i}"\n  label = "k{i}"\n  domain = "p{i}"'
                     for i in range(17))
    places = "\n".join(f'[[domains]]\nid = "p{i}"\nlabel = "place {i}"' for i in range(17))
    wallet = ('  [[setups.wallets]]\n  id = "w"\n  label = "w"\n  share = "1"\n  keys = ['
              + ", ".join(f'"k{i}"' for i in range(17)) + ']\n  threshold = 9\n')
    path = tmp_path / "wide.toml"
    path.write_text(f'format = 1\n{places}\n[[setups]]\nid = "wide"\nlabel = "wide"\n'
                    f'summary = "wide"\n{keys}\n{wallet}', encoding="utf-8")
    err = fails(capsys, "cuts", "coincheck-2018", "--setups", str(path))
    assert "17 failure domains" in err and "at most 16" in err
    # the curve has no such bound
    assert cli.main(["curve", "coincheck-2018", "--setups", str(path), "--format", "json"]) == 0


def test_a_broken_setup_file_names_the_file(capsys, tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text(SETUP_FILE.replace("threshold = 2", "threshold = 4"), encoding="utf-8")
    err = fails(capsys, "replay", "coincheck-2018", "--setups", str(path))
    assert "broken.toml" in err and "m > n" in err


def test_labels_from_a_file_are_not_markup(capsys, monkeypatch, tmp_path):
    path = tmp_path / "markup.toml"
    path.write_text(SETUP_FILE.replace('label = "office A safe"', 'label = "[bold red]A[/]"'),
                    encoding="utf-8")
    out = run(capsys, monkeypatch, "cuts", "coincheck-2018", "--setups", str(path))
    assert "[bold red]A[/] + office B safe" in out


@pytest.mark.parametrize("command", ["cuts", "curve"])
def test_analysis_json_does_not_import_rich(command):
    code = ("import sys; from explainer.cli import main; import contextlib, io\n"
            "with contextlib.redirect_stdout(io.StringIO()): "
            f"main(['{command}', 'coincheck-2018', '--all', '--format', 'json'])\n"
            "print(any(m == 'rich' or m.startswith('rich.') for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.stdout.strip() == "False", done.stderr


def test_the_readme_setup_file_example_checks_and_replays(capsys, monkeypatch, tmp_path):
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    block = re.search(r"### Setup files.*?```toml\n(.*?)```", readme, re.S)
    assert block, "the README has no setup-file example"
    path = tmp_path / "readme.toml"
    path.write_text(block.group(1), encoding="utf-8")
    assert "ok" in run(capsys, monkeypatch, "check", str(path))
    doc = json.loads(run(capsys, monkeypatch, "replay", "coincheck-2018", "--setups", str(path),
                         "--format", "json"))
    assert doc["setups"][0]["lost"] == "52630001"  # its 10% float on the NEM server


def test_the_readme_documents_the_three_commands():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for text in ("wallet-explainer cuts", "wallet-explainer curve", "wallet-explainer sweep",
                 "--hot-share FROM:TO:STEP", "--threshold FROM:TO", "--setups FILE"):
        assert text in readme
