"""Peak memory of the app against a minimal Textual app (ru_maxrss of a subprocess).

    python benchmarks/tui_memory.py [runs]

Each figure is the peak resident set of a fresh process that starts the app headless
at 100x30 and stops at its first frame (benchmarks/_tui_probe.py), the smallest of N
runs. Also shown, for information: the app after opening every screen (lessons,
replay, compare), which loads the lesson widgets, the engine's replays and DataTables.

Target: first-frame ratio <= 1.5x.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from _common import compile_package

PROBE = str(Path(__file__).with_name("_tui_probe.py"))
TARGET = 1.5


def peak_kib(kind: str, measure: str) -> int:
    """ru_maxrss (KiB on Linux) of one child run."""
    out = subprocess.run([sys.executable, PROBE, kind, measure], capture_output=True,
                         text=True, check=True).stdout
    return int(out.split()[-1])


def main() -> None:
    compile_package()
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    app = min(peak_kib("app", "memory") for _ in range(runs))
    minimal = min(peak_kib("minimal", "memory") for _ in range(runs))
    visited = min(peak_kib("app", "visit") for _ in range(runs))
    ratio = app / minimal
    print(f"first frame: app {app / 1024:.1f} MiB, minimal Textual app {minimal / 1024:.1f} MiB, "
          f"ratio {ratio:.2f}x (smallest of {runs})")
    print(f"after opening every screen: app {visited / 1024:.1f} MiB "
          f"({visited / minimal:.2f}x the minimal app)")
    print(f"ratio {ratio:.2f}x; target <= {TARGET}x: {'within' if ratio <= TARGET else 'OVER'}")


if __name__ == "__main__":
    main()
