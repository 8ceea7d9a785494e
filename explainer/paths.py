"""The one module that knows where bundled data lives.

In a wheel, ``scenarios/`` and ``assets/`` are copied into ``explainer/_bundled/``;
in a source checkout (editable install, tests) they sit beside the package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def _data_root() -> Path:
    bundled = _PACKAGE / "_bundled"
    if (bundled / "scenarios").is_dir():
        return bundled
    return _PACKAGE.parent


def scenarios_dir() -> Path:
    """Directory holding the bundled incident files (``*.toml``)."""
    return _data_root() / "scenarios"


def library_file() -> Path:
    """The file of reusable custody setups that replay against any incident."""
    return scenarios_dir() / "library" / "setups.toml"


def assets_dir() -> Path:
    """Directory holding lesson texts, styles and art."""
    return _data_root() / "assets"
