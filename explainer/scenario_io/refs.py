"""What a schema cannot say: references between parts of a file and the invariants
that span fields (undeclared domains and keys, unknown sources, duplicate ids, m > n,
shares that do not add up to 1, outflows out of time order, amounts finer than the
asset's smallest unit)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from explainer import model as m
from explainer.i18n import N_, _
from explainer.scenario_io.problems import shown
from explainer.scenario_io.shape import Checker, join, to_decimal
from explainer.schema import MAX_DIGITS


def _seq(value: Any) -> list[Any]:
    """A list as found, or nothing: a wrong type was already reported by the shape check."""
    return value if isinstance(value, list) else []


def _dupes(c: Checker, items: list[dict[str, Any]], path: str,
           seen: dict[str, str] | None = None) -> dict[str, str]:
    """Report ids used twice in ``items``; return where each id was first seen."""
    seen = {} if seen is None else seen
    for i, item in enumerate(items):
        ident = item.get("id")
        if isinstance(ident, str):
            if ident in seen:
                c.add(f"{path}[{i}].id",
                      _("duplicate id '{id}' (already used at {where})").format(
                          id=shown(ident), where=seen[ident]))
            else:
                seen[ident] = f"{path}[{i}]"
    return seen


def _check_sources(c: Checker, data: Any, known: set[str], path: str) -> None:
    """Every ``sources = [...]`` list anywhere must name known source ids."""
    if isinstance(data, dict):
        for key, value in data.items():
            where = join(path, key)
            if key == "sources" and isinstance(value, list) and path != "":
                for sid in value:
                    if isinstance(sid, str) and sid not in known:
                        c.add(where, _("unknown source id '{id}' (not in [sources])").format(
                            id=shown(sid)))
            else:
                _check_sources(c, value, known, where)
    elif isinstance(data, list):
        for i, item in enumerate(data):
            _check_sources(c, item, known, f"{path}[{i}]")


def _check_order(c: Checker, items: list[Any], path: str, message: str) -> None:
    """Report each entry earlier than the one before it; ``message`` (marked with ``N_``)
    takes ``{at}`` and ``{before}``."""
    last: datetime | None = None
    for i, item in enumerate(items):
        at = item.get("at") if isinstance(item, dict) else None
        if not isinstance(at, datetime) or at.tzinfo is None:
            continue
        if last is not None and at < last:
            c.add(f"{path}[{i}].at", _(message).format(at=at.isoformat(),
                                                        before=last.isoformat()))
        last = at


def _check_setup(c: Checker, s: dict[str, Any], path: str, outer: set[str],
                 decimals: int | None) -> None:
    domains = set(outer)
    for i, d in enumerate(_seq(s.get("domains"))):
        ident = d.get("id") if isinstance(d, dict) else None
        if isinstance(ident, str):
            if ident in domains:
                c.add(f"{path}.domains[{i}].id",
                      _("duplicate domain id '{id}'").format(id=shown(ident)))
            domains.add(ident)
    keys = [k for k in _seq(s.get("keys")) if isinstance(k, dict)]
    wallets = [w for w in _seq(s.get("wallets")) if isinstance(w, dict)]
    _dupes(c, keys, f"{path}.keys")
    _dupes(c, wallets, f"{path}.wallets")
    key_ids = {k.get("id") for k in keys if isinstance(k.get("id"), str)}
    wallet_ids = {w.get("id") for w in wallets if isinstance(w.get("id"), str)}

    def ref(value: Any, where: str) -> None:
        if isinstance(value, str) and value not in domains:
            declared = ", ".join(shown(d) for d in sorted(domains))
            c.add(where, _("domain '{id}' is not declared (declared: {declared})").format(
                id=shown(value), declared=declared))

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
                c.add(f"{wp}.keys", _("key '{id}' is not declared in this setup's keys")
                      .format(id=shown(k)))
        if len(set(wkeys)) != len(wkeys):
            c.add(f"{wp}.keys", _("lists the same key twice"))
        for k in _seq(w.get("recovery_keys")):
            if isinstance(k, str) and k not in key_ids:
                c.add(f"{wp}.recovery_keys",
                      _("key '{id}' is not declared in this setup's keys").format(id=shown(k)))
        m_ = w.get("threshold")
        if isinstance(m_, int) and not isinstance(m_, bool) and m_ > len(wkeys):
            c.add(f"{wp}.threshold", _("needs {m} signatures but the wallet has only {n} "
                                       "key(s) (m > n)").format(m=m_, n=len(wkeys)))
        refill = w.get("refill_from")
        if isinstance(refill, str):
            if refill not in wallet_ids:
                c.add(f"{wp}.refill_from",
                      _("wallet '{id}' is not in this setup").format(id=shown(refill)))
            elif refill == w.get("id"):
                c.add(f"{wp}.refill_from", _("a wallet cannot refill itself"))
        for j, lim in enumerate(_seq(w.get("limits"))):
            if not isinstance(lim, dict):
                continue
            lp = f"{wp}.limits[{j}]"
            if ("amount" in lim) == ("share" in lim):
                c.add(lp, _("give exactly one of 'amount' or 'share'"))
            if "amount" in lim:
                _check_decimals(c, lim["amount"], f"{lp}.amount", decimals)
            enforcer = lim.get("enforced_by")
            if enforcer != m.CONTRACT:
                ref(enforcer, f"{lp}.enforced_by")
            for d in _seq(lim.get("set_from")):
                ref(d, f"{lp}.set_from")
    if isinstance(s.get("wallets"), list) and not wallets:
        c.add(f"{path}.wallets", _("a setup needs at least one wallet"))
    if shares_ok and wallets and total != 1:
        c.add(f"{path}.wallets", _("shares add up to {total}, not 1").format(total=total))
    resp = s.get("response")
    if isinstance(resp, dict):
        if resp.get("freeze") == "after" and "after_minutes" not in resp:
            c.add(f"{path}.response.after_minutes", _("is needed when freeze = \"after\""))
        if resp.get("freeze") != "after" and "after_minutes" in resp:
            c.add(f"{path}.response.after_minutes",
                  _("only applies when freeze = \"after\""))


def _check_decimals(c: Checker, value: Any, where: str, decimals: int | None) -> None:
    amount = to_decimal(value)
    if amount is None or decimals is None or not 0 <= decimals <= MAX_DIGITS:
        return
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > decimals:
        c.add(where, _("has more decimal places than the asset allows ({decimals})").format(
            decimals=decimals))
    elif amount and amount.adjusted() + 1 + decimals > MAX_DIGITS:
        # counted in the smallest unit the amount has more digits than exact arithmetic keeps
        c.add(where, _("is too large to count exactly in units of 10^-{decimals} (at most "
                       "{digits} digits); use fewer decimals or a larger unit").format(
            decimals=decimals, digits=MAX_DIGITS))


def incident_refs(c: Checker, data: dict[str, Any]) -> None:
    """Every reference and invariant of incident data (its shape was checked already)."""
    sources = data.get("sources")
    if isinstance(sources, dict):
        known = set(sources)
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
        c.add("pool.amount", _("must be more than 0"))
    _check_decimals(c, pool.get("amount"), "pool.amount", decimals)

    for i, v in enumerate(items("valuations")):
        per = to_decimal(v.get("per"))
        if per is not None and per == 0:
            c.add(f"valuations[{i}].per", _("must be more than 0"))

    for i, a in enumerate(items("achievements")):
        for d in _seq(a.get("compromises")):
            if isinstance(d, str) and d not in incident_domains:
                c.add(f"achievements[{i}].compromises",
                      _("domain '{id}' is not declared in [[domains]]").format(id=shown(d)))
    total = Decimal(0)
    for i, o in enumerate(items("outflows")):
        amount = to_decimal(o.get("amount"))
        if amount is not None:
            if amount == 0:  # a negative amount is already reported by the shape check
                c.add(f"outflows[{i}].amount", _("must be more than 0"))
            total += amount
        _check_decimals(c, o.get("amount"), f"outflows[{i}].amount", decimals)
        at, latest = o.get("at"), o.get("latest")
        if isinstance(at, datetime) and isinstance(latest, datetime) and at.tzinfo \
                and latest.tzinfo and latest < at:
            c.add(f"outflows[{i}].latest", _("is earlier than 'at'"))
    if isinstance(data.get("outflows"), list) and not data["outflows"]:
        c.add("outflows", _("an incident needs at least one recorded outflow to replay"))
    if pool_amount is not None and total > pool_amount:
        c.add("outflows", _("add up to {total}, more than the pool ({pool})").format(
            total=total, pool=pool_amount))
    _check_order(c, items("achievements"), "achievements",
                 N_("achievement out of time order: {at} comes after {before}"))
    _check_order(c, items("outflows"), "outflows",
                 N_("outflow out of time order: {at} comes after {before}"))
    _check_order(c, items("response"), "response",
                 N_("response event out of time order: {at} comes after {before}"))

    dmap = data.get("domain_map")
    if isinstance(dmap, dict):
        for generic, local in dmap.items():
            if isinstance(local, str) and local not in incident_domains:
                c.add(join("domain_map", generic),
                      _("domain '{id}' is not declared in [[domains]]").format(id=shown(local)))

    for i, s in enumerate(items("setups")):
        _check_setup(c, s, f"setups[{i}]", incident_domains, decimals)


def library_refs(c: Checker, data: dict[str, Any]) -> None:
    """Every reference and invariant of a library of reusable setups."""
    domains = [d for d in _seq(data.get("domains")) if isinstance(d, dict)]
    seen = _dupes(c, domains, "domains")
    setups = [s for s in _seq(data.get("setups")) if isinstance(s, dict)]
    _dupes(c, setups, "setups")
    for i, s in enumerate(setups):
        _check_setup(c, s, f"setups[{i}]", set(seen), None)
