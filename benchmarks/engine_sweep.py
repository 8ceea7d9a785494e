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

from _common import PYTHON, compile_package, time_command

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


def parameter_sweep() -> list[Setup]:
    """The sweep a teacher would run: hot share 0-100% in 0.1% steps, five responses,
    and a cold wallet that is either one offline key or 2-of-3 with one key online."""
    responses = [Response(), Response("none"), Response("after", timedelta(minutes=1)),
                 Response("after", timedelta(minutes=10)), Response("after", timedelta(hours=1))]
    hot_key = Key("hot", "hot key", "nem-server")
    out = []
    for permille in range(1001):
        hot = Decimal(permille) / 1000
        for response in responses:
            for multisig in (False, True):
                cold_keys = (Key("c1", "cold 1", "vault-a"), Key("c2", "cold 2", "vault-b"),
                             Key("c3", "cold 3", "nem-server")) if multisig else \
                            (Key("c1", "cold 1", "vault-a"),)
                wallets = (Wallet("hot", "hot", hot, ("hot",), 1),
                           Wallet("cold", "cold", 1 - hot, tuple(k.id for k in cold_keys),
                                  2 if multisig else 1))
                out.append(Setup(f"p{len(out)}", "swept", "", wallets, (hot_key, *cold_keys),
                                 OWN, response))
    return out


def main() -> None:
    compile_package()
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
    swept = parameter_sweep()
    params = []
    for _ in range(3):
        begin = time.perf_counter()
        for s in swept:
            summarise(incident, s)
        params.append(time.perf_counter() - begin)
    sweep, start = statistics.median(sweeps), statistics.median(starts)
    print(f"engine sweep of {n:,} setups (summaries): median {sweep * 1000:.0f} ms "
          f"({sweep / n * 1e6:.1f} us per setup; total lost {lost:,} XEM)")
    print(f"full replay with every event and reason: {statistics.median(fulls) * 1e6:.1f} us "
          "per setup")
    param = statistics.median(params)
    print(f"parameter sweep of {len(swept):,} setups (hot share x response x cold wallet): "
          f"median {param * 1000:.0f} ms ({param / len(swept) * 1e6:.1f} us per setup)")
    print(f"minimal Textual app, launch to first frame: median {start * 1000:.0f} ms")
    for name, value in (("random sweep", sweep), ("parameter sweep", param)):
        print(f"  ratio {name} / app start {value / start:.2f}; target < 1: "
              f"{'within' if value < start else 'OVER'}")


if __name__ == "__main__":
    main()
