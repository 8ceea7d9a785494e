"""From a path to plain TOML data: a small regular UTF-8 file, parsed as data only."""

from __future__ import annotations

import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any

from explainer.i18n import _
from explainer.scenario_io.problems import Problem, fail, shown

MAX_BYTES = 1024 * 1024  # a hand-written scenario is a few tens of KB
BOM = "\ufeff"  # some editors on Windows start UTF-8 files with it; TOML does not allow it


def read_text(path: Path) -> str:
    """Read a file that must be a regular, reasonably small, UTF-8 text file.

    A leading UTF-8 byte order mark is dropped (it is not text), so a file saved by an
    editor that writes one loads like any other.
    """
    name = shown(str(path), 200)

    def refuse(message: str) -> Any:
        fail([Problem(name, None, "", message)])

    try:
        info = os.stat(path)
    except FileNotFoundError:
        return refuse(_("no such file"))
    except OSError as exc:  # a name too long, a loop of links, no permission...
        return refuse(_("cannot read it ({reason})").format(reason=exc.strerror or exc))
    except ValueError:  # an embedded NUL in the name
        return refuse(_("not a valid file name"))
    if not stat.S_ISREG(info.st_mode):
        return refuse(_("not a regular file"))
    if info.st_size > MAX_BYTES:
        return refuse(_("too large ({size} bytes; the limit is {limit})").format(
            size=f"{info.st_size:,}", limit=f"{MAX_BYTES:,}"))
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        return refuse(_("cannot read it ({reason})").format(reason=exc.strerror or exc))
    if len(data) > MAX_BYTES:
        return refuse(_("too large"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return refuse(_("not UTF-8 text (bad byte at offset {offset})").format(
            offset=exc.start))
    if "\x00" in text:
        return refuse(_("not a text file (contains NUL bytes)"))
    return text.removeprefix(BOM)


def parse_toml(text: str, name: str) -> dict[str, Any]:
    """Parse TOML into plain data; syntax errors become a ``ScenarioError`` with the line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        found = re.search(r"\(at line (\d+), column \d+\)", msg)
        line = int(found.group(1)) if found else None
        plain = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", msg)
        fail([Problem(name, line, "", _("TOML syntax error: {error}").format(error=plain))])
    except (RecursionError, ValueError) as exc:  # pathological nesting or numbers
        fail([Problem(name, None, "", _("TOML could not be parsed: {error}").format(
            error=shown(str(exc))))])
