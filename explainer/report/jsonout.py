"""The JSON contract for scripts (documented in README.md). Amounts are decimal strings."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Context, Decimal
from typing import Any

from explainer.engine import Replay
from explainer.model import Incident
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


def _fiat(incident: Incident, amount: Decimal) -> list[dict[str, Any]]:
    return [{"valuation": f.valuation, "currency": f.currency,
             "amount": _amount(f.value.quantize(Decimal("0.01"), context=_WIDE)),
             "approximate": f.approximate}
            for f in fiat(incident, amount)]


def document(incident: Incident, replays: list[Replay]) -> dict[str, Any]:
    """The JSON document for ``replays`` of ``incident``, as plain data."""
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
        "setups": [_setup(incident, r) for r in replays],
    }


def _setup(incident: Incident, r: Replay) -> dict[str, Any]:
    s = r.summary
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
        "held": s.held,
        "why": s.why,
        "wallets": [{"id": w.id, "label": w.label, "initial": _amount(w.initial),
                     "exposed": _amount(w.exposed), "lost": _amount(w.lost)}
                    for w in s.wallets],
        "events": [{
            "at": _time(e.at),
            "approximate": e.approximate,
            "latest": _time(e.latest),
            "wallet": e.wallet,
            "requested": _amount(e.requested),
            "moved": _amount(e.moved),
            "outcome": e.outcome,
            "reason": e.reason,
            "sources": list(e.sources),
        } for e in r.events],
    }


def render(incident: Incident, replays: list[Replay]) -> str:
    """The JSON text, indented, ending with a newline."""
    # the text stays UTF-8; only DEL and C1 characters (which json leaves raw) are escaped
    return json_safe(json.dumps(document(incident, replays), indent=2, ensure_ascii=False)) + "\n"
