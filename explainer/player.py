"""The replay clock: where an animated replay stands in scenario time.

Pure Python (no Textual), so the terminal app, the tests and the benchmarks drive the
same model. The engine decides every outcome; the player only chooses *when* to look:
a scenario time plus how many recorded outflows (attempts) have been applied. Several
outflows can share one recorded time (Coincheck's five 100M XEM transfers are only known
to lie between 00:04 and 00:10), so stepping goes attempt by attempt, while playing lets
all attempts at a passed time happen together.
"""

from __future__ import annotations

import bisect
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Final

from explainer import engine
from explainer.i18n import _
from explainer.model import Incident, Setup

NEXT_EVENT: Final = "next-event"
Speed = int | str
SPEEDS: Final[tuple[Speed, ...]] = (1, 60, 600, NEXT_EVENT)
# A minute of the theft each second: at 1x the clock's lead minute alone would show
# nothing for a whole minute; at 60x the first outflow comes within seconds of play.
DEFAULT_SPEED: Final[Speed] = 60
LEAD: Final = timedelta(minutes=1)  # how long before the first decisive moment the clock starts
TAIL: Final = timedelta(minutes=1)  # how long after the last outflow it stops
EVENT_PAUSE: Final = 1.0  # real seconds between jumps at the "next-event" speed
# Playing at a fixed speed, a stretch with nothing recorded that would take longer than
# MAX_IDLE real seconds is jumped over, to NOTICE real seconds before the next moment
# (Bybit's attacker got in two days before the theft: 48 minutes of nothing at 60x).
MAX_IDLE: Final = 3.0
NOTICE: Final = 1.0


def speed_label(speed: Speed) -> str:
    """'1x', '600x', 'next event' (in the reader's language)."""
    return _("next event") if speed == NEXT_EVENT else f"{speed}x"


