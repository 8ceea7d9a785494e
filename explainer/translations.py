"""Scenario texts in other languages: per-language files keyed by the scenario's own ids.

A translation of ``coincheck-2018`` into Japanese lives in
``explainer/data/scenarios/ja/coincheck-2018.toml`` (the library's setups in
``ja/library.toml``). It holds text only, each text under the path of the thing it
translates: ``[facts.customers]`` ``label = "..."``, ``[setups.as-run.wallets.hot]``,
``[conflicts.amount.claims.1]``... Numbers, times, amounts, addresses, URLs and source
titles are never translated, so a translation cannot change what the replay computes.
See ``docs/translations.md`` for the format and the keys of entries without ids.

Everything here is pure: ``check`` lists every problem of a translation against its
scenario (with file, line and field), ``untranslated`` lists what it leaves in English,
and ``apply`` returns a translated copy of the incident, falling back to English for
whatever is missing. Reading a file (``read``) reuses the scenario loader's safe reader.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from explainer import model as m
from explainer import paths
from explainer.i18n import _
from explainer.scenario_io.lines import find_line, line_index
from explainer.scenario_io.problems import Problem, ScenarioError, shown
from explainer.scenario_io.read import parse_toml, read_text
from explainer.schema import CONTROL, CONTROL_MULTILINE, FORMAT_VERSION, ID_PATTERN

__all__ = [
    "EN_HASH", "HEADER", "LIBRARY", "MULTILINE", "Problem", "ScenarioError", "apply",
    "apply_library", "bundled_file", "check", "check_library", "en_hash", "entry_keys",
    "library_targets", "read", "targets", "untranslated", "untranslated_library",
]

LIBRARY = "library"  # the file name (without .toml) of the library's translation
# An entry may record which English it was translated from, so a later change to that
# English is reported instead of leaving a translation that no longer says the same.
EN_HASH = "en_hash"
HEADER = ("format", "lang", "scenario")  # the keys at the top of every translation file
# Fields that may hold newlines and tabs, as in the scenario format (``schema``): a
# translation keeps every other text on one line, like the English it replaces.
MULTILINE = frozenset({"summary", "teaching_point", "note"})

KeyPath = tuple[str, ...]
Targets = dict[KeyPath, dict[str, str]]  # path of a translatable thing -> its English texts


def _texts(**fields: str) -> dict[str, str]:
    return {k: v for k, v in fields.items() if v}


def en_hash(fields: dict[str, str]) -> str:
    """A short fingerprint of an entry's English texts (8 hex digits), written as
    ``en_hash`` beside its translation; it changes when any of those texts changes."""
    joined = "\x1f".join(f"{k}={v}" for k, v in sorted(fields.items()))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:8]


def entry_keys(times: Iterable[datetime]) -> list[str]:
    """Keys for entries that have no id (achievements, outflows): their time, plus ``#n``
    for the n-th entry at the same time (n from 2), e.g. ``2018-01-26T00:04:00+09:00#3``.

    A time survives the reordering, insertion and removal of entries at other times, so
    a correction elsewhere in the scenario does not shift the keys (a position would).
    """
    seen: Counter[str] = Counter()
    keys = []
    for at in times:
        stamp = at.isoformat()
        seen[stamp] += 1
        keys.append(stamp if seen[stamp] == 1 else f"{stamp}#{seen[stamp]}")
    return keys


def _setup_targets(setup: m.Setup, base: KeyPath, out: Targets) -> None:
    out[base] = _texts(label=setup.label, summary=setup.summary,
                       teaching_point=setup.teaching_point)
    out[(*base, "response")] = _texts(label=setup.response.label)
    for w in setup.wallets:
        out[(*base, "wallets", w.id)] = _texts(label=w.label)
        for n, lim in enumerate(w.limits, 1):
            out[(*base, "wallets", w.id, "limits", str(n))] = _texts(label=lim.label)
    for k in setup.keys:
        out[(*base, "keys", k.id)] = _texts(label=k.label)
    for d in setup.domains:
        out[(*base, "domains", d.id)] = _texts(label=d.label, operator=d.operator)


def targets(incident: m.Incident) -> Targets:
    """Every translatable thing of an incident, by path, with its English texts.

    Things with no text (an unnamed limit) are listed with no fields, so a translation
    may name them without error but has nothing to give.
    """
    out: Targets = {
        ("incident",): _texts(title=incident.title, venue=incident.venue,
                              summary=incident.summary, teaching_point=incident.teaching_point),
        ("asset",): _texts(name=incident.asset.name),
        ("pool",): _texts(note=incident.pool_note),
    }
    for v in incident.valuations:
        out[("valuations", v.id)] = _texts(label=v.label, note=v.note)
    for f in incident.facts:
        out[("facts", f.id)] = _texts(label=f.label, value=f.value, note=f.note)
    for c in incident.conflicts:
        out[("conflicts", c.id)] = _texts(topic=c.topic, used=c.used, why=c.why)
        for n, claim in enumerate(c.claims, 1):
            out[("conflicts", c.id, "claims", str(n))] = _texts(value=claim.value,
                                                                  note=claim.note)
    for a in incident.addresses:
        out[("addresses", a.id)] = _texts(label=a.label)
    for d in incident.domains:
        out[("domains", d.id)] = _texts(label=d.label, operator=d.operator)
    for key, ach in zip(entry_keys(a.at for a in incident.achievements),
                        incident.achievements, strict=True):
        out[("achievements", key)] = _texts(how=ach.how, when=ach.when)
    for key, flow in zip(entry_keys(o.at for o in incident.outflows), incident.outflows,
                         strict=True):
        out[("outflows", key)] = _texts(note=flow.note)
    for r in incident.response:
        out[("response", r.id)] = _texts(what=r.what)
    for s in incident.setups:
        _setup_targets(s, ("setups", s.id), out)
    return out


def library_targets(domains: Iterable[m.Domain], setups: Iterable[m.Setup]) -> Targets:
    """Every translatable thing of the library of reusable setups, by path."""
    out: Targets = {}
    for d in domains:
        out[("domains", d.id)] = _texts(label=d.label, operator=d.operator)
    for s in setups:
        _setup_targets(s, ("setups", s.id), out)
    return out


# --- reading and checking ----------------------------------------------------------------

def read(path: Path | str) -> tuple[dict[str, Any], str]:
    """A translation file's data and text; ``ScenarioError`` if it cannot be read or parsed."""
    text = read_text(Path(path))
    return parse_toml(text, str(path)), text


