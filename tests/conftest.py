"""Shared fixtures: the bundled Coincheck incident, loaded once per session."""

from __future__ import annotations

import pytest

from explainer import loader
from explainer.model import Incident


@pytest.fixture(scope="session")
def coincheck() -> Incident:
    """The bundled Coincheck 2018 scenario."""
    return loader.load("coincheck-2018")
