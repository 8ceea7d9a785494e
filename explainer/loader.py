"""The one loader of scenario files: read safely, check everything, build the model.

Problems come out as one typed exception, ``ScenarioError``, holding every problem
found, each with the file, the line where it can be found, the field path and a plain
explanation. Nothing in a file is ever executed: TOML is parsed as data only.

The work is done by ``explainer.scenario_io`` (read, shape, refs, build), one concern
per module; this module puts the steps together and is what the rest of the program
imports.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from explainer import model as m
from explainer import paths
from explainer.i18n import _
from explainer.scenario_io.build import build_incident, build_setup
from explainer.scenario_io.build import domain as build_domain
from explainer.scenario_io.lines import find_line, line_index
from explainer.scenario_io.problems import Problem, ScenarioError, shown
from explainer.scenario_io.read import BOM, MAX_BYTES, parse_toml, read_text
from explainer.scenario_io.refs import incident_refs, library_refs
from explainer.scenario_io.shape import Checker, is_id, to_decimal
from explainer.schema import INCIDENT, LIBRARY

__all__ = [
    "BOM", "MAX_BYTES", "Problem", "ScenarioError", "build_incident", "build_setup",
    "bundled_paths", "check_file", "check_incident_data", "check_library_data", "find_line",
    "line_index", "load", "load_incident", "load_library", "parse_toml", "read_text",
    "resolve", "to_decimal",
]


def check_incident_data(data: dict[str, Any], text: str, name: str) -> list[Problem]:
    """Every problem with parsed incident data: shape, then references and invariants."""
    c = Checker(name, text)
    c.table(data, INCIDENT, "")
    incident_refs(c, data)
    return c.problems


def check_library_data(data: dict[str, Any], text: str, name: str) -> list[Problem]:
    """Every problem with a library of reusable setups."""
    c = Checker(name, text)
    c.table(data, LIBRARY, "")
    library_refs(c, data)
    return c.problems


def check_file(path: Path | str) -> list[Problem]:
    """Every problem with a scenario or library file; an empty list means it is valid."""
    path = Path(path)
    try:
        text = read_text(path)
        data = parse_toml(text, str(path))
    except ScenarioError as exc:
        return exc.problems
    if _is_library(data):
        return check_library_data(data, text, str(path))
    return check_incident_data(data, text, str(path))


def _is_library(data: dict[str, Any]) -> bool:
    return "setups" in data and "outflows" not in data and "id" not in data


def load_incident(path: Path | str) -> m.Incident:
    """Load, check and build one incident file; raises ``ScenarioError``."""
    path = Path(path)
    text = read_text(path)
    data = parse_toml(text, str(path))
    if _is_library(data):
        raise ScenarioError([Problem(str(path), None, "", _(
            "this is a library of setups, not an incident: its setups replay against an "
            "incident with 'replay INCIDENT --all' or '--setup ID'"))])
    problems = check_incident_data(data, text, str(path))
    if problems:
        raise ScenarioError(problems)
    return build_incident(data, str(path))


def load_library(
    path: Path | str | None = None,
) -> tuple[tuple[m.Domain, ...], tuple[m.Setup, ...]]:
    """Load the reusable setups (bundled by default): their generic domains and the setups."""
    path = Path(path) if path is not None else paths.library_file()
    text = read_text(path)
    data = parse_toml(text, str(path))
    problems = check_library_data(data, text, str(path))
    if problems:
        raise ScenarioError(problems)
    domains = tuple(build_domain(d) for d in data["domains"])
    return domains, tuple(build_setup(s, "library") for s in data["setups"])


def bundled_paths() -> list[Path]:
    """Bundled incident files, sorted by name."""
    return sorted(p for p in paths.scenarios_dir().glob("*.toml") if p.is_file())


def resolve(ref: str) -> Path:
    """A bundled scenario id or a path to a file; ``ScenarioError`` when it is neither.

    A ref shaped like an id (see ``schema.ID_PATTERN``) is looked up among the bundled
    scenarios, then as a file of that name; one that ends in ``.toml`` or holds a path
    separator is a path, read (and refused, if need be) by ``read_text``. Anything else
    is refused before the file system is asked, whatever its length.
    """
    known = ", ".join(p.stem for p in bundled_paths())
    if not ref.strip():
        raise ScenarioError([Problem("''", None, "", _("no scenario given (bundled: {known})")
                                     .format(known=known))])
    if is_id(ref):
        candidate = paths.scenarios_dir() / f"{ref}.toml"
        if candidate.is_file():
            return candidate
        if Path(ref).exists():  # a file in the current directory, named like an id
            return Path(ref)
    elif ref.lower().endswith(".toml") or "/" in ref or os.sep in ref:
        return Path(ref)
    raise ScenarioError([Problem(shown(ref), None, "", _(
        "unknown scenario (bundled: {known}; or give a path to a .toml file)").format(
            known=known))])


def load(ref: str) -> m.Incident:
    """Load a bundled scenario by id, or a scenario file by path."""
    return load_incident(resolve(ref))
