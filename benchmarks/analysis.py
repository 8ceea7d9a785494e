"""The analyses against a minimal Textual app's start (same run, interleaved), plus
absolute figures.

    python benchmarks/analysis.py [rounds]

- a 40 x 40 hot share x freeze sweep of Coincheck (hot 0-39%, freeze 0-39 min):
  target < 0.3 x the minimal app's start (launch to first frame);
- theft and lock-out cuts of a 12-domain setup: target < 50 ms together;
- for scale: the same 1,600 cells as single replays, a 10 x 10 threshold sweep, the
  response curve of every bundled Coincheck setup.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import timedelta
from decimal import Decimal

from _common import PYTHON, compile_package, time_command

from explainer import catalog, loader
from explainer.analysis import (
    lockout_cuts,
    response_curve,
    sweep_hot_freeze,
    sweep_threshold,
    theft_cuts,
)
from explainer.analysis.places import theft_domains
from explainer.engine import summarise
from explainer.model import Domain, Key, Limit, Setup, Wallet

MINIMAL_APP = """
from textual.app import App
class Minimal(App):
    def on_ready(self):
        self.exit()
Minimal().run(headless=True, size=(100, 30))
"""


def twelve_domains() -> Setup:
    """Three wallets over the NEM server, the staff PCs (as a signing interface) and ten
    places of the setup's own: a 5% hot float, a 3-of-5 wallet with a co-signer's limit
    that can be changed from one of them, and a 3-of-5 wallet with a recovery key."""
    own = tuple(Domain(f"place-{i}", f"place {i}", "offline-vault", False) for i in range(10))
    keys = [Key("hot", "hot key", "nem-server")]
    keys += [Key(f"k{i}", f"key {i}", f"place-{i}",
                 signs_via="staff-pcs" if i % 3 == 0 else None) for i in range(10)]
    limit = Limit(None, Decimal("0.01"), timedelta(hours=24), "place-9", ("place-8",))
    wallets = (Wallet("hot", "hot", Decimal("0.05"), ("hot",), 1),
               Wallet("a", "a", Decimal("0.45"), tuple(f"k{i}" for i in range(5)), 3,
                      limits=(limit,)),
               Wallet("b", "b", Decimal("0.50"), tuple(f"k{i}" for i in range(5, 10)), 3,
                      recovery_keys=("hot",)))
    return Setup("twelve", "twelve places", "", wallets, tuple(keys), own)


def timed(fn, repeat: int = 1) -> float:
    """Median seconds of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        begin = time.perf_counter()
        fn()
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def main() -> None:
    compile_package()
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    incident = loader.load("coincheck-2018")
    shares = [Decimal(i) / 100 for i in range(40)]
    delays = [timedelta(minutes=m) for m in range(40)]
    setup = twelve_domains()
    assert len(theft_domains(setup)) == 12
    sweeps, starts, cuts = [], [], []
    time_command([PYTHON, "-c", MINIMAL_APP])  # warm the file cache once
    for _ in range(rounds):  # interleaved, so machine noise hits both alike
        sweeps.append(timed(lambda: sweep_hot_freeze(incident, shares, delays)))
        starts.append(time_command([PYTHON, "-c", MINIMAL_APP]))
        cuts.append(timed(lambda: (theft_cuts(incident, setup), lockout_cuts(incident, setup))))
    sweep, start, cut = (statistics.median(x) for x in (sweeps, starts, cuts))
    grid = sweep_hot_freeze(incident, shares, delays)

    def one_by_one() -> None:
        for i in range(len(shares)):
            for j in range(len(delays)):
                summarise(incident, grid.setup(i, j))

    singles = timed(one_by_one)
    threshold = timed(lambda: sweep_threshold(incident, range(1, 11), range(0, 10)), 3)
    setups = catalog.setups_for(incident)
    curves = timed(lambda: [response_curve(incident, s) for s in setups], 3)
    theft = timed(lambda: theft_cuts(incident, setup), 5)
    lockout = timed(lambda: lockout_cuts(incident, setup), 5)

    print(f"minimal Textual app, launch to first frame: median {start * 1000:.0f} ms")
    print(f"40 x 40 hot share x freeze sweep: median {sweep * 1000:.1f} ms; "
          f"ratio {sweep / start:.3f}x the app start; target < 0.3x: "
          f"{'within' if sweep / start < 0.3 else 'OVER'}")
    print(f"  (the same 1,600 cells as single replays: {singles * 1000:.0f} ms)")
    print(f"theft + lock-out cuts, 12-domain setup: median {cut * 1000:.1f} ms "
          f"(theft {theft * 1000:.1f}, lock-out {lockout * 1000:.1f}); ratio "
          f"{cut / start:.3f}x the app start; target < 50 ms: "
          f"{'within' if cut < 0.05 else 'OVER'}")
    print(f"10 x 10 threshold sweep: {threshold * 1000:.1f} ms")
    print(f"response curves of all {len(setups)} Coincheck setups: {curves * 1000:.1f} ms")


if __name__ == "__main__":
    main()
