"""Analyses beside the replay: which places must fall, and what response time buys.

Pure functions over ``explainer.engine``'s public API; results are frozen dataclasses
(no Rich, no Textual, no I/O, no sentences).

- ``theft_cuts(incident, setup) -> tuple[WalletCuts, ...]``: per wallet, the minimal
  sets of failure domains whose compromise (held from the first outflow on) lets the
  attacker move anything (``anything``) and everything (``everything``) the wallet
  holds, each a ``Cut(domains, labels, amount, reached)`` ranked by size; single points
  of failure are the cuts of size one (``WalletCuts.single_points``).
- ``lockout_cuts(incident, setup) -> tuple[WalletLockout, ...]``: per wallet, the
  minimal sets of domains whose loss leaves the venue unable to sign (``cuts``).
- Both are exact up to ``MAX_DOMAINS`` (16) failure domains and raise
  ``TooManyDomains`` (a ``ValueError`` with a one-line message) beyond.
- ``response_curve(incident, setup) -> tuple[CurveStep, ...]``: lost against the freeze
  delay after the first outflow, as exact steps ``CurveStep(start, end, lost)``.
- ``sweep_hot_freeze(incident, hot_shares, freeze_delays, place=None) -> Sweep`` and
  ``sweep_threshold(incident, ms, shared_counts, keys=None, place=None, response=None)
  -> Sweep``: grids ``Sweep.lost[i][j]`` equal to a single replay of ``Sweep.setup(i, j)``.
- Helpers: ``single_points``, ``smallest``, ``smallest_theft_cut``,
  ``smallest_lockout_cut``, ``lost_at``, ``hot_place``, ``compromised_from_start``.
"""

from explainer.analysis.curve import CurveStep, lost_at, response_curve
from explainer.analysis.cuts import (
    Cut,
    WalletCuts,
    WalletLockout,
    lockout_cuts,
    single_points,
    smallest,
    smallest_lockout_cut,
    smallest_theft_cut,
    theft_cuts,
)
from explainer.analysis.places import MAX_DOMAINS, TooManyDomains, compromised_from_start
from explainer.analysis.sweep import (
    Sweep,
    SweepError,
    hot_freeze_setup,
    hot_place,
    sweep_hot_freeze,
    sweep_threshold,
    threshold_setup,
)

__all__ = [
    "MAX_DOMAINS", "Cut", "CurveStep", "Sweep", "SweepError", "TooManyDomains", "WalletCuts",
    "WalletLockout", "compromised_from_start", "hot_freeze_setup", "hot_place",
    "lockout_cuts", "lost_at", "response_curve", "single_points", "smallest",
    "smallest_lockout_cut", "smallest_theft_cut", "sweep_hot_freeze", "sweep_threshold",
    "theft_cuts", "threshold_setup",
]
