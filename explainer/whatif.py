"""The "What if" setup being built: a frozen draft and pure edits that return a new draft.

The builder screen keeps one ``Draft`` and replaces it on every key press; nothing here
imports Rich or Textual, so every edit is unit-tested without the app. A draft is close
to ``model.Setup`` on purpose (keys and wallets are the model's own frozen dataclasses):
``to_setup`` hands the engine a setup, ``to_toml`` writes it in the setup-library format
(``loader.load_library`` reads it back, ``--setups FILE`` replays it).

Places: a key lives in one of the incident's failure domains, in one of the library's
generic places (offline vault, officer's device...: independent of this incident's
attacker unless the incident maps them), or in a new independent place the person names.

Names: the draft keeps the names it makes up itself ("hot wallet", "key 2") in English,
as data, and ``label_text`` shows them in the language in use; names from a scenario or
the library are in the language they were read in (``relabel`` takes them again after a
change of language), and names the person typed stay as typed. ``to_setup`` and
``to_toml`` write every name as it is shown.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import timedelta
from decimal import ROUND_DOWN, Decimal

from explainer.i18n import N_, _
from explainer.model import CONTRACT, Domain, Incident, Key, Limit, Response, Setup, Wallet

STEP = Decimal("0.01")  # the hot share moves in whole percent
SHARE_PLACES = Decimal("0.0001")
TIME_LOCKS = (0, 1, 6, 12, 24, 48, 72, 168)  # hours a time-locked wallet waits
FREEZES = ("none", "as-run", 0, 5, 10, 15, 30, 60, 120, 240, 480, 720)  # minutes after
LIMIT_SHARES = (Decimal("0.001"), Decimal("0.005"), Decimal("0.01"), Decimal("0.02"),
                Decimal("0.05"), Decimal("0.1"))
SIGNING = ("direct", "interface", "verified")
COSIGNER_PLACE = "cosigner-service"
INTERFACE_PLACE = "signing-interface"
RECOVERY_PLACE = "recovery-holder"
VAULT_PLACE = "offline-vault"
ZERO, ONE = Decimal(0), Decimal(1)
ORIGIN = "what-if"  # a Setup's origin when it was built here (its places are already mapped)
# the names the draft makes up, kept in English in the draft and shown by ``label_text``
GENERATED = frozenset((
    N_("hot wallet"), N_("cold wallet"), N_("cold key"), N_("recovery key"),
    N_("co-signer key"), N_("offline vault"), N_("signing interface"),
    N_("co-signing service"), N_("the co-signer's limit"), N_("new place")))
NUMBERED = {"key": N_("key {n}"), "place": N_("place {n}")}
_NUMBERED = re.compile(r"(key|place) ([0-9]{1,4})\Z")


def label_text(label: str) -> str:
    """A name as shown: the draft's own made-up names ('hot wallet', 'key 2') in the
    language in use, any other name as it is."""
    if label in GENERATED:
        return _(label)
    numbered = _NUMBERED.match(label)
    if numbered:
        return _(NUMBERED[numbered[1]]).format(n=int(numbered[2]))
    return label


@dataclass(frozen=True, slots=True)
class Draft:
    """A setup under construction.

    ``label`` is '' until the person names it (``title`` then describes the wallets).
    ``places`` are the places this draft knows besides the incident's own (the library's
    generic places and any the person added); ``to_setup`` keeps only those in use.
    ``based_on`` names the setup it started from ('' for a blank one).
    """

    id: str
    label: str
    based_on: str
    wallets: tuple[Wallet, ...]
    keys: tuple[Key, ...]
    places: tuple[Domain, ...] = ()
    response: Response = Response()

    # --- reading --------------------------------------------------------------------------

    def wallet(self, index: int) -> Wallet:
        """The wallet at ``index``."""
        return self.wallets[index]

    def key(self, key_id: str) -> Key:
        """The key with this id; ``KeyError`` if there is none."""
        for k in self.keys:
            if k.id == key_id:
                return k
        raise KeyError(key_id)

    @property
    def title(self) -> str:
        """The name given with ``rename``, or one made from the wallets' shares and m of n:
        'What if: 10% 1-of-1 + 90% 2-of-3'."""
        if self.label:
            return self.label
        shape = " + ".join(_("{share}% {m}-of-{n}").format(
            share=f"{(w.share * 100).normalize():f}", m=w.threshold, n=len(w.keys))
            for w in self.wallets)
        return _("What if: {shape}").format(shape=shape)

    @property
    def hot_share(self) -> Decimal:
        """The first wallet's share of the pool (the hot float, when there is a split)."""
        return self.wallets[0].share


