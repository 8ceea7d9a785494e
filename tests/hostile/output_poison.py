"""Shared pieces of the output-side hostile tests: the files, a poisoner, byte checks.

The loader may refuse control characters in a file (it should); the display guard must
hold anyway, so ``poisoned`` injects them into an already loaded incident.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from explainer import loader
from explainer.model import Incident

FILES = Path(__file__).parent / "files"
MARKUP_FILE = FILES / "out-markup.toml"
CONTROL_FILE = FILES / "out-control.toml"

LINK_MARKUP = "[link=http://example.invalid]click[/link]"
# every control sequence a terminal might obey: CSI, OSC title, OSC 8 link, C1 CSI, DEL, bell,
# a right-to-left override
HOSTILE = ("\x1b[2J\x1b[31m\x1b]0;pwned\x07\x1b]8;;http://example.invalid\x07click\x1b]8;;\x07"
           "\x9b31m\x7f\u202e")
# no display may contain any of these as raw characters
RAW_CONTROLS = ("\x1b", "\x07", "\x9b", "\x7f", "\u202e")
# fields that hold words (ids and references are left alone so the incident stays valid)
TEXT_FIELDS = {"title", "venue", "date", "timezone", "summary", "teaching_point", "label",
               "symbol", "name", "currency", "how", "what", "note", "topic", "used", "why",
               "operator", "when"}


def _poison(value: Any, suffix: str) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            if not f.init:
                continue
            old = getattr(value, f.name)
            if isinstance(old, str) and f.name in TEXT_FIELDS:
                changes[f.name] = old + suffix
            elif isinstance(old, tuple) or dataclasses.is_dataclass(old):
                changes[f.name] = _poison(old, suffix)
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple):
        return tuple(_poison(v, suffix) for v in value)
    return value


SUFFIX = f" [/] {LINK_MARKUP} {HOSTILE}"


def poison(incident: Incident, suffix: str = SUFFIX) -> Incident:
    """``incident`` with ``suffix`` added to every text field (ids left alone)."""
    return _poison(incident, suffix)


def poisoned(suffix: str = SUFFIX) -> Incident:
    """The markup file's incident with ``suffix`` (markup, then every control sequence)
    added to every text field, symbol and currency included; source addresses become
    ``javascript:``. This is what a loader that let anything through would hand over."""
    incident = _poison(loader.load(str(MARKUP_FILE)), suffix)
    sources = tuple(dataclasses.replace(s, url="javascript:alert(1)") for s in incident.sources)
    return dataclasses.replace(incident, sources=sources)


def assert_no_raw_controls(*texts: str) -> None:
    """None of ``texts`` holds a control character a terminal would act on."""
    for text in texts:
        for char in RAW_CONTROLS:
            assert char not in text, f"raw {char!r} in output: {text[:200]!r}"
        assert not any(0x80 <= ord(c) < 0xA0 or (ord(c) < 0x20 and c not in "\n\t")
                       for c in text), text[:200]


def run_cli(*argv: str | bytes, env: dict[str, str] | None = None,
            **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    """The installed console script (or ``python -m explainer``) in a fresh process, with
    real file descriptors."""
    script = Path(sys.executable).parent / "wallet-explainer"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "explainer"]
    if "stdout" not in kwargs and "stderr" not in kwargs:
        kwargs["capture_output"] = True
    return subprocess.run([*command, *argv],
                          env={**os.environ, "COLUMNS": "100", **(env or {})}, timeout=60,
                          **kwargs)
