"""The reader's language: chosen once per process, switched live by the app.

Interface and command-line strings go through gettext (``_``), with catalogs compiled by
Babel into ``explainer/data/locale`` and shipped in the wheel; scenario texts, lessons,
glossary and plans are translated by files of their own (see ``docs/translations.md``).

The language is process state, like the C locale: the command line sets it once from
``--lang`` or the environment, and the app sets it again when the reader switches.
English needs no catalog, so the default path loads nothing but this module.

Strings defined at import time (binding descriptions, column headings) are marked with
``N_`` so Babel extracts them, and translated with ``_`` where they are shown, so a live
switch reaches them too.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from explainer import paths

DOMAIN = "explainer"
DEFAULT = paths.DEFAULT_LANG
# The languages every surface is written in; anything else falls back to English.
LANGS = ("en", "ja")
# The variables a POSIX program reads for its messages' language, strongest first
# (LANGUAGE is a GNU extension and is not consulted).
LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG")

_current = DEFAULT
_catalog: dict[str, str] = {}  # msgid -> translation (and (msgid, n) -> form for plurals)
_plural = None  # the catalog's plural rule, a callable n -> form index


def from_locale(value: str) -> str | None:
    """The language of one locale setting: ``ja_JP.UTF-8`` -> ``ja``; ``C``, ``POSIX``,
    an empty value or a language we do not speak -> None (so the next variable is asked)."""
    code = value.split(".", 1)[0].split("@", 1)[0].split("_", 1)[0].split("-", 1)[0].lower()
    return code if code in LANGS else None


def detect(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for: the first of LC_ALL, LC_MESSAGES and LANG
    that is set decides (as in POSIX, a set LC_ALL=C means English even if LANG is ja)."""
    env = os.environ if environ is None else environ
    for var in LOCALE_VARS:
        value = env.get(var, "")
        if value:
            return from_locale(value) or DEFAULT
    return DEFAULT


def current() -> str:
    """The language in use: ``en`` or ``ja``."""
    return _current


def use(lang: str) -> None:
    """Switch every later ``_`` to ``lang`` (``ValueError`` for a language not in LANGS)."""
    global _current, _catalog, _plural
    if lang not in LANGS:
        raise ValueError(f"unknown language: {lang!r} (choose from {', '.join(LANGS)})")
    if lang == DEFAULT:
        _current, _catalog, _plural = lang, {}, None
        return
    import gettext  # only a translated reader pays for it

    mo = paths.locale_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with mo.open("rb") as fh:
            trans = gettext.GNUTranslations(fh)
    except OSError:
        trans = None  # a checkout without compiled catalogs reads as English
    _current = lang
    _catalog = dict(trans._catalog) if trans is not None else {}  # type: ignore[attr-defined]
    _plural = trans.plural if trans is not None else None  # type: ignore[attr-defined]


def _(message: str) -> str:
    """``message`` in the current language (itself where no translation exists)."""
    if not _catalog:
        return message
    return _catalog.get(message) or message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for count ``n`` in the current language."""
    if _catalog and _plural is not None:
        found = _catalog.get((singular, _plural(n)))
        if found:
            return found
    return singular if n == 1 else plural


def N_(message: str) -> str:  # noqa: N802 - the conventional name Babel extracts
    """Mark ``message`` for extraction without translating it yet (translate where shown)."""
    return message
