"""The one module that knows where bundled data lives.

Incident files and assets ship inside the package (``explainer/data/``) and are found with
``importlib.resources``, so a checkout, an editable install and a wheel read the same files
with no build-time copy.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import as_file, files
from pathlib import Path

# The bundled scenario the app opens on and lessons refer to when they name no other.
DEFAULT_SCENARIO = "coincheck-2018"
# The language bundled texts are written in; translations sit beside them per language.
DEFAULT_LANG = "en"
_LANG = re.compile(r"[a-z]{2,3}")


@cache
def _data_root() -> Path:
    # The package is installed as plain files (wheel or checkout), so the traversable is a
    # real directory and as_file() hands back its path without extracting anything.
    with as_file(files("explainer") / "data") as root:
        return Path(root)


def scenarios_dir() -> Path:
    """Directory holding the bundled incident files (``*.toml``)."""
    return _data_root() / "scenarios"


def library_file() -> Path:
    """The file of reusable custody setups that replay against any incident."""
    return scenarios_dir() / "library" / "setups.toml"


def assets_dir() -> Path:
    """Directory holding lesson texts, styles and art."""
    return _data_root() / "assets"


def locale_dir() -> Path:
    """Directory holding the compiled gettext catalogs (``<lang>/LC_MESSAGES/explainer.mo``)."""
    return _data_root() / "locale"


def lang_code(lang: str) -> str:
    """``lang`` if it is a language code (two or three lowercase letters, such as ``en`` or
    ``ja``); ``ValueError`` otherwise, so a code from argv or the locale never becomes part
    of a path."""
    if not _LANG.fullmatch(lang):
        raise ValueError(f"not a language code: {lang!r} (write e.g. 'en' or 'ja')")
    return lang
