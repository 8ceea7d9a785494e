"""Words and figures for the What-if builder: its rows and its live results.

Everything the builder screen shows comes from here, computed by the engine (and the
analyses) and formatted by ``numbers``; the screen only lays it out. No Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from explainer import numbers as fmt
from explainer import whatif
from explainer.model import Incident, Setup
from explainer.report.rows import fiat


@dataclass(frozen=True, slots=True)
class DraftRow:
    """One row of the builder: its key (see ``whatif.row_keys``), what it is, its value,
    and which edits apply to it (shown in the hint line)."""

    key: str
    item: str
    value: str
    hint: str


HINTS = {
    "hot": "share of the pool in the first (hot) wallet, by 1%",
    "response": "when outflows stop: none, as run, or minutes after the first outflow",
    "share": "this wallet's share of the pool, by 1% (the others share the rest)",
    "m": "signatures needed (m of n)",
    "key": "where this key lives (left/right: the places; n: a new place); "
           "d: how its holder signs",
    "cosigner": "a co-signer that signs automatically for this wallet's places, "
                "up to a limit per 24 h that it enforces itself",
    "limit-from": "a place from which the co-signer's limit can also be changed",
    "recovery": "a recovery key that moves everything alone, and where it is held",
    "timelock": "hours between signing and the funds moving",
    "add-wallet": "right or click: another wallet, taking half of the largest",
}
SIGNING_WORDS = {"direct": "", "interface": "reads the signing interface",
                 "verified": "verifies on own device"}


def _pct(share: Decimal) -> str:
    return fmt.percent(share)


def _hours(hours: int) -> str:
    if hours == 0:
        return "none"
    if hours % 24 == 0:
        return f"{hours // 24} day{'s' if hours > 24 else ''} ({hours} h)"
    return f"{hours} h"


def response_words(draft: whatif.Draft) -> str:
    """'none', 'as run', 'freeze 30 min after the first outflow'."""
    choice = whatif.response_choice(draft)
    if choice == "none":
        return "none: nothing stops the outflows"
    if choice == "as-run":
        return "as run: the venue's real halt"
    minutes = int(choice)
    span = f"{minutes} min" if minutes < 60 or minutes % 60 else f"{minutes // 60} h"
    return f"freeze {span} after the first outflow"


def draft_rows(draft: whatif.Draft, incident: Incident) -> list[DraftRow]:
    """The builder's rows for ``draft``, in ``whatif.row_keys`` order."""
    def place(p: str) -> str:
        return whatif.place_label(draft, incident, p)

    rows = []
    for key in whatif.row_keys(draft):
        kind, i, key_id = whatif.parse_row(key)
        w = draft.wallets[i] if i >= 0 else None
        hint = HINTS[kind]
        if kind == "hot":
            rows.append(DraftRow(key, "Hot share", _pct(draft.hot_share), hint))
        elif kind == "response":
            rows.append(DraftRow(key, "Response", response_words(draft), hint))
        elif kind == "add-wallet":
            rows.append(DraftRow(key, "+ add a wallet", "", hint))
        elif w is None:
            continue
        elif kind == "share":
            rows.append(DraftRow(key, w.label, f"{_pct(w.share)} of the pool", hint))
        elif kind == "m":
            co = whatif.cosigner_of(draft, i)
            extra = " (one is the co-signer)" if co else ""
            rows.append(DraftRow(key, "  m of n", f"{w.threshold} of {len(w.keys)}{extra}",
                                 hint))
        elif kind == "key":
            k = draft.key(key_id)
            how = SIGNING_WORDS[whatif.signing_mode(k)]
            value = place(k.domain) + (f", {how}" if how else "")
            rows.append(DraftRow(key, f"  {k.label}", value, hint))
        elif kind == "cosigner":
            co = whatif.cosigner_of(draft, i)
            if co is None:
                value = "none"
            else:
                lim = co[1]
                cap = (_pct(lim.share) + " of the pool" if lim.share is not None
                       else fmt.amount(lim.amount or Decimal(0), incident.asset.symbol))
                per = (f" per {fmt.duration(lim.period)}" if lim.period is not None
                       else " per transfer")
                value = f"signs up to {cap}{per}"
            rows.append(DraftRow(key, "  co-signer", value, hint))
        elif kind == "limit-from":
            co = whatif.cosigner_of(draft, i)
            frm = co[1].set_from if co else ()
            value = ", ".join(place(p) for p in frm) if frm else "only by the co-signer"
            rows.append(DraftRow(key, "  limit changed", value, hint))
        elif kind == "recovery":
            rec = whatif.recovery_of(draft, i)
            value = f"held at {place(rec.domain)}" if rec else "none"
            rows.append(DraftRow(key, "  recovery key", value, hint))
        elif kind == "timelock":
            hours = int(w.delay.total_seconds() // 3600) if w.delay else 0
            rows.append(DraftRow(key, "  time lock", _hours(hours), hint))
    return rows


@dataclass(frozen=True, slots=True)
class Live:
    """What the builder shows at once after every change (from one summary run)."""

    lost: Decimal
    exposed: Decimal
    lost_text: str  # '52,630,001 XEM (10% of the pool), about ¥4.7 bn'
    exposed_text: str
    held: str
    why: str


def live(incident: Incident, setup: Setup) -> Live:
    """Exposed, lost, what the attacker holds and why, for the setup being built."""
    from explainer.engine import summarise  # the builder's module loads the engine late

    s = summarise(incident, setup)
    sym = incident.asset.symbol
    money = fiat(incident, s.lost)
    value = f", {money[0].text}" if money and s.lost else ""
    return Live(
        lost=s.lost, exposed=s.exposed,
        lost_text=f"{fmt.amount(s.lost, sym)} ({fmt.percent(s.lost_fraction)} of the pool)"
                  f"{value}",
        exposed_text=f"{fmt.amount(s.exposed, sym)} ({fmt.percent(s.exposed_fraction)})",
        held=s.held, why=s.why,
    )
