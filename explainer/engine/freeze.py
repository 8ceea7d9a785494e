"""When outflows stop under a setup's response, and how that freeze is described."""

from __future__ import annotations

from datetime import datetime, timedelta

from explainer.engine.codes import Reason
from explainer.model import Incident, Setup


def planned_freeze(incident: Incident, setup: Setup) -> datetime | None:
    """When outflows stop under this setup's response (``freeze_reason`` says how).

    A monitoring freeze counts from the attacker's first attempted outflow, signed or
    not: an attempt that lacks signatures is itself visible (on NEM, a multisig
    transaction waits on chain for its cosigners), and a start that does not depend on
    the setup keeps "more protection never loses more" true.
    """
    mode = setup.response.freeze
    if mode == "after" and incident.outflows:
        return incident.outflows[0].at + (setup.response.after or timedelta(0))
    if mode == "as-run":
        halt = incident.halt()
        if halt is not None:
            return halt.at
    return None


def freeze_reason(incident: Incident, setup: Setup) -> Reason:
    """How the setup's freeze is described: its own label, or the response's terms."""
    if setup.response.label:
        return FREEZE_LABEL
    mode = setup.response.freeze
    if mode == "after":
        return Reason("freeze.after", (setup.response.after or timedelta(0),))
    halt = incident.halt() if mode == "as-run" else None
    return FREEZE_AS_RUN if halt is not None else FREEZE_NONE


FREEZE_LABEL, FREEZE_AS_RUN, FREEZE_NONE = (Reason("freeze.label"), Reason("freeze.as_run"),
                                            Reason("freeze.none"))
