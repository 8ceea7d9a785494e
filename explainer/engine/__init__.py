"""The replay engine: pure functions from (incident, setup) to events and a summary.

The attacker follows the incident's recorded outflows. Each becomes an attempt against
the setup: it moves in full, in part (clipped by the reachable balance or a binding
limit) or not at all, and every outcome carries a reason: a code with parameters
(``codes``), which ``report.reason_text`` says in the reader's language. Arithmetic is
exact (Decimal, quantised to the asset's smallest unit); nothing here does I/O.

Modules: ``access`` (who can sign), ``limits``, ``timeline`` (the incident's side),
``shares`` (preparing a setup), ``results`` (what a replay returns), ``codes`` (the
reason codes), ``reasons``,
``run`` (the replay loop) and ``state`` (the replay at one moment).
"""

from explainer.engine.access import Signature, WalletAccess, access_reason
from explainer.engine.codes import CODES, Reason, SigRef
from explainer.engine.limits import CONTRACT
from explainer.engine.results import (
    BLOCKED,
    MOVED,
    PARTIAL,
    Event,
    Replay,
    Summary,
    WalletResult,
)
from explainer.engine.run import replay, summarise
from explainer.engine.shares import initial_balances, instantiate, refill_chains
from explainer.engine.state import State, state_at

__all__ = [
    "BLOCKED", "CODES", "CONTRACT", "MOVED", "PARTIAL", "Event", "Reason", "Replay",
    "SigRef", "Signature", "State", "Summary", "WalletAccess", "WalletResult",
    "access_reason", "initial_balances",
    "instantiate", "refill_chains", "replay", "state_at", "summarise",
]
