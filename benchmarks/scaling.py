"""How a replay grows with a scenario's length: generated scenarios of 1,000, 3,000 and
10,000 outflows and of 200 and 2,000 setups, each replayed through the real command line
(``wallet-explainer replay FILE --all --format F``) in a fresh process, in every format.

    python benchmarks/scaling.py [runs] [format ...]

For each format it prints the time per outflow (or per setup), the ratio of the largest
run to the smallest (10x the work: linear growth gives about 10, quadratic about 100) and
each process's peak resident memory. The baseline, measured in the same run, is the same
command on the bundled Coincheck scenario (11 outflows, 12 setups): the start-up every
run pays, subtracted before dividing by the number of outflows.

Targets: the 10,000 / 1,000 outflow ratio at most 12 in every format; 10,000 outflows in
JSON under 1.5 s on a two-core machine; peak memory at 10,000 outflows under 100 MB.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

from _common import PYTHON, compile_package

from explainer.paths import scenarios_dir

OUTFLOWS = (1_000, 3_000, 10_000)
SETUPS = (200, 2_000)
# "table-timeline" is the terminal report of one setup, which prints every event
FORMATS = ("json", "markdown", "table", "table-timeline")
RATIO_TARGET = 12.0
JSON_10K_TARGET = 1.5  # seconds
MEMORY_TARGET = 100  # MB
JST = timezone(timedelta(hours=9))
START = datetime(2018, 1, 26, 0, 2, 13, tzinfo=JST)
SPAN = timedelta(hours=60)  # every generated scenario spans the same time, whatever its length
POOL = Decimal("526300010")
UNIT = Decimal(1)


def _parts() -> tuple[str, str, str, str]:
    """The bundled Coincheck file cut into its top-level keys, the tables up to its
    outflows, its outflows, and what follows them (the response timeline and the setups)."""
    text = (scenarios_dir() / "coincheck-2018.toml").read_text(encoding="utf-8")
    keys, tables = text.split("\n[asset]", 1)
    tables, rest = ("\n[asset]" + tables).split("\n[[outflows]]", 1)
    outflows, tail = rest.split("\n[[response]]", 1)
    # an offline vault of the incident's own for the generated setups' keys
    tables = tables.replace("\n[domain_map]", '\n[[domains]]\nid = "vault"\n'
                            'label = "offline vault"\nonline = false\n\n[domain_map]', 1)
    return keys, tables, "\n[[outflows]]" + outflows, "\n[[response]]" + tail


def outflows_toml(n: int, rng: random.Random) -> str:
    """n outflows over the same 60 hours, amounts adding up to the pool, some with an
    approximate time window; written as one array of inline tables, so that 10,000 fit
    within the loader's size limit."""
    weights = [rng.randint(1, 100) for _ in range(n)]
    total = sum(weights)
    # whole units keep the file small; limits as shares of the pool still give fractions
    amounts = [(POOL * w / total).quantize(UNIT, ROUND_DOWN) for w in weights[:-1]]
    amounts.append(POOL - sum(amounts, Decimal(0)))
    step = SPAN / n
    out = []
    for i, amount in enumerate(amounts):
        at = (START + step * i).replace(microsecond=0)
        approximate = i % 7 == 3
        latest = f"latest={(at + timedelta(minutes=5)).isoformat()}," if approximate else ""
        out.append(f"{{at={at.isoformat()},{latest}approximate={str(approximate).lower()},"
                   f'amount="{amount}",sources=["S2"]}},\n')
    return "outflows = [\n" + "".join(out) + "]\n"


def setups_toml(n: int, rng: random.Random) -> str:
    """n varied setups: one to three wallets, thresholds, daily limits, time locks,
    refills and responses, over the scenario's own domains and an offline vault."""
    domains = ("nem-server", "staff-pcs", "vault")
    out = []
    for i in range(n):
        keys = [f"k{j}" for j in range(rng.randint(1, 4))]
        key_tables = []
        for k in keys:
            auto = ',auto_signs_for=["nem-server"]' if rng.random() < .2 else ""
            key_tables.append(f'{{id="{k}",label="{k}",domain="{rng.choice(domains)}"{auto}}}')
        count = rng.randint(1, 3)
        shares = ["1"] if count == 1 else ["0.05", "0.95"] if count == 2 else \
            ["0.02", "0.18", "0.8"]
        wallets = []
        for w, share in enumerate(shares):
            chosen = rng.sample(keys, rng.randint(1, len(keys)))
            ids = ",".join(f'"{k}"' for k in chosen)
            extra = ""
            if w == 0 and count > 1 and rng.random() < .3:
                extra += ',refill_from="w1"'
            if rng.random() < .15:
                extra += ",delay_hours=48"
            if rng.random() < .4:
                extra += (f',limits=[{{share="0.0{rng.randint(1, 9)}",period_hours=24,'
                          f'enforced_by="{rng.choice(domains)}"}}]')
            wallets.append(f'{{id="w{w}",label="w{w}",share="{share}",keys=[{ids}],'
                           f"threshold={rng.randint(1, len(chosen))}{extra}}}")
        response = rng.choice(["", 'response={freeze="none"}\n',
                               'response={freeze="after",after_minutes=90}\n'])
        out.append(f'\n[[setups]]\nid="gen-{i}"\nlabel="generated {i}"\nsummary="-"\n'
                   f"keys=[{','.join(key_tables)}]\nwallets=[{','.join(wallets)}]\n"
                   f"{response}")
    return "".join(out)


