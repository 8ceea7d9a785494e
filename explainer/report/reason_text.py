"""The engine's reasons in the reader's language: one code with its parameters becomes one
sentence (or the phrase a sentence embeds), in ``i18n.current()``.

Every message is a whole sentence with named placeholders, so a language can put the
wallet, the figures and a nested reason where its grammar wants them. Labels (wallets,
places, keys, limits, the response) are looked up by id in the incident and setup given,
at the moment of saying, so a replay computed once reads in whichever language the
incident and setup were localized to. Figures and dates go through ``explainer.numbers``.

The text returned is raw: labels from the scenario file are formatted in as they are, and
the caller shows it through ``safe_text`` as before (``clean``, ``rich_text``, ``markdown``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any

from explainer import i18n
from explainer import numbers as fmt
from explainer.engine.access import WalletAccess, access_reason, domain_labels
from explainer.engine.codes import CONTRACT_ID, Reason, SigRef
from explainer.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from explainer.engine import Replay
    from explainer.model import Incident, Setup, Wallet


def join_list(items: Iterable[str]) -> str:
    """'a, b, c' in the reader's language (a list of names inside a sentence)."""
    out = ""
    for i, item in enumerate(items):
        out = item if i == 0 else _("{items}, {item}").format(items=out, item=item)
    return out


class Words:
    """Says the reasons of one replay (its incident and setup), each object once."""

    def __init__(self, incident: Incident, setup: Setup):
        self.incident = incident
        self.setup = setup
        self.symbol = incident.asset.symbol
        self._said: dict[int, tuple[Reason, str]] = {}  # by identity: reasons repeat as one object

    def __call__(self, reason: Reason) -> str:
        """``reason`` as a sentence (or phrase) in the current language."""
        hit = self._said.get(id(reason))
        if hit is not None and hit[0] is reason:
            return hit[1]
        text = _SAY[reason.code](self, *reason.params)
        self._said[id(reason)] = (reason, text)
        return text

    # the labels, gathered when a reason first needs them (a sweep's replays may need none)
    @cached_property
    def wallets(self) -> dict[str, Wallet]:
        return {w.id: w for w in self.setup.wallets}

    @cached_property
    def keys(self) -> dict[str, str]:
        return {k.id: k.label for k in self.setup.keys}

    @cached_property
    def places(self) -> dict[str, str]:
        return domain_labels(self.incident, self.setup)

    @cached_property
    def day(self) -> date | None:
        """The day of a one-day theft (its times read as clock times), else None."""
        return _single_day(self.incident)

    def access(self, access: WalletAccess) -> str:
        """'needs 2 of 3 signatures; the attacker holds 1 (NEM server)'."""
        return self(access_reason(access))

    # labels, looked up now (the setup and incident may be localized)
    def wallet(self, wallet_id: str) -> str:
        w = self.wallets.get(wallet_id)
        return w.label if w is not None else wallet_id

    def place(self, domain: str) -> str:
        return self.places.get(domain, domain)

    def limit(self, wallet_id: str, index: int) -> str:
        w = self.wallets.get(wallet_id)
        label = w.limits[index].label if w is not None and index < len(w.limits) else None
        return label or _("the outflow limit")

    def enforcer(self, enforced_by: str) -> str:
        return _("the wallet's own code") if enforced_by == CONTRACT_ID else \
            self.place(enforced_by)

    def signatures(self, sigs: Iterable[SigRef]) -> str:
        """'NEM server', '3 keys on NEM server', '3 signers deceived through Safe{Wallet}'."""
        groups: dict[tuple[str, str], list[SigRef]] = {}
        for sig in sigs:
            groups.setdefault((sig.path, self.place(sig.domain)), []).append(sig)
        parts = []
        for (path, place), members in groups.items():
            n, key = len(members), self.keys.get(members[0].key, members[0].key)
            if path == "stolen":
                parts.append(place if n == 1 else
                             _("{n} keys on {place}").format(n=n, place=place))
            elif path == "auto-signs":
                parts.append(_("{key} signing automatically for {place}") if n == 1 else
                             _("{n} keys signing automatically for {place}"))
            elif path == "delegated":
                parts.append(_("{key} through a delegation to {place}") if n == 1 else
                             _("{n} keys through delegations to {place}"))
            else:
                parts.append(_("{key} deceived through {place}") if n == 1 else
                             _("{n} signers deceived through {place}"))
            if path != "stolen":
                parts[-1] = parts[-1].format(key=key, n=n, place=place)
        return join_list(parts)


