"""The one guard between untrusted text and any output.

Every string that comes from a scenario file or from the command line is data: it is
shown, never obeyed. Before such a string reaches a terminal, a handout or a browser it
passes through one of these functions:

- ``clean``: control characters (C0, DEL, C1), lone surrogates (undecodable argv bytes)
  and the invisible characters that reorder or split a line (bidirectional overrides,
  Unicode line separators) are replaced by a visible escape such as the four characters
  ``\\x1b``; a newline or a tab survives only where the field allows several lines.
- ``rich_text``: a Rich ``Text`` of the cleaned string. Rich and Textual parse a plain
  ``str`` as markup (``[link=...]`` makes a hyperlink, ``[/]`` raises), a ``Text`` never.
- ``markdown``: the cleaned string with Markdown and HTML syntax escaped, for handouts.
- ``web_url``: the address when it is an http or https URL safe to make a link, else None.
- ``json_safe``: JSON text with the characters above written as ``\\u`` escapes (the
  ``json`` module already escapes C0), so a JSON document printed to a terminal cannot
  drive it either; the decoded data is unchanged.

This module uses the standard library only and imports Rich inside ``rich_text``: the
JSON path never loads Rich or Textual.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.style import Style
    from rich.text import Text

# DEL, C1; lone surrogates; Arabic letter mark, LRM/RLM, the bidirectional embeddings,
# overrides and isolates; the Unicode line and paragraph separators
_BEYOND_C0 = "\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
# ... and C0 but newline and tab
_ALWAYS = f"\x00-\x08\x0b-\x1f{_BEYOND_C0}"
_ONE_LINE = re.compile(f"[\t\n{_ALWAYS}]")
_MULTILINE = re.compile(f"[{_ALWAYS}]")

# characters with a meaning anywhere in CommonMark/GFM inline text or HTML
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~]|&(?=#?[0-9A-Za-z]+;))")
# constructs that only mean something at the start of a line (headings, quotes, lists,
# rules, setext underlines, ordered lists)
# ('>' and '*' are escaped everywhere already; "-5%" or "36.067%" stay as they are)
_MD_LINE_START = re.compile(r"^([ \t]*)(#{1,6}(?=[ \t]|$)|[-+=](?=[ \t]|$|[-=]+[ \t]*$))",
                            re.MULTILINE)
_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)
_MD_ORDERED = re.compile(r"^([ \t]*\d{1,9})([.)])(?=[ \t]|$)", re.MULTILINE)
# what a link target may not contain, even in an http(s) URL
_URL_FORBIDDEN = re.compile(r"[\s<>\"'`\\{}|^]")
# what json.dumps leaves raw (it escapes C0 itself)
_JSON_CONTROL = re.compile(f"[{_BEYOND_C0}]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control character shown as a visible escape (``\\x1b``).

    With ``multiline`` a newline and a tab are kept (a CR LF pair becomes a newline);
    without it they are escaped too, so the result is always a single line.
    """
    if multiline:
        return _MULTILINE.sub(_visible, text.replace("\r\n", "\n"))
    return _ONE_LINE.sub(_visible, text)


def rich_text(text: str, style: str | Style = "", *, multiline: bool = False) -> Text:
    """A Rich ``Text`` showing ``text`` literally: cleaned, never parsed as markup."""
    from rich.text import Text

    return Text(clean(text, multiline=multiline), style=style)


def markdown(text: str, *, multiline: bool = False) -> str:
    """``text`` for a Markdown handout: cleaned, with Markdown and HTML syntax escaped.

    Inline syntax (emphasis, code, links, images, raw HTML, entities, tables, strikethrough)
    is escaped everywhere, and block syntax (headings, quotes, lists, rules) at the start
    of each line (whose indentation is dropped). In a single-line field a newline is
    shown as ``\\x0a``.
    """
    # indentation means nothing in prose, and four spaces would make a code block
    escaped = _MD_INLINE.sub(r"\\\1", _INDENT.sub("", clean(text, multiline=multiline)))
    escaped = _MD_LINE_START.sub(r"\1\\\2", escaped)
    return _MD_ORDERED.sub(r"\1\\\2", escaped)


def web_url(url: str | None) -> str | None:
    """``url`` if it is an http or https address with a host that can be a link, else None."""
    if not url or _URL_FORBIDDEN.search(url) or clean(url) != url:
        return None
    from urllib.parse import urlsplit  # only handouts and the sources dialog need it

    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. a malformed IPv6 host
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def json_safe(text: str) -> str:
    """JSON text with DEL, C1, lone surrogates, bidirectional controls and the Unicode line
    separators as ``\\u`` escapes.

    ``json.dumps`` escapes C0 characters already; the rest decode to the same data.
    """
    if text.isascii() and "\x7f" not in text:  # the usual case, checked at C speed
        return text
    return _JSON_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
