"""Child process for the TUI benchmarks: start an app headless and report one figure.

    python benchmarks/_tui_probe.py {minimal|app} {ready|memory|visit}

- ready:  seconds from the top of this script (before any import) to the app's
          ``on_ready`` (its first frame), headless at 100x30, then the system-wide
          monotonic clock at that moment (so the parent can add interpreter start-up);
- memory: peak resident memory (ru_maxrss, KiB) of the process once the app is ready;
- visit:  the same, after also opening every screen of the app (incidents, an incident's
          page, lessons, replay, compare).
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import resource  # noqa: E402
import sys  # noqa: E402

SIZE = (100, 30)


def minimal_app(measure: str):
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Minimal(App[tuple[float, float]]):
        def compose(self) -> ComposeResult:
            yield Static("hello")

        def on_ready(self) -> None:
            self.exit((time.perf_counter() - T0, time.monotonic()))

    return Minimal()


def wallet_app(measure: str):
    from explainer.tui.app import WalletApp

    class Probe(WalletApp):
        async def on_ready(self) -> None:
            elapsed = (time.perf_counter() - T0, time.monotonic())
            if measure == "visit":
                for mode in ("incidents", "incident", "lessons", "replay", "compare", "home"):
                    await self.switch_mode(mode)
            self.exit(elapsed)

    app = Probe()
    app.animation_level = "none"
    return app


def main() -> None:
    kind, measure = sys.argv[1], sys.argv[2]
    app = (minimal_app if kind == "minimal" else wallet_app)(measure)
    elapsed = app.run(headless=True, size=SIZE)
    if measure == "ready":
        print(f"{elapsed[0]:.6f} {elapsed[1]:.6f}")
    else:
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


if __name__ == "__main__":
    main()
