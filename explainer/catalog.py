"""What can be replayed: bundled incidents, and each incident's setups plus the library's."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from explainer import loader
from explainer.i18n import _
from explainer.model import Domain, Incident, Setup
from explainer.paths import DEFAULT_SCENARIO
from explainer.scenario_io.problems import shown

__all__ = ["DEFAULT_SCENARIO", "UnknownSetup", "find_setup", "library", "scenarios",
           "setups_for"]


class UnknownSetup(KeyError):
    """No setup of that id for this incident; the message names the ones there are."""

    def __init__(self, incident: Incident, setup_id: str, known: Sequence[str]):
        super().__init__(setup_id)
        self.setup_id = setup_id
        self.known = tuple(known)
        self.message = _("{incident} has no setup '{setup}' (setups: {known})").format(
            incident=incident.id, setup=shown(setup_id), known=", ".join(known))

    def __str__(self) -> str:
        return self.message


def library(lang: str | None = None) -> tuple[tuple[Domain, ...], tuple[Setup, ...]]:
    """The bundled library of reusable setups, with its texts in ``lang`` (by default the
    language in use); loaded once per language."""
    from explainer import i18n

    return _library(lang or i18n.current())


@cache
def _library(lang: str) -> tuple[tuple[Domain, ...], tuple[Setup, ...]]:
    domains, setups = loader.load_library()
    if lang == "en":
        return domains, setups
    from explainer.translations import localize_library  # only a translated reader needs it

    return localize_library(domains, setups, lang)


def setups_for(incident: Incident, with_library: bool = True) -> list[Setup]:
    """The incident's own setups, then every library setup mapped onto this incident."""
    own = list(incident.setups)
    if not with_library:
        return own
    from explainer.engine import instantiate  # not at import: the home screen needs no engine

    domains, setups = library()
    taken = {s.id for s in own}
    return own + [instantiate(s, incident, domains) for s in setups if s.id not in taken]


def find_setup(incident: Incident, setup_id: str,
               setups: Sequence[Setup] | None = None) -> Setup:
    """A setup by id among ``setups`` (by default ``setups_for(incident)``: the incident's
    own first, then the library's); ``UnknownSetup`` naming the choices if there is none.

    The one way to find a setup: the command line and the app both call it.
    """
    candidates = setups_for(incident) if setups is None else setups
    for s in candidates:
        if s.id == setup_id:
            return s
    raise UnknownSetup(incident, setup_id, [s.id for s in candidates])


def scenarios() -> list[Incident]:
    """Every bundled incident, loaded and checked, sorted by date, with its texts in the
    language in use."""
    from explainer import i18n

    found = sorted((loader.load_incident(p) for p in loader.bundled_paths()),
                   key=lambda i: (i.date, i.id))
    if i18n.current() == i18n.DEFAULT:
        return found
    from explainer.translations import localize  # only a translated reader needs it

    return [localize(i, i18n.current()) for i in found]
