"""The one loader of scenario files: read safely, check everything, build the model.

Problems come out as one typed exception, ``ScenarioError``, holding every problem
found, each with the file, the line where it can be found, the field path and a plain
explanation. Nothing in a file is ever executed: TOML is parsed as data only.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from explainer import model as m
from explainer import paths
from explainer.schema import FORMAT_VERSION, INCIDENT, LIBRARY, MAX_DIGITS, SOURCES, F

MAX_BYTES = 1024 * 1024  # a hand-written scenario is a few tens of KB


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
            first += f" (and {len(problems) - 1} more problem(s))"
        super().__init__(first)


# --- reading -----------------------------------------------------------------------------

def read_text(path: Path) -> str:
    """Read a file that must be a regular, reasonably small, UTF-8 text file."""
    name = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ScenarioError([Problem(name, None, "", "no such file")]) from None
    except OSError as exc:
        raise ScenarioError([Problem(name, None, "", f"cannot read it ({exc.strerror})")]) from None
    if not stat.S_ISREG(info.st_mode):
        raise ScenarioError([Problem(name, None, "", "not a regular file")])
    if info.st_size > MAX_BYTES:
        raise ScenarioError([Problem(name, None, "", f"too large ({info.st_size:,} bytes; "
                                     f"the limit is {MAX_BYTES:,})")])
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ScenarioError([Problem(name, None, "", f"cannot read it ({exc.strerror})")]) from None
    if len(data) > MAX_BYTES:
        raise ScenarioError([Problem(name, None, "", "too large")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError([Problem(name, None, "", f"not UTF-8 text (bad byte at offset "
                                     f"{exc.start})")]) from None
    if "\x00" in text:
        raise ScenarioError([Problem(name, None, "", "not a text file (contains NUL bytes)")])
    return text


def parse_toml(text: str, name: str) -> dict[str, Any]:
    """Parse TOML into plain data; syntax errors become a ``ScenarioError`` with the line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        found = re.search(r"\(at line (\d+), column \d+\)", msg)
        line = int(found.group(1)) if found else None
        plain = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", msg)
        return _raise([Problem(name, line, "", f"TOML syntax error: {plain}")])
    except (RecursionError, ValueError) as exc:  # pathological nesting or numbers
        return _raise([Problem(name, None, "", f"TOML could not be parsed: {exc}")])


def _raise(problems: list[Problem]) -> Any:
    raise ScenarioError(problems)


# --- where a field sits in the text ------------------------------------------------------

_ARRAY_HEADER = re.compile(r"^\[\[\s*([^\]]+?)\s*\]\]")
_TABLE_HEADER = re.compile(r"^\[\s*([^\]]+?)\s*\]")
_KEY = re.compile(r"^([A-Za-z0-9_\-\"'.]+)\s*=")


def line_index(text: str) -> dict[str, int]:
    """Map field paths like ``setups[2].wallets[0].threshold`` to 1-based line numbers.

    A best-effort scan of headers and keys: good enough to point a person at the
    right line; where it cannot, errors simply carry no line.
    """
    index: dict[str, int] = {}
    counters: dict[str, int] = {}
    current = ""
    closing: str | None = None

    def resolve(parts: list[str]) -> str:
        out = ""
        for part in parts:
            out = f"{out}.{part}" if out else part
            if out in counters:
                out += f"[{counters[out]}]"
        return out

    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if closing:
            if closing in line:
                closing = None
            continue
        if not line or line.startswith("#"):
            continue
        if found := _ARRAY_HEADER.match(line):
            parts = [p.strip().strip("\"'") for p in found.group(1).split(".")]
            prefix = resolve(parts[:-1])
            array = f"{prefix}.{parts[-1]}" if prefix else parts[-1]
            counters[array] = counters.get(array, -1) + 1
            current = f"{array}[{counters[array]}]"
            index.setdefault(array, n)
            index[current] = n
            continue
        if found := _TABLE_HEADER.match(line):
            current = resolve([p.strip().strip("\"'") for p in found.group(1).split(".")])
            index[current] = n
            continue
        if found := _KEY.match(line):
            key = found.group(1).strip("\"'")
            index[f"{current}.{key}" if current else key] = n
            rest = line[found.end():].strip()
            for quote in ('"""', "'''"):
                if rest.startswith(quote) and rest.count(quote) == 1:
                    closing = quote
    return index


