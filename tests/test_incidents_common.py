"""What every bundled incident must satisfy: a valid file, sources for what it states,
and clean replays under every library setup."""

from __future__ import annotations

from decimal import Decimal

import pytest

from explainer import loader
from explainer.catalog import library
from explainer.engine import instantiate, replay

INCIDENTS = [p.stem for p in loader.bundled_paths()]
LIBRARY = [s.id for s in library()[1]]


def test_there_are_eleven_incidents() -> None:
    assert len(INCIDENTS) == 11 and "coincheck-2018" in INCIDENTS


@pytest.mark.parametrize("incident_id", INCIDENTS)
def test_file_is_valid(incident_id: str) -> None:
    assert loader.check_file(loader.resolve(incident_id)) == []


@pytest.mark.parametrize("incident_id", INCIDENTS)
def test_every_sourced_item_cites_declared_sources(incident_id: str) -> None:
    incident = loader.load(incident_id)
    declared = {s.id for s in incident.sources}
    cited = [o.sources for o in incident.outflows] + [a.sources for a in incident.achievements]
    cited += [f.sources for f in incident.facts] + [v.sources for v in incident.valuations]
    cited += [r.sources for r in incident.response] + [incident.pool_sources]
    cited += [claim.sources for c in incident.conflicts for claim in c.claims]
    assert all(ids and set(ids) <= declared for ids in cited)
    # a time given only as a window is approximate
    assert all(o.approximate for o in incident.outflows if o.latest is not None)


@pytest.mark.parametrize("incident_id", INCIDENTS)
def test_incident_has_an_as_run_setup_with_sources(incident_id: str) -> None:
    setup = loader.load(incident_id).setup("as-run")
    assert setup.sources


@pytest.mark.parametrize("incident_id", INCIDENTS)
@pytest.mark.parametrize("setup_id", LIBRARY)
def test_library_setup_replays_within_bounds(incident_id: str, setup_id: str) -> None:
    incident = loader.load(incident_id)
    domains, setups = library()
    # the library's own setup, even where the incident has one of the same id
    setup = instantiate(next(s for s in setups if s.id == setup_id), incident, domains)
    r = replay(incident, setup)
    s = r.summary
    assert Decimal(0) <= s.lost <= s.exposed <= s.pool
    assert len({e.attempt for e in r.events}) == len(incident.outflows)
    assert s.why
