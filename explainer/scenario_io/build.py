"""Checked data to the model: frozen dataclasses the engine and the reports read.

Only called on data that ``shape`` and ``refs`` found no problem with, so every field
is where the declaration says and every figure is within bounds.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from explainer import model as m
from explainer.scenario_io.shape import to_decimal


def _t(v: Any) -> tuple[str, ...]:
    return tuple(v or ())


def domain(d: dict[str, Any]) -> m.Domain:
    """A ``Domain`` from checked data."""
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
                   domains=tuple(domain(d) for d in s.get("domains") or ()), response=response,
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
        domains=tuple(domain(d) for d in data["domains"]),
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