def bundled_file(lang: str, scenario_id: str) -> Path | None:
    """The bundled translation of a scenario (or ``library``) into ``lang``, if there is one."""
    if not (_is_plain(lang) and _is_plain(scenario_id)):
        return None
    candidate = paths.scenarios_dir() / lang / f"{scenario_id}.toml"
    return candidate if candidate.is_file() else None


def _is_plain(name: str) -> bool:
    return isinstance(name, str) and re.fullmatch(ID_PATTERN, name) is not None


def _dotted(path: KeyPath) -> str:
    return ".".join(path)


def _check(found: Targets, data: Any, text: str, name: str, scenario_id: str) -> list[Problem]:
    index = line_index(text) if text else {}
    problems: list[Problem] = []

    def problem(field: str, message: str) -> None:
        problems.append(Problem(name, find_line(index, field), field, message))

    if not isinstance(data, dict):
        return [Problem(name, None, "", _("a translation must be a TOML table"))]
    if type(data.get("format")) is not int or data["format"] != FORMAT_VERSION:
        problem("format", _("must be {wanted} (got {value})").format(
            wanted=FORMAT_VERSION, value=shown(repr(data.get("format")))))
    lang = data.get("lang")
    if not isinstance(lang, str) or not _is_plain(lang):
        problem("lang", _("must be a language code such as \"ja\""))
    if data.get("scenario") != scenario_id:
        problem("scenario", _("must be \"{scenario}\", the scenario this file translates "
                              "(got {value})").format(scenario=scenario_id,
                                                      value=shown(repr(data.get("scenario")))))

    nodes: set[KeyPath] = {p[:n] for p in found for n in range(1, len(p) + 1)}

    def children(path: KeyPath) -> list[str]:
        return sorted({p[len(path)] for p in nodes if len(p) == len(path) + 1
                       and p[:len(path)] == path})

    def walk(table: dict[str, Any], path: KeyPath) -> None:
        for key, value in table.items():
            here = (*path, key)
            field = _dotted(here)
            if not path and key in HEADER:
                continue
            if isinstance(value, dict):
                if here in nodes:
                    walk(value, here)
                else:
                    known = children(path)
                    problem(field, _("'{key}' is not in {scenario} (known here: {known})")
                            .format(key=shown(key), scenario=scenario_id, known=_listed(known)))
            elif path in found and key in found[path]:
                _check_text(key, value, field, problem)
            elif path in found and key == EN_HASH:
                current = en_hash(found[path])
                if not isinstance(value, str) or not re.fullmatch(r"[0-9a-f]{8}", value):
                    problem(field, _("must be 8 hexadecimal digits (the fingerprint of the "
                                     "English this entry translates)"))
                elif value != current:
                    problem(field, _("the English of this entry has changed since it was "
                                     "translated: review the translation, then set "
                                     "{field} = \"{hash}\"").format(field=EN_HASH, hash=current))
            elif path in found:
                fields = sorted(found[path])
                problem(field, _("not a text of this entry (texts: {texts})").format(
                    texts=_listed(fields)) if fields else _("this entry has no text to translate"))
            else:
                problem(field, _("expected a table of an entry here (known: {known})").format(
                    known=_listed(children(path))))

    walk(data, ())
    return problems


