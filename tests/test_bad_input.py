"""Bad input of every kind gives one clear line naming the file and field, and exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from explainer import cli, loader, paths

GOOD = (paths.scenarios_dir() / "coincheck-2018.toml").read_text(encoding="utf-8")


def mutate(old: str, new: str, count: int = 1) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, count)


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, text: str | bytes, name: str = "bad.toml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


CASES = {
    "syntax error": (mutate('venue = "Coincheck (Tokyo)"', 'venue = "Coincheck'), ":8:",
                     "TOML syntax error"),
    "missing field": (mutate('title = "Coincheck NEM theft"\n', ""), "title", "is missing"),
    "wrong type": (mutate("  threshold = 2\n", '  threshold = "two"\n'),
                   "setups[3].wallets[0].threshold", "should be a whole number"),
    "negative amount": (mutate('amount = "800000"', 'amount = "-800000"'),
                        "outflows[10].amount", "cannot be negative"),
    "float amount": (mutate('amount = "800000"', "amount = 800000.0"),
                     "outflows[10].amount", "string or an integer"),
    "m > n": (mutate("  threshold = 2\n", "  threshold = 4\n"), "setups[3].wallets[0].threshold",
              "m > n"),
    "undeclared domain": (mutate('  domain = "officer-device"', '  domain = "nowhere"'),
                          "setups[3].keys[1].domain", "'nowhere' is not declared"),
    "duplicate ids": (mutate('id = "japan-5pct-hot"', 'id = "as-run"'), "setups[1].id",
                      "duplicate id 'as-run'"),
    "outflows out of order": (mutate("at = 2018-01-26T03:35:00+09:00",
                                     "at = 2018-01-26T00:01:00+09:00"),
                              "outflows[8].at", "out of time order"),
    "unknown source": (mutate('sources = ["S5", "S3"]\n', 'sources = ["S5", "S999"]\n'),
                       "pool.sources", "unknown source id 'S999'"),
    "empty sources": (mutate('sources = ["S5", "S3"]\n', "sources = []\n"), "pool.sources",
                      "every fact needs at least one source"),
    "time without offset": (mutate("at = 2018-01-26T08:26:00+09:00", "at = 2018-01-26T08:26:00"),
                            "outflows[10].at", "needs a UTC offset"),
    "shares not adding up": (mutate('share = "0.95"', 'share = "0.90"'), "setups[1].wallets",
                             "add up to 0.95"),
    "unknown field": (mutate("decimals = 6", "decimals = 6\ncolour = 3"), "asset.colour",
                      "unknown field"),
    "threshold zero": (mutate("  threshold = 2\n", "  threshold = 0\n"),
                       "setups[3].wallets[0].threshold", "at least 1"),
    "period too long": (mutate("    period_hours = 24\n", "    period_hours = 99999999999\n"),
                        "setups[6].wallets[0].limits[0].period_hours", "at most 87,600"),
    "too many digits": (mutate("decimals = 6", "decimals = 22"), "pool.amount",
                        "too large to count exactly"),
    "limit with both amount and share": (mutate('    share = "0.01"\n',
                                                '    share = "0.01"\n    amount = "5"\n'),
                                         "setups[6].wallets[0].limits[0]", "exactly one"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_scenario_gives_one_line_and_exit_2(tmp_path, capsys, case):
    text, where, message = CASES[case]
    path = write(tmp_path, text)
    code, out, err = run_cli(capsys, "replay", str(path), "--format", "json")
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert str(path) in lines[0] and where in lines[0] and message in lines[0], lines[0]
    assert "Traceback" not in err


def test_check_reports_every_problem_with_its_line(tmp_path, capsys):
    text = mutate("  threshold = 2\n", "  threshold = 4\n")
    text = text.replace('amount = "800000"', 'amount = "-800000"')
    path = write(tmp_path, text)
    code, out, err = run_cli(capsys, "check", str(path))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 2
    threshold_line = next(n for n, line in enumerate(text.splitlines(), 1)
                          if line.strip() == "threshold = 4")
    assert any(f"{path}:{threshold_line}: setups[3].wallets[0].threshold" in x for x in lines)
    assert any("outflows[10].amount" in x for x in lines)


def test_check_accepts_the_bundled_files(capsys):
    files = [str(p) for p in loader.bundled_paths()] + [str(paths.library_file())]
    code, out, err = run_cli(capsys, "check", *files)
    assert code == 0, err
    assert out.count(": ok") == len(files)


@pytest.mark.parametrize("content,message", [
    (b"\x00\x01\x02\xff\xfe binary", "not UTF-8"),
    (b"\x00\x00\x00\x00", "NUL"),
    ("x" * (loader.MAX_BYTES + 10), "too large"),
])
def test_files_that_are_not_scenarios(tmp_path, capsys, content, message):
    path = write(tmp_path, content)
    code, _, err = run_cli(capsys, "replay", str(path))
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1


def test_directory_and_missing_file(tmp_path, capsys):
    code, _, err = run_cli(capsys, "replay", str(tmp_path) + "/")
    assert code == 2 and "not a regular file" in err
    code, _, err = run_cli(capsys, "replay", str(tmp_path / "nope.toml"))
    assert code == 2 and "no such file" in err


def test_unknown_scenario_and_setup_ids(capsys):
    code, _, err = run_cli(capsys, "replay", "atlantis-1999")
    assert code == 2 and "unknown scenario" in err and "coincheck-2018" in err
    code, _, err = run_cli(capsys, "replay", "coincheck-2018", "--setup", "moon-vault")
    assert code == 2 and "no setup 'moon-vault'" in err and "as-run" in err
    assert len(err.strip().splitlines()) == 1


def test_bad_arguments_are_one_line(capsys):
    code, _, err = run_cli(capsys, "replay", "coincheck-2018", "--format", "yaml")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "invalid choice" in err


def test_no_terminal_means_no_app(tmp_path):
    """A pipe instead of a terminal: help on stdout, one line on stderr, exit 2."""
    done = subprocess.run([sys.executable, "-m", "explainer"], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60)
    assert done.returncode == 2
    assert "usage:" in done.stdout
    assert "needs a terminal" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    done = subprocess.run([sys.executable, "-m", "explainer", "open", "coincheck-2018"],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)
    assert done.returncode == 2 and "needs a terminal" in done.stderr


def test_a_broken_scenario_in_a_subprocess_has_no_traceback(tmp_path):
    path = write(tmp_path, mutate("  threshold = 2\n", "  threshold = 4\n"))
    done = subprocess.run([sys.executable, "-m", "explainer", "replay", str(path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "m > n" in done.stderr


def test_a_setup_without_wallets_is_refused(tmp_path, capsys):
    start = GOOD.index("[[setups]]\nid = \"as-run\"")
    end = GOOD.index("[[setups]]\nid = \"japan-5pct-hot\"")
    block = GOOD[start:end]
    kept = block[:block.index("  [[setups.wallets]]")]
    kept = kept.replace("  [[setups.keys]]", "wallets = []\n\n  [[setups.keys]]", 1)
    path = write(tmp_path, GOOD.replace(block, kept))
    code, _, err = run_cli(capsys, "replay", str(path))
    assert code == 2 and "setups[0].wallets" in err and "at least one wallet" in err


def test_the_setup_library_is_not_an_incident(capsys):
    code, _, err = run_cli(capsys, "replay", str(paths.library_file()))
    assert code == 2 and "library of setups, not an incident" in err


def test_an_empty_scenario_name(capsys):
    code, _, err = run_cli(capsys, "replay", "")
    assert code == 2 and "no scenario given" in err and "coincheck-2018" in err


def test_an_incident_without_outflows_is_refused():
    import tomllib

    data = tomllib.loads(GOOD)
    data["outflows"] = []
    problems = loader.check_incident_data(data, GOOD, "x.toml")
    assert [(p.field, p.message) for p in problems] == [
        ("outflows", "an incident needs at least one recorded outflow to replay")]
