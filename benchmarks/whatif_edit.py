"""Cost of one change in the What-if builder, against a cursor move, in one process.

    python benchmarks/whatif_edit.py [changes]

Headless at 100x30 on Coincheck, with the Done-when setup built (10% hot; cold 2-of-3
with keys at two offices and the security officer's device), each change is one of:
hot share +-1%, m +-1, the response one step, the third cold key to the next place,
taken in turn (and undone in turn). One *change* is measured from the edit to the screen
having redrawn everything: the synchronous part (the pure edit, ``to_setup``, one engine
summary, the rows and figures updated in place), then the worker's analyses (theft and
lock-out cuts, the response curve), their redraw, and Textual's paint.

The *baseline*, measured interleaved in the same run, is the same harness around a move
of the table's cursor (one row down or up): what any key press costs to process and
paint here. Both are processor time of the whole process (the worker thread included),
less the processor time of an idle ``pilot.pause()`` (the harness's own cost); wall time
is given too, but ``pause()`` sleeps while it waits for idle and wall time counts that.

Target: the median change under 16 ms (one frame at 60 Hz).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time

from _common import compile_package

TARGET_MS = 16.0


async def measure(changes: int) -> dict[str, list[float]]:
    from decimal import Decimal

    from explainer import whatif
    from explainer.tui.app import make_app
    from explainer.tui.screens.whatif import SetupTable, WhatIfScreen

    app = make_app()
    app.animation_level = "none"
    out: dict[str, list[float]] = {"change": [], "baseline": [], "change_wall": [],
                                   "baseline_wall": [], "idle": []}
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WhatIfScreen)
        incident = app.incident
        d = whatif.blank(incident, screen.places)
        d = whatif.set_hot_share(d, Decimal("0.10"))
        d, office_a = whatif.add_place(d, "office A")
        d, office_b = whatif.add_place(d, "office B")
        d = whatif.move_key(d, d.wallets[1].keys[0], office_a)
        d = whatif.add_key(d, 1, office_b)
        d = whatif.add_key(d, 1, "officer-device")
        d = whatif.set_threshold(d, 1, 2)
        screen.apply(d)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.live is not None and screen.live.lost == Decimal("52630001")
        table = screen.query_one(SetupTable)
        third = d.wallets[1].keys[2]
        rows = ["hot", "m:1", "response", f"key:1:{third}"]

        for _ in range(200):
            cpu = time.process_time()
            await pilot.pause()
            out["idle"].append((time.process_time() - cpu) * 1000)

        async def cycle(action) -> tuple[float, float]:  # type: ignore[no-untyped-def]
            cpu, wall = time.process_time(), time.perf_counter()
            action()
            await app.workers.wait_for_complete()
            await pilot.pause()
            return (time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000

        for n in range(changes):
            row = rows[n // 2 % len(rows)]
            step = 1 if n % 2 == 0 else -1  # every change is undone by the next
            table.move_cursor(screen._row_keys.index(row))
            await pilot.pause()
            before = screen.draft
            cpu, wall = await cycle(lambda s=step: screen.action_change(s))
            assert screen.draft != before and screen.deep is not None
            out["change"].append(cpu)
            out["change_wall"].append(wall)
            cpu, wall = await cycle(lambda s=step: table.action_cursor(s))
            out["baseline"].append(cpu)
            out["baseline_wall"].append(wall)
    return out


def main() -> None:
    compile_package()
    changes = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    got = asyncio.run(measure(changes))
    idle = statistics.mean(got["idle"])
    change = [max(0.0, x - idle) for x in got["change"]]
    base = [max(0.0, x - idle) for x in got["baseline"]]
    med_change, med_base = statistics.median(change), statistics.median(base)
    print(f"(an idle pilot.pause() costs {idle:.3f} ms of processor time; taken off both)")
    print(f"change (edit + summary + analyses + redraw): median {med_change:.2f} ms, "
          f"p90 {statistics.quantiles(change, n=10)[-1]:.2f} ms, max {max(change):.2f} ms; "
          f"wall median {statistics.median(got['change_wall']):.2f} ms ({len(change)} changes)")
    print(f"baseline (cursor move + redraw): median {med_base:.2f} ms; wall median "
          f"{statistics.median(got['baseline_wall']):.2f} ms")
    ratio = med_change / med_base if med_base else float("inf")
    print(f"ratio of medians {ratio:.2f}x the baseline; median change {med_change:.2f} ms, "
          f"target < {TARGET_MS:.0f} ms: {'within' if med_change < TARGET_MS else 'OVER'}")


if __name__ == "__main__":
    main()