# --- starting points --------------------------------------------------------------------

def from_setup(setup: Setup, places: Iterable[Domain] = ()) -> Draft:
    """A draft that starts as ``setup`` (already mapped onto the incident).

    ``places`` are extra places to offer (the library's generic ones).
    """
    known = {d.id: d for d in (*places, *setup.domains)}
    return Draft(id=f"what-if-{setup.id}"[:60], label="",
                 based_on=setup.id, wallets=setup.wallets, keys=setup.keys,
                 places=tuple(known.values()), response=setup.response)


def blank(incident: Incident, places: Iterable[Domain] = ()) -> Draft:
    """One wallet holding everything, signed by one key in the incident's first place
    the attacker reached (the usual start of a hot wallet)."""
    place = first_compromised(incident)
    key = Key(id="key-1", label="key 1", domain=place)
    wallet = Wallet(id="wallet-1", label="hot wallet", share=ONE, keys=(key.id,), threshold=1)
    return Draft(id="what-if", label="", based_on="", wallets=(wallet,),
                 keys=(key,), places=tuple(places), response=Response())


def first_compromised(incident: Incident) -> str:
    """The domain the attacker reached last before the first outflow, else the first one."""
    reached = [d for a in incident.achievements for d in a.compromises]
    if reached:
        return reached[-1]
    return incident.domains[0].id if incident.domains else "hot-server"


# --- places -----------------------------------------------------------------------------

def place_choices(draft: Draft, incident: Incident) -> tuple[str, ...]:
    """Every place a key can be put in: the incident's, then the draft's own."""
    seen = [d.id for d in incident.domains]
    seen += [d.id for d in draft.places if d.id not in seen]
    return tuple(seen)


def place_label(draft: Draft, incident: Incident, place: str) -> str:
    """A place's label as people read it (in the language in use)."""
    for d in incident.domains:
        if d.id == place:
            return d.label
    for d in draft.places:
        if d.id == place:
            return label_text(d.label)
    return place


def library_places(incident: Incident, generic: Iterable[Domain]) -> tuple[Domain, ...]:
    """The library's generic places this incident does not map onto its own: places
    its attacker never reached, offered as independent homes for keys."""
    mapped = {g for g, _own in incident.domain_map}
    own = {d.id for d in incident.domains}
    return tuple(d for d in generic if d.id not in mapped and d.id not in own)


def add_place(draft: Draft, label: str, online: bool = False) -> tuple[Draft, str]:
    """A new independent place named ``label``; returns the draft and the place's id."""
    label = " ".join(label.split())[:60] or "new place"
    base = slug(label) or "place"
    taken = {d.id for d in draft.places} | {k.domain for k in draft.keys}
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    kind = "online-server" if online else "other"
    place = Domain(id=ident, label=label, kind=kind, online=online)
    return replace(draft, places=(*draft.places, place)), ident


def _ensure_place(draft: Draft, ident: str, label: str, online: bool) -> Draft:
    if any(d.id == ident for d in draft.places):
        return draft
    kind = "online-server" if online else "other"
    return replace(draft, places=(*draft.places, Domain(ident, label, kind, online)))


def slug(text: str) -> str:
    """An id made of lower-case letters, digits and dashes."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]


# --- shares ------------------------------------------------------------------------------

def set_share(draft: Draft, index: int, share: Decimal) -> Draft:
    """Give wallet ``index`` this share (clamped to 0..1); the others share the rest in
    their current proportions, rounded to 0.01%, the remainder to the largest of them.
    A one-wallet draft given less than everything gets a cold wallet for the rest, its
    one key in an offline vault."""
    share = min(ONE, max(ZERO, share)).quantize(SHARE_PLACES)
    if len(draft.wallets) == 1:
        if share == ONE:
            return draft
        draft = _add_cold_wallet(draft)
    others = [i for i in range(len(draft.wallets)) if i != index]
    rest = ONE - share
    before = sum((draft.wallets[i].share for i in others), ZERO)
    new = {index: share}
    for i in others:
        w = draft.wallets[i]
        part = rest * w.share / before if before else rest / len(others)
        new[i] = part.quantize(SHARE_PLACES, rounding=ROUND_DOWN)
    largest = max(others, key=lambda i: (new[i], -i))
    new[largest] += rest - sum((new[i] for i in others), ZERO)
    wallets = tuple(replace(w, share=new[i]) for i, w in enumerate(draft.wallets))
    return replace(draft, wallets=wallets)


def set_hot_share(draft: Draft, share: Decimal) -> Draft:
    """The hot float: the first wallet's share of the pool."""
    return set_share(draft, 0, share)


