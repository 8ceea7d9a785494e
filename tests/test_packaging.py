"""The wheel carries scenarios and assets: a non-editable install works from anywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    argv = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
            "-w", str(out), str(ROOT)]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        pytest.fail(f"building the wheel failed: {done.stderr[-2000:]}")
    return next(out.glob("wallet_explainer-*.whl"))


def test_wheel_holds_the_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "explainer/data/scenarios/coincheck-2018.toml" in names
    assert "explainer/data/scenarios/library/setups.toml" in names
    assert "explainer/data/scenarios/ja/coincheck-2018.toml" in names
    assert "explainer/data/scenarios/ja/library.toml" in names
    assert any(n.startswith("explainer/data/assets/") for n in names)
    # the compiled Japanese catalog ships, so a wheel speaks Japanese without Babel
    assert "explainer/data/locale/ja/LC_MESSAGES/explainer.mo" in names


def test_unpacked_wheel_replays_from_another_directory(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    code = ("import explainer.paths as p, sys; print(p.scenarios_dir()); "
            "from explainer.cli import main; sys.exit(main(['replay', 'coincheck-2018', "
            "'--setup', 'japan-5pct-hot', '--format', 'json']))")
    done = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    first, _, rest = done.stdout.partition("\n")
    assert first.startswith(str(site)), first  # not the source checkout
    assert json.loads(rest)["setups"][0]["lost"] == "26315000.5"
