"""A class of 40 on one laptop: ``wallet-explainer serve`` under 40 concurrent sessions.

Starts a real server on a free loopback port and opens sessions with headless websocket
clients (what a browser tab does, without 40 browsers):

1. a lone session's time to its first screen (median of a few, each closed before the next);
2. then 40 sessions opened one after another and all held open, as students arrive: the
   40th session's time to first screen, with 39 apps already running, against the lone one;
3. the memory of the 40 app processes together and per session, and of the server.

Targets (issue 10): all 40 within 4 GB, and the 40th first screen within 3x a lone one.
Also printed, with no target: a burst of N sessions opened at the same instant (the worst
case, e.g. a whole class clicking the link at once on a 2-core machine).

Usage: ``python benchmarks/serve_load.py [--sessions 40] [--burst 10]``
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._common import compile_package  # noqa: E402
from tests.serving import Served, first_frame, rss_bytes, serve  # noqa: E402

GB = 1024**3


async def open_session(served: Served, release: asyncio.Event,
                       held: list[asyncio.Task[str]]) -> float:
    """Open one session; return seconds to its first screen. It stays open until ``release``."""
    arrived = asyncio.Event()
    start = time.perf_counter()
    task = asyncio.create_task(first_frame(served.ws_url(), keep_open=release, arrived=arrived))
    held.append(task)
    waiter = asyncio.create_task(arrived.wait())
    await asyncio.wait({waiter, task}, return_when=asyncio.FIRST_COMPLETED)
    if not arrived.is_set():  # the session failed: surface its error
        waiter.cancel()
        await task
    return time.perf_counter() - start


async def lone_session(served: Served) -> float:
    """A session on an otherwise idle server, closed afterwards."""
    release, held = asyncio.Event(), []
    elapsed = await open_session(served, release, held)
    release.set()
    await asyncio.gather(*held)
    return elapsed


def app_memory(served: Served) -> tuple[int, int]:
    """Resident memory of the apps (all children) and of the server itself."""
    return sum(rss_bytes(pid) for pid in served.app_processes()), rss_bytes(served.process.pid)


async def measure(served: Served, sessions: int, burst: int) -> None:
    lone = [await lone_session(served) for _ in range(3)]
    lone_median = statistics.median(lone)
    await asyncio.sleep(1)

    release, held = asyncio.Event(), []
    times = [await open_session(served, release, held) for _ in range(sessions)]
    await asyncio.sleep(1)  # let the last app settle before reading memory
    apps, server = app_memory(served)
    running = len(served.app_processes())
    release.set()
    await asyncio.gather(*held)
    for line in served.banner[2:]:
        print("  the server said:", line)

    ratio = times[-1] / lone_median
    print(f"lone session: first screen in {lone_median * 1000:.0f} ms "
          f"(median of {', '.join(f'{t * 1000:.0f}' for t in lone)} ms)")
    print(f"{sessions} sessions opened one after another, all held open ({running} apps "
          f"running at the end):")
    print(f"  session {sessions}'s first screen in {times[-1] * 1000:.0f} ms = {ratio:.2f}x the "
          f"lone one; target <= 3x: {'within' if ratio <= 3 else 'OVER'}")
    print(f"  median over all {sessions}: {statistics.median(times) * 1000:.0f} ms, "
          f"slowest {max(times) * 1000:.0f} ms")
    print(f"  memory: apps {apps / GB:.2f} GB in all, {apps / max(running, 1) / 2**20:.0f} MB "
          f"per session; server {server / 2**20:.0f} MB; target <= 4 GB: "
          f"{'within' if apps + server <= 4 * GB else 'OVER'}")

    if burst:
        await asyncio.sleep(2)
        release, held = asyncio.Event(), []
        start = time.perf_counter()
        results = await asyncio.gather(*(open_session(served, release, held)
                                         for _ in range(burst)))
        total = time.perf_counter() - start
        release.set()
        await asyncio.gather(*held)
        print(f"burst of {burst} opened at once (no target): last first screen after "
              f"{total * 1000:.0f} ms = {max(results) / lone_median:.1f}x the lone session")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=40)
    parser.add_argument("--burst", type=int, default=10)
    args = parser.parse_args()
    compile_package()
    with serve("--max-sessions", str(max(args.sessions, args.burst) + 5)) as served:
        asyncio.run(measure(served, args.sessions, args.burst))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
