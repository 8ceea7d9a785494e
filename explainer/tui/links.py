"""Glossary links in text shown by the app.

:func:`linked` turns a plain string (a scenario's summary, an engine reason) into a Rich
``Text`` whose glossary terms are underlined and, when clicked, open the glossary at that
term (``app.glossary('<id>')``). A string passes ``safe_text.clean`` first and is never
parsed as markup: it is kept literally and only styled, so text from a scenario file can
inject neither control bytes, markup nor actions.
Term ids come from the bundled glossary and match ``[a-z0-9-]+``.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from explainer import i18n
from explainer.glossary import Glossary, first_links, load_glossary
from explainer.safe_text import clean

LINK_STYLE = "underline"


def link_style(term_id: str) -> Style:
    """The style of a link to ``term_id``: underlined, and a click opens its definition."""
    return Style(underline=True, meta={"@click": f"app.glossary({term_id!r})"})


def linked(text: str | Text, seen: set[str] | None = None, style: str = "",
           glossary: Glossary | None = None) -> Text:
    """``text`` as ``Text`` with each glossary term's first occurrence linked.

    ``seen`` holds the terms already linked in the same section (and is updated), so a
    term is linked once per section rather than at every mention. The glossary is by
    default the one in the language in use, so Japanese text links its Japanese terms.
    """
    # a str may come from a scenario file (an engine reason names its places): guard it
    out = text.copy() if isinstance(text, Text) else Text(clean(text, multiline=True),
                                                            style=style)
    glossary = glossary or load_glossary(i18n.current())
    for start, end, term_id in first_links(out.plain, glossary, seen):
        out.stylize(link_style(term_id), start, end)
    return out


def link_ids(text: Text) -> set[str]:
    """The term ids a ``Text`` links to (for tests and the glossary's 'on this page')."""
    ids = set()
    for span in text.spans:
        style = span.style
        if isinstance(style, Style) and style.meta.get("@click", "").startswith("app.glossary("):
            ids.add(style.meta["@click"][len("app.glossary('"):-2])
    return ids
