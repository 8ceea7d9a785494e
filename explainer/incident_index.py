"""A small index of the bundled incidents, so the app can list them without replaying any.

The incident browser shows, for every incident, its date, venue, what left, the share of
the pool lost as run and a one-line teaching point. The share needs a replay, and loading
and replaying eleven files at start-up would cost far more than the app's first frame, so
those lines are computed ahead of time and committed as ``explainer/data/index.json``:

    python -m explainer.incident_index          # rewrite the index after editing a scenario

The index holds its texts in one language: ``index.json`` is English, and every other
bundled language has its own file (``index.ja.json``) built from the incidents with their
translations applied (``translations.localize``) and formatted in that language, so the
browser shows the reader's language without loading a scenario. The same command writes
them all, and the same test compares them all.

Each entry carries the SHA-256 of the file it was built from (for a translated index, of
the scenario file and its translation file together: either edit makes it stale). The
home screen reads the index as it is (:func:`read_index`); the browser checks the digests
(:func:`verify`, cheap: the files are small) and learns which bundled files are new or
changed; it builds those entries in the background with :func:`entry_for`, exactly as it
does for scenario files named on the command line. A test rebuilds every language's index
and compares it with the committed file, so a stale index fails the suite rather than
misleading anyone.

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

from explainer import i18n, paths
from explainer.i18n import _

if TYPE_CHECKING:
    from explainer.model import Incident

FORMAT = 1
INDEX_NAME = "index.json"  # English; another language's is index.<lang>.json
AS_RUN = "as-run"  # the setup id of what really happened, first in every bundled file


@dataclass(frozen=True)
class Entry:
    """One incident as the browser lists it; every figure already formatted."""

    ref: str  # what ``loader.load`` takes: a bundled id, or the path of a file
    id: str
    title: str
    venue: str
    date: str  # as the file writes it (ISO, for sorting): show it with :func:`shown_date`
    left: str  # "526,300,010 XEM (about ¥58.4 bn)"
    lost: str  # share of the pool lost under the setup named in ``lost_setup``
    lost_setup: str  # "as run" (in the index's language), or the label of the first setup
    point: str  # the teaching point's first sentence
    digest: str  # SHA-256 of the file the entry was built from
    bundled: bool = True

    @property
    def year(self) -> str:
        """The year of the incident (the date's first four characters)."""
        return self.date[:4]


def digest(path: Path, lang: str = paths.DEFAULT_LANG) -> str:
    """SHA-256 of a scenario file's bytes, in hex. In another language than English, the
    SHA-256 of the file's bytes followed by those of its bundled translation (if any), so
    that an edit to either makes that language's entry stale."""
    import hashlib  # only the browser's check needs it, not the first frame

    data = path.read_bytes()
    if lang != paths.DEFAULT_LANG:
        translation = paths.scenarios_dir() / lang / path.name
        extra = translation.read_bytes() if translation.is_file() else b""
        data = hashlib.sha256(data).digest() + hashlib.sha256(extra).digest()
    return hashlib.sha256(data).hexdigest()


def _lang(lang: str | None) -> str:
    return i18n.current() if lang is None else lang


def index_file(lang: str | None = None) -> Path:
    """Where the committed index of ``lang`` (default: the current language) lives."""
    lang = _lang(lang)
    name = INDEX_NAME if lang == paths.DEFAULT_LANG else f"index.{lang}.json"
    return paths.scenarios_dir().parent / name


# Japanese (and Chinese) full stops end a sentence with no space after them.
_CJK_STOP = re.compile(r"[。！？]")


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` on one line (the whole text if it has no full stop).
    A sentence ends at '.', '!' or '?' followed by a space and a capital, or at '。'."""
    flat = " ".join(text.split())
    match = re.search(r"(?<=[.!?])\s+(?=[A-Z\"'(])", flat)
    end = match.start() if match else len(flat)
    stop = _CJK_STOP.search(flat, 0, end)
    return flat[:stop.end()] if stop else flat[:end]


def shown_date(date: str) -> str:
    """An incident's date field (``2018-01-26``, or a range ``A to B``) as a reader of the
    current language reads it. English shows the ISO dates as the file writes them (as it
    always has); another language writes each through ``numbers.day`` (2018年1月26日) and
    the range in its own words. Anything that is not an ISO date stays as written."""
    import contextlib
    from datetime import datetime

    parts = date.split(" to ")
    if i18n.current() != paths.DEFAULT_LANG:
        from explainer import numbers as fmt

        with contextlib.suppress(ValueError):  # not ISO dates: shown as written
            parts = [fmt.day(datetime.fromisoformat(p)) for p in parts]
    if len(parts) == 2:
        return _("{start} to {end}").format(start=parts[0], end=parts[1])
    return parts[0] if len(parts) == 1 else date


def entry_for(incident: Incident, file_digest: str, ref: str, bundled: bool) -> Entry:
    """Build an incident's entry: replays its as-run setup (or its first setup). Its
    texts are the incident's (pass a localized one) and its figures and words are in the
    current language."""
    from decimal import Decimal

    from explainer import numbers as fmt
    from explainer.engine import summarise
    from explainer.report.rows import fiat

    setup = next((s for s in incident.setups if s.id == AS_RUN), incident.setups[0])
    summary = summarise(incident, setup)
    taken = sum((o.amount for o in incident.outflows), Decimal(0))
    money = fiat(incident, taken)
    # a pool valued in its own currency already reads as money ("JPY 4.6 bn of assets")
    same = money and money[0].currency == incident.asset.symbol
    left = fmt.amount(taken, incident.asset.symbol)
    if money and not same:
        left = _("{amount} ({money})").format(amount=left, money=money[0].text)
    return Entry(
        ref=ref, id=incident.id, title=incident.title, venue=incident.venue,
        date=incident.date, left=left, lost=fmt.percent(summary.lost_fraction),
        lost_setup=_("as run") if setup.id == AS_RUN else setup.label,
        point=first_sentence(incident.teaching_point), digest=file_digest, bundled=bundled,
    )


def build_index(lang: str | None = None) -> list[Entry]:
    """Entries of every bundled incident in ``lang`` (default: the current language), by
    date (loads, localizes and replays each one)."""
    from explainer import loader, translations

    lang = _lang(lang)
    before = i18n.current()
    i18n.use(lang)  # the entries' words and figures are written in their language
    try:
        entries = [entry_for(translations.localize(loader.load_incident(p), lang),
                             digest(p, lang), p.stem, True)
                   for p in loader.bundled_paths()]
    finally:
        i18n.use(before)
    return sorted(entries, key=lambda e: (e.date, e.id))


def local_entry(incident: Incident, path: Path | None, ref: str, lang: str) -> Entry:
    """The entry of one incident in ``lang``, for the browser's worker: a bundled file
    (``path``, digested as the index does) or a file from the command line (no path).
    ``lang`` must be the current language (the entry's words are written in it)."""
    from explainer import translations

    local = translations.localize(incident, lang)
    if path is not None:
        return entry_for(local, digest(path, lang), ref, True)
    return entry_for(local, "", ref, False)


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


def read_index(lang: str | None = None) -> list[Entry]:
    """The committed entries of ``lang`` (default: the current language) as they are (no
    check against the files: the first frame's cost); an empty list if that index is
    missing or unreadable."""
    try:
        return loads(index_file(lang).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []


def verify(entries: list[Entry], lang: str | None = None) -> tuple[list[Entry], list[Path]]:
    """The entries (of ``lang``'s index) that still match their bundled files, and the
    bundled files to rebuild (new, or changed since the index was written). Entries whose
    file is gone are dropped."""
    lang = _lang(lang)
    files = {p.stem: p for p in sorted(paths.scenarios_dir().glob("*.toml")) if p.is_file()}
    fresh = [e for e in entries
             if e.ref in files and digest(files[e.ref], lang) == e.digest]
    known = {e.ref for e in fresh}
    return fresh, [p for ref, p in files.items() if ref not in known]


def load_index(lang: str | None = None) -> tuple[list[Entry], list[Path]]:
    """:func:`read_index` then :func:`verify`, for ``lang`` (default: the current one)."""
    return verify(read_index(lang), lang)


def main(argv: list[str] | None = None) -> int:
    """Rewrite the committed index of every language (``--check``: exit 1 if one is out of
    date instead)."""
    args = sys.argv[1:] if argv is None else argv
    stale = 0
    for lang in i18n.LANGS:
        text = dumps(build_index(lang))
        target = index_file(lang)
        if "--check" in args:
            current = target.read_text(encoding="utf-8") if target.is_file() else ""
            if current != text:
                print(f"{target} is out of date: run 'python -m explainer.incident_index'")
                stale += 1
            continue
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}")
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
