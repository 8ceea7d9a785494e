"""Scripted paths never import Textual; the app's pure model does not either."""

from __future__ import annotations

import subprocess
import sys

_PROBE = """
import contextlib, io, sys
from explainer.cli import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    status = main({argv!r})
assert status == 0, status
assert out.getvalue().lstrip().startswith("{{"), out.getvalue()[:80]
print('textual' in sys.modules)
"""


def _imports_textual(code: str) -> bool:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=60)
    return done.stdout.strip().splitlines()[-1] == "True"


def test_replay_json_never_imports_textual():
    assert not _imports_textual(_PROBE.format(argv=["replay", "coincheck-2018",
                                                    "--format", "json"]))


def test_the_probe_would_see_textual_if_it_were_imported():
    # the same check, after importing the app: proves the probe can fail
    code = "import explainer.tui.app\n" + _PROBE.format(
        argv=["replay", "coincheck-2018", "--format", "json"])
    assert _imports_textual(code)


def test_player_model_is_free_of_textual():
    code = "import sys, explainer.player\nprint('textual' in sys.modules)"
    assert not _imports_textual(code)
