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
# short marks for the key rows; the hint line says them in full
SIGNING_MARKS = {"direct": "", "interface": " (via UI)", "verified": " (verified)"}
SIGNING_WORDS = {"direct": "holds the key and signs what it is given",
                 "interface": "signs what the signing interface (UI) shows",
                 "verified": "reads the signing interface but verifies on an own device"}


def _pct(share: Decimal) -> str:
    return fmt.percent(share)


def _hours(hours: int) -> str:
    if hours == 0:
        return "none"
    if hours % 24 == 0:
        return f"{hours // 24} day{'s' if hours > 24 else ''} ({hours} h)"
    return f"{hours} h"


def response_words(draft: whatif.Draft) -> str:
    """'none (no freeze)', 'as run (the real halt)', 'freeze 30 min after 1st outflow'."""
    choice = whatif.response_choice(draft)
    if choice == "none":
        return "none (no freeze)"
    if choice == "as-run":
        return "as run (the real halt)"
    minutes = int(choice)
    span = f"{minutes} min" if minutes < 60 or minutes % 60 else f"{minutes // 60} h"
    return f"freeze {span} after 1st outflow"


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
            mode = whatif.signing_mode(k)
            value = place(k.domain) + SIGNING_MARKS[mode]
            rows.append(DraftRow(key, f"  {k.label}", value,
                                 f"{hint}. Its holder {SIGNING_WORDS[mode]}"))
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
    from explainer.report.reason_text import Words

    s = summarise(incident, setup)
    words = Words(incident, setup)
    sym = incident.asset.symbol
    money = fiat(incident, s.lost)
    value = f", {money[0].text}" if money and s.lost else ""
    return Live(
        lost=s.lost, exposed=s.exposed,
        lost_text=f"{fmt.amount(s.lost, sym)} ({fmt.percent(s.lost_fraction)} of the pool)"
                  f"{value}",
        exposed_text=f"{fmt.amount(s.exposed, sym)} ({fmt.percent(s.exposed_fraction)})",
        held=words(s.held), why=words(s.why),
    )


# --- the analyses: cuts, the response curve, the hot share x delay sweep -----------------

@dataclass(frozen=True, slots=True)
class CurvePoint:
    """One step of the response curve, ready to plot: from ``start`` to ``end`` minutes
    after the first outflow (``end`` None: every longer delay, and no freeze at all)."""

    start: float
    end: float | None
    lost: Decimal
    percent: float  # of the pool, for the plot's y axis


@dataclass(frozen=True, slots=True)
class Deep:
    """The analyses of one setup, as the builder shows them."""

    lines: tuple[tuple[str, str], ...]  # (heading, text) for the figures panel
    curve: tuple[CurvePoint, ...]
    curve_note: str  # one line under the curve
    single_points: tuple[str, ...]  # labels
    theft: tuple[str, ...]  # labels of the smallest theft cut ('' when none)
    lockout: tuple[str, ...]  # labels of the smallest lock-out cut
    span_minutes: float  # from the first recorded outflow to the last


def _places(labels: tuple[str, ...]) -> str:
    return " + ".join(labels)


def deep(incident: Incident, setup: Setup) -> Deep:
    """Single points of failure, the smallest theft and lock-out cuts, and the response
    curve of ``setup``, in words (the figures are the analyses')."""
    from explainer import analysis

    sym = incident.asset.symbol
    lines: list[tuple[str, str]] = []
    spof: tuple[str, ...] = ()
    theft_labels: tuple[str, ...] = ()
    lock_labels: tuple[str, ...] = ()
    try:
        theft = analysis.theft_cuts(incident, setup)
        lockout = analysis.lockout_cuts(incident, setup)
    except analysis.TooManyDomains as exc:
        lines.append(("Cuts", str(exc)))
    else:
        singles = [(c, w) for w in theft for c in w.single_points]
        spof = tuple(dict.fromkeys(c.labels[0] for c, _ in singles))
        if singles:
            text = "; ".join(f"{c.labels[0]} ({w.label}: {fmt.amount(c.amount, sym)})"
                             for c, w in singles)
        else:
            text = "none: no one place alone moves anything"
        lines.append(("Single points of failure", text))
        best = _smallest((c, w) for w in theft for c in w.anything)
        if best is None:
            lines.append(("Smallest theft cut", "none: no set of places moves anything"))
        else:
            c, w = best
            theft_labels = c.labels
            lines.append(("Smallest theft cut", f"{_places(c.labels)} moves "
                          f"{fmt.amount(c.amount, sym)} from the {w.label}"))
        biggest = max(theft, key=lambda w: w.holds, default=None)
        if biggest is not None and biggest.everything:
            c = biggest.everything[0]
            if best is None or c.labels != best[0].labels:
                lines.append(("To empty largest", f"{_places(c.labels)} take all "
                              f"{fmt.amount(c.amount, sym)} of the {biggest.label}"))
        lock = _smallest((c, w) for w in lockout for c in w.cuts)
        if lock is None:
            lines.append(("Smallest lock-out cut", "none: no loss of places locks a wallet"))
        else:
            c, w = lock
            lock_labels = c.labels
            lines.append(("Smallest lock-out cut", f"losing {_places(c.labels)} locks the "
                          f"{w.label} ({fmt.amount(w.holds, sym)})"))
            largest = max(lockout, key=lambda x: x.holds)
            if largest.cuts and largest.wallet != w.wallet:
                lines.append(("To lock largest", f"losing {_places(largest.cuts[0].labels)} "
                              f"locks the {largest.label}"))
    curve = tuple(
        CurvePoint(step.start.total_seconds() / 60,
                   None if step.end is None else step.end.total_seconds() / 60,
                   step.lost, float(step.lost / incident.pool * 100))
        for step in analysis.response_curve(incident, setup))
    outs = incident.outflows
    span = ((outs[-1].latest or outs[-1].at) - outs[0].at).total_seconds() / 60 if outs else 0
    return Deep(tuple(lines), curve, curve_note(curve, sym), spof, theft_labels, lock_labels,
                span)


