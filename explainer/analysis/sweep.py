"""Sweeps: exact loss over a grid of two parameters of a family of setups.

- hot share x freeze delay: a single-key hot wallet in the place the attacker reached
  (the incident's hot server by default) holding the hot share, the rest in a wallet
  whose one key sits in a new, independent offline vault; outflows frozen ``d`` after
  the first one (None: never);
- threshold m x keys sharing the compromised place: one m-of-n wallet, ``shared`` of
  its n keys in that place and each other key in a new independent place of its own.

Every cell equals ``summarise(incident, sweep.setup(i, j)).lost`` (a property test
holds this). The hot x freeze grid needs one replay per delay, not per cell: the cold
wallet is out of the attacker's reach by construction, and a lone reachable wallet
without limits or time locks loses ``min(its balance, what the attempts ask for while
it is open)``, which the all-hot replay gives whenever it is below the pool.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

from explainer.analysis.places import start_of
from explainer.engine import initial_balances, summarise
from explainer.engine.access import can_sign
from explainer.i18n import N_, _
from explainer.model import Domain, Incident, Key, Response, Setup, Wallet


class SweepError(ValueError):
    """A sweep that cannot be built (unknown place, empty axis, share out of range).

    Raised with a message template (marked for translation) and its values; ``str`` of
    the error words it in the language in use when it is shown."""

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(template)
        self.template, self.params = template, params

    def __str__(self) -> str:
        return _(self.template).format(**self.params)


@dataclass(frozen=True, slots=True)
class Sweep:
    """A grid: ``lost[i][j]`` for ``rows[i]`` and ``columns[j]``; None where the cell's
    setup cannot exist (a threshold above the number of keys)."""

    kind: str  # "hot-freeze" or "threshold"
    rows: tuple[Any, ...]  # hot shares (Decimal) or thresholds m (int)
    columns: tuple[Any, ...]  # freeze delays (timedelta | None) or shared counts (int)
    lost: tuple[tuple[Decimal | None, ...], ...]
    pool: Decimal
    place: str  # the compromised place the family puts keys in
    build: Callable[[Any, Any], Setup | None] = field(compare=False, repr=False)

    def setup(self, i: int, j: int) -> Setup | None:
        """The setup of cell (i, j), to replay it on its own."""
        return self.build(self.rows[i], self.columns[j])


def hot_place(incident: Incident) -> str:
    """Where a hot key lives: the place the incident maps the generic hot server to, or
    else the place the attacker reached last before the first outflow."""
    mapped = dict(incident.domain_map).get("hot-server")
    if mapped:
        return mapped
    t0 = start_of(incident)
    before = [a for a in incident.achievements if a.at <= t0 and a.compromises]
    if before:
        return before[-1].compromises[-1]
    if incident.achievements and incident.achievements[0].compromises:
        return incident.achievements[0].compromises[0]
    if incident.domains:
        return incident.domains[0].id
    raise SweepError(N_("{incident} names no place the attacker reached"), incident=incident.id)


def _fresh(incident: Incident, base: str, taken: set[str]) -> str:
    known = {d.id for d in incident.domains} | taken
    name, n = base, 1
    while name in known:
        n += 1
        name = f"{base}-{n}"
    return name


def _check_place(incident: Incident, place: str) -> None:
    if place not in {d.id for d in incident.domains}:
        known = ", ".join(d.id for d in incident.domains)
        raise SweepError(N_("{incident} has no place '{place}' (places: {known})"),
                         incident=incident.id, place=place, known=known)


def hot_freeze_setup(incident: Incident, hot_share: Decimal, delay: timedelta | None,
                     place: str | None = None) -> Setup:
    """The hot/cold setup of one cell of the hot share x freeze sweep."""
    if not Decimal(0) <= hot_share <= 1:
        raise SweepError(N_("a hot share must be between 0% and 100%, not {share}%"),
                         share=hot_share * 100)
    place = place or hot_place(incident)
    vault = _fresh(incident, "sweep-vault", set())
    response = Response("none") if delay is None else Response("after", delay)
    return Setup(
        id="sweep-hot-freeze", label=f"{(hot_share * 100).normalize():f}% hot", summary="",
        wallets=(Wallet("hot", "hot wallet", hot_share, ("hot-key",), 1),
                 Wallet("cold", "cold wallet", 1 - hot_share, ("cold-key",), 1, online=False)),
        keys=(Key("hot-key", "hot key", place), Key("cold-key", "cold key", vault)),
        domains=(Domain(vault, "independent offline vault", "offline-vault", False),),
        response=response, origin="sweep")


def sweep_hot_freeze(incident: Incident, hot_shares: Sequence[Decimal],
                     freeze_delays: Sequence[timedelta | None],
                     place: str | None = None) -> Sweep:
    """Lost for every hot share (rows) and freeze delay after the first outflow
    (columns; None: no freeze), exactly."""
    if not hot_shares or not freeze_delays:
        raise SweepError(N_("a sweep needs at least one value on each axis"))
    place = place or hot_place(incident)
    _check_place(incident, place)
    shares = tuple(Decimal(h) for h in hot_shares)
    delays = tuple(freeze_delays)

    def build(share: Decimal, delay: timedelta | None) -> Setup:
        return hot_freeze_setup(incident, share, delay, place)

    probe = build(Decimal(1), None)
    cold = probe.keys[1]
    reached = frozenset(d for a in incident.achievements for d in a.compromises)
    if can_sign(cold, reached):  # never, by construction; the shortcut needs it
        cells = tuple(tuple(summarise(incident, build(h, d)).lost for d in delays)
                      for h in shares)
    else:
        all_hot = [summarise(incident, build(Decimal(1), d)).lost for d in delays]
        balances = [initial_balances(build(h, None), incident.pool,
                                     incident.asset.decimals)["hot"] for h in shares]
        cells = tuple(tuple(min(b, lost) for lost in all_hot) for b in balances)
    return Sweep("hot-freeze", shares, delays, cells, incident.pool, place, build)


def threshold_setup(incident: Incident, m: int, shared: int, n: int, place: str | None = None,
                    response: Response | None = None) -> Setup | None:
    """The m-of-n setup of one cell of the threshold sweep (None when m or shared > n)."""
    if not 1 <= m <= n or not 0 <= shared <= n:
        return None
    place = place or hot_place(incident)
    taken: set[str] = set()
    keys, domains = [], []
    for i in range(n):
        if i < shared:
            keys.append(Key(f"key-{i + 1}", f"key {i + 1}", place))
            continue
        own = _fresh(incident, f"sweep-place-{i + 1}", taken)
        taken.add(own)
        domains.append(Domain(own, f"independent place {i + 1}", "other", False))
        keys.append(Key(f"key-{i + 1}", f"key {i + 1}", own))
    wallet = Wallet("wallet", f"{m}-of-{n} wallet", Decimal(1), tuple(k.id for k in keys), m)
    return Setup(id="sweep-threshold", label=f"{m}-of-{n}, {shared} in one place", summary="",
                 wallets=(wallet,), keys=tuple(keys), domains=tuple(domains),
                 response=response or Response(), origin="sweep")


def sweep_threshold(incident: Incident, ms: Sequence[int], shared_counts: Sequence[int],
                    keys: int | None = None, place: str | None = None,
                    response: Response | None = None) -> Sweep:
    """Lost for every threshold m (rows) and number of keys in the compromised place
    (columns), n keys in all (default: the largest m or count), exactly."""
    if not ms or not shared_counts:
        raise SweepError(N_("a sweep needs at least one value on each axis"))
    n = keys if keys is not None else max(*ms, *shared_counts)
    if n < 1:
        raise SweepError(N_("a wallet needs at least one key"))
    place = place or hot_place(incident)
    _check_place(incident, place)

    def build(m: int, shared: int) -> Setup | None:
        return threshold_setup(incident, m, shared, n, place, response)

    cells = []
    for m in ms:
        row = []
        for s in shared_counts:
            setup = build(m, s)
            row.append(None if setup is None else summarise(incident, setup).lost)
        cells.append(tuple(row))
    return Sweep("threshold", tuple(ms), tuple(shared_counts), tuple(cells), incident.pool,
                 place, build)