def write_scenarios(folder: Path) -> dict[str, Path]:
    """The generated scenario files, by name ('outflows-1000', 'setups-200'...)."""
    keys, tables, outflows, tail = _parts()
    files = {}
    for n in OUTFLOWS:
        path = folder / f"outflows-{n}.toml"
        path.write_text(keys + outflows_toml(n, random.Random(n)) + tables + tail,
                        encoding="utf-8")
        files[f"outflows-{n}"] = path
    for n in SETUPS:
        path = folder / f"setups-{n}.toml"
        path.write_text(keys + tables + outflows + tail + setups_toml(n, random.Random(n)),
                        encoding="utf-8")
        files[f"setups-{n}"] = path
    return files


def argv(scenario: str, fmt: str) -> list[str]:
    """The command line of one run."""
    if fmt == "table-timeline":  # one setup with a periodic limit: every event is printed
        return [PYTHON, "-m", "explainer", "replay", scenario, "--setup",
                "cosigner-daily-limit", "--format", "table"]
    return [PYTHON, "-m", "explainer", "replay", scenario, "--all", "--format", fmt]


def measure(command: list[str]) -> tuple[float, float, float]:
    """Wall-clock seconds, CPU seconds and peak resident memory (MB) of one process (must
    exit 0). On a shared machine the CPU time is the steadier of the two."""
    env = dict(os.environ, COLUMNS="120")
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {err.decode(errors='replace')[-400:]}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # Linux: KB


def best(command: list[str], runs: int) -> tuple[float, float, float]:
    """Median wall and CPU time and the largest peak memory over ``runs`` runs."""
    walls, cpus, peaks = [], [], []
    for _ in range(runs):
        wall, cpu, peak = measure(command)
        walls.append(wall)
        cpus.append(cpu)
        peaks.append(peak)
    return statistics.median(walls), statistics.median(cpus), max(peaks)


def main() -> None:
    compile_package()
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    formats = [f for f in FORMATS if f in sys.argv[2:]] or FORMATS
    verdicts: list[bool] = []

    def verdict(ok: bool) -> str:
        verdicts.append(ok)
        return "within" if ok else "OVER"

    with tempfile.TemporaryDirectory() as tmp:
        files = write_scenarios(Path(tmp))
        for fmt in formats:
            base, base_cpu, base_mem = best(argv("coincheck-2018", fmt), runs)
            print(f"{fmt}: baseline (bundled Coincheck, 11 outflows) {base * 1000:.0f} ms "
                  f"(CPU {base_cpu * 1000:.0f} ms), {base_mem:.0f} MB")
            for kind, sizes in (("outflows", OUTFLOWS), ("setups", SETUPS)):
                if fmt == "table-timeline" and kind == "setups":
                    continue  # one setup shown: the number of setups does not matter
                walls, cpus = {}, {}
                for n in sizes:
                    wall, cpu, peak = best(argv(str(files[f"{kind}-{n}"]), fmt), runs)
                    walls[n], cpus[n] = wall, cpu
                    print(f"  {n:>6,} {kind}: {wall * 1000:7.0f} ms (CPU {cpu * 1000:6.0f} ms), "
                          f"{max(wall - base, 0.0) / n * 1e6:7.1f} us per {kind[:-1]} after "
                          f"start-up, peak {peak:5.0f} MB")
                    if kind == "outflows" and n == OUTFLOWS[-1]:
                        if fmt == "json":
                            print(f"    10,000 outflows in JSON: {wall:.2f} s (CPU {cpu:.2f} s); "
                                  f"target < {JSON_10K_TARGET} s: "
                                  f"{verdict(wall < JSON_10K_TARGET)}")
                        print(f"    peak memory {peak:.0f} MB; target < {MEMORY_TARGET} MB: "
                              f"{verdict(peak < MEMORY_TARGET)}")
                small, large = sizes[0], sizes[-1]
                ratio, cpu_ratio = walls[large] / walls[small], cpus[large] / cpus[small]
                line = (f"    ratio {large:,} / {small:,} {kind}: {ratio:.1f} "
                        f"(CPU {cpu_ratio:.1f})")
                if kind == "outflows":
                    line += f"; target <= {RATIO_TARGET:g}: {verdict(ratio <= RATIO_TARGET)}"
                print(line if kind == "outflows" else line + " (no target)")
    print("all targets met" if all(verdicts) else "SOME TARGETS MISSED")


if __name__ == "__main__":
    main()