def _listed(names: list[str], limit: int = 8) -> str:
    if not names:
        return _("none")
    shown_names = ", ".join(shown(n, 40) for n in names[:limit])
    if len(names) <= limit:
        return shown_names
    return _("{names}, ... ({count} in all)").format(names=shown_names, count=len(names))


def _check_text(key: str, value: Any, field: str, problem: Any) -> None:
    if not isinstance(value, str):
        problem(field, _("must be text (a quoted string), not {type}").format(
            type=type(value).__name__))
        return
    if not value.strip():
        problem(field, _("is empty: leave the field out to fall back to English"))
        return
    controls = CONTROL_MULTILINE if key in MULTILINE else CONTROL
    if bad := controls.search(value):
        message = (_("holds a control character ({char})") if key in MULTILINE else
                   _("holds a control character ({char}); this text is one line"))
        problem(field, message.format(char=shown(bad.group())))


def check(incident: m.Incident, data: Any, text: str = "", name: str = "") -> list[Problem]:
    """Every problem with a translation of ``incident``: an entry or field the scenario does
    not have, a value that is not text, a control character, a wrong header. Give the
    file's ``text`` and ``name`` so that each problem names its line and file."""
    return _check(targets(incident), data, text, name or incident.id, incident.id)


def check_library(domains: Iterable[m.Domain], setups: Iterable[m.Setup], data: Any,
                  text: str = "", name: str = "") -> list[Problem]:
    """Every problem with a translation of the library (its ``scenario`` is ``library``)."""
    return _check(library_targets(domains, setups), data, text, name or LIBRARY, LIBRARY)


def _untranslated(found: Targets, data: Any) -> list[str]:
    missing = []
    for path, fields in found.items():
        table: Any = data if isinstance(data, dict) else {}
        for part in path:
            table = table.get(part, {}) if isinstance(table, dict) else {}
        for field in fields:
            given = table.get(field) if isinstance(table, dict) else None
            if not (isinstance(given, str) and given.strip()):
                missing.append(_dotted((*path, field)))
    return missing


def untranslated(incident: m.Incident, data: Any) -> list[str]:
    """The field paths of every English text the translation leaves untranslated."""
    return _untranslated(targets(incident), data)


def untranslated_library(domains: Iterable[m.Domain], setups: Iterable[m.Setup],
                         data: Any) -> list[str]:
    """The field paths of every library text the translation leaves untranslated."""
    return _untranslated(library_targets(domains, setups), data)


# --- applying ----------------------------------------------------------------------------

class _Lookup:
    """Translated texts by path; anything missing or not text falls back to English."""

    def __init__(self, data: Any):
        self.data = data if isinstance(data, dict) else {}

    def get(self, path: KeyPath) -> dict[str, str]:
        table: Any = self.data
        for part in path:
            table = table.get(part) if isinstance(table, dict) else None
        if not isinstance(table, dict):
            return {}
        return {k: v for k, v in table.items() if isinstance(v, str) and v.strip()}

    def replace(self, obj: Any, path: KeyPath, fields: Iterable[str], **more: Any) -> Any:
        given = self.get(path)
        changes = {f: given[f] for f in fields if f in given and getattr(obj, f)}
        return replace(obj, **changes, **more) if changes or more else obj


