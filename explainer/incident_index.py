"""A small index of the bundled incidents, so the app can list them without replaying any.

The incident browser shows, for every incident, its date, venue, what left, the share of
the pool lost as run and a one-line teaching point. The share needs a replay, and loading
and replaying eleven files at start-up would cost far more than the app's first frame, so
those lines are computed ahead of time and committed as ``explainer/data/index.json``:

    python -m explainer.incident_index          # rewrite the index after editing a scenario

Each entry carries the SHA-256 of the file it was built from. The home screen reads the
index as it is (:func:`read_index`); the browser checks the digests (:func:`verify`, cheap:
the files are small) and learns which bundled files are new or changed; it builds those
entries in the background with :func:`entry_for`, exactly as it does for scenario files
named on the command line. A test rebuilds the index and compares it
with the committed file, so a stale index fails the suite rather than misleading anyone.

This module imports neither the model nor the engine at import time (start-up cost); only
:func:`entry_for` and :func:`build_index` load and replay.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

from explainer import paths

if TYPE_CHECKING:
    from explainer.model import Incident

FORMAT = 1
INDEX_NAME = "index.json"
AS_RUN = "as-run"  # the setup id of what really happened, first in every bundled file


@dataclass(frozen=True)
class Entry:
    """One incident as the browser lists it; every figure already formatted."""

    ref: str  # what ``loader.load`` takes: a bundled id, or the path of a file
    id: str
    title: str
    venue: str
    date: str
    left: str  # "526,300,010 XEM (about ¥58.4 bn)"
    lost: str  # share of the pool lost under the setup named in ``lost_setup``
    lost_setup: str  # "as run", or the label of the file's first setup
    point: str  # the teaching point's first sentence
    digest: str  # SHA-256 of the file the entry was built from
    bundled: bool = True

    @property
    def year(self) -> str:
        """The year of the incident (the date's first four characters)."""
        return self.date[:4]


def digest(path: Path) -> str:
    """SHA-256 of a file's bytes, in hex."""
    import hashlib  # only the browser's check needs it, not the first frame

    return hashlib.sha256(path.read_bytes()).hexdigest()


def index_file() -> Path:
    """Where the committed index lives."""
    return paths.scenarios_dir().parent / INDEX_NAME


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` on one line (the whole text if it has no full stop)."""
    flat = " ".join(text.split())
    match = re.search(r"(?<=[.!?])\s+(?=[A-Z\"'(])", flat)
    return flat[:match.start()] if match else flat


def entry_for(incident: Incident, file_digest: str, ref: str, bundled: bool) -> Entry:
    """Build an incident's entry: replays its as-run setup (or its first setup)."""
    from decimal import Decimal

    from explainer import numbers as fmt
    from explainer.engine import summarise
    from explainer.report.rows import fiat

    setup = next((s for s in incident.setups if s.id == AS_RUN), incident.setups[0])
    summary = summarise(incident, setup)
    taken = sum((o.amount for o in incident.outflows), Decimal(0))
    money = fiat(incident, taken)
    left = fmt.amount(taken, incident.asset.symbol) + (f" ({money[0].text})" if money else "")
    return Entry(
        ref=ref, id=incident.id, title=incident.title, venue=incident.venue, date=incident.date,
        left=left, lost=fmt.percent(summary.lost_fraction),
        lost_setup="as run" if setup.id == AS_RUN else setup.label,
        point=first_sentence(incident.teaching_point), digest=file_digest, bundled=bundled,
    )


def build_index() -> list[Entry]:
    """Entries of every bundled incident, by date (loads and replays each one)."""
    from explainer import loader

    entries = [entry_for(loader.load_incident(p), digest(p), p.stem, True)
               for p in loader.bundled_paths()]
    return sorted(entries, key=lambda e: (e.date, e.id))


def dumps(entries: list[Entry]) -> str:
    """The index file's text: stable, one key per line, so diffs stay readable."""
    rows = [{k: v for k, v in asdict(e).items() if k != "bundled"} for e in entries]
    return json.dumps({"format": FORMAT, "incidents": rows}, indent=1, ensure_ascii=False) + "\n"


def loads(text: str) -> list[Entry]:
    """Entries from an index file's text; ``ValueError`` if it is not one."""
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"not an incident index of format {FORMAT}")
    names = {f.name for f in fields(Entry)} - {"bundled"}
    out = []
    for row in data.get("incidents", []):
        if not isinstance(row, dict) or set(row) != names or not all(
                isinstance(v, str) for v in row.values()):
            raise ValueError(f"malformed index entry: {row!r}")
        out.append(Entry(**row))
    return out


def read_index() -> list[Entry]:
    """The committed entries as they are (no check against the files: the first frame's
    cost); an empty list if the index is missing or unreadable."""
    try:
        return loads(index_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []


def verify(entries: list[Entry]) -> tuple[list[Entry], list[Path]]:
    """The entries that still match their bundled files, and the bundled files to rebuild
    (new, or changed since the index was written). Entries whose file is gone are dropped."""
    files = {p.stem: p for p in sorted(paths.scenarios_dir().glob("*.toml")) if p.is_file()}
    fresh = [e for e in entries
             if e.ref in files and digest(files[e.ref]) == e.digest]
    known = {e.ref for e in fresh}
    return fresh, [p for ref, p in files.items() if ref not in known]


def load_index() -> tuple[list[Entry], list[Path]]:
    """:func:`read_index` then :func:`verify`."""
    return verify(read_index())


def main(argv: list[str] | None = None) -> int:
    """Rewrite the committed index (``--check``: exit 1 if it is out of date instead)."""
    args = sys.argv[1:] if argv is None else argv
    text = dumps(build_index())
    target = index_file()
    if "--check" in args:
        current = target.read_text(encoding="utf-8") if target.is_file() else ""
        if current != text:
            print(f"{target} is out of date: run 'python -m explainer.incident_index'")
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
