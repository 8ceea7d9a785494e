"""The JSON contract for scripts (documented in README.md). Amounts are decimal strings."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from decimal import Context, Decimal
from json.encoder import encode_basestring as _str  # what json.dumps uses with ensure_ascii=False
from typing import Any

from explainer.engine import Event, Reason, Replay, SigRef
from explainer.model import Incident
from explainer.report.reason_text import Words, words_for
from explainer.report.rows import fiat
from explainer.safe_text import json_safe

JSON_FORMAT = 1
_FRACTION = Decimal("0.0000000001")
_WIDE = Context(prec=120)  # rounding fiat to cents must never run out of digits


def _amount(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def _fraction(value: Decimal) -> str:
    return _amount(value.quantize(_FRACTION, context=_WIDE))


def _time(at: datetime | None) -> str | None:
    return at.isoformat() if at is not None else None


def _duration(span: timedelta) -> str:
    """ISO 8601 in exact hours, minutes and seconds ('PT24H', 'PT10M', 'PT26H30M'): a
    day in ISO 8601 is a calendar day, which a limit's window is not."""
    hours, rest = divmod(int(span.total_seconds()), 3600)
    minutes, seconds = divmod(rest, 60)
    clock = "".join(f"{v}{u}" for v, u in ((hours, "H"), (minutes, "M"), (seconds, "S")) if v)
    return f"PT{clock or '0S'}"


def _param(name: str, value: Any) -> Any:
    """One parameter of a reason as JSON data: amounts and shares as decimal strings,
    times and durations in ISO 8601, ids as strings, nested reasons as objects."""
    if isinstance(value, Reason):
        return {"code": value.code, "params": reason_params(value)}
    if isinstance(value, SigRef):
        return {"key": value.key, "path": value.path, "domain": value.domain}
    if isinstance(value, tuple):
        return [_param(name, v) for v in value]
    if isinstance(value, Decimal):
        return _fraction(value) if name == "share" else _amount(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, timedelta):
        return _duration(value)
    return value


def reason_params(reason: Reason) -> dict[str, Any]:
    """A reason's parameters as JSON data, by name (README: "Reason codes")."""
    return {name: _param(name, v) for name, v in reason.args.items()}


def _fiat(incident: Incident, amount: Decimal) -> list[dict[str, Any]]:
    return [{"valuation": f.valuation, "currency": f.currency,
             "amount": _amount(f.value.quantize(Decimal("0.01"), context=_WIDE)),
             "approximate": f.approximate}
            for f in fiat(incident, amount)]


def _head(incident: Incident) -> dict[str, Any]:
    """Everything in the document before its setups."""
    return {
        "format": JSON_FORMAT,
        "scenario": incident.id,
        "title": incident.title,
        "asset": incident.asset.symbol,
        "decimals": incident.asset.decimals,
        "pool": _amount(incident.pool),
        "timezone": incident.timezone,
        "valuations": [{"id": v.id, "label": v.label, "currency": v.currency,
                        "rate": _amount(v.rate.quantize(Decimal("0.000001"), context=_WIDE)),
                        "approximate": v.approximate, "sources": list(v.sources)}
                       for v in incident.valuations],
    }


def _setup_head(incident: Incident, r: Replay) -> dict[str, Any]:
    """One setup's entry before its events."""
    s, words = r.summary, words_for(r)
    return {
        "id": r.setup.id,
        "label": r.setup.label,
        "origin": r.setup.origin,
        "exposed": _amount(s.exposed),
        "exposed_fraction": _fraction(s.exposed_fraction),
        "exposed_fiat": _fiat(incident, s.exposed),
        "lost": _amount(s.lost),
        "lost_fraction": _fraction(s.lost_fraction),
        "lost_fiat": _fiat(incident, s.lost),
        "first_loss": _time(s.first_loss),
        "last_loss": _time(s.last_loss),
        "freeze_at": _time(s.freeze_at),
        "held": words(s.held),
        "held_code": s.held.code,
        "held_params": reason_params(s.held),
        "why": words(s.why),
        "why_code": s.why.code,
        "why_params": reason_params(s.why),
        "wallets": [{"id": w.id, "label": w.label, "initial": _amount(w.initial),
                     "exposed": _amount(w.exposed), "lost": _amount(w.lost)}
                    for w in s.wallets],
    }


def _event(e: Event, words: Words) -> dict[str, Any]:
    return {
        "at": _time(e.at),
        "approximate": e.approximate,
        "latest": _time(e.latest),
        "wallet": e.wallet,
        "requested": _amount(e.requested),
        "moved": _amount(e.moved),
        "outcome": e.outcome,
        "reason": words(e.reason),
        "reason_code": e.reason.code,
        "reason_params": reason_params(e.reason),
        "sources": list(e.sources),
    }


