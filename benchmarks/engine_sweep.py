"""The engine over 10,000 generated setups of the Coincheck scenario, against the time a
minimal Textual app takes to start (process launch to its first ready frame), same run.

    python benchmarks/engine_sweep.py [setups]

Target: the sweep takes less time than the minimal app's start.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import timedelta
from decimal import Decimal

from _common import PYTHON, time_command

from explainer import loader
from explainer.engine import replay, summarise
from explainer.model import Domain, Key, Limit, Response, Setup, Wallet

MINIMAL_APP = """
from textual.app import App
class Minimal(App):
    def on_ready(self):
        self.exit()
Minimal().run(headless=True, size=(100, 30))
"""

DOMAINS = ("nem-server", "staff-pcs", "vault-a", "vault-b", "vault-c")
OWN = tuple(Domain(d, d, "offline-vault", False) for d in DOMAINS[2:])


def generate(rng: random.Random, n: int) -> list[Setup]:
    """n varied setups: 1-3 wallets, 1-5 keys, thresholds, limits, time locks, responses."""
    out = []
    for i in range(n):
        keys = tuple(Key(f"k{j}", f"key {j}", rng.choice(DOMAINS),
                         auto_signs_for=(rng.choice(DOMAINS),) if rng.random() < .2 else ())
                     for j in range(rng.randint(1, 5)))
        count = rng.randint(1, 3)
        cuts = sorted(rng.randint(0, 100) for _ in range(count - 1))
        bounds = [0, *cuts, 100]
        wallets = []
        for w in range(count):
            ks = tuple(k.id for k in rng.sample(keys, rng.randint(1, len(keys))))
            limits = ()
            if rng.random() < .3:
                limits = (Limit(None, Decimal(rng.randint(1, 30)) / 100,
                                timedelta(hours=24), rng.choice(DOMAINS)),)
            wallets.append(Wallet(f"w{w}", f"wallet {w}",
                                  Decimal(bounds[w + 1] - bounds[w]) / 100, ks,
                                  rng.randint(1, len(ks)), limits=limits,
                                  delay=timedelta(hours=48) if rng.random() < .1 else None))
        response = rng.choice([Response(), Response("after", timedelta(minutes=10)),
                               Response("none")])
        out.append(Setup(f"s{i}", "generated", "", tuple(wallets), keys, OWN, response))
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    incident = loader.load("coincheck-2018")
    setups = generate(random.Random(2018), n)
    sweeps, fulls, starts = [], [], []
    for _ in range(5):  # interleave so machine noise hits both alike
        begin = time.perf_counter()
        lost = sum(summarise(incident, s).lost for s in setups)
        sweeps.append(time.perf_counter() - begin)
        starts.append(time_command([PYTHON, "-c", MINIMAL_APP]))
        begin = time.perf_counter()
        for s in setups[:1000]:
            replay(incident, s)
        fulls.append((time.perf_counter() - begin) / 1000)
    sweep, start = statistics.median(sweeps), statistics.median(starts)
    print(f"engine sweep of {n:,} setups (summaries): median {sweep * 1000:.0f} ms "
          f"({sweep / n * 1e6:.1f} us per setup; total lost {lost:,} XEM)")
    print(f"full replay with every event and reason: {statistics.median(fulls) * 1e6:.1f} us "
          "per setup")
    print(f"minimal Textual app, launch to first frame: median {start * 1000:.0f} ms")
    print(f"  ratio sweep / app start {sweep / start:.2f}; target < 1: "
          f"{'within' if sweep < start else 'OVER'}")


if __name__ == "__main__":
    main()
