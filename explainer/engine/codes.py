"""Reasons as data: every code the engine can give for an outcome, a summary's "why",
what the attacker held and how a freeze is described, each with its parameters.

The engine decides; it never writes a sentence. A ``Reason`` is a code and the values
of its parameters, in the order ``CODES`` declares them; ``explainer.report.reason_text``
says it in the reader's language, looking labels up by id at that moment, so a reason
computed once reads in English or Japanese alike. ``CODES`` is the one declaration: the
renderer, the JSON contract and the README's table all follow it (tests hold them to it).

A ``Reason`` is a plain named tuple of immutable values (ids, ``Decimal`` amounts, counts,
``datetime``/``timedelta``, nested reasons), cheap to build and hashable: a sweep builds
millions of events, and a replay reuses one object wherever the reason repeats.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class Reason(NamedTuple):
    """A code and its parameters' values, in the order ``CODES[code]`` names them."""

    code: str
    params: tuple[Any, ...] = ()

    @property
    def args(self) -> dict[str, Any]:
        """The parameters by name."""
        return dict(zip(CODES[self.code][0], self.params, strict=True))


class SigRef(NamedTuple):
    """One signature the attacker can get, by ids: which key, how, through which place."""

    key: str
    path: str  # stolen, auto-signs, delegated, deceived
    domain: str


CONTRACT_ID = "contract"  # a limit enforced by the wallet's own code (model.CONTRACT)

# code -> (parameter names in order, what it means). The README lists exactly these.
CODES: dict[str, tuple[tuple[str, ...], str]] = {
    # what the attacker holds against one wallet (an event's reason, or nested in one)
    "access.needs": (("wallet", "threshold", "total", "held", "signatures"),
                     "the wallet needs `threshold` of `total` signatures; the attacker "
                     "holds `held` (the signatures they can get)"),
    "access.recovery": (("wallet", "signatures"),
                        "the attacker holds a recovery key that moves the wallet alone"),
    # an attempt clipped or stopped by a binding limit
    "limit.shut": (("wallet", "limit", "enforced_by"),
                   "the wallet's limit number `limit` lets nothing through"),
    "limit.used_up": (("wallet", "limit", "cap", "period", "enforced_by"),
                      "the limit (`cap` per `period`, or per transfer when `period` is "
                      "null) was already used up"),
    "limit.clipped": (("wallet", "limit", "cap", "period", "enforced_by", "allowed"),
                      "the limit allowed only `allowed` more"),
    # an attempt that found less than it asked for
    "held_only": (("wallet", "share", "left"),
                  "the wallet held only `share` of the pool; `left` was left to take"),
    "held_only_refills": (("wallet", "refills", "share", "left"),
                          "the wallet and the wallets that refill it held only `share`"),
    # a limit that did not bind, appended to a reason
    "with_loose": (("reason", "loose"),
                   "`reason`, then why each limit in `loose` did not bind"),
    "loose.set_from": (("wallet", "limit", "places"),
                       "the limit can be changed from `places`, which the attacker holds"),
    "loose.contract": (("wallet", "limit"),
                       "the signers could replace the wallet's code (which enforces it) "
                       "at once"),
    "loose.held": (("wallet", "limit", "enforced_by"),
                   "the place that enforces the limit is in the attacker's hands"),
    # an outflow known only to a window the freeze falls in
    "freeze_window": (("reason", "at", "latest", "freeze_at"),
                      "`reason`, but the outflow is known only to lie between `at` and "
                      "`latest`, so the freeze at `freeze_at` may have come first"),
    # the freeze
    "timelock": (("wallet", "delay", "freeze_at"),
                 "the wallet's time lock of `delay` was still running when outflows "
                 "were frozen"),
    "frozen": (("freeze_at", "freeze"), "outflows were frozen at `freeze_at` (`freeze`: "
               "how, a freeze.* reason)"),
    # an attempt that reached no wallet
    "all_empty": ((), "every wallet the attacker could reach was already empty"),
    "blocked.empty": (("empty", "wallet", "access"),
                      "the wallets in `empty` are empty and `wallet` is shut (`access`)"),
    "blocked.at": (("wallet", "access"), "the attempt stopped at `wallet` (`access`)"),
    "no_outflows": ((), "the scenario records no outflow to replay (a summary's why)"),
    # what the attacker could sign with at the peak of their access (a summary's held)
    "held.keys": (("signatures",), "the signatures the attacker could get"),
    "held.none": ((), "no signing keys"),
    # how the setup's freeze is described
    "freeze.label": ((), "the setup's own label for its response"),
    "freeze.after": (("after",), "outflows freeze `after` the first outflow"),
    "freeze.as_run": ((), "as run: the incident's recorded halt"),
    "freeze.none": ((), "no freeze (an empty description)"),
}

NO_OUTFLOWS = Reason("no_outflows")
ALL_EMPTY = Reason("all_empty")
HELD_NONE = Reason("held.none")
