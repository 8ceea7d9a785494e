"""Whole-process time of a scripted JSON replay against importing rich.console.

    python benchmarks/cli_startup.py [runs]

Target: ``wallet-explainer replay coincheck-2018 --all --format json`` takes at most
2.5x as long as ``python -c "import rich.console"``, both measured in this run.
"""

from __future__ import annotations

import shutil
import sys

from _common import PYTHON, compare, compile_package, report


def main() -> None:
    compile_package()
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    exe = shutil.which("wallet-explainer")
    subject = [exe] if exe else [PYTHON, "-m", "explainer"]
    subject += ["replay", "coincheck-2018", "--all", "--format", "json"]
    baseline = [PYTHON, "-c", "import rich.console"]
    a, b = compare(subject, baseline, runs)
    report("replay --all --format json vs import rich.console", a, b, 2.5)


if __name__ == "__main__":
    main()
