"""Words, plain data and Markdown for the analyses (cuts, response curve, sweeps).

No Rich here: the JSON and Markdown paths stay light. Labels from scenario and setup
files are shown as text; Markdown cells escape the table's pipes and line breaks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Context, Decimal
from typing import Any

from explainer import numbers as fmt
from explainer import safe_text
from explainer.analysis import CurveStep, Cut, Sweep, WalletCuts, WalletLockout
from explainer.engine import summarise
from explainer.i18n import _
from explainer.model import Incident, Setup

JSON_FORMAT = 1
SHOWN = 8  # cuts listed per wallet and kind in a table or handout; JSON lists them all
_WIDE = Context(prec=120)
_FRACTION = Decimal("1e-10")


@dataclass(frozen=True, slots=True)
class SetupCuts:
    """One setup's theft and lock-out cuts, wallet by wallet."""

    setup: Setup
    domains: int  # failure domains examined
    theft: tuple[WalletCuts, ...]
    lockout: tuple[WalletLockout, ...]


def exact(value: Decimal) -> str:
    """An exact decimal as a plain string for JSON: '5263000.1'."""
    return format(value.normalize(), "f")


def fraction(value: Decimal) -> str:
    """A share of the pool for JSON, to ten places."""
    return exact(value.quantize(_FRACTION, context=_WIDE))


def places(cut: Cut) -> str:
    """'NEM server + offline vault' (nothing when no place needs to fall)."""
    return " + ".join(cut.labels) if cut.labels else _("(nothing)")


def cut_line(cut: Cut, incident: Incident, with_amount: bool = True) -> str:
    """'NEM server: 5,263,000.1 XEM (1%), reached in this incident'."""
    text = places(cut)
    if with_amount:
        text = _("{places}: {amount} ({share})").format(
            places=text, amount=fmt.amount(cut.amount, incident.asset.symbol),
            share=fmt.percent(cut.amount / incident.pool))
    if cut.reached:
        text = _("{cut}, reached in this incident").format(cut=text)
    return text


def cut_lines(cuts: Sequence[Cut], incident: Incident, with_amount: bool = True,
              shown: int = SHOWN) -> list[str]:
    """The first ``shown`` cuts as lines, then how many more there are; 'none' if empty."""
    if not cuts:
        return [_("none")]
    lines = [cut_line(c, incident, with_amount) for c in cuts[:shown]]
    if len(cuts) > shown:
        lines.append(_("... and {count} more (all of them in --format json)").format(
            count=len(cuts) - shown))
    return lines


def delay(span: timedelta) -> str:
    """A freeze delay to the second: '0 s', '1 min 47 s', '3 h 32 min 47 s', '2 d 1 h'."""
    return fmt.exact_duration(span)


def step_words(step: CurveStep, first: bool) -> str:
    """The delays a step covers: 'at the first outflow', 'over 1 min 47 s, up to 7 min
    47 s', 'over 8 h 23 min 47 s, or never'."""
    if first and step.end == timedelta(0):
        return _("at the first outflow")
    if first:
        low = _("from the first outflow")
    elif step.start == timedelta(0):
        low = _("just after it")
    else:
        low = _("over {delay}").format(delay=delay(step.start))
    if step.end is None:
        return _("{start}, or never").format(start=low) if not first else \
            _("any delay, or never")
    return _("{start}, up to {end}").format(start=low, end=delay(step.end))


def cuts_document(incident: Incident, results: Sequence[SetupCuts]) -> dict[str, Any]:
    """Theft and lock-out cuts as plain data (amounts as exact decimal strings)."""

    def cut(c: Cut, theft: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"domains": list(c.domains), "labels": list(c.labels),
                               "amount": exact(c.amount),
                               "pool_fraction": fraction(c.amount / incident.pool)}
        if theft:
            out["reached"] = c.reached
        return out

    setups = []
    for r in results:
        wallets = []
        for t, lo in zip(r.theft, r.lockout, strict=True):
            wallets.append({
                "id": t.wallet, "label": t.label, "holds": exact(t.holds),
                "theft": {"anything": [cut(c, True) for c in t.anything],
                          "everything": [cut(c, True) for c in t.everything]},
                "lockout": [cut(c, False) for c in lo.cuts],
            })
        setups.append({"id": r.setup.id, "label": r.setup.label, "origin": r.setup.origin,
                       "domains": r.domains, "wallets": wallets})
    return {"format": JSON_FORMAT, "scenario": incident.id, "asset": incident.asset.symbol,
            "pool": exact(incident.pool), "setups": setups}


def own_step(incident: Incident, setup: Setup, curve: Sequence[CurveStep]) -> int:
    """The index of the step holding the setup's own response (the last one when it never
    freezes; the first when it freezes before the first outflow)."""
    freeze_at = summarise(incident, setup).freeze_at
    if freeze_at is None or not incident.outflows:
        return len(curve) - 1
    delay = max(freeze_at - incident.outflows[0].at, timedelta(0))
    for i, step in enumerate(curve):
        if step.end is None or delay <= step.end:
            return i
    return len(curve) - 1


def curve_document(incident: Incident, curves: Sequence[tuple[Setup, tuple[CurveStep, ...]]]
                   ) -> dict[str, Any]:
    """Response curves as plain data: delays in seconds after the first outflow."""
    def secs(span: timedelta | None) -> float | None:
        return None if span is None else span.total_seconds()

    return {"format": JSON_FORMAT, "scenario": incident.id, "asset": incident.asset.symbol,
            "pool": exact(incident.pool),
            "first_outflow": incident.outflows[0].at.isoformat() if incident.outflows else None,
            "setups": [{"id": s.id, "label": s.label, "origin": s.origin,
                        "own_response_step": own_step(incident, s, curve),
                        "steps": [{"after_seconds": secs(st.start),
                                   "until_seconds": secs(st.end), "lost": exact(st.lost),
                                   "pool_fraction": fraction(st.lost / incident.pool)}
                                  for st in curve]}
                       for s, curve in curves]}


