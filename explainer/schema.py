"""The scenario file format, declared once.

The same declaration drives the loader's shape checks and ``wallet-explainer schema``
(a JSON Schema for editors), so the two cannot drift apart: an id, an amount, a URL or a
date-time is accepted by ``check`` exactly when the JSON Schema accepts it. What a schema
cannot say (a key in an undeclared domain, an unknown source id, shares that do not add
up to 1...) is checked in ``explainer.scenario_io.refs``.

The bounds below keep every figure and time the engine and the reports compute with
inside exact decimal arithmetic and ``datetime``'s range, so that nothing ``check``
accepts can fail in ``replay``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

FORMAT_VERSION = 1
TEN_YEARS_HOURS = 87_600  # longest period, time lock or freeze delay a file may give
MAX_DIGITS = 28  # significant digits of an amount in its smallest unit: Decimal's exact range

# Ids name things on the command line and in file names, so they stay plain.
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
# Source ids are citation keys shown as [S5]; capitals are customary there, nothing else is.
SOURCE_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9-]{0,63}$"
# An amount: plain digits, at most MAX_DIGITS before and after the point; no sign, no spaces.
AMOUNT_PATTERN = rf"^[0-9]{{1,{MAX_DIGITS}}}(\.[0-9]{{1,{MAX_DIGITS}}})?$"
SHARE_PATTERN = rf"^(0(\.[0-9]{{1,{MAX_DIGITS}}})?|1(\.0{{1,{MAX_DIGITS}}})?)$"
MAX_INTEGER_AMOUNT = 10**MAX_DIGITS - 1
URL_SCHEMES = ("http", "https")  # the only schemes a source may use (or become a link)
# Date-times are written with a year from 1970 to 2999: centuries of room on both sides
# for the longest period, time lock or freeze (ten years) before datetime's limits.
FIRST_YEAR, LAST_YEAR = 1970, 2999
DATETIME_PATTERN = r"^(19[7-9][0-9]|2[0-9]{3})-"
# Control characters (C0, DEL, C1) are refused in every text; a multi-line field may
# hold newlines and tabs.
_CONTROLS = r"\u0000-\u001f\u007f-\u009f"  # written so both Python and JSON Schema read it
_CONTROLS_BUT_NEWLINE_AND_TAB = r"\u0000-\u0008\u000b-\u001f\u007f-\u009f"
CONTROL = re.compile(f"[{_CONTROLS}]")
CONTROL_MULTILINE = re.compile(f"[{_CONTROLS_BUT_NEWLINE_AND_TAB}]")
_NO_CONTROL = f"^[^{_CONTROLS}]*$"
_NO_CONTROL_MULTILINE = f"^[^{_CONTROLS_BUT_NEWLINE_AND_TAB}]*$"
# A source's address: http or https, a host, no spaces or controls; or empty for none
URL_PATTERN = rf"^([Hh][Tt][Tt][Pp][Ss]?://[^\s/?#{_CONTROLS}]+[^\s{_CONTROLS}]*)?$"


def year_in_range(at: datetime) -> bool:
    """Whether a date-time's written year lies within the bounds of the format."""
    return FIRST_YEAR <= at.year <= LAST_YEAR


@dataclass(frozen=True)
class F:
    """One field: its type name, whether it is required, and what it means."""

    # str, bool, int, id, source-id, url, amount, share, datetime, ids, source-ids,
    # table, array, map
    type: str
    required: bool = False
    doc: str = ""
    spec: dict[str, F] | None = None  # the fields of a table, or of each table of an array
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    multiline: bool = False  # a str that may hold newlines and tabs
    keys: str = "id"  # a map's keys: "id" or "source-id"
    values: F | None = None  # a map's values
    extra: dict[str, Any] = field(default_factory=dict)


SOURCES = F("source-ids", True, "Ids of entries in [sources] that back this item.")

DOMAIN = {
    "id": F("id", True, "Unique id of the failure domain."),
    "label": F("str", True, "Short name shown to people."),
    "kind": F(
        "str",
        False,
        "What sort of place it is.",
        choices=(
            "online-server",
            "workstations",
            "offline-vault",
            "hsm",
            "cosigner-service",
            "organisation",
            "signing-interface",
            "person",
            "contract",
            "other",
        ),
    ),
    "online": F("bool", False, "Whether it is connected to a network (default true)."),
    "operator": F("str", False, "Who runs it."),
}

