"""Rich renderables for the analyses at a terminal (cuts, response curve, sweeps).

Every label from a file goes into a ``Text`` (never parsed as markup).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from explainer import i18n
from explainer import numbers as fmt
from explainer.analysis import CurveStep, Cut, Sweep
from explainer.i18n import _, ngettext
from explainer.model import Incident, Setup
from explainer.report.analysis import (
    SHOWN,
    SetupCuts,
    column_label,
    own_step,
    places,
    row_label,
    short_share,
    step_words,
)
from explainer.safe_text import rich_text as _guard


def rich_text(text: str, style: str = "") -> Text:
    """The guard's ``Text``, breaking the Japanese way in Japanese (``ja_wrap``)."""
    made = _guard(text, style=style)
    if i18n.current() == "ja":
        from explainer.report.ja_wrap import BreakText

        return BreakText.of(made)
    return made


def _title(setup: Setup, extra: str = "") -> Text:
    text = rich_text(setup.label, style="bold")
    text.append(f" ({setup.id}{extra})", style="dim")
    return text


def cuts_tables(incident: Incident, results: Sequence[SetupCuts]) -> RenderableType:
    """Per setup, one row per cut: the places that must fall and what that does to the
    wallet (takes part of it, takes all of it, or locks the venue out of it)."""
    parts: list[RenderableType] = []
    sym = incident.asset.symbol
    for r in results:
        domains = ngettext("; {count} failure domain", "; {count} failure domains",
                           r.domains).format(count=r.domains)
        parts.append(_title(r.setup, domains))
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column(rich_text(_("Wallet")), min_width=18, overflow="fold")
        table.add_column(rich_text(_("If these places fall")), overflow="fold")
        table.add_column(rich_text(_("The attacker takes ({symbol})").format(symbol=sym)),
                         no_wrap=True)
        for t, lo in zip(r.theft, r.lockout, strict=True):
            rows: list[tuple[Text, Text]] = []
            whole = {c.domains for c in t.everything}
            for c in t.anything[:SHOWN]:
                share = fmt.percent(c.amount / incident.pool)
                words = (_("all: {amount} ({share})") if c.domains in whole
                         else _("up to {amount} ({share})"))
                effect = Text(words.format(amount=fmt.units(c.amount), share=share), style="red")
                rows.append((_places(c), effect))
            some = {c.domains for c in t.anything}
            for c in t.everything[:SHOWN]:
                if c.domains not in some:
                    rows.append((_places(c), Text(_("all"), style="red")))
            hidden = max(len(t.anything) - SHOWN, 0) + max(len(t.everything) - SHOWN, 0)
            if not t.anything:
                rows.append((rich_text(_("no set of places"), style="dim"),
                             Text(_("nothing"), style="green")))
            for c in lo.cuts[:SHOWN]:
                rows.append((_places(c), Text(_("(venue locked out)"), style="yellow")))
            hidden += max(len(lo.cuts) - SHOWN, 0)
            if hidden:
                rows.append((rich_text(_("... {count} more (all in --format json)").format(
                    count=hidden), style="dim"), Text("")))
            head = rich_text(t.label, style="bold")
            head.append(f"\n{fmt.amount(t.holds, sym)}", style="dim")
            for i, (where, effect) in enumerate(rows):
                table.add_row(head if i == 0 else "", where, effect)
            table.add_section()
        parts.append(table)
    return Group(*parts)


def _places(cut: Cut) -> Text:
    text = rich_text(places(cut))
    if cut.reached:
        text.append(_(" (reached in this incident)"), style="dim")
    return text


def curve_tables(incident: Incident, curves: Sequence[tuple[Setup, tuple[CurveStep, ...]]]
                 ) -> RenderableType:
    """Per setup, the loss against the freeze delay after the first outflow."""
    parts: list[RenderableType] = []
    sym = incident.asset.symbol
    for setup, curve in curves:
        parts.append(_title(setup))
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False,
                      caption=_("> marks where this setup's own response falls"))
        table.add_column(rich_text(_("Freeze after the first outflow")), overflow="fold")
        table.add_column(rich_text(_("Lost ({symbol})").format(symbol=sym)), justify="right",
                         no_wrap=True)
        table.add_column(rich_text(_("Share")), justify="right", no_wrap=True)
        own = own_step(incident, setup, curve)
        for i, step in enumerate(curve):
            share = step.lost / incident.pool
            words = ("> " if i == own else "  ") + step_words(step, i == 0)
            table.add_row(rich_text(words), fmt.units(step.lost),
                          Text(fmt.percent(share), style="red" if share > 0 else "green"),
                          style="bold" if i == own else None)
        parts.append(table)
    return Group(*parts)


def sweep_table(incident: Incident, sweep: Sweep) -> RenderableType:
    """The grid of the share of the pool lost, in whole percent."""
    if sweep.kind == "hot-freeze":
        corner = _("hot \\ freeze")
        caption = _("share of the pool lost (%), by hot share and freeze delay")
    else:
        corner = _("m \\ shared")
        caption = _("share of the pool lost (%), by threshold and keys in the compromised place")
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, caption=caption)
    table.add_column(rich_text(corner), no_wrap=True)
    for c in sweep.columns:
        table.add_column(column_label(sweep, c), justify="right", no_wrap=True)
    for value, row in zip(sweep.rows, sweep.lost, strict=True):
        cells = []
        for v in row:
            text = short_share(v, sweep.pool)
            cells.append(Text(text, style="green" if text == "0" else "red" if v else ""))
        table.add_row(row_label(sweep, value), *cells)
    return Group(rich_text(incident.title, style="bold"), table)
