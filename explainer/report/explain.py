"""Why a setup lost what it lost, in plain sentences, from the engine's own results.

The comparison shows one row per setup; some rows surprise (on Bybit a single-key hot
wallet loses nothing while a 2-of-3 multisig in independent places loses 70%). These
sentences say where this attacker got in, what that opened in this setup, what stayed
shut and why, and why the loss is not the whole exposure. They are written here, in the
report layer, from the summary's peak access: no widget works any of it out.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from explainer import numbers as fmt
from explainer.engine.results import MOVED
from explainer.i18n import _, ngettext
from explainer.report.reason_text import join_list, words_for

if TYPE_CHECKING:
    from explainer.engine import Replay
    from explainer.model import Key


def _join(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return _("{first} and {last}").format(first=join_list(items[:-1]), last=items[-1])


def _out_of_reach(missing: list[Key], held: frozenset[str], labels: dict[str, str]) -> list[str]:
    """Why the attacker could not get these keys' signatures: one clause per reason and
    place, naming the keys it covers ('cosigner 2 and cosigner 3: kept in ...')."""
    groups: dict[tuple[str, str], list[str]] = {}
    for key in missing:
        if key.signs_via and key.signs_via in held and key.verifies_on_device:
            group = ("verified", labels.get(key.signs_via, key.signs_via))
        elif key.delegation_revoked and not held.isdisjoint(key.delegated_to):
            group = ("revoked", _join([labels.get(d, d) for d in key.delegated_to if d in held]))
        else:
            group = ("apart", labels.get(key.domain, key.domain))
        groups.setdefault(group, []).append(key.label)
    out = []
    for (kind, place), names in groups.items():
        who = _join(names)
        if kind == "verified":
            text = _("{keys}: signed through {place}, which the attacker controlled, but "
                     "each transaction is checked on an independent device")
        elif kind == "revoked":
            text = _("{keys}: the delegation to {place} had been revoked")
        else:
            text = _("{keys}: kept in {place}, which this attacker never reached")
        out.append(text.format(keys=who, place=place))
    return out


def explain(replay: Replay) -> list[str]:
    """Sentences on why ``replay`` lost what it lost: where the attacker got in, each
    wallet that opened or stayed shut (and why), and what the recorded outflows took."""
    s = replay.summary
    words = words_for(replay)
    labels = words.places
    keys = {k.id: k for k in replay.setup.keys}
    held = s.peak.held
    symbol = replay.incident.asset.symbol
    out: list[str] = []
    if held:
        out.append(_("This attacker got into {places}.").format(
            places=_join([labels.get(d, d) for d in sorted(held)])))
    else:
        out.append(_("This attacker got into none of this setup's places."))
    for w in replay.setup.wallets:
        initial = s.initial[w.id]
        if initial <= 0:
            continue
        a = s.peak_access[w.id]
        share = fmt.percent(initial / s.pool if s.pool else Decimal(0))
        wallet = words.wallet(w.id)
        if a.reachable:
            out.append(_("The {wallet}, {share} of the pool, opened: it {access}.").format(
                wallet=wallet, share=share, access=words.access(a)))
            continue
        reached = {sig.key for sig in a.signatures}
        missing = [keys[k] for k in w.keys if k in keys and k not in reached]
        reasons = _out_of_reach(missing, held, labels)
        if len(reasons) > 3:  # a 5-of-9 bridge: name the first places, count the rest
            rest = len(reasons) - 2
            reasons = [*reasons[:2], ngettext("{n} more place out of reach",
                                              "{n} more places out of reach", rest).format(n=rest)]
        because = reasons[0] if reasons else ""
        for more in reasons[1:]:
            because = _("{reason}; {more}").format(reason=because, more=more)
        out.append(_("The {wallet}, {share} of the pool, stayed shut: it {access}; "
                     "{reasons}.").format(wallet=wallet, share=share, access=words.access(a),
                                          reasons=because))
    within = fmt.amount(s.exposed, symbol)
    lost = fmt.amount(s.lost, symbol)
    if s.lost < s.exposed:
        short = any(e.outcome != MOVED for e in replay.events)
        if s.lost == 0:
            out.append(_("Nothing moved of the {within} within reach: {why}.").format(
                within=within, why=words(s.why)))
        elif short:
            out.append(_("Of the {within} within reach, {lost} moved: {why}.").format(
                within=within, lost=lost, why=words(s.why)))
        else:
            out.append(_("Of the {within} within reach, the recorded outflows took {lost} "
                         "({share} of the pool): the replay moves only what the attacker "
                         "really moved.").format(within=within, lost=lost,
                                                 share=fmt.percent(s.lost_fraction)))
    elif s.lost > 0:
        out.append(_("The attacker took everything within reach: {within} ({share} of the "
                     "pool).").format(within=within, share=fmt.percent(s.lost_fraction)))
    return out