def _find_line(index: dict[str, int], field: str) -> int | None:
    probe = field
    while probe:
        if probe in index:
            return index[probe]
        cut = max(probe.rfind("."), probe.rfind("["))
        probe = probe[:cut] if cut > 0 else ""
    return None


# --- shape checks driven by the declared format -------------------------------------------

class _Checker:
    """Collects problems while reading plain data against the declared format."""

    def __init__(self, name: str, text: str):
        self.name = name
        self.index = line_index(text)
        self.problems: list[Problem] = []

    def add(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.name, _find_line(self.index, field), field, message))

    def table(self, data: Any, spec: dict[str, F], path: str) -> dict[str, Any] | None:
        if not isinstance(data, dict):
            self.add(path, f"should be a table, not {_kind(data)}")
            return None
        for key in data:
            if key not in spec:
                known = ", ".join(spec)
                self.add(_join(path, key), f"unknown field (known fields: {known})")
        for key, f in spec.items():
            where = _join(path, key)
            if key not in data:
                if f.required:
                    self.add(where, "is missing")
                continue
            self.value(data[key], f, where)
        return data

    def value(self, value: Any, f: F, where: str) -> None:
        t = f.type
        if t == "str":
            if not isinstance(value, str):
                self.add(where, f"should be text, not {_kind(value)}")
            elif f.required and not value.strip():
                self.add(where, "is empty")
            elif f.choices and value not in f.choices:
                self.add(where, f"'{value}' is not one of: {', '.join(f.choices)}")
        elif t == "bool":
            if not isinstance(value, bool):
                self.add(where, f"should be true or false, not {_kind(value)}")
        elif t == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                self.add(where, f"should be a whole number, not {_kind(value)}")
            elif f.minimum is not None and value < f.minimum:
                self.add(where, f"should be at least {f.minimum}, not {value}")
            elif f.maximum is not None and value > f.maximum:
                self.add(where, f"should be at most {f.maximum:,}, not {value:,}")
        elif t in ("amount", "share"):
            amount = to_decimal(value)
            if amount is None:
                self.add(where, f"should be a number written as a string or an integer "
                                f"(e.g. \"526300010\"), not {_kind(value)}")
            elif amount < 0:
                self.add(where, f"cannot be negative ({value})")
            elif t == "share" and amount > 1:
                self.add(where, f"is a share of the pool and must be between 0 and 1, not {value}")
        elif t == "datetime":
            if isinstance(value, datetime):
                if value.tzinfo is None:
                    self.add(where, "needs a UTC offset, e.g. 2018-01-26T00:02:13+09:00")
            else:
                self.add(where, f"should be a date and time with a UTC offset, not {_kind(value)}")
        elif t == "ids":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                self.add(where, f"should be a list of ids (text), not {_kind(value)}")
            elif f is SOURCES and not value:
                self.add(where, "is empty: every fact needs at least one source")
        elif t == "table":
            self.table(value, f.spec or {}, where)
        elif t == "array":
            if not isinstance(value, list):
                self.add(where, f"should be a list of tables ([[...]]), not {_kind(value)}")
                return
            for i, item in enumerate(value):
                self.table(item, f.spec or {}, f"{where}[{i}]")
        elif t == "map" and not isinstance(value, dict):
            self.add(where, f"should be a table, not {_kind(value)}")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a floating-point number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, datetime):
        return "a date-time"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, time):
        return "a time"
    return type(value).__name__