def words_for(replay: Replay) -> Words:
    """The sayer of one replay's reasons in the current language, kept for the last
    replay asked about (the app's event log asks once per row); only one, so that a long
    report does not keep every replay it has written alive."""
    global _LAST
    lang = i18n.current()
    if _LAST is not None and _LAST[0] is replay and _LAST[1] == lang:
        return _LAST[2]
    words = Words(replay.incident, replay.setup)
    _LAST = (replay, lang, words)
    return words


_LAST: tuple[Replay, str, Words] | None = None


def say(reason: Reason, incident: Incident, setup: Setup) -> str:
    """One reason as a sentence, in the current language."""
    return Words(incident, setup)(reason)


def _single_day(incident: Incident) -> date | None:
    """The day of a one-day theft (its times read as clock times), else None."""
    days = {o.at.date() for o in incident.outflows}
    days |= {o.latest.date() for o in incident.outflows if o.latest}
    return incident.outflows[0].at.date() if len(days) == 1 else None


# one function per code, taking the parameters in the order ``CODES`` declares them

def _needs(w: Words, wallet: str, threshold: int, total: int, held: int,
           signatures: tuple[SigRef, ...]) -> str:
    if not held:
        return ngettext("needs {threshold} of {total} signature; the attacker holds 0",
                        "needs {threshold} of {total} signatures; the attacker holds 0",
                        total).format(threshold=threshold, total=total)
    return ngettext("needs {threshold} of {total} signature; the attacker holds {held} ({who})",
                    "needs {threshold} of {total} signatures; the attacker holds {held} ({who})",
                    total).format(threshold=threshold, total=total, held=held,
                                  who=w.signatures(signatures))


def _recovery(w: Words, wallet: str, signatures: tuple[SigRef, ...]) -> str:
    return _("the attacker holds a recovery key that acts alone ({who})").format(
        who=w.signatures(signatures))


def _shut(w: Words, wallet: str, limit: int, enforced_by: str) -> str:
    return _("{limit} lets nothing through (enforced by {enforcer})").format(
        limit=w.limit(wallet, limit), enforcer=w.enforcer(enforced_by))


def _used_up(w: Words, wallet: str, limit: int, cap: Decimal, period: timedelta | None,
             enforced_by: str) -> str:
    text = _("{limit} ({cap} per transfer, enforced by {enforcer}) was already used up") \
        if period is None else \
        _("{limit} ({cap} per {period}, enforced by {enforcer}) was already used up")
    return text.format(limit=w.limit(wallet, limit), cap=fmt.amount(cap, w.symbol),
                       period=fmt.duration(period) if period else "",
                       enforcer=w.enforcer(enforced_by))


def _clipped(w: Words, wallet: str, limit: int, cap: Decimal, period: timedelta | None,
             enforced_by: str, allowed: Decimal) -> str:
    text = _("{limit} ({cap} per transfer, enforced by {enforcer}) allowed only {allowed} "
             "more") if period is None else \
        _("{limit} ({cap} per {period}, enforced by {enforcer}) allowed only {allowed} more")
    return text.format(limit=w.limit(wallet, limit), cap=fmt.amount(cap, w.symbol),
                       period=fmt.duration(period) if period else "",
                       enforcer=w.enforcer(enforced_by),
                       allowed=fmt.amount(allowed, w.symbol))


def _held_only(w: Words, wallet: str, share: Decimal, left: Decimal) -> str:
    return _("the {wallet} held only {share} of the pool; {left} was left to take").format(
        wallet=w.wallet(wallet), share=fmt.percent(share), left=fmt.amount(left, w.symbol))


def _held_only_refills(w: Words, wallet: str, refills: tuple[str, ...], share: Decimal,
                       left: Decimal) -> str:
    return _("the {wallet} and its automatic refills held only {share} of the pool; "
             "{left} was left to take").format(
        wallet=w.wallet(wallet), share=fmt.percent(share), left=fmt.amount(left, w.symbol))


def _with_loose(w: Words, reason: Reason, loose: tuple[Reason, ...]) -> str:
    text = w(reason)
    for more in loose:
        text = _("{reason}; {more}").format(reason=text, more=w(more))
    return text