def _add_cold_wallet(draft: Draft) -> Draft:
    draft = _ensure_place(draft, VAULT_PLACE, "offline vault", online=False)
    key = Key(id=_new_key_id(draft, "cold-key"), label="cold key", domain=VAULT_PLACE)
    wallet = Wallet(id=_new_wallet_id(draft, "cold"), label="cold wallet", share=ZERO,
                    keys=(key.id,), threshold=1, online=False)
    first = replace(draft.wallets[0], label=draft.wallets[0].label or "hot wallet")
    return replace(draft, wallets=(first, *draft.wallets[1:], wallet), keys=(*draft.keys, key))


def add_wallet(draft: Draft, index: int) -> Draft:
    """A new cold wallet with one key in an offline vault, taking half of wallet
    ``index``'s share."""
    source = draft.wallets[index]
    half = (source.share / 2).quantize(SHARE_PLACES, rounding=ROUND_DOWN)
    draft = _add_cold_wallet(draft)
    wallets = list(draft.wallets)
    wallets[index] = replace(source, share=source.share - half)
    wallets[-1] = replace(wallets[-1], share=half)
    return replace(draft, wallets=tuple(wallets))


def remove_wallet(draft: Draft, index: int) -> Draft:
    """Remove wallet ``index`` (never the last one); its share goes to the first other
    wallet, and keys no other wallet uses go with it."""
    if len(draft.wallets) <= 1:
        return draft
    gone = draft.wallets[index]
    rest = [w for i, w in enumerate(draft.wallets) if i != index]
    rest[0] = replace(rest[0], share=rest[0].share + gone.share)
    rest = [replace(w, refill_from=None) if w.refill_from == gone.id else w for w in rest]
    return _drop_unused_keys(replace(draft, wallets=tuple(rest)))


# --- keys and thresholds ----------------------------------------------------------------

def set_threshold(draft: Draft, index: int, m: int) -> Draft:
    """m of n for wallet ``index``, clamped to 1..n."""
    w = draft.wallets[index]
    m = min(max(1, m), max(1, len(w.keys)))
    return _with_wallet(draft, index, replace(w, threshold=m))


def add_key(draft: Draft, index: int, place: str) -> Draft:
    """A new key for wallet ``index`` in ``place``; the threshold stays as it is."""
    w = draft.wallets[index]
    key = Key(id=_new_key_id(draft, "key"), label=f"key {len(w.keys) + 1}", domain=place)
    draft = replace(draft, keys=(*draft.keys, key))
    return _with_wallet(draft, index, replace(w, keys=(*w.keys, key.id)))


def remove_key(draft: Draft, index: int, key_id: str) -> Draft:
    """Remove a key from wallet ``index`` (never its last one); m is clamped to n."""
    w = draft.wallets[index]
    if key_id not in w.keys or len(w.keys) <= 1:
        return draft
    keys = tuple(k for k in w.keys if k != key_id)
    draft = _with_wallet(draft, index, replace(w, keys=keys, threshold=min(w.threshold,
                                                                            len(keys))))
    return _drop_unused_keys(draft)


def move_key(draft: Draft, key_id: str, place: str) -> Draft:
    """Put the key in ``place``."""
    return _with_key(draft, replace(draft.key(key_id), domain=place))


