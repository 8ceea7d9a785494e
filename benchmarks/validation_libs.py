"""Would a validation library pay its way? Start-up of loading a scenario, three ways.

    python benchmarks/validation_libs.py [runs]

Each subject is a whole process that loads ``coincheck-2018.toml`` and checks its shape:

- ``today``: ``explainer.loader.load`` (read, shape, references, build);
- ``pydantic``: pydantic v2 models generated from ``explainer.schema.INCIDENT`` with
  ``create_model`` (the format declared once, as a library would hold it), then
  ``model_validate`` of the parsed TOML;
- ``msgspec``: ``msgspec.defstruct`` Structs generated the same way, then
  ``msgspec.convert``.

The library subjects only check shapes (no references, no build), so they flatter the
libraries. Each is compared with ``python -c "import rich.console"`` measured in the same
run, the baseline of ``benchmarks/cli_startup.py`` (whose target for the whole
``replay --format json`` is 2.5x). A library that is not installed is skipped; install
pydantic and msgspec in a scratch venv beside the package to measure them.
"""

from __future__ import annotations

import importlib.util
import statistics
import sys

from _common import PYTHON, compare, compile_package

TODAY = "from explainer import loader; loader.load('coincheck-2018')"

_GENERATE = """
import tomllib
from explainer import paths
from explainer.schema import INCIDENT
data = tomllib.loads((paths.scenarios_dir() / 'coincheck-2018.toml').read_text('utf-8'))
"""

PYDANTIC = _GENERATE + """
from datetime import datetime
from decimal import Decimal
from typing import Any, Optional
from pydantic import ConfigDict, create_model
SCALAR = {'str': str, 'id': str, 'source-id': str, 'url': str, 'source-ids': list[str],
          'bool': bool, 'int': int, 'amount': Decimal, 'share': Decimal,
          'datetime': datetime, 'ids': list[str], 'map': dict[str, Any]}
def model(name, spec):
    fields = {}
    for key, f in spec.items():
        if f.type == 'table':
            t = model(name + key.title(), f.spec)
        elif f.type == 'array':
            t = list[model(name + key.title(), f.spec)]
        else:
            t = SCALAR[f.type]
        fields[key] = (t, ...) if f.required else (Optional[t], None)
    return create_model(name, __config__=ConfigDict(extra='forbid'), **fields)
model('Incident', INCIDENT).model_validate(data)
"""

MSGSPEC = _GENERATE + """
from datetime import datetime
from decimal import Decimal
from typing import Any, Optional
import msgspec
SCALAR = {'str': str, 'id': str, 'source-id': str, 'url': str, 'source-ids': list[str],
          'bool': bool, 'int': int, 'amount': Decimal, 'share': Decimal,
          'datetime': datetime, 'ids': list[str], 'map': dict[str, Any]}
def struct(name, spec):
    fields = []
    for key, f in spec.items():
        if f.type == 'table':
            t = struct(name + key.title(), f.spec)
        elif f.type == 'array':
            t = list[struct(name + key.title(), f.spec)]
        else:
            t = SCALAR[f.type]
        fields.append((key, t) if f.required else (key, Optional[t], None))
    fields.sort(key=len)  # required fields first
    return msgspec.defstruct(name, fields, forbid_unknown_fields=True)
msgspec.convert(data, struct('Incident', INCIDENT), strict=False)
"""


def main() -> None:
    compile_package()
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    baseline = [PYTHON, "-c", "import rich.console"]
    subjects = {"today": TODAY, "pydantic": PYDANTIC, "msgspec": MSGSPEC}
    base_all: list[float] = []
    for name, code in subjects.items():
        if name != "today" and importlib.util.find_spec(name) is None:
            print(f"{name}: not installed, skipped")
            continue
        a, b = compare([PYTHON, "-c", code], baseline, runs)
        base_all += b
        ratio = statistics.median(a) / statistics.median(b)
        print(f"{name:>8}: median {statistics.median(a) * 1000:5.0f} ms, "
              f"{ratio:.2f}x import rich.console (median {statistics.median(b) * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