def _loose_set_from(w: Words, wallet: str, limit: int, places: tuple[str, ...]) -> str:
    return _("{limit} did not bind: it can be changed from {places}").format(
        limit=w.limit(wallet, limit), places=join_list(w.place(d) for d in places))


def _loose_contract(w: Words, wallet: str, limit: int) -> str:
    return _("{limit} did not bind: the signers could replace the wallet's code at "
             "once").format(limit=w.limit(wallet, limit))


def _loose_held(w: Words, wallet: str, limit: int, enforced_by: str) -> str:
    return _("{limit} did not bind: {place} is in the attacker's hands").format(
        limit=w.limit(wallet, limit), place=w.place(enforced_by))


def _freeze_window(w: Words, reason: Reason, at: datetime, latest: datetime,
                   freeze_at: datetime) -> str:
    # a window within one day reads as clock times; a longer one needs dates
    day = at.date() if latest.date() == at.date() else None
    if fmt.whole_day(at, latest):
        text = _("{reason}; its time is only known to the day ({day}), so the freeze at "
                 "{freeze} may have come first")
    else:
        text = _("{reason}; its time is only known to lie {window}, so the freeze at "
                 "{freeze} may have come first")
    return text.format(reason=w(reason), day=fmt.day(at), window=fmt.window(at, latest, day),
                       freeze=fmt.stamp(freeze_at, day))


def _timelock(w: Words, wallet: str, delay: timedelta, freeze_at: datetime) -> str:
    return _("the {wallet}'s {delay} time lock was still running when outflows were frozen "
             "at {freeze}").format(wallet=w.wallet(wallet), delay=fmt.duration(delay),
                                   freeze=fmt.stamp(freeze_at, w.day))


def _frozen(w: Words, freeze_at: datetime, freeze: Reason) -> str:
    return _("outflows were frozen at {freeze} ({how})").format(
        freeze=fmt.stamp(freeze_at, w.day), how=w(freeze))


def _blocked_empty(w: Words, empty: tuple[str, ...], wallet: str, access: Reason) -> str:
    names = ""
    for i, wallet_id in enumerate(empty):
        names = _("the {wallet}").format(wallet=w.wallet(wallet_id)) if i == 0 else \
            _("{names} and the {wallet}").format(names=names, wallet=w.wallet(wallet_id))
    return ngettext("{names} is empty and the {wallet} {access}",
                    "{names} are empty and the {wallet} {access}", len(empty)).format(
        names=names, wallet=w.wallet(wallet), access=w(access))


def _blocked_at(w: Words, wallet: str, access: Reason) -> str:
    return _("the {wallet} {access}").format(wallet=w.wallet(wallet), access=w(access))


def _held_keys(w: Words, signatures: tuple[SigRef, ...]) -> str:
    return w.signatures(signatures)


def _freeze_as_run(w: Words) -> str:
    halt = w.incident.halt()
    if halt is None:
        return ""
    return _("as run: {what}").format(what=halt.what.rstrip(".。"))


def _constant(message: str) -> Any:
    return lambda w: _(message)


_SAY: dict[str, Any] = {
    "access.needs": _needs,
    "access.recovery": _recovery,
    "limit.shut": _shut,
    "limit.used_up": _used_up,
    "limit.clipped": _clipped,
    "held_only": _held_only,
    "held_only_refills": _held_only_refills,
    "with_loose": _with_loose,
    "loose.set_from": _loose_set_from,
    "loose.contract": _loose_contract,
    "loose.held": _loose_held,
    "freeze_window": _freeze_window,
    "timelock": _timelock,
    "frozen": _frozen,
    "all_empty": _constant(N_("every wallet the attacker could reach was already empty")),
    "blocked.empty": _blocked_empty,
    "blocked.at": _blocked_at,
    "no_outflows": _constant(N_("there were no recorded outflows to replay")),
    "held.keys": _held_keys,
    "held.none": _constant(N_("no signing keys")),
    "freeze.label": lambda w: w.setup.response.label or "",
    "freeze.after": lambda w, after: _("freeze {after} after the first outflow").format(
        after=fmt.duration(after)),
    "freeze.as_run": _freeze_as_run,
    "freeze.none": lambda w: "",
}
