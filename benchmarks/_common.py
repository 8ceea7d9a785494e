"""Helpers for benchmark scripts: interleaved subprocess timing, best-of and median."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Sequence


def time_command(argv: Sequence[str], env: dict[str, str] | None = None) -> float:
    """Wall-clock seconds of one run of ``argv`` (output discarded; must exit 0)."""
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True,
                   env=env)
    return time.perf_counter() - start


def compare(subject: Sequence[str], baseline: Sequence[str], runs: int = 15,
            env: dict[str, str] | None = None) -> tuple[list[float], list[float]]:
    """Time both commands ``runs`` times, interleaved so machine noise hits both alike."""
    time_command(subject, env)  # warm the file cache once
    time_command(baseline, env)
    a, b = [], []
    for _ in range(runs):
        a.append(time_command(subject, env))
        b.append(time_command(baseline, env))
    return a, b


def report(name: str, subject: list[float], baseline: list[float],
           target: float | None) -> float:
    """Print medians, minimums and the ratio; return the ratio of medians."""
    ratio = statistics.median(subject) / statistics.median(baseline)
    best = min(subject) / min(baseline)
    verdict = "no target set" if target is None else "within" if ratio <= target else "OVER"
    print(f"{name}: subject median {statistics.median(subject) * 1000:.0f} ms "
          f"(min {min(subject) * 1000:.0f}), baseline median "
          f"{statistics.median(baseline) * 1000:.0f} ms (min {min(baseline) * 1000:.0f})")
    goal = "" if target is None else f"; target <= {target}x"
    print(f"  ratio of medians {ratio:.2f}x, of minimums {best:.2f}x{goal}: {verdict}")
    return ratio


PYTHON = sys.executable


def compile_package() -> None:
    """Write the package's bytecode, as ``pip install`` does, so that a session with
    PYTHONDONTWRITEBYTECODE set does not time our compiler against Textual's .pyc files."""
    import compileall
    from pathlib import Path

    import explainer

    compileall.compile_dir(Path(explainer.__file__).parent, quiet=1)
