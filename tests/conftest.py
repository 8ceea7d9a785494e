"""Shared fixtures and Hypothesis profiles.

Two profiles: ``quick`` (the default, for people running the suite while they work) and
``thorough`` (chosen when the environment has CI=true, as CI sets it; or by name with
HYPOTHESIS_PROFILE). Tests leave ``max_examples`` to the profile, so one switch scales
every property test; a test that needs more says so relative to the profile.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from explainer import loader
from explainer.model import Incident

settings.register_profile(
    "quick", max_examples=40, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.register_profile(
    "thorough", max_examples=300, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE")
                      or ("thorough" if os.environ.get("CI") == "true" else "quick"))


@pytest.fixture(scope="session")
def coincheck() -> Incident:
    """The bundled Coincheck 2018 scenario."""
    return loader.load("coincheck-2018")


@pytest.fixture(autouse=True)
def english_unless_asked(monkeypatch: pytest.MonkeyPatch):
    """Every test starts in English whatever the machine's locale, and leaves English behind:
    the language is process state (``explainer.i18n``), and a Japanese test must not leak
    into the next one. Subprocesses see no locale variables unless a test sets them."""
    from explainer import i18n

    for name in i18n.LOCALE_VARS:
        monkeypatch.delenv(name, raising=False)
    i18n.use("en")
    yield
    i18n.use("en")
