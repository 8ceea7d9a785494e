"""From a path to plain TOML data: a small regular UTF-8 file, parsed as data only."""

from __future__ import annotations

import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any

from explainer.i18n import N_, _
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


# tomllib's reasons (Python 3.11), so that a syntax error reads in the reader's language:
# each pattern matches one of its messages, and the marked text says the same thing with
# named placeholders (in English exactly tomllib's words). An unlisted reason is shown as
# tomllib wrote it.
_TOML_REASONS = [(re.compile(pattern), message) for pattern, message in (
    (r"Invalid statement", N_("Invalid statement")),
    (r"Expected newline or end of document after a statement",
     N_("Expected newline or end of document after a statement")),
    (r"Expected (?P<what>.+)", N_("Expected {what}")),
    (r"Found invalid character (?P<char>.+)", N_("Found invalid character {char}")),
    (r"Cannot declare (?P<key>.+) twice", N_("Cannot declare {key} twice")),
    (r"Cannot overwrite a value", N_("Cannot overwrite a value")),
    (r"Expected '\]' at the end of a table declaration",
     N_("Expected ']' at the end of a table declaration")),
    (r"Expected '\]\]' at the end of an array declaration",
     N_("Expected ']]' at the end of an array declaration")),
    (r"Cannot mutate immutable namespace (?P<key>.+)",
     N_("Cannot mutate immutable namespace {key}")),
    (r"Cannot redefine namespace (?P<key>.+)", N_("Cannot redefine namespace {key}")),
    (r"Expected '=' after a key in a key/value pair",
     N_("Expected '=' after a key in a key/value pair")),
    (r"Invalid initial character for a key part",
     N_("Invalid initial character for a key part")),
    (r"Unclosed array", N_("Unclosed array")),
    (r"Duplicate inline table key (?P<key>.+)", N_("Duplicate inline table key {key}")),
    (r"Unclosed inline table", N_("Unclosed inline table")),
    (r"Unescaped '\\' in a string", N_("Unescaped '\\' in a string")),
    (r"Invalid hex value", N_("Invalid hex value")),
    (r"Escaped character is not a Unicode scalar value",
     N_("Escaped character is not a Unicode scalar value")),
    (r"Unterminated string", N_("Unterminated string")),
    (r"Illegal character (?P<char>.+)", N_("Illegal character {char}")),
    (r"Invalid date or datetime", N_("Invalid date or datetime")),
    (r"Invalid value", N_("Invalid value")),
)]


def _toml_reason(plain: str) -> str:
    """tomllib's reason in the reader's language (the most specific pattern first: the
    fixed 'Expected ...' messages are listed before the general one)."""
    for pattern, message in sorted(_TOML_REASONS, key=lambda pm: "?P<" in pm[0].pattern):
        if found := pattern.fullmatch(plain):
            return _(message).format(**found.groupdict())
    return plain


def parse_toml(text: str, name: str) -> dict[str, Any]:
    """Parse TOML into plain data; syntax errors become a ``ScenarioError`` with the line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        found = re.search(r"\(at line (\d+), column \d+\)", msg)
        line = int(found.group(1)) if found else None
        plain = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", msg)
        reason = _("TOML syntax error: {error}").format(error=_toml_reason(plain))
        fail([Problem(name, line, "", reason)])
    except (RecursionError, ValueError) as exc:  # pathological nesting or numbers
        fail([Problem(name, None, "", _("TOML could not be parsed: {error}").format(
            error=shown(str(exc))))])
