"""Time to the app's first frame against a minimal Textual app, best of N runs.

    python benchmarks/tui_startup.py [runs]

Each run is a fresh subprocess (benchmarks/_tui_probe.py) that starts the app headless
at 100x30 and stops at ``on_ready``, the first frame. The baseline is a Textual app
with one Static, measured in the same run, interleaved. Two figures:

- launch: from just before the process is spawned to the first frame (what a person
  waits for after pressing Enter; includes the interpreter's own start-up);
- in-process: from the first line of the child script (before any import) to the
  first frame (imports plus start-up of the app alone).

Target: launch ratio <= 1.35x (issue 8).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from _common import compile_package

PROBE = str(Path(__file__).with_name("_tui_probe.py"))
TARGET = 1.35


def run_once(kind: str) -> tuple[float, float]:
    """(launch seconds, in-process seconds) of one child run."""
    start = time.monotonic()
    out = subprocess.run([sys.executable, PROBE, kind, "ready"], capture_output=True,
                         text=True, check=True).stdout.split()
    inside, ready_at = float(out[0]), float(out[1])
    return ready_at - start, inside


def main() -> None:
    compile_package()
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    run_once("app")  # warm the file cache and bytecode once
    run_once("minimal")
    app: list[tuple[float, float]] = []
    minimal: list[tuple[float, float]] = []
    for _ in range(runs):  # interleaved, so machine noise hits both alike
        app.append(run_once("app"))
        minimal.append(run_once("minimal"))
    for i, name in ((0, "launch"), (1, "in-process")):
        a, m = min(x[i] for x in app), min(x[i] for x in minimal)
        print(f"{name:>10}: app {a * 1000:6.1f} ms, minimal Textual app {m * 1000:6.1f} ms, "
              f"ratio {a / m:.2f}x (best of {runs})")
    ratio = min(x[0] for x in app) / min(x[0] for x in minimal)
    print(f"ratio {ratio:.2f}x; target <= {TARGET}x: {'within' if ratio <= TARGET else 'OVER'}")


if __name__ == "__main__":
    main()