KEY = {
    "id": F("id", True, "Unique id of the key within the setup."),
    "label": F("str", True, "Short name shown to people."),
    "domain": F("id", True, "Id of the domain the key lives in."),
    "auto_signs_for": F("ids", False, "Domains whose requests this key signs automatically."),
    "delegated_to": F("ids", False, "Domains allowed to sign in this key's name."),
    "delegation_revoked": F("bool", False, "True when the delegation has been withdrawn."),
    "signs_via": F("id", False, "Domain of the interface the signer reads before signing."),
    "verifies_on_device": F(
        "bool", False, "True when the signer decodes the transaction on an independent device."
    ),
}

LIMIT = {
    "label": F("str", False, "Name of the limit."),
    "amount": F("amount", False, "Cap in units of the asset (give amount or share)."),
    "share": F("share", False, "Cap as a share of the pool, 0 to 1 (give amount or share)."),
    "period_hours": F("int", False, "Length of the rolling window; omit for a per-transfer cap.",
                      minimum=1, maximum=TEN_YEARS_HOURS),
    "enforced_by": F("id", True, "Domain that enforces it, or 'contract' for on-chain code."),
    "set_from": F("ids", False, "Domains from which the limit can be changed."),
}

WALLET = {
    "id": F("id", True, "Unique id of the wallet within the setup."),
    "label": F("str", True, "Short name shown to people."),
    "share": F("share", True, "Share of the custody pool it holds, 0 to 1; shares sum to 1."),
    "keys": F("ids", True, "Ids of the keys that can sign for it."),
    "threshold": F("int", True, "How many of those keys must sign (m of n).", minimum=1,
                   maximum=1000),
    "recovery_keys": F("ids", False, "Keys that can move everything on their own."),
    "limits": F("array", False, "Outflow limits.", spec=LIMIT),
    "delay_hours": F("int", False, "Time lock: hours between signing and funds moving.",
                     minimum=0, maximum=TEN_YEARS_HOURS),
    "upgrade_timelock": F("bool", False, "True when changes to the wallet's code are time-locked."),
    "refill_from": F("id", False, "Wallet that automatically tops this one up mid-attack."),
    "online": F("bool", False, "Whether the wallet is used online (default true)."),
}

RESPONSE = {
    "freeze": F("str", False, "When outflows stop: the incident's real halt ('as-run', default), "
                "a fixed time after the first outflow ('after') or never ('none').",
                choices=("as-run", "after", "none")),
    "after_minutes": F("int", False, "Minutes from the first outflow to the freeze, with 'after'.",
                       minimum=0, maximum=TEN_YEARS_HOURS * 60),
    "label": F("str", False, "How the response is described."),
}

SETUP = {
    "id": F("id", True, "Unique id of the setup."),
    "label": F("str", True, "One-line name."),
    "summary": F("str", True, multiline=True, doc="What the setup is, in a sentence or two."),
    "teaching_point": F("str", False, multiline=True, doc="What this setup teaches."),
    "sources": F("source-ids", False, "Sources for a setup that really existed or is a real rule."),
    "domains": F("array", False, "Failure domains this setup adds.", spec=DOMAIN),
    "keys": F("array", True, "Keys.", spec=KEY),
    "wallets": F("array", True, "Wallets; their shares sum to 1.", spec=WALLET),
    "response": F("table", False, "How the venue responds.", spec=RESPONSE),
}

SOURCE = {
    "title": F("str", True, "Title of the source, as it would be cited."),
    "url": F("url", False, "Where to read it: an http or https address."),
}

CLAIM = {
    "value": F("str", True, "What this side says."),
    "note": F("str", False, multiline=True, doc="Context."),
    "sources": SOURCES,
}

