"""What the loader reports: one ``Problem`` per thing wrong, all in one ``ScenarioError``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NoReturn

from explainer.i18n import ngettext
from explainer.schema import CONTROL

SHOWN_CHARS = 60  # how much of a bad value a message quotes


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        if self.field:
            return f"{where}: {self.field}: {self.message}"
        return f"{where}: {self.message}"


class ScenarioError(Exception):
    """A scenario file (or id) could not be used; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        first = str(problems[0])
        if len(problems) > 1:
            more = len(problems) - 1
            first = ngettext("{first} (and {count} more problem)",
                             "{first} (and {count} more problems)", more).format(first=first,
                                                                                 count=more)
        super().__init__(first)


def fail(problems: list[Problem]) -> NoReturn:
    """Raise ``problems`` as one ``ScenarioError``."""
    raise ScenarioError(problems)


def shown(value: str, limit: int = SHOWN_CHARS) -> str:
    """A value from a file or argv as a message may quote it: control characters written
    as escapes (``\\x1b``), and cut to ``limit`` characters so one bad id of 10,000
    characters stays one readable line ("..." marks the cut: ASCII, for any encoding)."""
    text = CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
