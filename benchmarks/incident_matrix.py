"""Load and validate every bundled scenario, then replay every incident under its own
as-run setup and every library setup, as one command (``wallet-explainer matrix``),
against ``python -c "import rich.console"`` in the same run.

    python benchmarks/incident_matrix.py [runs]
"""

from __future__ import annotations

import shutil
import sys

from _common import PYTHON, compare, compile_package, report


def main() -> None:
    compile_package()
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    exe = shutil.which("wallet-explainer")
    subject = ([exe] if exe else [PYTHON, "-m", "explainer"]) + ["matrix", "--format", "json"]
    baseline = [PYTHON, "-c", "import rich.console"]
    a, b = compare(subject, baseline, runs)
    report("matrix --format json (11 incidents x 12 setups) vs import rich.console", a, b,
           target=None)


if __name__ == "__main__":
    main()
