"""Words and figures for the What-if builder: its rows and its live results.

Everything the builder screen shows comes from here, computed by the engine (and the
analyses) and formatted by ``numbers``; the screen only lays it out. No Textual.

The results (``Live``, ``Deep``, ``Heat``) hold figures and names, not sentences: their
text is written when it is read, in the language in use then, so the app's live
language switch shows results it already has in the new language without working them
out again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from explainer import i18n, whatif
from explainer import numbers as fmt
from explainer.engine.results import Summary
from explainer.i18n import N_, _, ngettext
from explainer.model import Incident, Setup
from explainer.report.reason_text import Words
from explainer.report.rows import FiatFigure, fiat


@dataclass(frozen=True, slots=True)
class DraftRow:
    """One row of the builder: its key (see ``whatif.row_keys``), what it is, its value,
    and which edits apply to it (shown in the hint line)."""

    key: str
    item: str
    value: str
    hint: str


# translated where shown (``draft_rows``), so a live language switch reaches them
HINTS = {
    "hot": N_("share of the pool in the first (hot) wallet, by 1%"),
    "response": N_("when outflows stop: none, as run, or minutes after the first outflow"),
    "share": N_("this wallet's share of the pool, by 1% (the others share the rest)"),
    "m": N_("signatures needed (m of n)"),
    "key": N_("where this key lives (left/right: the places; n: a new place); "
              "d: how its holder signs"),
    "cosigner": N_("a co-signer that signs automatically for this wallet's places, "
                   "up to a limit per 24 h that it enforces itself"),
    "limit-from": N_("a place from which the co-signer's limit can also be changed"),
    "recovery": N_("a recovery key that moves everything alone, and where it is held"),
    "timelock": N_("hours between signing and the funds moving"),
    "add-wallet": N_("right or click: another wallet, taking half of the largest"),
}
# a key row's value: its place, with a short mark for how it signs (the hint says it in full)
SIGNING_VALUES = {"direct": "{place}", "interface": N_("{place} (via UI)"),
                  "verified": N_("{place} (verified)")}
SIGNING_WORDS = {"direct": N_("Its holder holds the key and signs what it is given"),
                 "interface": N_("Its holder signs what the signing interface (UI) shows"),
                 "verified": N_("Its holder reads the signing interface but verifies on an "
                                "own device")}
# the rows' item column (wallet and key rows show their own labels)
ITEMS = {"hot": N_("Hot share"), "response": N_("Response"),
         "add-wallet": N_("+ add a wallet"), "m": N_("  m of n"),
         "cosigner": N_("  co-signer"), "limit-from": N_("  limit changed"),
         "recovery": N_("  recovery key"), "timelock": N_("  time lock")}


def _pct(share: Decimal) -> str:
    return fmt.percent(share)


def _hours(hours: int) -> str:
    if hours == 0:
        return _("none")
    if hours % 24 == 0:
        days = hours // 24
        return ngettext("{days} day ({hours} h)", "{days} days ({hours} h)",
                        days).format(days=days, hours=hours)
    return fmt.duration(timedelta(hours=hours))


def response_words(draft: whatif.Draft) -> str:
    """'none (no freeze)', 'as run (the real halt)', 'freeze 30 min after 1st outflow'."""
    choice = whatif.response_choice(draft)
    if choice == "none":
        return _("none (no freeze)")
    if choice == "as-run":
        return _("as run (the real halt)")
    span = fmt.duration(timedelta(minutes=int(choice)))
    return _("freeze {span} after 1st outflow").format(span=span)


def _item(kind: str) -> str:
    # the indent marks a wallet's own rows: kept whatever the translation does with it
    text = _(ITEMS[kind])
    return text if text.startswith(" ") or not ITEMS[kind].startswith(" ") else "  " + text


def draft_rows(draft: whatif.Draft, incident: Incident) -> list[DraftRow]:
    """The builder's rows for ``draft``, in ``whatif.row_keys`` order, in the language
    in use (labels from the scenario or typed by the person are shown as they are)."""
    def place(p: str) -> str:
        return whatif.place_label(draft, incident, p)

    rows = []
    for key in whatif.row_keys(draft):
        kind, i, key_id = whatif.parse_row(key)
        w = draft.wallets[i] if i >= 0 else None
        hint = _(HINTS[kind])
        if kind == "hot":
            rows.append(DraftRow(key, _item(kind), _pct(draft.hot_share), hint))
        elif kind == "response":
            rows.append(DraftRow(key, _item(kind), response_words(draft), hint))
        elif kind == "add-wallet":
            rows.append(DraftRow(key, _item(kind), "", hint))
        elif w is None:
            continue
        elif kind == "share":
            rows.append(DraftRow(key, whatif.label_text(w.label),
                                 _("{share} of the pool").format(share=_pct(w.share)), hint))
        elif kind == "m":
            co = whatif.cosigner_of(draft, i)
            value = (_("{m} of {n} (one is the co-signer)") if co else _("{m} of {n}"))
            rows.append(DraftRow(key, _item(kind),
                                 value.format(m=w.threshold, n=len(w.keys)), hint))
        elif kind == "key":
            k = draft.key(key_id)
            mode = whatif.signing_mode(k)
            template = SIGNING_VALUES[mode]
            value = (_(template) if mode != "direct" else template).format(
                place=place(k.domain))
            rows.append(DraftRow(key, f"  {whatif.label_text(k.label)}", value,
                                 _("{what}. {how}").format(what=hint,
                                                           how=_(SIGNING_WORDS[mode]))))
        elif kind == "cosigner":
            rows.append(DraftRow(key, _item(kind), _cosigner_value(draft, i, incident), hint))
        elif kind == "limit-from":
            co = whatif.cosigner_of(draft, i)
            frm = co[1].set_from if co else ()
            value = _(", ").join(place(p) for p in frm) if frm else _("only by the co-signer")
            rows.append(DraftRow(key, _item(kind), value, hint))
        elif kind == "recovery":
            rec = whatif.recovery_of(draft, i)
            value = _("held at {place}").format(place=place(rec.domain)) if rec else _("none")
            rows.append(DraftRow(key, _item(kind), value, hint))
        elif kind == "timelock":
            hours = int(w.delay.total_seconds() // 3600) if w.delay else 0
            rows.append(DraftRow(key, _item(kind), _hours(hours), hint))
    return rows


def _cosigner_value(draft: whatif.Draft, index: int, incident: Incident) -> str:
    co = whatif.cosigner_of(draft, index)
    if co is None:
        return _("none")
    lim = co[1]
    cap = (_("{share} of the pool").format(share=_pct(lim.share)) if lim.share is not None
           else fmt.amount(lim.amount or Decimal(0), incident.asset.symbol))
    if lim.period is None:
        return _("signs up to {cap} per transfer").format(cap=cap)
    return _("signs up to {cap} per {period}").format(cap=cap,
                                                      period=fmt.duration(lim.period))


@dataclass(frozen=True, slots=True)
class Live:
    """What the builder shows at once after every change (from one summary run)."""

    lost: Decimal
    exposed: Decimal
    summary: Summary
    symbol: str
    money: FiatFigure | None  # the loss at the incident's first valuation, if it has one
    incident: Incident
    setup: Setup
    said: dict[str, Words] = field(default_factory=dict, compare=False, repr=False)

    @property
    def lost_text(self) -> str:
        """'52,630,001 XEM (10% of the pool), about ¥4.7 bn'."""
        s = self.summary
        figures = {"amount": fmt.amount(s.lost, self.symbol),
                   "share": fmt.percent(s.lost_fraction),
                   "value": self.money.text if self.money else ""}
        if self.money is not None and s.lost:
            return _("{amount} ({share} of the pool), {value}").format(**figures)
        return _("{amount} ({share} of the pool)").format(**figures)

    @property
    def exposed_text(self) -> str:
        """'52,630,001 XEM (10%)'."""
        s = self.summary
        return _("{amount} ({share})").format(amount=fmt.amount(s.exposed, self.symbol),
                                              share=fmt.percent(s.exposed_fraction))

    @property
    def held(self) -> str:
        """What the attacker could sign with at the peak of their access."""
        return self._words()(self.summary.held)

    @property
    def why(self) -> str:
        """Why the loss is what it is."""
        return self._words()(self.summary.why)

    def _words(self) -> Words:
        # one sayer per language (it keeps what it has said, in the language it said it)
        lang = i18n.current()
        said = self.said.get(lang)
        if said is None:
            said = self.said[lang] = Words(self.incident, self.setup)
        return said


def live(incident: Incident, setup: Setup) -> Live:
    """Exposed, lost, what the attacker holds and why, for the setup being built."""
    from explainer.engine import summarise  # the builder's module loads the engine late

    s = summarise(incident, setup)
    money = fiat(incident, s.lost)
    return Live(lost=s.lost, exposed=s.exposed, summary=s, symbol=incident.asset.symbol,
                money=money[0] if money else None, incident=incident, setup=setup)


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
class CutLine:
    """One finding of the cuts: which places (labels), which wallet (label), how much."""

    places: tuple[str, ...]
    wallet: str
    amount: Decimal


# the figures panel's headings, in its order; ``HEADINGS_SHORT`` for its narrow column
CUTS, SPOF, THEFT, EMPTY, LOCKOUT, LOCK_LARGEST = (
    N_("Cuts"), N_("Single points of failure"), N_("Smallest theft cut"),
    N_("To empty largest"), N_("Smallest lock-out cut"), N_("To lock largest"))
HEADINGS_SHORT = {SPOF: N_("Single points"), THEFT: N_("Theft cut"),
                  LOCKOUT: N_("Lock-out cut")}


@dataclass(frozen=True, slots=True)
class Deep:
    """The analyses of one setup, as the builder shows them: figures and names, put in
    words (``lines``, ``curve_note``) in the language in use when they are read."""

    curve: tuple[CurvePoint, ...]
    single_points: tuple[str, ...]  # labels
    theft: tuple[str, ...]  # labels of the smallest theft cut ('' when none)
    lockout: tuple[str, ...]  # labels of the smallest lock-out cut
    span_minutes: float  # from the first recorded outflow to the last
    symbol: str = ""
    too_many: tuple[str, int, int] | None = None  # (setup, places, most the cuts examine)
    singles: tuple[CutLine, ...] = ()  # each single point, with the wallet it opens
    theft_cut: CutLine | None = None  # the smallest theft cut and what it moves
    empty_largest: CutLine | None = None  # what empties the largest wallet, if different
    lockout_cut: CutLine | None = None  # the smallest lock-out cut and what it locks
    lock_largest: CutLine | None = None  # what locks the largest wallet, if different

    @property
    def lines(self) -> tuple[tuple[str, str], ...]:
        """(heading, text) for the figures panel, in the language in use."""
        return self.worded()

    def worded(self, short: bool = False) -> tuple[tuple[str, str], ...]:
        """(heading, text) in the language in use; ``short`` headings for a narrow column."""
        return tuple((_(HEADINGS_SHORT.get(h, h) if short else h), text)
                     for h, text in self._findings())

    def _findings(self) -> list[tuple[str, str]]:
        # (heading's msgid, text): headings are translated by ``worded``
        sym = self.symbol
        if self.too_many is not None:
            setup, count, limit = self.too_many
            return [(CUTS, too_many_words(setup, count, limit))]
        out: list[tuple[str, str]] = []
        if self.singles:
            text = _("; ").join(
                _("{place} ({wallet}: {amount})").format(
                    place=c.places[0], wallet=c.wallet, amount=fmt.amount(c.amount, sym))
                for c in self.singles)
        else:
            text = _("none: no one place alone moves anything")
        out.append((SPOF, text))
        c = self.theft_cut
        if c is None:
            out.append((THEFT, _("none: no set of places moves anything")))
        else:
            out.append((THEFT, _("{places} moves {amount} from the {wallet}").format(
                places=_places(c.places), amount=fmt.amount(c.amount, sym), wallet=c.wallet)))
        c = self.empty_largest
        if c is not None:
            out.append((EMPTY, _("{places} take all {amount} of the {wallet}").format(
                places=_places(c.places), amount=fmt.amount(c.amount, sym), wallet=c.wallet)))
        c = self.lockout_cut
        if c is None:
            out.append((LOCKOUT, _("none: no loss of places locks a wallet")))
        else:
            out.append((LOCKOUT, _("losing {places} locks the {wallet} ({amount})").format(
                places=_places(c.places), wallet=c.wallet, amount=fmt.amount(c.amount, sym))))
        c = self.lock_largest
        if c is not None:
            out.append((LOCK_LARGEST, _("losing {places} locks the {wallet}").format(
                places=_places(c.places), wallet=c.wallet)))
        return out

    @property
    def curve_note(self) -> str:
        """One line under the curve (see ``curve_note``)."""
        return curve_note(self.curve, self.symbol)


def too_many_words(setup: str, count: int, limit: int) -> str:
    """Why there are no cuts: more places than the exact analyses examine."""
    from explainer.analysis.places import TOO_MANY

    return _(TOO_MANY).format(setup=setup, count=count, limit=limit)


def _places(labels: tuple[str, ...]) -> str:
    return " + ".join(labels)


def deep(incident: Incident, setup: Setup) -> Deep:
    """Single points of failure, the smallest theft and lock-out cuts, and the response
    curve of ``setup`` (the figures are the analyses'; ``Deep.lines`` words them)."""
    from explainer import analysis

    found: dict[str, object] = {}
    spof: tuple[str, ...] = ()
    theft_labels: tuple[str, ...] = ()
    lock_labels: tuple[str, ...] = ()
    try:
        theft = analysis.theft_cuts(incident, setup)
        lockout = analysis.lockout_cuts(incident, setup)
    except analysis.TooManyDomains as exc:
        found["too_many"] = (exc.setup, exc.count, exc.limit)
    else:
        singles = [(c, w) for w in theft for c in w.single_points]
        spof = tuple(dict.fromkeys(c.labels[0] for c, _wallet in singles))
        found["singles"] = tuple(CutLine(c.labels, w.label, c.amount) for c, w in singles)
        best = _smallest((c, w) for w in theft for c in w.anything)
        if best is not None:
            c, w = best
            theft_labels = c.labels
            found["theft_cut"] = CutLine(c.labels, w.label, c.amount)
        biggest = max(theft, key=lambda w: w.holds, default=None)
        if biggest is not None and biggest.everything:
            c = biggest.everything[0]
            if best is None or c.labels != best[0].labels:
                found["empty_largest"] = CutLine(c.labels, biggest.label, c.amount)
        lock = _smallest((c, w) for w in lockout for c in w.cuts)
        if lock is not None:
            c, w = lock
            lock_labels = c.labels
            found["lockout_cut"] = CutLine(c.labels, w.label, w.holds)
            largest = max(lockout, key=lambda x: x.holds)
            if largest.cuts and largest.wallet != w.wallet:
                found["lock_largest"] = CutLine(largest.cuts[0].labels, largest.label,
                                                largest.holds)
    curve = tuple(
        CurvePoint(step.start.total_seconds() / 60,
                   None if step.end is None else step.end.total_seconds() / 60,
                   step.lost, float(step.lost / incident.pool * 100))
        for step in analysis.response_curve(incident, setup))
    outs = incident.outflows
    span = ((outs[-1].latest or outs[-1].at) - outs[0].at).total_seconds() / 60 if outs else 0
    return Deep(curve, spof, theft_labels, lock_labels, span, incident.asset.symbol,
                **found)  # type: ignore[arg-type]


def _smallest(pairs):  # type: ignore[no-untyped-def]
    ranked = sorted(pairs, key=lambda p: (p[0].size, -p[0].amount, p[0].domains))
    return ranked[0] if ranked else None


def _minutes(m: float) -> str:
    return fmt.duration(timedelta(minutes=m))


def curve_note(curve: tuple[CurvePoint, ...], symbol: str) -> str:
    """'Freeze within 2 min: 10 XEM; within 8 min: ...; never: 52,630,001 XEM'."""
    if not curve:
        return ""
    parts = []
    for step in curve[:4]:
        if step.end is None:
            parts.append(_("later or never: {amount}").format(
                amount=fmt.amount(step.lost, symbol)))
        else:
            parts.append(_("within {span}: {amount}").format(
                span=_minutes(step.end), amount=fmt.amount(step.lost, symbol)))
    if len(curve) > 4:
        parts.append(_("never: {amount}").format(amount=fmt.amount(curve[-1].lost, symbol)))
    return _("Freeze {steps}").format(steps=_("; ").join(parts))


HEAT_SHARES = tuple(Decimal(x) for x in ("0.02", "0.05", "0.1", "0.2", "0.3", "0.5", "1"))
HEAT_DELAYS = (0, 5, 10, 30, 60, 180, 720, None)  # minutes after the first outflow


@dataclass(frozen=True, slots=True)
class Heat:
    """The hot share x freeze delay grid: each cell's share of the pool lost as text and
    as a fraction (for its shade); headings and note are written when read."""

    shares: tuple[Decimal, ...]
    delays: tuple[int | None, ...]  # minutes after the first outflow; None: no freeze
    cells: tuple[tuple[tuple[str, float], ...], ...]
    place: str  # where the hot key lives (an incident place's id)

    @property
    def rows(self) -> tuple[str, ...]:
        """The rows' headings: the hot shares."""
        return tuple(fmt.percent(s) for s in self.shares)

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns' headings: the freeze delays, short ('5m', '3h', 'never')."""
        return tuple(delay_heading(d) for d in self.delays)

    def note(self, incident: Incident) -> str:
        """What the grid shows, naming where the hot key lives."""
        return _("Share of the pool lost: hot key at {place}, rest cold; rows hot share, "
                 "columns freeze delay after the first outflow").format(
            place=place_label_of(incident, self.place))


def delay_heading(minutes: int | None) -> str:
    """A freeze delay for a narrow column heading: '5m', '3h', 'never'."""
    if minutes is None:
        return _("never")
    if minutes < 60:
        return _("{n}m").format(n=minutes)
    # the minutes are there for a language whose headings read better in minutes
    return _("{n}h").format(n=minutes // 60, minutes=minutes)


def heat(incident: Incident, place: str | None = None) -> Heat:
    """Lost for a single-key hot wallet holding each of ``HEAT_SHARES`` (rest in an
    independent cold vault), frozen each of ``HEAT_DELAYS`` after the first outflow."""
    from explainer import analysis

    delays = [None if d is None else timedelta(minutes=d) for d in HEAT_DELAYS]
    sweep = analysis.sweep_hot_freeze(incident, HEAT_SHARES, delays, place)
    cells = tuple(
        tuple((whole_percent(lost / sweep.pool) if lost is not None else "-",
               float(lost / sweep.pool) if lost is not None else 0.0) for lost in row)
        for row in sweep.lost)
    return Heat(HEAT_SHARES, HEAT_DELAYS, cells, sweep.place)


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
