"""The presenter's notes, for a second terminal the class does not see.

``wallet-explainer present PLAN --notes`` runs this small app beside the projected one.
It follows the presenter through the file ``explainer.presenting`` publishes, so the two
need nothing else in common: start them in either order, close either at any time.
"""

from __future__ import annotations

import time

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from explainer import presenting
from explainer.i18n import N_, _
from explainer.plans import Plan
from explainer.safe_text import clean
from explainer.tui.breaking import shown

POLL = 0.5  # seconds between looks at the presenter's position


def wall_time() -> float:
    """Seconds since the epoch (a function of its own so tests can freeze it)."""
    return time.time()


class NotesApp(App[int]):
    """Step, notes, planned against taken time, and what comes next."""

    TITLE = N_("wallet-explainer: presenter notes")
    CSS = """
    #notes-head { text-style: bold; padding: 0 1; background: $boost; }
    #notes-time { padding: 0 1; color: $accent; }
    #notes-body { padding: 1 2; }
    """
    BINDINGS = [("q", "quit", N_("Quit"))]

    def __init__(self, plan: Plan) -> None:
        super().__init__()
        self.title = _(self.TITLE)  # the language is chosen before the app is built
        self.plan = plan
        self.position: presenting.Position | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="notes-head", markup=False)
        yield Static(id="notes-time", markup=False)
        with VerticalScroll(id="notes-body"):
            yield Static(id="notes-text", markup=False)

    def on_mount(self) -> None:
        self.follow()
        self.set_interval(POLL, self.follow)

    def follow(self) -> None:
        """Read the presenter's position and show its step."""
        self.position = presenting.read_published(self.plan)
        head = self.query_one("#notes-head", Static)
        body = self.query_one("#notes-text", Static)
        clock = self.query_one("#notes-time", Static)
        if self.position is None:
            head.update(clean(_("{plan}: waiting for the presenter").format(
                plan=self.plan.title)))
            clock.update("")
            body.update(Text(clean(_("Start it in another terminal: {command}").format(
                command=f"wallet-explainer present {self.plan.id}")), style="italic"))
            return
        index, steps = self.position.index, self.plan.steps
        step = steps[index]
        head.update(clean(_("Step {number} of {total}: {title}").format(
            number=index + 1, total=len(steps), title=step.title))
            + ("   " + _("[screen blanked]") if self.position.blank else ""))
        clock.update(presenting.timing(self.plan, self.position, wall_time()))
        text = Text(clean(step.notes or _("(no notes for this step)"), multiline=True))
        if step.kind == "question":
            text.append("\n\n" + _("Answer: "), style="bold")
            text.append(clean(step.answer))
            text.append("  " + (_("(revealed)") if self.position.revealed
                                else _("(hidden on screen)")), style="italic")
        if index + 1 < len(steps):
            text.append("\n\n" + _("Next: {title}").format(title=clean(steps[index + 1].title)),
                        style="italic")
        body.update(shown(text))


def run_notes(plan: Plan) -> int:
    """Run the notes view until the teacher quits."""
    app = NotesApp(plan)
    app.run()
    return app.return_code or 0
