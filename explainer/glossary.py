"""The glossary: terms a newcomer meets, each defined in a sentence or two.

The terms live in ``assets/glossary.toml`` (format agreed in the project's FORMATS notes)::

    format = 1

    [[terms]]
    id = "hot-wallet"                       # lowercase letters, digits and '-'
    term = "hot wallet"                     # the heading shown
    match = ["hot wallet", "hot wallets"]   # phrases linked where they appear in text
    definition = "One or two sentences."
    see = ["cold-wallet"]                   # optional: other term ids

Translations sit beside it as ``assets/glossary.<lang>.toml`` (``ja`` so far): the same ids
and ``see`` lists, with headings, definitions and match phrases in that language.

This module is pure apart from :func:`load_glossary`: :func:`parse_glossary` checks a
file's text and builds :class:`Term` objects (``GlossaryError`` naming the term and the
problem otherwise); :func:`find_terms` finds where terms occur in a text (case-insensitive,
whole words, the longest phrase winning where phrases overlap), which the app turns into
links; :func:`link_markdown` does the same for a lesson page's Markdown, as links of the
form ``glossary:<id>``. Nothing here imports Rich or Textual.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from explainer import paths

FORMAT = 1
LINK_SCHEME = "glossary:"
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_FIELDS = {"id", "term", "match", "definition", "see"}


class GlossaryError(ValueError):
    """The glossary file is malformed; the message names the term and the problem."""


@dataclass(frozen=True)
class Term:
    """One glossary entry."""

    id: str
    term: str
    match: tuple[str, ...]
    definition: str
    see: tuple[str, ...] = ()


@dataclass(frozen=True)
class Glossary:
    """Every term, in the file's order, with a compiled matcher for all their phrases."""

    terms: tuple[Term, ...]

    def get(self, term_id: str) -> Term | None:
        """The term with this id, or None."""
        return next((t for t in self.terms if t.id == term_id), None)

    @property
    def by_name(self) -> tuple[Term, ...]:
        """The terms in alphabetical order of their headings."""
        return tuple(sorted(self.terms, key=lambda t: t.term.casefold()))


def _strings(value: Any, where: str, field: str, *, empty_ok: bool = False) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise GlossaryError(f"{where}: '{field}' must be a list of non-empty strings")
    if not value and not empty_ok:
        raise GlossaryError(f"{where}: '{field}' needs at least one phrase")
    return tuple(" ".join(v.split()) for v in value)