def _smallest(pairs):  # type: ignore[no-untyped-def]
    ranked = sorted(pairs, key=lambda p: (p[0].size, -p[0].amount, p[0].domains))
    return ranked[0] if ranked else None


def _minutes(m: float) -> str:
    from datetime import timedelta

    return fmt.duration(timedelta(minutes=m))


def curve_note(curve: tuple[CurvePoint, ...], symbol: str) -> str:
    """'Freeze within 2 min: 10 XEM lost; by 8 min: ...; never: 52,630,001 XEM'."""
    if not curve:
        return ""
    parts = []
    for step in curve[:4]:
        if step.end is None:
            parts.append(f"later or never: {fmt.amount(step.lost, symbol)}")
        else:
            parts.append(f"within {_minutes(step.end)}: {fmt.amount(step.lost, symbol)}")
    if len(curve) > 4:
        parts.append(f"never: {fmt.amount(curve[-1].lost, symbol)}")
    return "Freeze " + "; ".join(parts)


HEAT_SHARES = tuple(Decimal(x) for x in ("0.02", "0.05", "0.1", "0.2", "0.3", "0.5", "1"))
HEAT_DELAYS = (0, 5, 10, 30, 60, 180, 720, None)  # minutes after the first outflow


@dataclass(frozen=True, slots=True)
class Heat:
    """The hot share x freeze delay grid: row and column headings, each cell's share of
    the pool lost as text and as a fraction (for its shade)."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[tuple[str, float], ...], ...]
    note: str


def heat(incident: Incident, place: str | None = None) -> Heat:
    """Lost for a single-key hot wallet holding each of ``HEAT_SHARES`` (rest in an
    independent cold vault), frozen each of ``HEAT_DELAYS`` after the first outflow."""
    from datetime import timedelta

    from explainer import analysis

    delays = [None if d is None else timedelta(minutes=d) for d in HEAT_DELAYS]
    sweep = analysis.sweep_hot_freeze(incident, HEAT_SHARES, delays, place)
    cells = tuple(
        tuple((whole_percent(lost / sweep.pool) if lost is not None else "-",
               float(lost / sweep.pool) if lost is not None else 0.0) for lost in row)
        for row in sweep.lost)
    columns = tuple("never" if d is None else f"{d}m" if d < 60 else f"{d // 60}h"
                    for d in HEAT_DELAYS)
    label = place_label_of(incident, sweep.place)
    return Heat(tuple(fmt.percent(s) for s in HEAT_SHARES), columns, cells,
                f"Share of the pool lost: hot key at {label}, rest cold; rows hot share, "
                "columns freeze delay after the first outflow")


def whole_percent(fraction: Decimal) -> str:
    """A share in whole percent for a narrow cell: 0%, <1%, 10%, >99%, 100%."""
    pct = fraction * 100
    if 0 < pct < 1:
        return "<1%"
    if 99 < pct < 100:
        return ">99%"
    return f"{pct.to_integral_value():f}%"


def place_label_of(incident: Incident, place: str) -> str:
    """An incident place's label."""
    return next((d.label for d in incident.domains if d.id == place), place)


def freeze_minutes(incident: Incident, draft: whatif.Draft) -> float | None:
    """The draft's freeze as minutes after the first outflow (None: no freeze)."""
    choice = whatif.response_choice(draft)
    if isinstance(choice, int):
        return float(choice)
    halt = incident.halt()
    if choice == "as-run" and halt is not None and incident.outflows:
        return (halt.at - incident.outflows[0].at).total_seconds() / 60
    return None


def heat_place(incident: Incident, draft: whatif.Draft) -> str | None:
    """Where the sweep's hot key lives: the draft's first key if that is one of the
    incident's places, else the analyses' default (None)."""
    known = {d.id for d in incident.domains}
    first = draft.wallets[0].keys[0] if draft.wallets and draft.wallets[0].keys else None
    place = draft.key(first).domain if first else None
    return place if place in known else None