INCIDENT = {
    "format": F("int", True, f"Format version; this version reads only {FORMAT_VERSION}.",
                minimum=FORMAT_VERSION, maximum=FORMAT_VERSION),
    "id": F("id", True, "Unique id, used on the command line (e.g. coincheck-2018)."),
    "title": F("str", True, "Title of the incident."),
    "venue": F("str", True, "Who held the funds."),
    "date": F("str", True, "Date of the theft as people say it (e.g. 2018-01-26)."),
    "timezone": F("str", True, "Name of the local time used for display (e.g. JST)."),
    "summary": F("str", True, multiline=True, doc="What happened, in a short paragraph."),
    "teaching_point": F("str", True, multiline=True, doc="The lesson, in your own words."),
    "asset": F("table", True, "The asset at stake.", spec={
        "symbol": F("str", True, "Ticker, e.g. XEM."),
        "name": F("str", True, "Name, e.g. NEM."),
        "decimals": F("int", True, "Decimal places of the smallest unit.", minimum=0,
                      maximum=MAX_DIGITS),
    }),
    "pool": F("table", True, "The custody pool the replay splits between wallets.", spec={
        "amount": F("amount", True, "Size of the pool in units of the asset."),
        "note": F("str", False, multiline=True, doc="What the pool stands for."),
        "sources": SOURCES,
    }),
    "valuations": F("array", True, "Fiat valuations: value of fiat for 'per' units.", spec={
        "id": F("id", True, "Unique id."),
        "label": F("str", True, "Name, e.g. 'compensation rate'."),
        "currency": F("str", True, "Currency code, e.g. JPY."),
        "value": F("amount", True, "Fiat value."),
        "per": F("amount", True, "For this many units of the asset (more than 0)."),
        "approximate": F("bool", True, "True when the sources give a rounded figure."),
        "note": F("str", False, multiline=True, doc="Context."),
        "sources": SOURCES,
    }),
    "facts": F("array", False, "Headline facts shown with the incident.", spec={
        "id": F("id", True, "Unique id."),
        "label": F("str", True, "What the fact is about."),
        "value": F("str", True, "The fact."),
        "approximate": F("bool", False, "True when approximate or unconfirmed."),
        "note": F("str", False, multiline=True, doc="Context."),
        "sources": SOURCES,
    }),
    "conflicts": F("array", False, "Places where sources disagree.", spec={
        "id": F("id", True, "Unique id."),
        "topic": F("str", True, "What they disagree about."),
        "used": F("str", True, "The value the replay uses."),
        "why": F("str", True, "Why that one."),
        "claims": F("array", True, "Each side, with its sources.", spec=CLAIM),
    }),
    "addresses": F("array", False, "Public addresses that played a part.", spec={
        "id": F("id", True, "Unique id."),
        "label": F("str", True, "Whose address."),
        "address": F("str", True, "The address as written on chain."),
        "role": F("str", True, "venue, attacker or other.", choices=("venue", "attacker", "other")),
        "sources": SOURCES,
    }),
    "domains": F("array", True, "Failure domains that really existed.", spec=DOMAIN),
    "domain_map": F("map", False, "Generic library domain id -> this incident's domain id.",
                    values=F("id", True, "Id of one of this incident's domains.")),
    "achievements": F("array", True, "What the attacker gained, in time order.", spec={
        "at": F("datetime", True, "When, with UTC offset."),
        "approximate": F("bool", True, "True when the time is not known exactly."),
        "when": F("str", False, "The time in words when it is vaguer than a timestamp."),
        "compromises": F("ids", True, "Domains the attacker controls from then on."),
        "how": F("str", True, "How, in a sentence."),
        "sources": SOURCES,
    }),
    "outflows": F("array", True, "Recorded transfers out, in time order.", spec={
        "at": F("datetime", True, "When (the start of the window if only a window is known)."),
        "latest": F("datetime", False, "End of the window when only a window is known."),
        "approximate": F("bool", True, "True when the time is not known exactly."),
        "amount": F("amount", True, "Units of the asset (more than 0)."),
        "to": F("str", False, "Destination address."),
        "tx": F("str", False, "Transaction hash, where known."),
        "note": F("str", False, multiline=True, doc="Context."),
        "sources": SOURCES,
    }),
    "response": F("array", True, "The venue's real response timeline, in time order.", spec={
        "id": F("id", True, "Unique id."),
        "at": F("datetime", True, "When, with UTC offset."),
        "approximate": F("bool", True, "True when the time is not known exactly."),
        "what": F("str", True, "What happened."),
        "halts_outflows": F("bool", False, "True for the moment outflows were stopped."),
        "sources": SOURCES,
    }),
    "setups": F("array", True, "Custody setups replayed against this incident.", spec=SETUP),
    "sources": F("map", True, "Source id -> { title, url }.", keys="source-id",
                 values=F("table", True, "A source.", spec=SOURCE)),
}

