"""What can be replayed: bundled incidents, and each incident's setups plus the library's."""

from __future__ import annotations

from functools import cache

from explainer import loader
from explainer.model import Domain, Incident, Setup


@cache
def library() -> tuple[tuple[Domain, ...], tuple[Setup, ...]]:
    """The bundled library of reusable setups (loaded once)."""
    return loader.load_library()


def setups_for(incident: Incident, with_library: bool = True) -> list[Setup]:
    """The incident's own setups, then every library setup mapped onto this incident."""
    own = list(incident.setups)
    if not with_library:
        return own
    from explainer.engine import instantiate  # not at import: the home screen needs no engine

    domains, setups = library()
    taken = {s.id for s in own}
    return own + [instantiate(s, incident, domains) for s in setups if s.id not in taken]


def find_setup(incident: Incident, setup_id: str) -> Setup:
    """A setup by id, the incident's own first; ``KeyError`` naming the choices if unknown."""
    for s in setups_for(incident):
        if s.id == setup_id:
            return s
    raise KeyError(setup_id)


def scenarios() -> list[Incident]:
    """Every bundled incident, loaded and checked, sorted by date."""
    return sorted((loader.load_incident(p) for p in loader.bundled_paths()),
                  key=lambda i: (i.date, i.id))
