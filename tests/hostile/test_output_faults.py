"""Output faults: a full disk, a closed stdout, an encoding without the yen sign, Ctrl-C
while still importing, a reader that goes away. One line on stderr, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from explainer import entry

from .output_poison import run_cli

ARGV = {"table": ["replay", "coincheck-2018"],
        "markdown": ["replay", "coincheck-2018", "--format", "markdown"],
        "json": ["replay", "coincheck-2018", "--format", "json"]}


def test_the_console_script_enters_through_the_guard():
    (script,) = entry_points(group="console_scripts", name="wallet-explainer")
    assert script.value == "explainer.entry:main"
    assert script.load() is entry.main


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("argv", [*ARGV.values(), ["--help"], ["--version"], ["schema"]],
                         ids=[*ARGV, "help", "version", "schema"])
def test_a_full_disk_gives_one_line_and_status_1(argv):
    with open("/dev/full", "wb") as full:
        done = run_cli(*argv, stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == entry.EXIT_OUTPUT == 1
    assert done.stderr.decode() == ("wallet-explainer: cannot write the output "
                                    "(No space left on device)\n")


def test_a_closed_stdout_gives_one_line_and_status_1():
    # the child starts with fd 1 closed, as after '>&-' in a shell
    done = subprocess.run(
        [sys.executable, "-c", "import os, sys; os.close(1); "
         "from explainer.entry import main; sys.exit(main(['replay', 'coincheck-2018']))"],
        stderr=subprocess.PIPE, timeout=60)
    assert done.returncode == 1
    assert done.stderr.count(b"\n") == 1 and b"Traceback" not in done.stderr


def test_a_closed_stdout_from_the_shell_gives_one_line():
    script = Path(sys.executable).parent / "wallet-explainer"
    if not script.exists():
        pytest.skip("console script not installed")
    done = subprocess.run(["sh", "-c", f"'{script}' replay coincheck-2018 >&-"],
                          stderr=subprocess.PIPE, timeout=60)
    assert done.returncode == 1
    assert done.stderr == b"wallet-explainer: standard output is closed; nothing can be written\n"


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("fmt", sorted(ARGV))
def test_an_encoding_without_the_yen_sign_degrades_to_ascii_safe_output(encoding, fmt):
    done = run_cli(*ARGV[fmt], env={"PYTHONIOENCODING": encoding})
    assert done.returncode == 0 and done.stderr == b""
    out = done.stdout.decode(encoding)  # every byte is valid in the stream's encoding
    if fmt == "json":
        utf8 = run_cli(*ARGV[fmt], env={"PYTHONIOENCODING": "utf-8"}).stdout.decode()
        assert json.loads(out) == json.loads(utf8)  # escapes decode to the same data
        assert out.isascii()
    else:
        assert "58.4 bn" in out
        if encoding == "ascii":
            assert "about JPY 58.4 bn" in out


def test_an_ascii_stderr_takes_any_message():
    done = run_cli("replay", "nope-¥…", env={"PYTHONIOENCODING": "ascii"})
    assert done.returncode == 2 and done.stdout == b""
    assert done.stderr.isascii() and done.stderr.count(b"\n") == 1


CTRL_C_WHILE_IMPORTING = textwrap.dedent("""
    import sys
    from importlib.metadata import entry_points

    class CtrlC:
        # raises KeyboardInterrupt as the heavy part of the program is imported, as a
        # Ctrl-C pressed during start-up would
        def find_spec(self, name, path=None, target=None):
            if name in ("explainer.cli", "explainer.loader", "rich"):
                raise KeyboardInterrupt
            return None

    sys.meta_path.insert(0, CtrlC())
    (script,) = entry_points(group="console_scripts", name="wallet-explainer")
    sys.exit(script.load()(["replay", "coincheck-2018"]))
""")


def test_ctrl_c_while_importing_exits_130_quietly():
    done = subprocess.run([sys.executable, "-c", CTRL_C_WHILE_IMPORTING], capture_output=True,
                          timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (130, b"", b"")


@pytest.mark.parametrize("fmt", sorted(ARGV))
def test_a_closed_pipe_stops_quietly_with_status_0(fmt):
    script = Path(sys.executable).parent / "wallet-explainer"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "explainer"]
    # like '| head -c 10': the reader takes a few bytes and goes away
    with subprocess.Popen([*command, *ARGV[fmt], "--all"], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE) as child:
        assert child.stdout is not None and child.stderr is not None
        assert len(child.stdout.read(10)) == 10
        child.stdout.close()
        err = child.stderr.read()
        status = child.wait(timeout=60)
    assert (status, err) == (0, b"")