LIBRARY = {
    "format": INCIDENT["format"],
    "domains": F("array", True, "Generic failure domains the library setups use.", spec=DOMAIN),
    "setups": F("array", True, "Reusable custody setups.", spec=SETUP),
}

def py_pattern(pattern: str) -> re.Pattern[str]:
    """A JSON Schema pattern as a Python regex that matches the same strings.

    JSON Schema's ``$`` is the very end of the string; Python's ``$`` also matches before
    a final newline, which would let "10\\n" through. ``\\Z`` is the true end.
    """
    return re.compile(pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern)


def _line(pattern: str) -> dict[str, Any]:
    """A one-line string matching ``pattern``. The ``not`` refuses a newline for validators
    whose ``$`` also matches before a final newline (Python's ``jsonschema`` does), so every
    validator agrees with ``check`` on "10\\n"."""
    return {"type": "string", "pattern": pattern, "not": {"pattern": "\n"}}


_ID_JSON = _line(ID_PATTERN)
_SOURCE_ID_JSON = _line(SOURCE_ID_PATTERN)
_JSON_TYPES: dict[str, dict[str, Any]] = {
    "bool": {"type": "boolean"},
    "id": _ID_JSON,
    "source-id": _SOURCE_ID_JSON,
    "ids": {"type": "array", "items": _ID_JSON},
    "source-ids": {"type": "array", "items": _SOURCE_ID_JSON},
    "url": _line(URL_PATTERN),
    "amount": {
        "oneOf": [
            _line(AMOUNT_PATTERN),
            {"type": "integer", "minimum": 0, "maximum": MAX_INTEGER_AMOUNT},
        ]
    },
    "share": {
        "oneOf": [
            _line(SHARE_PATTERN),
            {"type": "integer", "minimum": 0, "maximum": 1},
        ]
    },
    "datetime": {"type": "string", "format": "date-time", "pattern": DATETIME_PATTERN},
}


def _json_field(f: F) -> dict[str, Any]:
    out: dict[str, Any]
    if f.type in ("table", "array"):
        obj = _json_object(f.spec or {})
        out = obj if f.type == "table" else {"type": "array", "items": obj}
    elif f.type == "int":
        out = {"type": "integer"}
        if f.minimum is not None and f.minimum == f.maximum:
            out["const"] = f.minimum
        else:
            if f.minimum is not None:
                out["minimum"] = f.minimum
            if f.maximum is not None:
                out["maximum"] = f.maximum
    elif f.type == "str":
        out = ({"type": "string", "pattern": _NO_CONTROL_MULTILINE} if f.multiline
               else _line(_NO_CONTROL))
        if f.required:  # and not blank
            out["allOf"] = [{"pattern": r"\S"}]
    elif f.type == "map":
        out = {"type": "object", "propertyNames": dict(_JSON_TYPES[f.keys])}
        if f.values is not None:
            out["additionalProperties"] = _json_field(f.values)
    else:
        out = dict(_JSON_TYPES[f.type])
        if f.type == "source-ids" and f.required:
            out["minItems"] = 1
    if f.choices:
        out["enum"] = list(f.choices)
    if f.doc:
        out["description"] = f.doc
    return out


def _json_object(spec: dict[str, F]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {name: _json_field(f) for name, f in spec.items()},
        "required": [name for name, f in spec.items() if f.required],
        "additionalProperties": False,
    }


def json_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of an incident file, for editors that validate TOML."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://wallet-explainer.invalid/scenario.schema.json",
        "title": "wallet-explainer incident scenario",
        **_json_object(INCIDENT),
    }
