"""A dialog listing every key of the app, screen by screen.

Every description is translated when the help is drawn (``_``): bindings everywhere are
marked with ``N_`` where they are defined, so a language switch reaches them here.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from explainer.i18n import N_, _
from explainer.tui.screens.dialog import Dialog
from explainer.tui.widgets.key_bar import key_label

# keys that belong to widgets rather than to our bindings, listed so the help is complete
WIDGET_KEYS: tuple[tuple[str, str], ...] = (
    (N_("up / down"), N_("move in lists and tables")),
    (N_("enter"), N_("choose the highlighted item")),
    (N_("left / right"), N_("scroll a wide table sideways (the comparison's later columns)")),
    (N_("tab / shift+tab"), N_("move between parts of a screen")),
    (N_("mouse"), N_("click options, rows, column headings and buttons; scroll with the wheel")),
)


KEY_WIDTH = 16


def _keys(binding: Binding) -> str:
    if binding.key_display:
        return key_label(binding.key_display)
    return ", ".join(key_label(k.replace("question_mark", "?")) for k in binding.key.split(","))


def sections() -> list[tuple[str, list[Binding]]]:
    """Each screen's title (translated) with its bindings, the app-wide ones first."""
    from explainer.tui.app import WalletApp
    from explainer.tui.screens.compare import CompareScreen
    from explainer.tui.screens.glossary import GlossaryScreen
    from explainer.tui.screens.incidents import IncidentsScreen
    from explainer.tui.screens.lessons import LessonsScreen
    from explainer.tui.screens.presenter import PresenterScreen
    from explainer.tui.screens.replay import ReplayScreen
    from explainer.tui.screens.sources import SourcesScreen
    from explainer.tui.screens.whatif import SetupTable, WhatIfScreen

    def bindings(items: list[BindingType]) -> list[Binding]:
        # hidden bindings are covered by a shown one's key display ("1-4", "[ ]"), except
        # the language switch, which the key bar leaves to the help
        return [b for b in items if isinstance(b, Binding)
                and (b.show or b.action == "switch_language")]

    return [
        (_("Everywhere"), bindings(WalletApp.BINDINGS)),
        (_("Incident list"), bindings(IncidentsScreen.BINDINGS)),
        (_("Lessons"), bindings(LessonsScreen.BINDINGS)),
        (_("Replay"), bindings(ReplayScreen.BINDINGS)),
        (_("Compare"), bindings(CompareScreen.BINDINGS)),
        # every What-if key, the ones the key bar leaves out for room too
        (_("What if"), [b for b in (*SetupTable.BINDINGS[:4], *WhatIfScreen.BINDINGS)
                        if isinstance(b, Binding)]),
        (_("Presenting a lesson plan (P)"), bindings(PresenterScreen.BINDINGS)),
        (_("Dialogs (this help, sources, glossary)"),
         bindings(Dialog.BINDINGS) + bindings(SourcesScreen.BINDINGS)
         + bindings(GlossaryScreen.BINDINGS)),
    ]


def _key_table(rows: list[tuple[str, str]]) -> Table:
    table = Table(box=None, show_header=False, pad_edge=False, expand=True)
    table.add_column("Key", no_wrap=True, style="bold", width=KEY_WIDTH)
    table.add_column("What it does", ratio=1, overflow="fold")
    for key, words in rows:
        table.add_row(key, words)
    return table


def describe(binding: Binding) -> str:
    """A binding's description and tooltip in the language in use."""
    if not binding.tooltip:
        return _(binding.description)
    return _("{description}: {tooltip}").format(description=_(binding.description),
                                                 tooltip=_(binding.tooltip))


def help_table() -> Group:
    """The keys, section by section: each heading on a line of its own (never cut to the
    key column's width), then a two-column table whose descriptions wrap at spaces (or
    anywhere in Japanese, by display width)."""
    parts: list[RenderableType] = []
    for title, items in sections():
        parts.append(Text(title, style="bold underline"))
        parts.append(_key_table([(_keys(b), describe(b)) for b in items]))
        parts.append(Text(""))
    parts.append(Text(_("Widgets"), style="bold underline"))
    parts.append(_key_table([(_(keys), _(words)) for keys, words in WIDGET_KEYS]))
    return Group(*parts)


# how to reach everything, before the list of keys
WAYS = N_(
    "b lists every incident; Enter on one makes it current and opens its page (a shows the "
    "current one's page again). r and c replay and compare the current incident, named on "
    "the top line. l opens the lessons (lesson 4: when multisig fails). g opens the "
    "glossary; underlined words anywhere are glossary links: click one for its definition. "
    "L switches between English and Japanese (日本語)."
)


class HelpScreen(Dialog):
    """Every binding of the app. Escape or ? closes it."""

    def __init__(self) -> None:
        super().__init__(id="help")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(_("Keys"), id="help-title", markup=False)
            yield Static(_(WAYS), id="help-ways", markup=False)
            yield Static(help_table(), id="help-table")
            yield Static(_("Escape or ? closes this."), classes="dialog-hint", markup=False)
