"""The scenario file format, declared once.

The same declaration drives the loader's shape checks and ``wallet-explainer schema``
(a JSON Schema for editors), so the two cannot drift apart. Cross-references (a key
in an undeclared domain, an unknown source id...) are checked in ``loader``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FORMAT_VERSION = 1
TEN_YEARS_HOURS = 87_600  # longest period, time lock or freeze delay a file may give
MAX_DIGITS = 28  # significant digits of an amount in its smallest unit: Decimal's exact range


@dataclass(frozen=True)
class F:
    """One field: its type name, whether it is required, and what it means."""

    type: str  # str, bool, int, amount, share, datetime, ids, table, array, sources, map
    required: bool = False
    doc: str = ""
    spec: dict[str, F] | None = None  # for table / array
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


SOURCES = F("ids", True, "Ids of entries in [sources] that back this item.")

DOMAIN = {
    "id": F("str", True, "Unique id of the failure domain."),
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
    "id": F("str", True, "Unique id of the key within the setup."),
    "label": F("str", True, "Short name shown to people."),
    "domain": F("str", True, "Id of the domain the key lives in."),
    "auto_signs_for": F("ids", False, "Domains whose requests this key signs automatically."),
    "delegated_to": F("ids", False, "Domains allowed to sign in this key's name."),
    "delegation_revoked": F("bool", False, "True when the delegation has been withdrawn."),
    "signs_via": F("str", False, "Domain of the interface the signer reads before signing."),
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
    "enforced_by": F("str", True, "Domain that enforces it, or 'contract' for on-chain code."),
    "set_from": F("ids", False, "Domains from which the limit can be changed."),
}

WALLET = {
    "id": F("str", True, "Unique id of the wallet within the setup."),
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
    "refill_from": F("str", False, "Wallet that automatically tops this one up mid-attack."),
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
    "id": F("str", True, "Unique id of the setup."),
    "label": F("str", True, "One-line name."),
    "summary": F("str", True, "What the setup is, in a sentence or two."),
    "teaching_point": F("str", False, "What this setup teaches."),
    "sources": F("ids", False, "Sources for a setup that really existed or is a real rule."),
    "domains": F("array", False, "Failure domains this setup adds.", spec=DOMAIN),
    "keys": F("array", True, "Keys.", spec=KEY),
    "wallets": F("array", True, "Wallets; their shares sum to 1.", spec=WALLET),
    "response": F("table", False, "How the venue responds.", spec=RESPONSE),
}

CLAIM = {
    "value": F("str", True, "What this side says."),
    "note": F("str", False, "Context."),
    "sources": SOURCES,
}

INCIDENT = {
    "format": F("int", True, f"Format version; must be {FORMAT_VERSION}.", minimum=1),
    "id": F("str", True, "Unique id, used on the command line (e.g. coincheck-2018)."),
    "title": F("str", True, "Title of the incident."),
    "venue": F("str", True, "Who held the funds."),
    "date": F("str", True, "Date of the theft as people say it (e.g. 2018-01-26)."),
    "timezone": F("str", True, "Name of the local time used for display (e.g. JST)."),
    "summary": F("str", True, "What happened, in a short paragraph."),
    "teaching_point": F("str", True, "The lesson, in your own words."),
    "asset": F("table", True, "The asset at stake.", spec={
        "symbol": F("str", True, "Ticker, e.g. XEM."),
        "name": F("str", True, "Name, e.g. NEM."),
        "decimals": F("int", True, "Decimal places of the smallest unit.", minimum=0,
                      maximum=MAX_DIGITS),
    }),
    "pool": F("table", True, "The custody pool the replay splits between wallets.", spec={
        "amount": F("amount", True, "Size of the pool in units of the asset."),
        "note": F("str", False, "What the pool stands for."),
        "sources": SOURCES,
    }),
    "valuations": F("array", True, "Fiat valuations: value of fiat for 'per' units.", spec={
        "id": F("str", True, "Unique id."),
        "label": F("str", True, "Name, e.g. 'compensation rate'."),
        "currency": F("str", True, "Currency code, e.g. JPY."),
        "value": F("amount", True, "Fiat value."),
        "per": F("amount", True, "For this many units of the asset (more than 0)."),
        "approximate": F("bool", True, "True when the sources give a rounded figure."),
        "note": F("str", False, "Context."),
        "sources": SOURCES,
    }),
    "facts": F("array", False, "Headline facts shown with the incident.", spec={
        "id": F("str", True, "Unique id."),
        "label": F("str", True, "What the fact is about."),
        "value": F("str", True, "The fact."),
        "approximate": F("bool", False, "True when approximate or unconfirmed."),
        "note": F("str", False, "Context."),
        "sources": SOURCES,
    }),
    "conflicts": F("array", False, "Places where sources disagree.", spec={
        "id": F("str", True, "Unique id."),
        "topic": F("str", True, "What they disagree about."),
        "used": F("str", True, "The value the replay uses."),
        "why": F("str", True, "Why that one."),
        "claims": F("array", True, "Each side, with its sources.", spec=CLAIM),
    }),
    "addresses": F("array", False, "Public addresses that played a part.", spec={
        "id": F("str", True, "Unique id."),
        "label": F("str", True, "Whose address."),
        "address": F("str", True, "The address as written on chain."),
        "role": F("str", True, "venue, attacker or other.", choices=("venue", "attacker", "other")),
        "sources": SOURCES,
    }),
    "domains": F("array", True, "Failure domains that really existed.", spec=DOMAIN),
    "domain_map": F("map", False, "Generic library domain id -> this incident's domain id."),
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
        "note": F("str", False, "Context."),
        "sources": SOURCES,
    }),
    "response": F("array", True, "The venue's real response timeline, in time order.", spec={
        "id": F("str", True, "Unique id."),
        "at": F("datetime", True, "When, with UTC offset."),
        "approximate": F("bool", True, "True when the time is not known exactly."),
        "what": F("str", True, "What happened."),
        "halts_outflows": F("bool", False, "True for the moment outflows were stopped."),
        "sources": SOURCES,
    }),
    "setups": F("array", True, "Custody setups replayed against this incident.", spec=SETUP),
    "sources": F("map", True, "Source id -> { title, url }."),
}

LIBRARY = {
    "format": INCIDENT["format"],
    "domains": F("array", True, "Generic failure domains the library setups use.", spec=DOMAIN),
    "setups": F("array", True, "Reusable custody setups.", spec=SETUP),
}

_JSON_TYPES = {
    "str": {"type": "string"},
    "bool": {"type": "boolean"},
    "ids": {"type": "array", "items": {"type": "string"}},
    "amount": {
        "oneOf": [
            {"type": "string", "pattern": r"^[0-9]+(\.[0-9]+)?$"},
            {"type": "integer", "minimum": 0},
        ]
    },
    "share": {
        "oneOf": [
            {"type": "string", "pattern": r"^(0(\.[0-9]+)?|1(\.0+)?)$"},
            {"type": "integer", "minimum": 0, "maximum": 1},
        ]
    },
    "datetime": {"type": "string", "format": "date-time"},
}


def _json_field(f: F) -> dict[str, Any]:
    if f.type in ("table", "array"):
        obj = _json_object(f.spec or {})
        out = obj if f.type == "table" else {"type": "array", "items": obj}
    elif f.type == "int":
        out = {"type": "integer"}
        if f.minimum is not None:
            out["minimum"] = f.minimum
        if f.maximum is not None:
            out["maximum"] = f.maximum
    elif f.type == "map":
        out = {"type": "object"}
    else:
        out = dict(_JSON_TYPES[f.type])
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
    schema = _json_object(INCIDENT)
    schema["properties"]["sources"] = {
        "type": "object",
        "description": INCIDENT["sources"].doc,
        "additionalProperties": {
            "type": "object",
            "properties": {"title": {"type": "string"}, "url": {"type": "string"}},
            "required": ["title"],
            "additionalProperties": False,
        },
    }
    schema["properties"]["domain_map"]["additionalProperties"] = {"type": "string"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://wallet-explainer.invalid/scenario.schema.json",
        "title": "wallet-explainer incident scenario",
        **schema,
    }