def row_label(sweep: Sweep, value: Any) -> str:
    """A row heading: '5%' hot, or 'm = 2'."""
    if sweep.kind == "hot-freeze":
        return fmt.percent(value)
    return _("{m}-of-n").format(m=value)


def column_label(sweep: Sweep, value: Any) -> str:
    """A column heading: '10 min' (freeze delay), 'never', or '2 shared'."""
    if sweep.kind == "hot-freeze":
        return _("never") if value is None else delay(value)
    return _("{count} shared").format(count=value)


def short_share(value: Decimal | None, pool: Decimal) -> str:
    """A cell for a narrow grid: the share of the pool lost, '-' where no setup exists."""
    if value is None:
        return "-"
    pct = value / pool * 100
    if pct == 0:
        return "0"
    if pct < 1:
        return "<1"
    if pct < 100 and pct.to_integral_value() == 100:
        return ">99"
    return str(int(pct.to_integral_value()))


def _minutes(span: timedelta) -> int | float:
    minutes = span.total_seconds() / 60
    return int(minutes) if minutes == int(minutes) else minutes


def sweep_document(incident: Incident, sweep: Sweep) -> dict[str, Any]:
    """A sweep as plain data: axes and exact lost amounts (null where no setup exists)."""
    if sweep.kind == "hot-freeze":
        rows: list[Any] = [exact(h) for h in sweep.rows]
        cols: list[Any] = [None if d is None else _minutes(d) for d in sweep.columns]
        axes = {"rows": "hot_share", "columns": "freeze_after_minutes"}
    else:
        rows, cols = list(sweep.rows), list(sweep.columns)
        axes = {"rows": "threshold", "columns": "keys_in_compromised_place"}
    return {"format": JSON_FORMAT, "scenario": incident.id, "kind": sweep.kind,
            "asset": incident.asset.symbol, "pool": exact(incident.pool),
            "place": sweep.place, "axes": axes, "rows": rows, "columns": cols,
            "lost": [[None if v is None else exact(v) for v in row] for row in sweep.lost]}


def _cell(text: str) -> str:
    # markdown() escapes pipes with the rest of Markdown's syntax, and shows a newline
    # in a one-line field as \x0a, so a cell never breaks its table
    return safe_text.markdown(text)


def cuts_markdown(incident: Incident, results: Sequence[SetupCuts]) -> str:
    """Cuts as a Markdown handout: one section per setup, one table row per wallet."""
    out = ["# " + _("Which places must fall: {title}").format(title=_cell(incident.title)), "",
           _("A theft cut is a smallest set of places whose compromise lets an attacker "
             "move the amount shown; a lock-out cut, a smallest set whose loss leaves the "
             "venue unable to sign."), ""]
    heads = (_("Wallet"), _("Holds"), _("Moves anything"), _("Moves everything"),
             _("Locked out by losing"))
    for r in results:
        out += [f"## {_cell(r.setup.label)}", "", "| " + " | ".join(heads) + " |",
                "|---|---:|---|---|---|"]
        for t, lo in zip(r.theft, r.lockout, strict=True):
            cells = [_cell("; ".join(cut_lines(t.anything, incident))),
                     _cell("; ".join(cut_lines(t.everything, incident, False))),
                     _cell("; ".join(cut_lines(lo.cuts, incident, False)))]
            out.append(f"| {_cell(t.label)} | {fmt.amount(t.holds, incident.asset.symbol)} | "
                       + " | ".join(cells) + " |")
        out.append("")
    return "\n".join(out)


def curve_markdown(incident: Incident, curves: Sequence[tuple[Setup, tuple[CurveStep, ...]]]
                   ) -> str:
    """Response curves as Markdown tables: the freeze delay after the first outflow, and
    what is lost."""
    sym = incident.asset.symbol
    out = ["# " + _("What response time buys: {title}").format(title=_cell(incident.title)),
           "", _("Lost if outflows are frozen this long after the first one."), ""]
    heads = (_("Freeze after the first outflow"), _("Lost"), _("Share of pool"))
    for setup, curve in curves:
        out += [f"## {_cell(setup.label)}", "", "| " + " | ".join(heads) + " |",
                "|---|---:|---:|"]
        own = own_step(incident, setup, curve)
        for i, step in enumerate(curve):
            mark = _(" (this setup's own response)") if i == own else ""
            out.append(f"| {step_words(step, i == 0)}{mark} | {fmt.amount(step.lost, sym)} | "
                       f"{fmt.percent(step.lost / incident.pool)} |")
        out.append("")
    return "\n".join(out)


def sweep_markdown(incident: Incident, sweep: Sweep) -> str:
    """A sweep as a Markdown grid of the share of the pool lost (whole percent)."""
    if sweep.kind == "hot-freeze":
        title = _("Share of the pool lost by hot share (rows) and freeze delay (columns): "
                  "{title}")
    else:
        title = _("Share of the pool lost by threshold (rows) and keys in the compromised "
                  "place (columns): {title}")
    head = "| | " + " | ".join(column_label(sweep, c) for c in sweep.columns) + " |"
    rule = "|---|" + "---:|" * len(sweep.columns)
    lines = ["# " + title.format(title=_cell(incident.title)), "", head, rule]
    for value, row in zip(sweep.rows, sweep.lost, strict=True):
        lines.append(f"| {row_label(sweep, value)} | "
                     + " | ".join(short_share(v, sweep.pool) for v in row) + " |")
    return "\n".join(lines) + "\n"
