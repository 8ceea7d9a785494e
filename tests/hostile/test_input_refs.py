"""A bad scenario ref or setup id on the command line is one line on stderr and exit
status 2, whatever it holds: a name too long for the file system, control characters,
path tricks. Ids are checked against their pattern before the file system is asked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from explainer import cli, loader, paths
from explainer.loader import ScenarioError

CONTROL = ("\x1b", "\x07", "\x9b", "\r")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


REFS = {
    "300 characters": "a" * 300,
    "300 characters with .toml": "b" * 300 + ".toml",
    "deep path": "x/" * 2000 + "s.toml",
    "control characters": "coincheck\x1b[2J\x1b]0;owned\x07",
    "newline": "coincheck-2018\nsecond line",
    "dot dot": "../../../../etc/passwd",
    "shell": "$(touch pwned)",
    "uppercase bundled name": "COINCHECK-2018",
    "spaces": "   ",
    "a directory": "/tmp",
}


@pytest.mark.parametrize("command", ["replay", "setups", "open"])
@pytest.mark.parametrize("ref", REFS.values(), ids=REFS.keys())
def test_a_bad_scenario_ref_is_one_line_and_exit_2(capsys, command, ref):
    code, out, err = run(capsys, command, ref)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith("wallet-explainer: ")
    assert not any(c in err for c in CONTROL)
    assert len(err) < 1000


def test_a_long_name_never_reaches_the_file_system(monkeypatch):
    touched: list[str] = []
    real = Path.is_file

    def spy(self: Path) -> bool:
        touched.append(str(self))
        return real(self)

    monkeypatch.setattr(Path, "is_file", spy)
    monkeypatch.setattr(Path, "exists", spy)
    with pytest.raises(ScenarioError) as caught:
        loader.resolve("a" * 300)
    assert "unknown scenario" in str(caught.value)
    assert not any("a" * 65 in t for t in touched)


def test_bundled_ids_and_paths_still_resolve(tmp_path, monkeypatch):
    assert loader.resolve("coincheck-2018") == paths.scenarios_dir() / "coincheck-2018.toml"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine").write_text("", encoding="utf-8")
    assert loader.resolve("mine") == Path("mine")  # a local file named like an id
    assert loader.resolve("sub/x.toml") == Path("sub/x.toml")


@pytest.mark.parametrize("setup", ["x" * 10_000, "as-run\x1b[2J", "a\nb", "../x"],
                         ids=["10,000 characters", "control characters", "newline", "dot dot"])
def test_a_bad_setup_id_is_one_line_and_exit_2(capsys, setup):
    code, out, err = run(capsys, "replay", "coincheck-2018", "--setup", setup)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "has no setup" in err
    assert not any(c in err for c in CONTROL)
    assert len(err) < 1000


def test_the_installed_command_gives_no_traceback_for_a_300_character_name():
    done = subprocess.run([sys.executable, "-m", "explainer", "replay", "a" * 300],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1