class Player:
    """A replay of one incident under one setup, positioned at a scenario time.

    ``done`` counts the recorded outflows (attempts) already applied. Every applied attempt
    happened at or before ``at``, and every attempt strictly before ``at`` is applied;
    attempts exactly at ``at`` may be applied one by one by stepping.
    """

    def __init__(self, incident: Incident, setup: Setup, *, lead: timedelta = LEAD,
                 tail: timedelta = TAIL, event_pause: float = EVENT_PAUSE,
                 skip_quiet: bool = False) -> None:
        if not incident.outflows:
            raise ValueError(f"{incident.id} has no recorded outflows to replay")
        self.incident = incident
        self.event_pause = event_pause
        self._times = [o.at for o in incident.outflows]
        # when something happens: outflows, and the attacker's gains (the access panel shows them)
        self._moments = sorted({*self._times, *(a.at for a in incident.achievements)})
        first = min(self._times)
        # the access that makes the first outflow possible may come just before it
        decisive = [a.at for a in incident.achievements if a.at <= first]
        anchor = max(decisive) if decisive else first
        self.start: datetime = anchor - lead
        self.end: datetime = max(self._times) + tail
        self.at: datetime = self.start
        self.done = 0
        self.playing = False
        self.speed: Speed = DEFAULT_SPEED
        # jump over long stretches with nothing recorded (the learner's replay does; a
        # presenter playing one step of a plan does not)
        self.skip_quiet = skip_quiet
        self.skipped: timedelta | None = None  # the last stretch of nothing jumped over
        self._pending = 0.0  # real seconds waited at the next-event speed
        self._replay = engine.replay(incident, setup)
        self._state_key: tuple[object, ...] | None = None
        self._state: engine.State | None = None

    # --- what is shown ----------------------------------------------------------------

    @property
    def replay(self) -> engine.Replay:
        """The engine's whole replay of the current setup."""
        return self._replay

    @property
    def setup(self) -> Setup:
        """The setup being replayed."""
        return self._replay.setup

    @property
    def attempts(self) -> int:
        """How many recorded outflows the replay has in all."""
        return len(self._times)

    @property
    def events(self) -> tuple[engine.Event, ...]:
        """The engine's events of the attempts applied so far, in order."""
        return self._prefix()

    @property
    def state(self) -> engine.State:
        """Balances, losses and access at the current position (from ``engine.state_at``)."""
        key = (id(self._replay), self.done, self.at)
        if key != self._state_key or self._state is None:
            partial = replace(self._replay, events=self._prefix())
            self._state = engine.state_at(partial, self.at)
            self._state_key = key
        return self._state

    @property
    def at_end(self) -> bool:
        """True once the clock has reached the end of the replay."""
        return self.at >= self.end

    @property
    def progress(self) -> float:
        """How far the clock is from start (0.0) to end (1.0), for a timeline bar."""
        span = (self.end - self.start).total_seconds()
        return min(1.0, max(0.0, (self.at - self.start).total_seconds() / span)) if span else 1.0

    def _prefix(self) -> tuple[engine.Event, ...]:
        done = self.done
        return tuple(e for e in self._replay.events if e.attempt < done)

    # --- moving the clock ---------------------------------------------------------------

    def tick(self, real_seconds: float) -> bool:
        """Advance by ``real_seconds`` of wall time at the current speed; True if it moved."""
        if not self.playing:
            return False
        if self.speed == NEXT_EVENT:
            self._pending += real_seconds
            if self._pending < self.event_pause:
                return False
            self._pending = 0.0
            self._forward()
            return True
        assert isinstance(self.speed, int)
        before = (self.at, self.done)
        if self.skip_quiet:
            self._skip_idle()
        self.at = min(self.end, self.at + timedelta(seconds=self.speed * real_seconds))
        self._catch_up()
        if self.at_end:
            self.playing = False
        return (self.at, self.done) != before

    def _skip_idle(self) -> None:
        """Jump over a stretch with nothing recorded that would take more than MAX_IDLE
        real seconds at this speed, stopping NOTICE real seconds before the next moment."""
        assert isinstance(self.speed, int)
        i = bisect.bisect_right(self._moments, self.at)
        upcoming = self._moments[i] if i < len(self._moments) else self.end
        if (upcoming - self.at).total_seconds() > MAX_IDLE * self.speed:
            target = upcoming - timedelta(seconds=NOTICE * self.speed)
            self.skipped = target - self.at
            self.at = target

    def _catch_up(self) -> None:
        # every attempt whose time has been reached happens
        self.done = max(self.done, bisect.bisect_right(self._times, self.at))

    def _forward(self) -> None:
        if self.done < len(self._times):
            self.at = max(self.at, self._times[self.done])
            self.done += 1
        else:
            self.at = self.end
            self.playing = False

    def step_forward(self) -> None:
        """Pause and apply the next recorded outflow, moving the clock to its time."""
        self.playing = False
        self._forward()

    def step_back(self) -> None:
        """Pause and undo the last applied outflow; the clock goes back to the one before."""
        self.playing = False
        if self.done == 0:
            self.at = self.start
            return
        self.done -= 1
        self.at = self._times[self.done - 1] if self.done else self.start

    def seek(self, at: datetime) -> None:
        """Pause at scenario time ``at`` (within the replay), every outflow up to it applied."""
        self.playing, self._pending = False, 0.0
        self.at = min(self.end, max(self.start, at))
        self.done = bisect.bisect_right(self._times, self.at)

    def restart(self) -> None:
        """Back to the start, paused."""
        self.at, self.done, self.playing, self._pending = self.start, 0, False, 0.0
        self.skipped = None

    def toggle(self) -> bool:
        """Play or pause; playing at the end starts over. Returns the new playing flag."""
        if not self.playing and self.at_end:
            self.restart()
        self.playing = not self.playing
        self._pending = 0.0
        return self.playing

    def cycle_speed(self) -> Speed:
        """The next speed of ``SPEEDS`` (after the last comes the first)."""
        i = SPEEDS.index(self.speed) if self.speed in SPEEDS else -1
        self.speed = SPEEDS[(i + 1) % len(SPEEDS)]
        self._pending = 0.0
        return self.speed

    def switch_setup(self, setup: Setup) -> None:
        """Replay ``setup`` instead, at the same scenario time and the same attempts."""
        self._replay = engine.replay(self.incident, setup)
        self._state_key = None

    def relocalize(self, incident: Incident, setup: Setup) -> None:
        """Replay the same incident and setup with their texts in another language,
        keeping the position, speed and play state.

        ``incident`` and ``setup`` must be translations of the ones replayed (same ids,
        outflows and times); anything else raises ``ValueError``, as a different
        incident would leave the position meaningless.
        """
        times = [o.at for o in incident.outflows]
        if incident.id != self.incident.id or times != self._times:
            raise ValueError(f"{incident.id} is not a translation of {self.incident.id}")
        if setup.id != self.setup.id:
            raise ValueError(f"{setup.id} is not a translation of {self.setup.id}")
        self.incident = incident
        self._replay = engine.replay(incident, setup)
        self._state_key = None