def set_signing(draft: Draft, key_id: str, mode: str) -> Draft:
    """How the key's holder signs: ``direct`` (holds the key and reads nothing), through
    the usual signing ``interface`` (which an attacker there can make lie), or through it
    but ``verified`` on an independent device."""
    if mode not in SIGNING:
        raise ValueError(f"unknown signing mode {mode!r}")
    key = draft.key(key_id)
    if mode == "direct":
        return _with_key(draft, replace(key, signs_via=None, verifies_on_device=False))
    via = key.signs_via
    if via is None:
        draft = _ensure_place(draft, INTERFACE_PLACE, "signing interface", online=True)
        via = INTERFACE_PLACE
    return _with_key(draft, replace(key, signs_via=via, verifies_on_device=mode == "verified"))


def signing_mode(key: Key) -> str:
    """``direct``, ``interface`` or ``verified`` (see ``set_signing``)."""
    if key.signs_via is None:
        return "direct"
    return "verified" if key.verifies_on_device else "interface"


# --- co-signer, recovery, time lock, response -------------------------------------------

def cosigner_of(draft: Draft, index: int) -> tuple[Key, Limit] | None:
    """Wallet ``index``'s automatic co-signer and the limit it signs under, if any."""
    w = draft.wallets[index]
    for lim in w.limits:
        for kid in w.keys:
            k = draft.key(kid)
            if k.auto_signs_for and k.domain == lim.enforced_by:
                return k, lim
    return None


def set_cosigner(draft: Draft, index: int, share: Decimal | None,
                 period_hours: int | None = 24) -> Draft:
    """Give wallet ``index`` a co-signer that signs automatically for the places of the
    wallet's other keys up to ``share`` of the pool per ``period_hours`` (None removes
    it). The co-signer enforces the limit itself; it adds one key and one to m, so the
    wallet still needs the same keys it needed besides the co-signer."""
    w = draft.wallets[index]
    current = cosigner_of(draft, index)
    if share is None:
        if current is None:
            return draft
        key, lim = current
        keys = tuple(k for k in w.keys if k != key.id)
        wallet = replace(w, keys=keys, threshold=max(1, min(w.threshold - 1, len(keys))),
                         limits=tuple(x for x in w.limits if x is not lim))
        return _drop_unused_keys(_with_wallet(draft, index, wallet))
    period = None if period_hours is None else timedelta(hours=period_hours)
    if current is not None:
        key, lim = current
        new = replace(lim, share=share, amount=None, period=period)
        limits = tuple(new if x is lim else x for x in w.limits)
        return _with_wallet(draft, index, replace(w, limits=limits))
    draft = _ensure_place(draft, COSIGNER_PLACE, "co-signing service", online=True)
    served = tuple(dict.fromkeys(draft.key(k).domain for k in w.keys))
    key = Key(id=_new_key_id(draft, "cosigner"), label="co-signer key", domain=COSIGNER_PLACE,
              auto_signs_for=served)
    lim = Limit(amount=None, share=share, period=period, enforced_by=COSIGNER_PLACE,
                label="the co-signer's limit")
    draft = replace(draft, keys=(*draft.keys, key))
    wallet = replace(w, keys=(*w.keys, key.id), threshold=min(w.threshold + 1, len(w.keys) + 1),
                     limits=(*w.limits, lim))
    return _with_wallet(draft, index, wallet)


def set_limit_from(draft: Draft, index: int, places: tuple[str, ...]) -> Draft:
    """Where wallet ``index``'s co-signer limit can be changed from (besides its enforcer)."""
    current = cosigner_of(draft, index)
    if current is None:
        return draft
    w = draft.wallets[index]
    lim = current[1]
    new = replace(lim, set_from=tuple(dict.fromkeys(places)))
    return _with_wallet(draft, index, replace(w, limits=tuple(new if x is lim else x
                                                              for x in w.limits)))


def recovery_of(draft: Draft, index: int) -> Key | None:
    """Wallet ``index``'s first recovery key, if any."""
    w = draft.wallets[index]
    return draft.key(w.recovery_keys[0]) if w.recovery_keys else None


def set_recovery(draft: Draft, index: int, place: str | None) -> Draft:
    """A recovery key that can move wallet ``index``'s funds alone, held in ``place``
    (None removes it)."""
    w = draft.wallets[index]
    if place is None:
        return _drop_unused_keys(_with_wallet(draft, index, replace(w, recovery_keys=())))
    current = recovery_of(draft, index)
    if current is not None:
        return move_key(draft, current.id, place)
    key = Key(id=_new_key_id(draft, "recovery"), label="recovery key", domain=place)
    draft = replace(draft, keys=(*draft.keys, key))
    return _with_wallet(draft, index, replace(w, recovery_keys=(key.id,)))


