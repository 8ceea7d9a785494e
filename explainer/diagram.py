"""Where the keys live: a Rich ``Text`` map of a setup's failure domains and keys.

Each failure domain is a box with its keys inside; online places get a single line
border, offline ones a double line. Places in the attacker's hands are drawn in
reverse video *and* carry the words ``[attacker]``, so the map reads the same without
colour (NO_COLOR, printed handouts, screen readers). Below the boxes, each wallet's
threshold: "multisig account: 2 of 3 (cosigner 1, cosigner 2, cosigner 3)".

The map only draws the setup; which domains are compromised is the caller's input
(from ``engine.state_at`` on the replay screen, or :func:`attacker_reach` on a lesson
page). It never works out what the attacker can sign or move: that is the engine's job.
Everything fits in :data:`WIDTH` columns; boxes wrap onto further rows. Widths are
display cells (a Japanese character takes two), so boxes close around Japanese labels.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from rich.cells import cell_len
from rich.text import Text

from explainer import numbers as fmt
from explainer.engine import CONTRACT, instantiate
from explainer.i18n import N_, _
from explainer.model import Domain, Incident, Key, Limit, Setup, Wallet
from explainer.safe_text import clean
from explainer.wrap import wrap

WIDTH = 60  # the whole map fits in this many columns
BOX_INNER = 25  # text width inside a box: two boxes and a gap fit in WIDTH
ATTACKER = N_("[attacker]")  # translated where drawn
ATTACKER_STYLE = "reverse"
Labeller = Callable[[str], str]  # domain id -> label

_SINGLE = ("┌", "─", "┐", "│", "└", "┘")  # online places
_DOUBLE = ("╔", "═", "╗", "║", "╚", "╝")  # offline places: the air gap made visible


@dataclass(frozen=True)
class _Box:
    lines: tuple[str, ...]  # complete lines of the box, borders included, all one width
    style: str

    @property
    def width(self) -> int:
        return cell_len(self.lines[0])


def attacker_reach(incident: Incident) -> frozenset[str]:
    """Every domain the incident's attacker came to control (for a lesson page's map)."""
    return frozenset(d for a in incident.achievements for d in a.compromises)


@cache
def _bundled_library_domains() -> tuple[Domain, ...]:
    from explainer.loader import load_library

    return load_library()[0]


def key_map(incident: Incident, setup: Setup, compromised: frozenset[str], *,
            library_domains: Iterable[Domain] | None = None) -> Text:
    """The key map of ``setup`` against ``incident``, with ``compromised`` domains marked.

    A library setup is first mapped onto the incident's domains (``engine.instantiate``);
    its generic places take their labels from ``library_domains``, by default the
    bundled library's. Domain labels come from ``incident.domains`` and ``setup.domains``.
    """
    if setup.origin == "library":
        generic = _bundled_library_domains() if library_domains is None else library_domains
        setup = instantiate(setup, incident, generic)
    domains = {d.id: d for d in (*incident.domains, *setup.domains)}
    keys_in: dict[str, list[Key]] = {}
    for key in setup.keys:
        keys_in.setdefault(key.domain, []).append(key)

    def label(domain_id: str) -> str:
        found = domains.get(domain_id)
        return clean(found.label if found else domain_id.replace("-", " "))

    drawn, elsewhere = _drawn_domains(incident, setup, compromised)
    boxes = [
        _box(domains.get(d) or Domain(d, label(d)), keys_in.get(d, []), d in compromised, label)
        for d in drawn
    ]
    text = Text(no_wrap=True, overflow="crop")
    for row in _rows(boxes):
        height = max(len(b.lines) for b in row)
        for i in range(height):
            for n, box in enumerate(row):
                if n:
                    text.append(" ")
                text.append(_line(box, i, height), style=box.style)
            text.append("\n")
    if elsewhere:
        # Keyless places the attacker holds get one line, not a box, to keep the map short.
        words = _("{attacker} also holds: {places} (no keys there)").format(
            attacker=_(ATTACKER), places=_(", ").join(label(d) for d in elsewhere))
        for line in wrap(words, WIDTH):
            text.append(line, style=ATTACKER_STYLE)
            text.append("\n")
    keys = {k.id: k for k in setup.keys}
    for wallet in setup.wallets:
        for n, line in enumerate(_wallet_lines(wallet, keys, incident, label)):
            text.append(line, style="bold" if n == 0 else "")
            text.append("\n")
    legend = _("double line = offline, single line = online")
    if compromised & {*drawn, *elsewhere}:
        legend = _("double line = offline; {attacker} = held by the attacker").format(
            attacker=_(ATTACKER))
    text.append(legend, style="dim")
    text.rstrip()
    return text


def _drawn_domains(incident: Incident, setup: Setup,
                   compromised: frozenset[str]) -> tuple[list[str], list[str]]:
    """Places to draw as boxes, and the attacker's other, keyless ground.

    Boxes: places holding keys (in key order), then places the keys or limits depend on
    (co-signing policy, delegation, signing interface). The second list holds every other
    compromised place, in the incident's order.
    """
    order: list[str] = []

    def add(domain_id: str) -> None:
        if domain_id != CONTRACT and domain_id not in order:
            order.append(domain_id)

    for key in setup.keys:
        add(key.domain)
    for key in setup.keys:
        via = (key.signs_via,) if key.signs_via else ()
        for d in (*key.auto_signs_for, *key.delegated_to, *via):
            add(d)
    for wallet in setup.wallets:
        for limit in wallet.limits:
            for d in (limit.enforced_by, *limit.set_from):
                add(d)
    known = [d.id for d in (*incident.domains, *setup.domains)]
    elsewhere = [d for d in known + sorted(compromised - set(known))
                 if d in compromised and d not in order]
    return order, list(dict.fromkeys(elsewhere))


def _box(domain: Domain, keys: list[Key], attacked: bool, label: Labeller) -> _Box:
    status = _("online") if domain.online else _("offline")
    content: list[str] = []
    title = clean(_("{place} {attacker}").format(place=domain.label, attacker=_(ATTACKER))
                  if attacked else domain.label)
    content += wrap(title, BOX_INNER)
    for key in keys:
        content += wrap(_("• {key} ({status})").format(key=clean(key.label), status=status),
                        BOX_INNER, subsequent_indent="  ")
        for note in _key_notes(key, label):
            content += wrap(note, BOX_INNER, initial_indent="  ", subsequent_indent="  ")
    if not keys:
        content.append(_("(no keys; {status})").format(status=status))
    inner = max(cell_len(c) for c in content)
    tl, h, tr, v, bl, br = _SINGLE if domain.online else _DOUBLE
    lines = [tl + h * (inner + 2) + tr]
    lines += [f"{v} {c}{' ' * (inner - cell_len(c))} {v}" for c in content]
    lines.append(bl + h * (inner + 2) + br)
    return _Box(tuple(lines), ATTACKER_STYLE if attacked else "")


def _key_notes(key: Key, label: Labeller) -> list[str]:
    """The other ways this key's signature can be had, in words."""
    notes = []
    if key.auto_signs_for:
        notes.append(_("signs automatically for {places}").format(
            places=_(", ").join(label(d) for d in key.auto_signs_for)))
    if key.delegated_to:
        whom = _(", ").join(label(d) for d in key.delegated_to)
        notes.append((_("delegation to {whom} revoked") if key.delegation_revoked
                      else _("delegated to {whom}")).format(whom=whom))
    if key.signs_via:
        via = (_("via {place}; checks on own device") if key.verifies_on_device
               else _("via {place}; no own check"))
        notes.append(via.format(place=label(key.signs_via)))
    return notes


