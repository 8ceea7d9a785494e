"""The glossary dialog: every term on the left, its definition on the right.

Opened with ``g`` from anywhere, or by clicking a linked term (it then opens at that term).
Terms linked on the screen it was opened from are listed first, so the keyboard reaches
them as easily as the mouse does. The glossary is read in the language in use when the
dialog is composed, so a language switch shows the same term in the other language.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from explainer import i18n
from explainer.glossary import Glossary, load_glossary
from explainer.i18n import N_, _
from explainer.tui.links import link_style, linked
from explainer.tui.screens.dialog import Dialog


def definition_text(glossary: Glossary, term_id: str) -> Text:
    """A term's heading, definition (its own mentions of other terms linked) and 'see also'."""
    term = glossary.get(term_id)
    if term is None:
        return Text(_("No glossary entry {term}.").format(term=repr(term_id)))
    text = Text.assemble((term.term, "bold"), "\n\n")
    text.append_text(linked(term.definition, seen={term.id}, glossary=glossary))
    if term.see:
        text.append("\n\n" + _("See also:") + " ")
        for n, other in enumerate(term.see):
            found = glossary.get(other)
            if n:
                text.append(_(", "))
            text.append(found.term if found else other, style=link_style(other))
    return text


class GlossaryScreen(Dialog):
    """Terms and definitions. Escape or g closes it."""

    # here rather than in app.tcss: parsed when the screen first opens, not at start-up
    DEFAULT_CSS = """
    GlossaryScreen {
        align: center middle;
        background: $background 60%;
    }

    #glossary-box {
        width: 90%;
        max-width: 100;
        height: 90%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }

    #glossary-title {
        text-style: bold;
        color: $accent;
    }

    #glossary-terms {
        width: 28;
        height: 1fr;
        border: none;
        border-right: vkey $primary;
    }

    #glossary-definition-box {
        width: 1fr;
        height: 1fr;
        padding: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("g", "close", N_("Close glossary"),
                tooltip=N_("Close the glossary (as Escape does)")),
    ]

    def __init__(self, term_id: str | None = None, on_screen: tuple[str, ...] = ()) -> None:
        super().__init__(id="glossary")
        glossary = self.glossary  # ids are the same in every language
        self.on_screen = tuple(t for t in dict.fromkeys(on_screen) if glossary.get(t))
        self.term_id = term_id if term_id and glossary.get(term_id) else (
            self.on_screen[0] if self.on_screen else glossary.by_name[0].id)

    @property
    def glossary(self) -> Glossary:
        """The glossary in the language in use."""
        return load_glossary(i18n.current())

    def compose(self) -> ComposeResult:
        with Vertical(id="glossary-box"):
            yield Static(_("Glossary"), id="glossary-title", markup=False)
            with Horizontal(id="glossary-main"):
                yield OptionList(*self._options(), id="glossary-terms")
                with VerticalScroll(id="glossary-definition-box"):
                    yield Static(id="glossary-definition", markup=False)
            yield Static(_("Up/down or a click: a term.  Underlined words: their own entry.  "
                           "Escape or g closes this."), classes="dialog-hint", markup=False)

    def after_language_switch(self) -> None:
        """Show the same term again, now in the language just chosen."""
        self.on_mount()

    def _options(self) -> list[Option | None]:
        out: list[Option | None] = []
        glossary = self.glossary
        if self.on_screen:
            out.append(Option(Text(_("On this screen"), style="bold"), disabled=True))
            out += [Option(Text(glossary.get(t).term),  # type: ignore[union-attr]
                           id=f"here:{t}") for t in self.on_screen]
            out.append(Option(Text(_("All terms"), style="bold"), disabled=True))
        # Text, not a str: an option's string prompt would be read as markup
        out += [Option(Text(t.term), id=f"all:{t.id}") for t in glossary.by_name]
        return out

    def on_mount(self) -> None:
        self.show_term(self.term_id)
        self.query_one("#glossary-terms", OptionList).focus()

    def show_term(self, term_id: str) -> None:
        """Show ``term_id``'s definition and highlight it in the list."""
        if self.glossary.get(term_id) is None:
            return
        self.term_id = term_id
        self.query_one("#glossary-definition", Static).update(
            definition_text(self.glossary, term_id))
        terms = self.query_one("#glossary-terms", OptionList)
        current = terms.highlighted_option
        if current is None or (current.id or "").split(":", 1)[-1] != term_id:
            prefix = "here" if term_id in self.on_screen else "all"
            with self.prevent(OptionList.OptionHighlighted):
                terms.highlighted = terms.get_option_index(f"{prefix}:{term_id}")

    @on(OptionList.OptionHighlighted, "#glossary-terms")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # OptionList highlights its first option when built; that message arrives after
        # on_mount has moved the highlight to the requested term: ignore stale ones
        if event.option_index != event.option_list.highlighted:
            return
        if event.option.id:
            self.show_term(event.option.id.split(":", 1)[1])