def set_timelock(draft: Draft, index: int, hours: int) -> Draft:
    """Wallet ``index``'s withdrawals (and code changes) wait ``hours``; 0 removes it."""
    w = draft.wallets[index]
    delay = timedelta(hours=hours) if hours > 0 else None
    return _with_wallet(draft, index, replace(w, delay=delay, upgrade_timelock=hours > 0))


def set_response(draft: Draft, freeze: str | int) -> Draft:
    """``"none"``, ``"as-run"``, or a number of minutes after the first outflow."""
    if isinstance(freeze, int):
        response = Response(freeze="after", after=timedelta(minutes=max(0, freeze)))
    elif freeze in ("none", "as-run"):
        response = Response(freeze=freeze)
    else:
        raise ValueError(f"unknown response {freeze!r}")
    return replace(draft, response=response)


def response_choice(draft: Draft) -> str | int:
    """The draft's response as one of ``FREEZES``' kinds of value."""
    r = draft.response
    if r.freeze == "after":
        return int((r.after or timedelta(0)).total_seconds() // 60)
    return r.freeze


def step_choice(choices: tuple, current: object, step: int) -> object:
    """The choice ``step`` places after ``current`` in ``choices`` (clamped at the ends;
    a value not in the list moves to the nearest listed one in that direction)."""
    if current in choices:
        i = choices.index(current) + step
        return choices[min(max(0, i), len(choices) - 1)]
    numbers = [c for c in choices if isinstance(c, int | Decimal) and not isinstance(c, bool)]
    if isinstance(current, int | Decimal) and numbers:
        bigger = [c for c in numbers if c > current]
        smaller = [c for c in numbers if c < current]
        if step > 0:
            return bigger[0] if bigger else numbers[-1]
        return smaller[-1] if smaller else numbers[0]
    return choices[0]


def rename(draft: Draft, label: str) -> Draft:
    """A new name (and the id made from it)."""
    label = " ".join(label.split())[:80]
    if not label:
        return draft
    return replace(draft, label=label, id=slug(label) or draft.id)


# --- out to the engine and to a file ----------------------------------------------------

def to_setup(draft: Draft, incident: Incident) -> Setup:
    """The draft as a ``Setup`` the engine replays against ``incident``, every name as
    it is shown in the language in use."""
    known = {d.id for d in incident.domains}
    used = _used_places(draft)
    domains = tuple(replace(d, label=label_text(d.label)) for d in draft.places
                    if d.id in used and d.id not in known)
    shown = _shown(draft)
    return Setup(id=draft.id, label=draft.title, summary=summary(draft, incident),
                 wallets=shown.wallets, keys=shown.keys, domains=domains,
                 response=draft.response, origin=ORIGIN)


def _shown(draft: Draft) -> Draft:
    # the draft with its made-up names in the language in use (English: itself)
    def limit(lim: Limit) -> Limit:
        return replace(lim, label=label_text(lim.label)) if lim.label else lim

    wallets = tuple(replace(w, label=label_text(w.label), limits=tuple(map(limit, w.limits)))
                    for w in draft.wallets)
    keys = tuple(replace(k, label=label_text(k.label)) for k in draft.keys)
    if wallets == draft.wallets and keys == draft.keys:
        return draft
    return replace(draft, wallets=wallets, keys=keys)


def relabel(draft: Draft, setup: Setup | None, places: Iterable[Domain] = ()) -> Draft:
    """The draft with the names it took from ``setup`` (its wallets and keys, by id) and
    from ``places`` (the library's, or the setup's own, by id) as they read now: after a
    change of language, the same setup read in the new one. Names the person typed and
    the draft's own made-up names are kept."""
    fresh = {d.id: d.label for d in (*places, *(setup.domains if setup else ()))}
    wallets = {w.id: w.label for w in setup.wallets} if setup else {}
    keys = {k.id: k.label for k in setup.keys} if setup else {}
    return replace(
        draft,
        wallets=tuple(replace(w, label=wallets.get(w.id, w.label)) for w in draft.wallets),
        keys=tuple(replace(k, label=keys.get(k.id, k.label)) for k in draft.keys),
        places=tuple(replace(d, label=fresh.get(d.id, d.label)) for d in draft.places))


def summary(draft: Draft, incident: Incident) -> str:
    """One sentence: the wallets with their shares, m of n and where their keys live."""
    parts = []
    for w in draft.wallets:
        places = _(", ").join(place_label(draft, incident, draft.key(k).domain)
                              for k in w.keys)
        parts.append(_("{wallet} {share}%, {m}-of-{n} ({places})").format(
            wallet=label_text(w.label), share=f"{(w.share * 100).normalize():f}",
            m=w.threshold, n=len(w.keys), places=places))
    return _("Built in the What-if screen: {wallets}.").format(wallets=_("; ").join(parts))


def to_toml(draft: Draft, incident: Incident) -> str:
    """The draft as a setup-library file (format 1) that ``loader.load_library`` reads.

    The incident's places keep their ids (so the setup replays against this incident as
    built); the draft's own places are declared in the file's ``[[domains]]``.
    """
    used = _used_places(draft)
    declared = {d.id: d for d in incident.domains}
    declared.update({d.id: replace(d, label=label_text(d.label)) for d in draft.places})
    title, text = draft.title, summary(draft, incident)
    draft = _shown(draft)
    out = ["# " + _("A custody setup built in wallet-explainer's What-if screen."),
           "# " + _("Built against {incident}; replay it with").format(
               incident=_one_line(incident.id)),
           f"#   wallet-explainer replay {_one_line(incident.id)} --setups THIS_FILE "
           f"--setup {draft.id}",
           "", "format = 1", ""]
    for place in sorted(used):
        d = declared.get(place)
        if d is None:
            continue
        out += ["[[domains]]", f"id = {_s(d.id)}", f"label = {_s(d.label)}",
                f"kind = {_s(d.kind)}", f"online = {_b(d.online)}"]
        if d.operator:
            out.append(f"operator = {_s(d.operator)}")
        out.append("")
    out += ["[[setups]]", f"id = {_s(draft.id)}", f"label = {_s(title)}",
            f"summary = {_s(text)}", ""]
    for k in draft.keys:
        out += ["  [[setups.keys]]", f"  id = {_s(k.id)}", f"  label = {_s(k.label)}",
                f"  domain = {_s(k.domain)}"]
        if k.auto_signs_for:
            out.append(f"  auto_signs_for = {_list(k.auto_signs_for)}")
        if k.delegated_to:
            out.append(f"  delegated_to = {_list(k.delegated_to)}")
        if k.delegation_revoked:
            out.append("  delegation_revoked = true")
        if k.signs_via:
            out.append(f"  signs_via = {_s(k.signs_via)}")
        if k.verifies_on_device:
            out.append("  verifies_on_device = true")
        out.append("")
    for w in draft.wallets:
        out += ["  [[setups.wallets]]", f"  id = {_s(w.id)}", f"  label = {_s(w.label)}",
                f"  share = {_s(_decimal(w.share))}", f"  keys = {_list(w.keys)}",
                f"  threshold = {w.threshold}"]
        if w.recovery_keys:
            out.append(f"  recovery_keys = {_list(w.recovery_keys)}")
        if w.delay:
            out.append(f"  delay_hours = {_hours(w.delay)}")
        if w.upgrade_timelock:
            out.append("  upgrade_timelock = true")
        if w.refill_from:
            out.append(f"  refill_from = {_s(w.refill_from)}")
        if not w.online:
            out.append("  online = false")
        out.append("")
        for lim in w.limits:
            out.append("    [[setups.wallets.limits]]")
            if lim.label:
                out.append(f"    label = {_s(lim.label)}")
            if lim.amount is not None:
                out.append(f"    amount = {_s(_decimal(lim.amount))}")
            else:
                out.append(f"    share = {_s(_decimal(lim.share or ZERO))}")
            if lim.period is not None:
                out.append(f"    period_hours = {_hours(lim.period)}")
            out.append(f"    enforced_by = {_s(lim.enforced_by)}")
            if lim.set_from:
                out.append(f"    set_from = {_list(lim.set_from)}")
            out.append("")
    r = draft.response
    out += ["  [setups.response]", f"  freeze = {_s(r.freeze)}"]
    if r.freeze == "after":
        out.append(f"  after_minutes = {int((r.after or timedelta(0)).total_seconds() // 60)}")
    if r.label:
        out.append(f"  label = {_s(r.label)}")
    return "\n".join(out) + "\n"


# --- helpers ----------------------------------------------------------------------------

def _used_places(draft: Draft) -> set[str]:
    used = {k.domain for k in draft.keys}
    for k in draft.keys:
        used |= set(k.auto_signs_for) | set(k.delegated_to)
        if k.signs_via:
            used.add(k.signs_via)
    for w in draft.wallets:
        for lim in w.limits:
            if lim.enforced_by != CONTRACT:
                used.add(lim.enforced_by)
            used |= set(lim.set_from)
    return used


def _with_wallet(draft: Draft, index: int, wallet: Wallet) -> Draft:
    wallets = list(draft.wallets)
    wallets[index] = wallet
    return replace(draft, wallets=tuple(wallets))


def _with_key(draft: Draft, key: Key) -> Draft:
    return replace(draft, keys=tuple(key if k.id == key.id else k for k in draft.keys))


def _drop_unused_keys(draft: Draft) -> Draft:
    used = {k for w in draft.wallets for k in (*w.keys, *w.recovery_keys)}
    return replace(draft, keys=tuple(k for k in draft.keys if k.id in used))


def _new_key_id(draft: Draft, base: str) -> str:
    taken = {k.id for k in draft.keys}
    n = 1
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _new_wallet_id(draft: Draft, base: str) -> str:
    taken = {w.id for w in draft.wallets}
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def _s(text: str) -> str:
    # a JSON string is a valid TOML basic string: quotes, backslashes and control
    # characters all escaped
    return json.dumps(text, ensure_ascii=False)


def _b(flag: bool) -> str:
    return "true" if flag else "false"


def _list(items: Iterable[str]) -> str:
    return "[" + ", ".join(_s(x) for x in items) + "]"


def _decimal(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text


def _hours(span: timedelta) -> int:
    return int(span.total_seconds() // 3600)


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- the builder's rows: one edit per row kind ------------------------------------------

def row_keys(draft: Draft) -> list[str]:
    """The editable rows of the builder, in order: ``hot``, ``response``, then per wallet
    ``share:i``, ``m:i``, ``key:i:KEY``..., ``cosigner:i`` (and ``limit-from:i`` when
    there is one), ``recovery:i``, ``timelock:i``; last ``add-wallet``."""
    out = ["hot", "response"]
    for i, w in enumerate(draft.wallets):
        out += [f"share:{i}", f"m:{i}"]
        co = cosigner_of(draft, i)
        out += [f"key:{i}:{k}" for k in w.keys if co is None or k != co[0].id]
        out.append(f"cosigner:{i}")
        if co is not None:
            out.append(f"limit-from:{i}")
        out += [f"recovery:{i}", f"timelock:{i}"]
    out.append("add-wallet")
    return out


def parse_row(row: str) -> tuple[str, int, str]:
    """``"key:1:key-2"`` -> ``("key", 1, "key-2")``; rows without an index give -1."""
    kind, _sep, rest = row.partition(":")
    index, _sep, key = rest.partition(":")
    return kind, int(index) if index.isdigit() else -1, key


def _cycle(choices: tuple, current: object, step: int) -> object:
    # a list of places has no order worth jumping through: a big step is one step
    step = max(-1, min(1, step))
    i = choices.index(current) if current in choices else -1
    return choices[(i + step) % len(choices)]


def change(draft: Draft, incident: Incident, row: str, step: int) -> Draft:
    """The draft with the value of ``row`` moved ``step`` places (left -1, right +1):
    shares by whole percent, m by one, a key or recovery key to the next place, the
    co-signer's limit, where it can be changed from, the time lock and the response
    through their lists of choices. A row that no longer exists changes nothing."""
    kind, i, key_id = parse_row(row)
    if i >= len(draft.wallets) or (kind == "key" and key_id not in
                                   {k.id for k in draft.keys}):
        return draft
    if kind == "hot":
        return set_hot_share(draft, draft.hot_share + step * STEP)
    if kind == "response":
        return set_response(draft, step_choice(FREEZES, response_choice(draft), step))
    if kind == "add-wallet":
        largest = max(range(len(draft.wallets)), key=lambda n: draft.wallets[n].share)
        return add_wallet(draft, largest) if step > 0 else draft
    w = draft.wallets[i] if i >= 0 else None
    if w is None:
        return draft
    places = place_choices(draft, incident)
    if kind == "share":
        return set_share(draft, i, w.share + step * STEP)
    if kind == "m":
        return set_threshold(draft, i, w.threshold + step)
    if kind == "key":
        return move_key(draft, key_id, str(_cycle(places, draft.key(key_id).domain, step)))
    if kind == "cosigner":
        co = cosigner_of(draft, i)
        current = co[1].share if co is not None else None
        new = step_choice((None, *LIMIT_SHARES), current, step)
        return set_cosigner(draft, i, new)  # type: ignore[arg-type]
    if kind == "limit-from":
        co = cosigner_of(draft, i)
        if co is None:
            return draft
        options = ((),) + tuple((p,) for p in places if p != co[1].enforced_by)
        return set_limit_from(draft, i, _cycle(options, co[1].set_from, step))  # type: ignore[arg-type]
    if kind == "recovery":
        rec = recovery_of(draft, i)
        new_place = _cycle((None, *places), rec.domain if rec else None, step)
        return set_recovery(draft, i, new_place)  # type: ignore[arg-type]
    if kind == "timelock":
        hours = int(w.delay.total_seconds() // 3600) if w.delay else 0
        return set_timelock(draft, i, int(step_choice(TIME_LOCKS, hours, step)))  # type: ignore[call-overload]
    return draft


def add(draft: Draft, incident: Incident, row: str) -> Draft:
    """``a`` on a row: a key for that row's wallet (in the first place none of its keys
    uses, so each new key starts independent), or a wallet on the other rows."""
    kind, i, _key = parse_row(row)
    if i < 0 or i >= len(draft.wallets):
        return change(draft, incident, "add-wallet", 1)
    used = {draft.key(k).domain for k in draft.wallets[i].keys}
    reached = {d for a in incident.achievements for d in a.compromises}
    kinds = {d.id: d.kind for d in (*incident.domains, *draft.places)}
    free = [p for p in place_choices(draft, incident) if p not in used]
    # a new key goes first where a key can sensibly live and the attacker never was
    free.sort(key=lambda p: (p in reached, kinds.get(p) in ("signing-interface",
                                                             "cosigner-service")))
    if not free:
        draft, place = add_place(draft, f"place {len(draft.places) + 1}")
        free = [place]
    return add_key(draft, i, free[0])


def remove(draft: Draft, row: str) -> Draft:
    """``x`` on a row: remove that key, turn off that co-signer, recovery key or time
    lock, or remove that wallet (from its share or m row)."""
    kind, i, key_id = parse_row(row)
    if i < 0 or i >= len(draft.wallets):
        return draft
    if kind == "key":
        return remove_key(draft, i, key_id)
    if kind in ("cosigner", "limit-from"):
        return set_cosigner(draft, i, None)
    if kind == "recovery":
        return set_recovery(draft, i, None)
    if kind == "timelock":
        return set_timelock(draft, i, 0)
    return remove_wallet(draft, i)


def next_signing(draft: Draft, row: str) -> Draft:
    """``d`` on a key row: direct -> through the signing interface -> verified on an
    independent device -> direct."""
    kind, _index, key_id = parse_row(row)
    if kind != "key" or key_id not in {k.id for k in draft.keys}:
        return draft
    mode = signing_mode(draft.key(key_id))
    return set_signing(draft, key_id, SIGNING[(SIGNING.index(mode) + 1) % len(SIGNING)])


def place_new(draft: Draft, row: str, label: str) -> Draft:
    """``n`` on a key or recovery row: that key moves to a new independent place."""
    kind, i, key_id = parse_row(row)
    if kind not in ("key", "recovery") or i < 0 or i >= len(draft.wallets):
        return draft
    draft, place = add_place(draft, label)
    if kind == "key" and key_id in {k.id for k in draft.keys}:
        return move_key(draft, key_id, place)
    return set_recovery(draft, i, place)
