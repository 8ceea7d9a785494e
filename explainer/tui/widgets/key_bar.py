"""A one-line bar of the active keys: a light stand-in for Textual's Footer.

Textual's ``Footer`` mounts one widget per key and recomposes on every binding change,
which cost about 30 ms of the app's start-up here; this bar is one line of text that
is rebuilt only when the screen's bindings or its width change. Keys can be clicked.

Keys are listed by priority: the screen's own keys in their order, then the app's (q and
? first). When they do not all fit, whole keys are left out from the end, the dimmed one
first, never ``q`` or ``?`` (the help lists every key): a word is never cut. Widths are
display widths (a Japanese character takes two cells), and descriptions are translated
when the bar is drawn, so a language switch reaches them.
"""

from __future__ import annotations

import re

from textual.content import Content
from textual.widgets import Static

from explainer import i18n
from explainer.i18n import N_, _

PINNED = ("q", "question_mark")  # never left out: how to leave, and where every key is listed

# Key names as Textual writes them ("space", "shift+left"): Japanese writes them as on the
# key cap or as an arrow, so they are translated where shown, like the descriptions.
KEY_NAMES = {
    "space": N_("space"), "escape": N_("escape"), "enter": N_("enter"), "tab": N_("tab"),
    "shift": N_("shift"), "up": N_("up"), "down": N_("down"), "left": N_("left"),
    "right": N_("right"), "home": N_("home"), "end": N_("end"), "pageup": N_("pageup"),
    "pagedown": N_("pagedown"),
}
_KEY_WORD = re.compile(r"[a-z]+")


def key_label(display: str) -> str:
    """A key as shown (``"shift+left"``, ``"space"``) in the language in use."""
    if i18n.current() == i18n.DEFAULT:
        return display
    return _KEY_WORD.sub(lambda m: _(KEY_NAMES[m[0]]) if m[0] in KEY_NAMES else m[0], display)


def fit(entries: list[tuple[str, str, str, bool]], width: int) -> list[tuple[str, str, str, bool]]:
    """The entries (key, display, description, enabled) that fit in ``width`` cells as
    ' display description' each, leaving out whole ones: dimmed entries first, then from
    the end; pinned keys stay."""
    from rich.cells import cell_len

    kept = list(entries)

    def size() -> int:
        return sum(1 + cell_len(display) + 1 + cell_len(words) for _, display, words, _ in kept)

    while kept and size() > width:
        droppable = [e for e in kept if e[0] not in PINNED]
        if not droppable:
            break
        dimmed = [e for e in droppable if not e[3]]
        kept.remove((dimmed or droppable)[-1])
    return kept


class KeyBar(Static):
    """The screen's shown bindings (screen first, then app-wide), docked at the bottom."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        background: $footer-background;
        color: $footer-foreground;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        link-style: none;
        link-background-hover: $footer-key-background;
        link-style-hover: reverse;
    }
    """

    def __init__(self) -> None:
        super().__init__("", id="keys")
        self._shown: tuple[object, ...] = ()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        self._bindings_changed(self.screen)

    def _bindings_changed(self, _screen: object) -> None:
        seen: set[str] = set()
        entries: list[tuple[str, str, str, bool]] = []
        for active in self.screen.active_bindings.values():
            b = active.binding
            if not b.show or b.action in seen:
                continue
            seen.add(b.action)
            first_key = b.key.split(",")[0]
            entries.append((first_key, key_label(self.app.get_key_display(b)), _(b.description),
                            active.enabled))
        entries = fit(entries, self.size.width) if self.size.width else entries
        shown = tuple(entries)
        if shown == self._shown:
            return
        self._shown = shown
        parts = []
        for key, display, description, enabled in entries:
            # a disabled key (the mode you are in) is shown dimmed, as Footer does
            markup = (f"[@click=press({key!r})][$footer-key-foreground bold]$display[/] "
                      "$description[/]" if enabled else
                      "[$text-disabled]$display $description[/]")
            parts.append(Content.from_markup(markup, display=display, description=description))
        self.update(Content(" ").join([Content(""), *parts]))

    def action_press(self, key: str) -> None:
        """Act as if ``key`` had been pressed (a click on the bar)."""
        self.app.simulate_key(key)
