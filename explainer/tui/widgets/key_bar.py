"""A one-line bar of the active keys: a light stand-in for Textual's Footer.

Textual's ``Footer`` mounts one widget per key and recomposes on every binding change,
which cost about 30 ms of the app's start-up here; this bar is one line of text that
is rebuilt only when the screen's bindings change. Keys can be clicked.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


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

    def _bindings_changed(self, _screen: object) -> None:
        seen: set[str] = set()
        entries: list[tuple[str, str, str, bool]] = []
        for active in self.screen.active_bindings.values():
            b = active.binding
            if not b.show or b.action in seen:
                continue
            seen.add(b.action)
            first_key = b.key.split(",")[0]
            entries.append((first_key, self.app.get_key_display(b), b.description,
                            active.enabled))
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