def document(incident: Incident, replays: list[Replay]) -> dict[str, Any]:
    """The JSON document for ``replays`` of ``incident``, as plain data."""
    return {**_head(incident),
            "setups": [{**_setup_head(incident, r), "events": [_event(e, words_for(r))
                                                             for e in r.events]}
                       for r in replays]}


def render(incident: Incident, replays: list[Replay]) -> str:
    """The JSON text, indented, ending with a newline."""
    # the text stays UTF-8; only DEL and C1 characters (which json leaves raw) are escaped
    return json_safe("".join(chunks(incident, replays)))


def chunks(incident: Incident, replays: Iterable[Replay]) -> Iterator[str]:
    """The JSON text of ``render`` in pieces, one setup (and at most ``BATCH`` events) at
    a time, so that a long replay is written as it is encoded rather than held twice in
    memory.

    The text is exactly ``json.dumps(document(...), indent=2, ensure_ascii=False)`` plus
    a newline (a test holds them equal); events, the bulk of it, are written from one
    template instead of through the general encoder, which would take most of the time.
    """
    yield "{" + "".join(f"\n  {_str(k)}: {_encode(v, 1)}," for k, v in
                        _head(incident).items())
    times: dict[int, tuple] = {}  # per outflow: its time, sources and amount, as JSON
    first = True
    for r in replays:
        yield '\n  "setups": [\n    ' if first else ",\n    "
        yield from _setup_text(incident, r, times)
        first = False
    yield '\n  "setups": []\n}\n' if first else "\n  ]\n}\n"


BATCH = 1000  # events per piece of text


def _setup_text(incident: Incident, r: Replay, times: dict[int, tuple]) -> Iterator[str]:
    """One setup's JSON text, in pieces."""
    head = "".join(f"\n      {_str(k)}: {_encode(v, 3)}," for k, v in
                   _setup_head(incident, r).items())
    if not r.events:
        yield "{" + head + '\n      "events": []\n    }'
        return
    words = words_for(r)
    said: dict[int, tuple[Reason, str]] = {}  # per reason object: its JSON fields
    events = r.events
    yield "{" + head + '\n      "events": [\n        '
    for start in range(0, len(events), BATCH):
        yield (",\n        " if start else "") + ",\n        ".join(
            [_event_text(e, times, words, said) for e in events[start:start + BATCH]])
    yield "\n      ]\n    }"


def _event_text(e: Event, times: dict[int, tuple], words: Words,
                said: dict[int, tuple[Reason, str]]) -> str:
    """One event as ``_encode(_event(e, words), 4)`` writes it, from a template."""
    known = times.get(e.attempt)
    if known is None:
        at = f'"at": "{e.at.isoformat()}",\n          "approximate": ' + \
            ("true" if e.approximate else "false") + ',\n          "latest": ' + \
            (f'"{e.latest.isoformat()}"' if e.latest is not None else "null")
        sources = "[\n            " + ",\n            ".join(map(_str, e.sources)) + \
            "\n          ]" if e.sources else "[]"
        known = times[e.attempt] = (at, sources, e.requested, _amount(e.requested))
    at, sources, asked, asked_text = known
    # most events ask for the outflow's whole amount, the same Decimal in every replay
    requested = asked_text if e.requested is asked else _amount(e.requested)
    moved = "0" if not e.moved and not e.moved.is_signed() else _amount(e.moved)
    hit = said.get(id(e.reason))
    if hit is None or hit[0] is not e.reason:
        r = e.reason
        hit = said[id(r)] = (r, f'"reason": {_str(words(r))},\n          "reason_code": '
                                f'{_str(r.code)},\n          "reason_params": '
                                f'{_encode(reason_params(r), 5)}')
    return (f'{{\n          {at},\n          "wallet": {_str(e.wallet)},\n'
            f'          "requested": "{requested}",\n'
            f'          "moved": "{moved}",\n'
            f'          "outcome": "{e.outcome}",\n'
            f'          {hit[1]},\n'
            f'          "sources": {sources}\n        }}')


def _encode(value: Any, level: int) -> str:
    """``value`` as ``json.dumps(value, indent=2, ensure_ascii=False)`` writes it when it
    sits ``level`` levels deep (strings, numbers, booleans, None, lists and dicts)."""
    if isinstance(value, str):
        return _str(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return json.dumps(value)
    inner = "\n" + "  " * (level + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{" + inner + ("," + inner).join(
            f"{_str(str(k))}: {_encode(v, level + 1)}" for k, v in value.items()) + \
            "\n" + "  " * level + "}"
    if not value:
        return "[]"
    return "[" + inner + ("," + inner).join(_encode(v, level + 1) for v in value) + \
        "\n" + "  " * level + "]"
