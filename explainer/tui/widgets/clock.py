"""The replay clock: scenario date and time, play state, speed and a timeline bar."""

from __future__ import annotations

from datetime import datetime

from rich.cells import cell_len
from rich.text import Text
from textual.widget import Widget

from explainer import numbers as fmt
from explainer.i18n import _
from explainer.safe_text import clean


class ReplayClock(Widget):
    """Two lines: the scenario time with its zone label, then progress through the replay."""

    DEFAULT_CSS = """
    ReplayClock {
        height: 2;
        width: 1fr;
    }
    """

    COMPONENT_CLASSES = {"clock--time", "clock--state", "clock--bar", "clock--rest"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[object, ...] = ()

    def show(self, at: datetime, zone: str, playing: bool, speed: str, progress: float,
             done: int, attempts: int, note: str = "") -> None:
        """Take the player's position (and a note such as a jump over a quiet stretch,
        already in the reader's language); repaint only when something visible changed."""
        shown = (at, zone, playing, speed, round(progress, 3), done, attempts, note)
        if shown != self._shown:
            self._shown = shown
            self.refresh()

    def render(self) -> Text:
        if not self._shown:
            return Text("")
        at, zone, playing, speed, progress, done, attempts, note = self._shown
        assert isinstance(at, datetime) and isinstance(progress, float)
        text = Text(no_wrap=True, overflow="ellipsis")
        # always HH:MM:SS so the clock does not jump in width while it runs
        text.append(_("{day} {time} {zone}").format(day=fmt.day(at), time=f"{at:%H:%M:%S}",
                                                    zone=clean(zone)),
                    style=self.get_component_rich_style("clock--time"))
        state = (_("PLAYING {speed}") if playing else _("PAUSED ({speed})")).format(speed=speed)
        text.append("   ")
        text.append(state, style=self.get_component_rich_style("clock--state"))
        text.append("   ")
        text.append(_("outflow {done} of {attempts}").format(done=done, attempts=attempts))
        text.append("\n")
        # a note (a jump over a quiet stretch) ends the progress line, so it is never cut;
        # measured in cells: a Japanese note is twice as wide as its length
        width = max(10, self.size.width - (cell_len(note) + 1 if note else 0))
        filled = round(width * progress)
        text.append("━" * filled, style=self.get_component_rich_style("clock--bar"))
        text.append("─" * (width - filled), style=self.get_component_rich_style("clock--rest"))
        if note:
            text.append(f" {note}", style=self.get_component_rich_style("clock--state"))
        return text
