"""Cost of one animation tick of the replay at 600x, measured in one process.

    python benchmarks/tui_tick.py [ticks]

The replay screen's timer calls ``ReplayScreen.advance(seconds)`` every 0.1 s: the
player moves the clock (60 s of scenario time per tick at 600x), the engine's state at
that moment is taken, and the existing widgets are updated in place. Measured headless
at 100x30, as-run and the 5%-hot setup alternating every pass through the night:

- tick:  ``advance(0.1)`` alone, wall clock (the work the timer does);
- frame: processor time of ``advance(0.1)`` plus letting Textual process the refreshes
  and paint (``pilot.pause()``), less the processor time of an idle ``pilot.pause()``
  (the test harness's own cost). Processor time, because ``pause()`` sleeps while it
  waits for the app to go idle, and wall time would count those sleeps.

Target: mean tick < 5 ms.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time

from _common import compile_package

TARGET_MS = 5.0


def percentile(values: list[float], p: float) -> float:
    """The ``p``-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


async def measure(ticks: int) -> tuple[list[float], list[float], float]:
    from explainer.tui.app import make_app
    from explainer.tui.screens.replay import TICK, ReplayScreen

    app = make_app()
    app.animation_level = "none"
    tick_ms: list[float] = []
    frame_ms: list[float] = []
    idle_ms: list[float] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        for _ in range(200):  # what an idle pause costs the harness
            cpu = time.process_time()
            await pilot.pause()
            idle_ms.append((time.process_time() - cpu) * 1000)
        screen.player.speed = 600
        setups = ["as-run", "japan-5pct-hot"]
        for n in range(ticks):
            if not screen.player.playing:  # at the end: switch setup and play again
                screen.show_setup(setups[n % 2])
                screen.player.restart()
                screen.player.toggle()
                await pilot.pause()
            cpu = time.process_time()
            start = time.perf_counter()
            screen.advance(TICK)
            tick_ms.append((time.perf_counter() - start) * 1000)
            await pilot.pause()
            frame_ms.append((time.process_time() - cpu) * 1000)
        screen.player.playing = False
    idle = statistics.mean(idle_ms)
    return tick_ms, [max(0.0, f - idle) for f in frame_ms], idle


def main() -> None:
    compile_package()
    ticks = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    tick_ms, frame_ms, idle = asyncio.run(measure(ticks))
    print(f"(an idle pilot.pause() costs {idle:.3f} ms of processor time; taken off 'frame')")
    for name, values in (("tick", tick_ms), ("frame", frame_ms)):
        print(f"{name:>5}: mean {statistics.mean(values):.3f} ms, p95 "
              f"{percentile(values, 95):.3f} ms, max {max(values):.3f} ms ({len(values)} ticks)")
    mean = statistics.mean(tick_ms)
    print(f"mean tick {mean:.3f} ms; target < {TARGET_MS} ms: "
          f"{'within' if mean < TARGET_MS else 'OVER'}")


if __name__ == "__main__":
    main()
