"""Where the keys live: a Rich ``Text`` map of a setup's failure domains and keys.

Each failure domain is a box with its keys inside; online places get a single line
border, offline ones a double line. Places in the attacker's hands are drawn in
reverse video *and* carry the words ``[attacker]``, so the map reads the same without
colour (NO_COLOR, printed handouts, screen readers). Below the boxes, each wallet's
threshold: "multisig account: 2 of 3 (cosigner 1, cosigner 2, cosigner 3)".

The map only draws the setup; which domains are compromised is the caller's input
(from ``engine.state_at`` on the replay screen, or :func:`attacker_reach` on a lesson
page). It never works out what the attacker can sign or move: that is the engine's job.
Everything fits in :data:`WIDTH` columns; boxes wrap onto further rows.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from rich.cells import cell_len
from rich.text import Text

from explainer import numbers as fmt
from explainer.engine import CONTRACT, instantiate
from explainer.model import Domain, Incident, Key, Limit, Setup, Wallet
from explainer.safe_text import clean

WIDTH = 60  # the whole map fits in this many columns
BOX_INNER = 25  # text width inside a box: two boxes and a gap fit in WIDTH
ATTACKER = "[attacker]"
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
        words = f"{ATTACKER} also holds: {', '.join(label(d) for d in elsewhere)} (no keys there)"
        for line in textwrap.wrap(words, WIDTH):
            text.append(line, style=ATTACKER_STYLE)
            text.append("\n")
    keys = {k.id: k for k in setup.keys}
    for wallet in setup.wallets:
        for n, line in enumerate(_wallet_lines(wallet, keys, incident, label)):
            text.append(line, style="bold" if n == 0 else "")
            text.append("\n")
    legend = "double line = offline, single line = online"
    if compromised & {*drawn, *elsewhere}:
        legend = f"double line = offline; {ATTACKER} = held by the attacker"
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
    status = "online" if domain.online else "offline"
    content: list[str] = []
    title = clean(f"{domain.label} {ATTACKER}" if attacked else domain.label)
    content += textwrap.wrap(title, BOX_INNER)
    for key in keys:
        content += textwrap.wrap(f"• {clean(key.label)} ({status})", BOX_INNER,
                                 subsequent_indent="  ")
        for note in _key_notes(key, label):
            content += textwrap.wrap(note, BOX_INNER, initial_indent="  ", subsequent_indent="  ")
    if not keys:
        content.append(f"(no keys; {status})")
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
        notes.append("signs automatically for " + ", ".join(label(d) for d in key.auto_signs_for))
    if key.delegated_to:
        whom = ", ".join(label(d) for d in key.delegated_to)
        notes.append(f"delegation to {whom} revoked" if key.delegation_revoked
                     else f"delegated to {whom}")
    if key.signs_via:
        check = "checks on own device" if key.verifies_on_device else "no own check"
        notes.append(f"via {label(key.signs_via)}; {check}")
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
    names = clean(", ".join(keys[k].label if k in keys else k for k in wallet.keys))
    head = f"{clean(wallet.label)}: {wallet.threshold} of {len(wallet.keys)} ({names})"
    parts = [f"{fmt.percent(wallet.share)} of the pool"]
    if wallet.recovery_keys:
        names = clean(", ".join(keys[k].label if k in keys else k for k in wallet.recovery_keys))
        parts.append(f"or {names} alone")
    lines = textwrap.wrap(f"{head}; {'; '.join(parts)}", WIDTH, subsequent_indent="  ")
    details = [_limit_words(lim, incident, label) for lim in wallet.limits]
    if wallet.delay is not None:
        details.append(f"time lock: {fmt.duration(wallet.delay)} before funds move")
    for detail in details:
        lines += textwrap.wrap(detail, WIDTH, initial_indent="  ", subsequent_indent="    ")
    return lines


def _limit_words(limit: Limit, incident: Incident, label: Labeller) -> str:
    if limit.amount is not None:
        cap = fmt.amount(limit.amount, clean(incident.asset.symbol))
    else:
        assert limit.share is not None
        cap = f"{fmt.percent(limit.share)} of the pool"
    period = f"per {fmt.duration(limit.period)}" if limit.period else "per transfer"
    who = "the wallet's contract" if limit.enforced_by == CONTRACT else label(limit.enforced_by)
    words = f"limit: {cap} {period}, enforced by {who}"
    if limit.set_from:
        words += ", set from " + ", ".join(label(d) for d in limit.set_from)
    return words
