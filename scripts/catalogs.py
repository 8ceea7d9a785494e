"""Keep the gettext catalogs in step with the code, with Babel.

    python scripts/catalogs.py update     extract every marked string and merge it into each
                                          language's .po (new ones arrive untranslated)
    python scripts/catalogs.py compile    compile each .po into the .mo the wheel ships
    python scripts/catalogs.py check      exit 1 if a .po lacks a marked string, has an
                                          untranslated or fuzzy entry, or its .mo is stale
    python scripts/catalogs.py merge-driver BASE OURS THEIRS
                                          git merge driver: the union of two .po files

Strings are marked with ``_``, ``N_`` and ``ngettext`` from ``explainer.i18n``. The .po
files carry no source locations and are sorted by message, so two branches that add
different strings merge without conflict (see the driver at the end).
"""

from __future__ import annotations

import io
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "explainer"
LOCALE = PACKAGE / "data" / "locale"
DOMAIN = "explainer"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
# A fixed header date: a date that changed on every update would make every merge conflict.
FIXED = datetime(2026, 12, 1, tzinfo=UTC)


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> list[str]:
    return sorted(p.name for p in LOCALE.iterdir() if po_path(p.name).exists())


def extract() -> Catalog:
    """Every string marked in the package's Python code, as a template catalog."""
    template = Catalog(project="wallet-explainer", domain=DOMAIN)
    for _file, _line, message, comments, context in extract_from_dir(
            str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS,
            comment_tags=("TRANSLATORS:",), strip_comment_tags=True):
        template.add(message, None, auto_comments=comments, context=context)
    return template


def read(path: Path, lang: str) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=lang, domain=DOMAIN)


def write(catalog: Catalog, path: Path) -> None:
    catalog.creation_date = catalog.revision_date = FIXED
    catalog.last_translator = "wallet-explainer translators"
    catalog.language_team = "ja"
    buf = io.BytesIO()
    write_po(buf, catalog, omit_header=False, no_location=True, sort_output=True, width=100,
             ignore_obsolete=True, include_previous=False)
    path.write_bytes(buf.getvalue())


def update() -> None:
    template = extract()
    for lang in languages():
        catalog = read(po_path(lang), lang)
        catalog.update(template, no_fuzzy_matching=True)
        write(catalog, po_path(lang))
        print(f"{lang}: {len(template)} messages, {len(untranslated(catalog))} untranslated")


def compile_all() -> None:
    for lang in languages():
        catalog = read(po_path(lang), lang)
        with po_path(lang).with_suffix(".mo").open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)


def untranslated(catalog: Catalog) -> list[str]:
    return [str(m.id) for m in catalog if m.id and (not m.string or m.fuzzy
            or (isinstance(m.string, tuple) and not all(m.string)))]


def _hashable(value: str | list[str] | tuple[str, ...]) -> str | tuple[str, ...]:
    """A plural message's id and forms as a tuple (read_mo gives lists, read_po tuples)."""
    return value if isinstance(value, str) else tuple(value)


def problems() -> list[str]:
    template = extract()
    wanted = {m.id for m in template if m.id}
    found: list[str] = []
    for lang in languages():
        catalog = read(po_path(lang), lang)
        have = {m.id for m in catalog if m.id}
        found += [f"{lang}: not in the catalog: {mid!r}" for mid in sorted(wanted - have, key=str)]
        found += [f"{lang}: untranslated: {mid!r}" for mid in untranslated(catalog)]
        mo = po_path(lang).with_suffix(".mo")
        if not mo.exists():
            found.append(f"{lang}: {mo.relative_to(ROOT)} is missing (run compile)")
            continue
        with mo.open("rb") as fh:
            compiled = {_hashable(m.id): _hashable(m.string) for m in read_mo(fh) if m.id}
        source = {_hashable(m.id): _hashable(m.string) for m in catalog if m.id and not m.fuzzy}
        if compiled != source:
            found.append(f"{lang}: {mo.relative_to(ROOT)} is stale (run compile)")
    return found


def merge_driver(base: str, ours: str, theirs: str) -> int:
    """Three-way merge of two .po files, message by message: every message of either side;
    a translation changed on one side only takes that side's change; changed on both, ours
    wins (the merge is then re-checked by ``check``)."""
    lang = Path(ours).parent.parent.name if Path(ours).parent.name == "LC_MESSAGES" else "ja"
    a, b = read(Path(ours), lang), read(Path(theirs), lang)
    try:
        o = read(Path(base), lang)
    except Exception:  # no common ancestor (a new file on both sides)
        o = Catalog(locale=lang, domain=DOMAIN)
    for m in b:
        if not m.id:
            continue
        mine = a.get(m.id)
        was = o.get(m.id)
        if mine is None:
            a[m.id] = m
        elif m.string and (not mine.string
                           or (was is not None and mine.string == was.string != m.string)):
            # only theirs translated or changed it (Catalog's setitem keeps our string)
            mine.string, mine.flags = m.string, set(m.flags)
    write(a, Path(ours))
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        update()
    elif argv[:1] == ["compile"]:
        compile_all()
    elif argv[:1] == ["check"]:
        found = problems()
        print("\n".join(found) or "catalogs complete")
        return 1 if found else 0
    elif argv[:1] == ["merge-driver"] and len(argv) == 4:
        return merge_driver(*argv[1:])
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
