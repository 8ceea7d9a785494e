"""When outflows stop under a setup's response, and how that freeze is described."""

from __future__ import annotations

from datetime import datetime, timedelta

from explainer import numbers as fmt
from explainer.model import Incident, Setup


def planned_freeze(incident: Incident, setup: Setup) -> datetime | None:
    """When outflows stop under this setup's response (``freeze_label`` says it in words).

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


def freeze_label(incident: Incident, setup: Setup) -> str:
    """How the setup's freeze is described: its own label, or words from the response."""
    if setup.response.label:
        return setup.response.label
    mode = setup.response.freeze
    if mode == "after":
        wait = fmt.duration(setup.response.after or timedelta(0))
        return f"freeze {wait} after the first outflow"
    halt = incident.halt() if mode == "as-run" else None
    return f"as run: {halt.what.rstrip('.')}" if halt is not None else ""
