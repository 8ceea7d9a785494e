"""A translated sentence with some of its values styled, without gluing fragments.

A sentence such as "the transfer as signed checks {valid}" is translated whole (so the
translation may put ``{valid}`` anywhere); :func:`styled` then fills its fields into a
Rich ``Text``, each with its own style, as ``str.format`` would fill them into a string.
"""

from __future__ import annotations

from string import Formatter

from rich.text import Text

Field = str | tuple[str, str]  # a value, or (value, style)


def styled(template: str, style: str = "", /, **fields: Field) -> Text:
    """``template`` with its ``{name}`` fields filled from ``fields``; the template's own
    words take ``style``, a field given as ``(value, style)`` its own. Values are plain
    text (never markup); a field not given raises ``KeyError`` as ``format`` would."""
    text = Text()
    for literal, name, spec, conversion in Formatter().parse(template):
        if literal:
            text.append(literal, style=style)
        if name is None:
            continue
        if spec or conversion:
            raise ValueError(f"styled() takes plain fields only, not {name!r} with a format")
        value = fields[name]
        if isinstance(value, tuple):
            text.append(value[0], style=value[1])
        else:
            text.append(value, style=style)
    return text