def _line(box: _Box, i: int, height: int) -> str:
    """Line ``i`` of a box stretched to ``height``: blank inner lines go above the bottom."""
    last = len(box.lines) - 1
    if i < last:
        return box.lines[i]
    if i == height - 1:
        return box.lines[last]
    v = box.lines[1][0]
    return v + " " * (box.width - 2) + v


def _rows(boxes: list[_Box]) -> list[list[_Box]]:
    rows: list[list[_Box]] = []
    used = WIDTH + 1
    for box in boxes:
        if rows and used + 1 + box.width <= WIDTH:
            rows[-1].append(box)
            used += 1 + box.width
        else:
            rows.append([box])
            used = box.width
    return rows


def _wallet_lines(wallet: Wallet, keys: dict[str, Key], incident: Incident,
                  label: Labeller) -> list[str]:
    names = clean(_(", ").join(keys[k].label if k in keys else k for k in wallet.keys))
    share = fmt.percent(wallet.share)
    if wallet.recovery_keys:
        alone = clean(_(", ").join(keys[k].label if k in keys else k
                                   for k in wallet.recovery_keys))
        words = _("{wallet}: {threshold} of {total} ({keys}); {share} of the pool; "
                  "or {recovery} alone")
    else:
        alone = ""
        words = _("{wallet}: {threshold} of {total} ({keys}); {share} of the pool")
    head = words.format(wallet=clean(wallet.label), threshold=wallet.threshold,
                        total=len(wallet.keys), keys=names, share=share, recovery=alone)
    lines = wrap(head, WIDTH, subsequent_indent="  ")
    details = [_limit_words(lim, incident, label) for lim in wallet.limits]
    if wallet.delay is not None:
        details.append(_("time lock: {span} before funds move").format(
            span=fmt.duration(wallet.delay)))
    for detail in details:
        lines += wrap(detail, WIDTH, initial_indent="  ", subsequent_indent="    ")
    return lines


def _limit_words(limit: Limit, incident: Incident, label: Labeller) -> str:
    if limit.amount is not None:
        cap = fmt.amount(limit.amount, clean(incident.asset.symbol))
    else:
        assert limit.share is not None
        cap = _("{share} of the pool").format(share=fmt.percent(limit.share))
    who = _("the wallet's contract") if limit.enforced_by == CONTRACT else label(limit.enforced_by)
    if limit.period:
        words = _("limit: {cap} per {span}, enforced by {who}").format(
            cap=cap, span=fmt.duration(limit.period), who=who)
    else:
        words = _("limit: {cap} per transfer, enforced by {who}").format(cap=cap, who=who)
    if limit.set_from:
        words = _("{limit}, set from {places}").format(
            limit=words, places=_(", ").join(label(d) for d in limit.set_from))
    return words
