"""A dialog listing every key of the app, screen by screen."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from explainer.tui.screens.dialog import Dialog

# keys that belong to widgets rather than to our bindings, listed so the help is complete
WIDGET_KEYS: tuple[tuple[str, str], ...] = (
    ("up / down", "move in lists and tables"),
    ("enter", "choose the highlighted item"),
    ("left / right", "scroll a wide table sideways (the comparison's later columns)"),
    ("tab / shift+tab", "move between parts of a screen"),
    ("mouse", "click options, rows, column headings and buttons; scroll with the wheel"),
)


KEY_WIDTH = 16


def _keys(binding: Binding) -> str:
    if binding.key_display:
        return binding.key_display
    return ", ".join(k.replace("question_mark", "?") for k in binding.key.split(","))


def sections() -> list[tuple[str, list[Binding]]]:
    """Each screen's title with its bindings, the app-wide ones first."""
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
        # hidden bindings are covered by a shown one's key display ("1-4", "[ ]")
        return [b for b in items if isinstance(b, Binding) and b.show]

    return [
        ("Everywhere", bindings(WalletApp.BINDINGS)),
        ("Incident list", bindings(IncidentsScreen.BINDINGS)),
        ("Lessons", bindings(LessonsScreen.BINDINGS)),
        ("Replay", bindings(ReplayScreen.BINDINGS)),
        ("Compare", bindings(CompareScreen.BINDINGS)),
        # every What-if key, the ones the key bar leaves out for room too
        ("What if", [b for b in (*SetupTable.BINDINGS[:4], *WhatIfScreen.BINDINGS)
                     if isinstance(b, Binding)]),
        ("Presenting a lesson plan (P)", bindings(PresenterScreen.BINDINGS)),
        ("Dialogs (this help, sources, glossary)",
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


def help_table() -> Group:
    """The keys, section by section: each heading on a line of its own (never cut to the
    key column's width), then a two-column table whose descriptions wrap at spaces."""
    parts: list[RenderableType] = []
    for title, items in sections():
        parts.append(Text(title, style="bold underline"))
        parts.append(_key_table([(_keys(b), b.description + (f": {b.tooltip}" if b.tooltip
                                                             else "")) for b in items]))
        parts.append(Text(""))
    parts.append(Text("Widgets", style="bold underline"))
    parts.append(_key_table(list(WIDGET_KEYS)))
    return Group(*parts)


# how to reach everything, before the list of keys
WAYS = (
    "b lists every incident; Enter on one makes it current and opens its page (a shows the "
    "current one's page again). r and c replay and compare the current incident, named on "
    "the top line. l opens the lessons (lesson 4: when multisig fails). g opens the "
    "glossary; underlined words anywhere are glossary links: click one for its definition."
)


class HelpScreen(Dialog):
    """Every binding of the app. Escape or ? closes it."""

    def __init__(self) -> None:
        super().__init__(id="help")

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static("Keys", id="help-title")
            yield Static(WAYS, id="help-ways", markup=False)
            yield Static(help_table(), id="help-table")
            yield Static("Escape or ? closes this.", classes="dialog-hint")