def _apply_setup(t: _Lookup, setup: m.Setup, base: KeyPath) -> m.Setup:
    def wallet(w: m.Wallet) -> m.Wallet:
        here = (*base, "wallets", w.id)
        limits = tuple(t.replace(lim, (*here, "limits", str(n)), ("label",))
                       for n, lim in enumerate(w.limits, 1))
        return t.replace(w, here, ("label",), limits=limits)

    return t.replace(
        setup, base, ("label", "summary", "teaching_point"),
        wallets=tuple(wallet(w) for w in setup.wallets),
        keys=tuple(t.replace(k, (*base, "keys", k.id), ("label",)) for k in setup.keys),
        domains=tuple(t.replace(d, (*base, "domains", d.id), ("label", "operator"))
                      for d in setup.domains),
        response=t.replace(setup.response, (*base, "response"), ("label",)),
    )


def apply(incident: m.Incident, data: Any) -> m.Incident:
    """A copy of ``incident`` with the texts of ``data`` (a checked translation); ids,
    numbers, times, sources and addresses are those of the original, and every text the
    translation does not give stays English."""
    t = _Lookup(data)
    top = t.get(("incident",))
    pool = t.get(("pool",))
    achievements = tuple(
        t.replace(a, ("achievements", key), ("how", "when"))
        for key, a in zip(entry_keys(a.at for a in incident.achievements),
                          incident.achievements, strict=True))
    outflows = tuple(
        t.replace(o, ("outflows", key), ("note",))
        for key, o in zip(entry_keys(o.at for o in incident.outflows), incident.outflows,
                          strict=True))
    conflicts = tuple(
        t.replace(c, ("conflicts", c.id), ("topic", "used", "why"), claims=tuple(
            t.replace(claim, ("conflicts", c.id, "claims", str(n)), ("value", "note"))
            for n, claim in enumerate(c.claims, 1)))
        for c in incident.conflicts)
    return replace(
        incident,
        **{f: top[f] for f in ("title", "venue", "summary", "teaching_point")
           if f in top and getattr(incident, f)},
        pool_note=pool["note"] if "note" in pool and incident.pool_note else incident.pool_note,
        asset=t.replace(incident.asset, ("asset",), ("name",)),
        valuations=tuple(t.replace(v, ("valuations", v.id), ("label", "note"))
                         for v in incident.valuations),
        facts=tuple(t.replace(f, ("facts", f.id), ("label", "value", "note"))
                    for f in incident.facts),
        conflicts=conflicts,
        addresses=tuple(t.replace(a, ("addresses", a.id), ("label",))
                        for a in incident.addresses),
        domains=tuple(t.replace(d, ("domains", d.id), ("label", "operator"))
                      for d in incident.domains),
        achievements=achievements,
        outflows=outflows,
        response=tuple(t.replace(r, ("response", r.id), ("what",)) for r in incident.response),
        setups=tuple(_apply_setup(t, s, ("setups", s.id)) for s in incident.setups),
    )


def apply_library(domains: Iterable[m.Domain], setups: Iterable[m.Setup],
                  data: Any) -> tuple[tuple[m.Domain, ...], tuple[m.Setup, ...]]:
    """The library's generic domains and setups with the texts of ``data``."""
    t = _Lookup(data)
    return (tuple(t.replace(d, ("domains", d.id), ("label", "operator")) for d in domains),
            tuple(_apply_setup(t, s, ("setups", s.id)) for s in setups))


# --- using them --------------------------------------------------------------------------

def localize(incident: m.Incident, lang: str) -> m.Incident:
    """``incident`` with its bundled translation into ``lang`` applied; unchanged when there
    is none, or when the translation does not check against this incident (a file that
    shares a bundled id but not its content stays English rather than half-translated)."""
    path = bundled_file(lang, incident.id) if lang != paths.DEFAULT_LANG else None
    if path is None:
        return incident
    data, text = read(path)
    if check(incident, data, text, str(path)):
        return incident
    return apply(incident, data)


def localize_library(domains: tuple[m.Domain, ...], setups: tuple[m.Setup, ...],
                     lang: str) -> tuple[tuple[m.Domain, ...], tuple[m.Setup, ...]]:
    """The library's domains and setups in ``lang`` (unchanged when not translated)."""
    path = bundled_file(lang, LIBRARY) if lang != paths.DEFAULT_LANG else None
    if path is None:
        return domains, setups
    data, text = read(path)
    if check_library(domains, setups, data, text, str(path)):
        return domains, setups
    return apply_library(domains, setups, data)
