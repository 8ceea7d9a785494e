"""From a path to plain TOML data: a small regular UTF-8 file, parsed as data only."""

from __future__ import annotations

import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any

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
        return refuse("no such file")
    except OSError as exc:  # a name too long, a loop of links, no permission...
        return refuse(f"cannot read it ({exc.strerror or exc})")
    except ValueError:  # an embedded NUL in the name
        return refuse("not a valid file name")
    if not stat.S_ISREG(info.st_mode):
        return refuse("not a regular file")
    if info.st_size > MAX_BYTES:
        return refuse(f"too large ({info.st_size:,} bytes; the limit is {MAX_BYTES:,})")
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        return refuse(f"cannot read it ({exc.strerror or exc})")
    if len(data) > MAX_BYTES:
        return refuse("too large")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return refuse(f"not UTF-8 text (bad byte at offset {exc.start})")
    if "\x00" in text:
        return refuse("not a text file (contains NUL bytes)")
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
        fail([Problem(name, line, "", f"TOML syntax error: {plain}")])
    except (RecursionError, ValueError) as exc:  # pathological nesting or numbers
        fail([Problem(name, None, "", f"TOML could not be parsed: {shown(str(exc))}")])
