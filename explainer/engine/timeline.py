"""What depends on the incident alone: the attacker's access over time, worked out
once per incident and shared by every replay of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from explainer.model import Incident

ZERO = Decimal(0)

NOTHING: frozenset[str] = frozenset()


def held_at(incident: Incident, at: datetime) -> frozenset[str]:
    """The domains the attacker controls at ``at``."""
    return frozenset(d for a in incident.achievements if a.at <= at for d in a.compromises)


@dataclass(frozen=True, slots=True)
class Timeline:
    """What depends on the incident alone, worked out once per incident."""

    held_at_outflow: tuple[frozenset[str], ...]
    held_after: tuple[tuple[datetime, frozenset[str]], ...]  # after each achievement
    times: tuple[datetime, ...]  # of the outflows
    before: tuple[Decimal, ...]  # before[k]: total requested by outflows 0..k-1
    settled_from: tuple[bool, ...]  # True when access no longer changes from outflow k on
    day: date | None  # the day of a one-day theft (its times read as clock times), else None
    peaks: dict[datetime | None, frozenset[str]]  # filled by peak_before

    def peak_before(self, freeze_at: datetime | None) -> frozenset[str]:
        """The attacker's access at its peak: after the last achievement before the freeze
        (access only grows)."""
        peak = self.peaks.get(freeze_at)
        if peak is None:
            peak = NOTHING
            for at, held in self.held_after:
                if freeze_at is not None and at >= freeze_at:
                    break
                peak = held
            self.peaks[freeze_at] = peak
        return peak


TIMELINES: dict[int, tuple[Incident, Timeline]] = {}


def _settled_from(states: tuple[frozenset[str], ...]) -> tuple[bool, ...]:
    """For each outflow, whether the attacker's access stays the same object from it to
    the last outflow: one pass from the end, not a scan of the rest for each outflow."""
    flags = [True] * len(states)
    for k in range(len(states) - 2, -1, -1):
        flags[k] = flags[k + 1] and states[k + 1] is states[k]
    return tuple(flags)


def timeline_of(incident: Incident) -> Timeline:
    """The incident's timeline, worked out on first use and kept for later replays."""
    # keyed by identity: hashing a whole incident would cost more than the replay itself
    hit = TIMELINES.get(id(incident))
    if hit is not None and hit[0] is incident:
        return hit[1]
    shared: dict[frozenset[str], frozenset[str]] = {}

    def held(at: datetime) -> frozenset[str]:
        # equal states share one object, so a replay can tell "unchanged" by identity
        state = held_at(incident, at)
        return shared.setdefault(state, state)

    states = tuple(held(o.at) for o in incident.outflows)
    before = [ZERO]
    for o in incident.outflows:
        before.append(before[-1] + o.amount)
    days = {o.at.date() for o in incident.outflows}
    days |= {o.latest.date() for o in incident.outflows if o.latest}
    timeline = Timeline(
        states,
        tuple((a.at, held(a.at)) for a in incident.achievements),
        tuple(o.at for o in incident.outflows),
        tuple(before),
        _settled_from(states),
        incident.outflows[0].at.date() if len(days) == 1 else None,
        {},
    )
    if len(TIMELINES) > 64:
        TIMELINES.clear()
    TIMELINES[id(incident)] = (incident, timeline)
    return timeline