def to_decimal(value: Any) -> Decimal | None:
    """An exact Decimal from an integer or a plain decimal string; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", value.strip()):
        try:
            return Decimal(value.strip())
        except InvalidOperation:  # pragma: no cover - the regex already guards this
            return None
    return None


# --- cross-reference checks and building --------------------------------------------------

def _seq(value: Any) -> list[Any]:
    """A list as found, or nothing: a wrong type was already reported by the shape check."""
    return value if isinstance(value, list) else []


def _dupes(c: _Checker, items: list[dict[str, Any]], path: str, seen: dict[str, str] | None = None):
    seen = {} if seen is None else seen
    for i, item in enumerate(items):
        ident = item.get("id")
        if isinstance(ident, str):
            if ident in seen:
                c.add(f"{path}[{i}].id", f"duplicate id '{ident}' (already used at {seen[ident]})")
            else:
                seen[ident] = f"{path}[{i}]"
    return seen


def _check_sources(c: _Checker, data: Any, known: set[str], path: str) -> None:
    """Every ``sources = [...]`` list anywhere must name known source ids."""
    if isinstance(data, dict):
        for key, value in data.items():
            where = _join(path, key)
            if key == "sources" and isinstance(value, list) and path != "":
                for sid in value:
                    if isinstance(sid, str) and sid not in known:
                        c.add(where, f"unknown source id '{sid}' (not in [sources])")
            else:
                _check_sources(c, value, known, where)
    elif isinstance(data, list):
        for i, item in enumerate(data):
            _check_sources(c, item, known, f"{path}[{i}]")


def _check_order(c: _Checker, items: list[Any], path: str, what: str) -> None:
    last: datetime | None = None
    for i, item in enumerate(items):
        at = item.get("at") if isinstance(item, dict) else None
        if not isinstance(at, datetime) or at.tzinfo is None:
            continue
        if last is not None and at < last:
            c.add(f"{path}[{i}].at", f"{what} out of time order: {at.isoformat()} comes after "
                                     f"{last.isoformat()}")
        last = at


def _check_setup(c: _Checker, s: dict[str, Any], path: str, outer: set[str],
                 decimals: int | None) -> None:
    domains = set(outer)
    for i, d in enumerate(_seq(s.get("domains"))):
        ident = d.get("id") if isinstance(d, dict) else None
        if isinstance(ident, str):
            if ident in domains:
                c.add(f"{path}.domains[{i}].id", f"duplicate domain id '{ident}'")
            domains.add(ident)
    keys = [k for k in _seq(s.get("keys")) if isinstance(k, dict)]
    wallets = [w for w in _seq(s.get("wallets")) if isinstance(w, dict)]
    _dupes(c, keys, f"{path}.keys")
    _dupes(c, wallets, f"{path}.wallets")
    key_ids = {k.get("id") for k in keys if isinstance(k.get("id"), str)}
    wallet_ids = {w.get("id") for w in wallets if isinstance(w.get("id"), str)}

    def ref(value: Any, where: str, what: str = "domain") -> None:
        if isinstance(value, str) and value not in domains:
            declared = ", ".join(sorted(domains))
            c.add(where, f"{what} '{value}' is not declared (declared: {declared})")

    for i, k in enumerate(keys):
        kp = f"{path}.keys[{i}]"
        ref(k.get("domain"), f"{kp}.domain")
        for field in ("auto_signs_for", "delegated_to"):
            for d in _seq(k.get(field)):
                ref(d, f"{kp}.{field}")
        ref(k.get("signs_via"), f"{kp}.signs_via")

    total = Decimal(0)
    shares_ok = True
    for i, w in enumerate(wallets):
        wp = f"{path}.wallets[{i}]"
        share = to_decimal(w.get("share"))
        if share is None:
            shares_ok = False
        else:
            total += share
        wkeys = [x for x in _seq(w.get("keys")) if isinstance(x, str)]
        for k in wkeys:
            if isinstance(k, str) and k not in key_ids:
                c.add(f"{wp}.keys", f"key '{k}' is not declared in this setup's keys")
        if len(set(wkeys)) != len(wkeys):
            c.add(f"{wp}.keys", "lists the same key twice")
        for k in _seq(w.get("recovery_keys")):
            if isinstance(k, str) and k not in key_ids:
                c.add(f"{wp}.recovery_keys", f"key '{k}' is not declared in this setup's keys")
        m_ = w.get("threshold")
        if isinstance(m_, int) and not isinstance(m_, bool) and m_ > len(wkeys):
            c.add(f"{wp}.threshold", f"needs {m_} signatures but the wallet has only "
                                     f"{len(wkeys)} key(s) (m > n)")
        refill = w.get("refill_from")
        if isinstance(refill, str):
            if refill not in wallet_ids:
                c.add(f"{wp}.refill_from", f"wallet '{refill}' is not in this setup")
            elif refill == w.get("id"):
                c.add(f"{wp}.refill_from", "a wallet cannot refill itself")
        for j, lim in enumerate(_seq(w.get("limits"))):
            if not isinstance(lim, dict):
                continue
            lp = f"{wp}.limits[{j}]"
            if ("amount" in lim) == ("share" in lim):
                c.add(lp, "give exactly one of 'amount' or 'share'")
            if "amount" in lim:
                _check_decimals(c, lim["amount"], f"{lp}.amount", decimals)
            enforcer = lim.get("enforced_by")
            if enforcer != m.CONTRACT:
                ref(enforcer, f"{lp}.enforced_by")
            for d in _seq(lim.get("set_from")):
                ref(d, f"{lp}.set_from")
    if isinstance(s.get("wallets"), list) and not wallets:
        c.add(f"{path}.wallets", "a setup needs at least one wallet")
    if shares_ok and wallets and total != 1:
        c.add(f"{path}.wallets", f"shares add up to {total}, not 1")
    resp = s.get("response")
    if isinstance(resp, dict):
        if resp.get("freeze") == "after" and "after_minutes" not in resp:
            c.add(f"{path}.response.after_minutes", "is needed when freeze = \"after\"")
        if resp.get("freeze") != "after" and "after_minutes" in resp:
            c.add(f"{path}.response.after_minutes", "only applies when freeze = \"after\"")


def _check_decimals(c: _Checker, value: Any, where: str, decimals: int | None) -> None:
    amount = to_decimal(value)
    if amount is None or decimals is None or not 0 <= decimals <= MAX_DIGITS:
        return
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > decimals:
        c.add(where, f"has more decimal places than the asset allows ({decimals})")
    elif amount and amount.adjusted() + 1 + decimals > MAX_DIGITS:
        # counted in the smallest unit the amount has more digits than exact arithmetic keeps
        c.add(where, f"is too large to count exactly in units of 10^-{decimals} "
                     f"(at most {MAX_DIGITS} digits); use fewer decimals or a larger unit")


def check_incident_data(data: dict[str, Any], text: str, name: str) -> list[Problem]:
    """Every problem with parsed incident data: shape, then references and invariants."""
    c = _Checker(name, text)
    c.table(data, INCIDENT, "")
    fmt = data.get("format")
    if isinstance(fmt, int) and not isinstance(fmt, bool) and fmt != FORMAT_VERSION:
        c.add("format", f"this version reads format {FORMAT_VERSION}, not {fmt}")

    sources = data.get("sources")
    known: set[str] = set()
    if isinstance(sources, dict):
        for sid, entry in sources.items():
            if not isinstance(entry, dict) or not isinstance(entry.get("title"), str):
                c.add(f"sources.{sid}", "should be { title = \"...\", url = \"...\" }")
            elif set(entry) - {"title", "url"}:
                c.add(f"sources.{sid}", "only 'title' and 'url' are allowed")
            elif "url" in entry and not isinstance(entry["url"], str):
                c.add(f"sources.{sid}.url", "should be text")
            known.add(sid)
        _check_sources(c, {k: v for k, v in data.items() if k != "sources"}, known, "")

    def items(key: str) -> list[dict[str, Any]]:
        value = data.get(key)
        return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []

    for key in ("valuations", "facts", "conflicts", "addresses", "response", "setups"):
        _dupes(c, items(key), key)
    domain_seen = _dupes(c, items("domains"), "domains")
    incident_domains = set(domain_seen)

    asset = data.get("asset") if isinstance(data.get("asset"), dict) else {}
    decimals = asset.get("decimals") if isinstance(asset.get("decimals"), int) else None
    pool = data.get("pool") if isinstance(data.get("pool"), dict) else {}
    pool_amount = to_decimal(pool.get("amount"))
    if pool_amount is not None and pool_amount == 0:
        c.add("pool.amount", "must be more than 0")
    _check_decimals(c, pool.get("amount"), "pool.amount", decimals)

    for i, v in enumerate(items("valuations")):
        per = to_decimal(v.get("per"))
        if per is not None and per == 0:
            c.add(f"valuations[{i}].per", "must be more than 0")

    for i, a in enumerate(items("achievements")):
        for d in _seq(a.get("compromises")):
            if isinstance(d, str) and d not in incident_domains:
                c.add(f"achievements[{i}].compromises", f"domain '{d}' is not declared in "
                                                        "[[domains]]")
    total = Decimal(0)
    for i, o in enumerate(items("outflows")):
        amount = to_decimal(o.get("amount"))
        if amount is not None:
            if amount == 0:  # a negative amount is already reported by the shape check
                c.add(f"outflows[{i}].amount", "must be more than 0")
            total += amount
        _check_decimals(c, o.get("amount"), f"outflows[{i}].amount", decimals)
        at, latest = o.get("at"), o.get("latest")
        if isinstance(at, datetime) and isinstance(latest, datetime) and at.tzinfo \
                and latest.tzinfo and latest < at:
            c.add(f"outflows[{i}].latest", "is earlier than 'at'")
    if isinstance(data.get("outflows"), list) and not data["outflows"]:
        c.add("outflows", "an incident needs at least one recorded outflow to replay")
    if pool_amount is not None and total > pool_amount:
        c.add("outflows", f"add up to {total}, more than the pool ({pool_amount})")
    _check_order(c, items("achievements"), "achievements", "achievement")
    _check_order(c, items("outflows"), "outflows", "outflow")
    _check_order(c, items("response"), "response", "response event")

    dmap = data.get("domain_map")
    if isinstance(dmap, dict):
        for generic, local in dmap.items():
            if not isinstance(local, str):
                c.add(f"domain_map.{generic}", "should be the id of a domain (text)")
            elif local not in incident_domains:
                c.add(f"domain_map.{generic}", f"domain '{local}' is not declared in [[domains]]")

    for i, s in enumerate(items("setups")):
        _check_setup(c, s, f"setups[{i}]", incident_domains, decimals)
    return c.problems


def check_library_data(data: dict[str, Any], text: str, name: str) -> list[Problem]:
    """Every problem with a library of reusable setups."""
    c = _Checker(name, text)
    c.table(data, LIBRARY, "")
    domains = [d for d in _seq(data.get("domains")) if isinstance(d, dict)]
    seen = _dupes(c, domains, "domains")
    setups = [s for s in _seq(data.get("setups")) if isinstance(s, dict)]
    _dupes(c, setups, "setups")
    for i, s in enumerate(setups):
        _check_setup(c, s, f"setups[{i}]", set(seen), None)
    return c.problems


# --- building the model from checked data -------------------------------------------------

def _t(v: Any) -> tuple[str, ...]:
    return tuple(v or ())


def _domain(d: dict[str, Any]) -> m.Domain:
    return m.Domain(id=d["id"], label=d["label"], kind=d.get("kind", "other"),
                    online=d.get("online", True), operator=d.get("operator", ""))


def _hours(value: Any) -> timedelta | None:
    return None if value is None else timedelta(hours=value)


def build_setup(s: dict[str, Any], origin: str) -> m.Setup:
    """A ``Setup`` from checked data."""
    keys = tuple(
        m.Key(id=k["id"], label=k["label"], domain=k["domain"],
              auto_signs_for=_t(k.get("auto_signs_for")), delegated_to=_t(k.get("delegated_to")),
              delegation_revoked=k.get("delegation_revoked", False),
              signs_via=k.get("signs_via"), verifies_on_device=k.get("verifies_on_device", False))
        for k in s["keys"]
    )
    wallets = tuple(
        m.Wallet(
            id=w["id"], label=w["label"], share=to_decimal(w["share"]) or Decimal(0),
            keys=_t(w["keys"]), threshold=w["threshold"],
            recovery_keys=_t(w.get("recovery_keys")),
            limits=tuple(
                m.Limit(amount=to_decimal(lim.get("amount")), share=to_decimal(lim.get("share")),
                        period=_hours(lim.get("period_hours")), enforced_by=lim["enforced_by"],
                        set_from=_t(lim.get("set_from")), label=lim.get("label", ""))
                for lim in w.get("limits") or ()
            ),
            delay=_hours(w.get("delay_hours")) or None,
            upgrade_timelock=w.get("upgrade_timelock", False),
            refill_from=w.get("refill_from"), online=w.get("online", True),
        )
        for w in s["wallets"]
    )
    r = s.get("response") or {}
    minutes = r.get("after_minutes")
    response = m.Response(freeze=r.get("freeze", "as-run"),
                          after=None if minutes is None else timedelta(minutes=minutes),
                          label=r.get("label", ""))
    return m.Setup(id=s["id"], label=s["label"], summary=s["summary"], wallets=wallets, keys=keys,
                   domains=tuple(_domain(d) for d in s.get("domains") or ()), response=response,
                   sources=_t(s.get("sources")), origin=origin,
                   teaching_point=s.get("teaching_point", ""))


def build_incident(data: dict[str, Any], path: str) -> m.Incident:
    """An ``Incident`` from checked data."""
    a = data["asset"]
    return m.Incident(
        id=data["id"], title=data["title"], venue=data["venue"], date=data["date"],
        timezone=data["timezone"], summary=data["summary"].strip(),
        teaching_point=data["teaching_point"].strip(),
        asset=m.Asset(symbol=a["symbol"], name=a["name"], decimals=a["decimals"]),
        pool=to_decimal(data["pool"]["amount"]) or Decimal(0),
        pool_note=data["pool"].get("note", ""), pool_sources=_t(data["pool"]["sources"]),
        valuations=tuple(
            m.Valuation(id=v["id"], label=v["label"], currency=v["currency"],
                        value=to_decimal(v["value"]) or Decimal(0),
                        per=to_decimal(v["per"]) or Decimal(1), approximate=v["approximate"],
                        sources=_t(v["sources"]), note=v.get("note", ""))
            for v in data["valuations"]
        ),
        domains=tuple(_domain(d) for d in data["domains"]),
        achievements=tuple(
            m.Achievement(at=x["at"], approximate=x["approximate"],
                          compromises=_t(x["compromises"]), how=x["how"],
                          sources=_t(x["sources"]), when=x.get("when", ""))
            for x in data["achievements"]
        ),
        outflows=tuple(
            m.Outflow(at=o["at"], approximate=o["approximate"],
                      amount=to_decimal(o["amount"]) or Decimal(0), sources=_t(o["sources"]),
                      to=o.get("to", ""), tx=o.get("tx", ""), latest=o.get("latest"),
                      note=o.get("note", ""))
            for o in data["outflows"]
        ),
        response=tuple(
            m.ResponseEvent(id=r["id"], at=r["at"], approximate=r["approximate"], what=r["what"],
                            sources=_t(r["sources"]), halts_outflows=r.get("halts_outflows", False))
            for r in data["response"]
        ),
        setups=tuple(build_setup(s, "incident") for s in data["setups"]),
        sources=tuple(m.Source(id=k, title=v["title"], url=v.get("url", ""))
                      for k, v in data["sources"].items()),
        facts=tuple(
            m.Fact(id=f["id"], label=f["label"], value=f["value"], sources=_t(f["sources"]),
                   approximate=f.get("approximate", False), note=f.get("note", ""))
            for f in data.get("facts") or ()
        ),
        conflicts=tuple(
            m.Conflict(id=x["id"], topic=x["topic"], used=x["used"], why=x["why"],
                       claims=tuple(m.Claim(value=cl["value"], sources=_t(cl["sources"]),
                                            note=cl.get("note", "")) for cl in x["claims"]))
            for x in data.get("conflicts") or ()
        ),
        addresses=tuple(
            m.Address(id=x["id"], label=x["label"], address=x["address"], role=x["role"],
                      sources=_t(x["sources"]))
            for x in data.get("addresses") or ()
        ),
        domain_map=tuple(sorted((data.get("domain_map") or {}).items())),
        path=path,
    )


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
        raise ScenarioError([Problem(str(path), None, "", "this is a library of setups, not an "
                                     "incident: its setups replay against an incident with "
                                     "'replay INCIDENT --all' or '--setup ID'")])
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
    domains = tuple(_domain(d) for d in data["domains"])
    return domains, tuple(build_setup(s, "library") for s in data["setups"])


def bundled_paths() -> list[Path]:
    """Bundled incident files, sorted by name."""
    return sorted(p for p in paths.scenarios_dir().glob("*.toml") if p.is_file())


def resolve(ref: str) -> Path:
    """A bundled scenario id or a path to a file; ``ScenarioError`` when it is neither."""
    known = ", ".join(p.stem for p in bundled_paths())
    if not ref.strip():
        raise ScenarioError([Problem("''", None, "", f"no scenario given (bundled: {known})")])
    candidate = paths.scenarios_dir() / f"{ref}.toml"
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", ref) and candidate.is_file():
        return candidate
    as_path = Path(ref)
    if ref.endswith(".toml") or os.sep in ref or "/" in ref or as_path.exists():
        return as_path
    raise ScenarioError([Problem(ref, None, "", f"unknown scenario (bundled: {known}; "
                                                "or give a path to a .toml file)")])


def load(ref: str) -> m.Incident:
    """Load a bundled scenario by id, or a scenario file by path."""
    return load_incident(resolve(ref))