def parse_glossary(text: str) -> Glossary:
    """Check and build a glossary from a file's text; ``GlossaryError`` if malformed."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise GlossaryError(f"glossary: not valid TOML ({exc})") from None
    if data.get("format") != FORMAT:
        raise GlossaryError(f"glossary: 'format = {FORMAT}' is required")
    rows = data.get("terms")
    if not isinstance(rows, list) or not rows:
        raise GlossaryError("glossary: no [[terms]]")
    terms: list[Term] = []
    seen_ids: set[str] = set()
    seen_phrases: dict[str, str] = {}
    for n, row in enumerate(rows, 1):
        where = f"glossary term {n}"
        if not isinstance(row, dict):
            raise GlossaryError(f"{where}: not a table")
        term_id = row.get("id")
        if not isinstance(term_id, str) or not _ID.fullmatch(term_id):
            raise GlossaryError(f"{where}: 'id' must be lowercase letters, digits and '-'")
        where = f"glossary term {term_id!r}"
        unknown = set(row) - _FIELDS
        if unknown:
            raise GlossaryError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        if term_id in seen_ids:
            raise GlossaryError(f"{where}: a second term with this id")
        seen_ids.add(term_id)
        for field in ("term", "definition"):
            if not isinstance(row.get(field), str) or not row[field].strip():
                raise GlossaryError(f"{where}: '{field}' must be a non-empty string")
        match = _strings(row.get("match"), where, "match")
        for phrase in match:
            other = seen_phrases.setdefault(phrase.casefold(), term_id)
            if other != term_id:
                raise GlossaryError(f"{where}: the phrase {phrase!r} also links to {other!r}")
        see = _strings(row.get("see", []), where, "see", empty_ok=True)
        terms.append(Term(term_id, " ".join(row["term"].split()), match,
                          " ".join(row["definition"].split()), see))
    for term in terms:
        for other in term.see:
            if other not in seen_ids:
                raise GlossaryError(f"glossary term {term.id!r}: 'see' names unknown {other!r}")
    return Glossary(tuple(terms))


def glossary_file(lang: str = paths.DEFAULT_LANG) -> Path:
    """The bundled glossary's path in ``lang``: ``glossary.<lang>.toml`` where that
    translation exists, otherwise the English ``glossary.toml``; ``ValueError`` for a
    string that is not a language code."""
    if paths.lang_code(lang) != paths.DEFAULT_LANG:
        translated = paths.assets_dir() / f"glossary.{lang}.toml"
        if translated.is_file():
            return translated
    return paths.assets_dir() / "glossary.toml"


@cache
def load_glossary(lang: str = paths.DEFAULT_LANG) -> Glossary:
    """The bundled glossary in ``lang``, or in English where it is not translated (read
    once per language)."""
    return parse_glossary(glossary_file(lang).read_text(encoding="utf-8"))


# Scripts written without spaces between words (kana, CJK ideographs, full-width forms): a
# phrase edge in one of them needs no word boundary, as Japanese never has one.
_UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_SPACED_WORD = rf"[^\W{_UNSPACED}]"


def _phrase_pattern(phrase: str) -> str:
    """A phrase's regex: spaces match any run of white space, and an end in a spaced
    script may not run on into a word or a hyphenated compound."""
    body = re.escape(phrase).replace(r"\ ", r"\s+")
    return body if re.search(f"[{_UNSPACED}]$", phrase) else rf"{body}(?!{_SPACED_WORD})(?!-)"


@cache
def _matcher(glossary: Glossary) -> tuple[re.Pattern[str], dict[str, str]]:
    phrases = {p.casefold(): t.id for t in glossary.terms for p in t.match}
    # longest first, so "co-signing service" wins over "co-signing" where both match
    ordered = sorted(phrases, key=len, reverse=True)
    # A phrase starting in a spaced script may not start inside a word; one starting in
    # kana or kanji may start anywhere. The two kinds never match at the same place, so
    # they can sit in two groups, and the start is checked once per place, not per phrase
    # (which keeps matching as fast as a plain whole-word pattern).
    starts_unspaced = re.compile(f"[{_UNSPACED}]")
    unspaced = [p for p in ordered if starts_unspaced.match(p)]
    spaced = [p for p in ordered if not starts_unspaced.match(p)]
    groups = []
    if spaced:
        groups.append(rf"(?<!{_SPACED_WORD})(?<!-)(?:{'|'.join(map(_phrase_pattern, spaced))})")
    if unspaced:
        groups.append(f"(?:{'|'.join(map(_phrase_pattern, unspaced))})")
    return re.compile("|".join(groups), re.IGNORECASE), phrases


def find_terms(text: str, glossary: Glossary) -> list[tuple[int, int, str]]:
    """Where glossary phrases occur in ``text``: ``(start, end, term id)``, in order, no overlaps.

    Matching is case-insensitive and on whole words (a phrase inside a longer word or a
    hyphenated compound does not count); where phrases overlap, the longest wins. Japanese
    has no spaces between words, so an edge of a phrase in kana or kanji matches wherever
    it falls ("秘密鍵の" holds 秘密鍵), and a Latin edge next to Japanese is a word edge
    ("NEMの" holds NEM).
    """
    if not glossary.terms:
        return []
    pattern, phrases = _matcher(glossary)
    out = []
    for match in pattern.finditer(text):
        key = " ".join(match.group(0).split()).casefold()
        out.append((match.start(), match.end(), phrases[key]))
    return out


def first_links(text: str, glossary: Glossary,
                seen: set[str] | None = None) -> list[tuple[int, int, str]]:
    """The spans of :func:`find_terms` to link: each term's first occurrence only.

    ``seen`` carries the terms already linked earlier on the same page (and is updated).
    """
    seen = set() if seen is None else seen
    out = []
    for start, end, term_id in find_terms(text, glossary):
        if term_id not in seen:
            seen.add(term_id)
            out.append((start, end, term_id))
    return out


# Markdown that must not be touched: code, existing links and images, HTML, headings' marks.
_MD_SKIP = re.compile(r"```.*?```|`[^`\n]*`|!?\[[^\]\n]*\]\([^)\n]*\)|<[^>\n]*>|^#+ ",
                      re.DOTALL | re.MULTILINE)


def link_markdown(markdown: str, glossary: Glossary, seen: set[str] | None = None) -> str:
    """``markdown`` with each term's first occurrence made a ``[text](glossary:id)`` link.

    Code, existing links, HTML and headings' ``#`` marks are left alone. Phrases that run
    across emphasis marks (``**hot** wallet``) are not linked.
    """
    seen = set() if seen is None else seen
    parts: list[str] = []
    at = 0
    for skip in (*_MD_SKIP.finditer(markdown), None):
        end = skip.start() if skip else len(markdown)
        chunk = markdown[at:end]
        pos = 0
        for start, stop, term_id in first_links(chunk, glossary, seen):
            parts.append(chunk[pos:start])
            parts.append(f"[{chunk[start:stop]}]({LINK_SCHEME}{term_id})")
            pos = stop
        parts.append(chunk[pos:])
        if skip:
            parts.append(skip.group(0))
            at = skip.end()
    return "".join(parts)


def linked_ids(markdown: str) -> set[str]:
    """The term ids a Markdown text links to with ``glossary:`` links."""
    return set(re.findall(rf"\]\({re.escape(LINK_SCHEME)}([a-z0-9-]+)\)", markdown))


def unlinked_terms(markdown: str, glossary: Glossary) -> set[str]:
    """Term ids that occur in ``markdown`` outside code, links and HTML but are never linked
    (an empty set for a page run through :func:`link_markdown`)."""
    plain = _MD_SKIP.sub(lambda m: " " * len(m.group(0)), markdown)
    return {t for _, _, t in find_terms(plain, glossary)} - linked_ids(markdown)
