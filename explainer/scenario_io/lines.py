"""Where a field sits in the text of a file, so that a problem can name its line."""

from __future__ import annotations

import re

_ARRAY_HEADER = re.compile(r"^\[\[\s*([^\]]+?)\s*\]\]")
_TABLE_HEADER = re.compile(r"^\[\s*([^\]]+?)\s*\]")
_KEY = re.compile(r"^([A-Za-z0-9_\-\"'.]+)\s*=")


def line_index(text: str) -> dict[str, int]:
    """Map field paths like ``setups[2].wallets[0].threshold`` to 1-based line numbers.

    A best-effort scan of headers and keys: good enough to point a person at the
    right line; where it cannot, errors simply carry no line.
    """
    index: dict[str, int] = {}
    counters: dict[str, int] = {}
    current = ""
    closing: str | None = None

    def resolve(parts: list[str]) -> str:
        out = ""
        for part in parts:
            out = f"{out}.{part}" if out else part
            if out in counters:
                out += f"[{counters[out]}]"
        return out

    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if closing:
            if closing in line:
                closing = None
            continue
        if not line or line.startswith("#"):
            continue
        if found := _ARRAY_HEADER.match(line):
            parts = [p.strip().strip("\"'") for p in found.group(1).split(".")]
            prefix = resolve(parts[:-1])
            array = f"{prefix}.{parts[-1]}" if prefix else parts[-1]
            counters[array] = counters.get(array, -1) + 1
            current = f"{array}[{counters[array]}]"
            index.setdefault(array, n)
            index[current] = n
            continue
        if found := _TABLE_HEADER.match(line):
            current = resolve([p.strip().strip("\"'") for p in found.group(1).split(".")])
            index[current] = n
            continue
        if found := _KEY.match(line):
            key = found.group(1).strip("\"'")
            index[f"{current}.{key}" if current else key] = n
            rest = line[found.end():].strip()
            for quote in ('"""', "'''"):
                if rest.startswith(quote) and rest.count(quote) == 1:
                    closing = quote
    return index


def find_line(index: dict[str, int], field: str) -> int | None:
    """The line of ``field``, or of the nearest enclosing table or array that has one."""
    probe = field
    while probe:
        if probe in index:
            return index[probe]
        cut = max(probe.rfind("."), probe.rfind("["))
        probe = probe[:cut] if cut > 0 else ""
    return None
