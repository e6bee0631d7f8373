"""How the clock starts, as the command line asks (`--at TIME|EVENT_ID`, `--speed N`,
`--live`): checked against the mission before the app starts, made into a clock once it has
its real clock."""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from data.axis.lanes import span
from data.clock.clock import MissionClock, RealClock, parse_speed
from data.i18n import _

if TYPE_CHECKING:
    from data.model import Mission


class ClockStart(msgspec.Struct, frozen=True):
    """Where the clock starts: at `moment` (POSIX seconds; None: the event the app opens
    on), running at `speed` (None: standing still), or `live` (following the real clock)."""

    moment: float | None = None
    speed: float | None = None
    live: bool = False

    def clock(self, real: RealClock, opened_on: float | None) -> MissionClock | None:
        """The clock this start asks for, reading `real`; `opened_on` is the moment of the
        event the app opens on (None: no event, so no clock unless live)."""
        if self.live:
            return MissionClock.following(real)
        moment = self.moment if self.moment is not None else opened_on
        if moment is None:
            return None
        clock = MissionClock.stopped_at(moment, real)
        return clock if self.speed is None else clock.at_speed(self.speed).resumed()


def clock_start(
    mission: Mission, at: str | None, speed: str | None, *, live: bool
) -> ClockStart | None:
    """The start the options ask for (None: no option given), or `ValueError` with a
    one-line message: an event id not in the mission (with the nearest ones), a time not in
    the format of mission files (one with neither offset nor zone is in UTC), a speed out
    of range, `--live` with either other option."""
    if live and (at is not None or speed is not None):
        raise ValueError(_("--live follows the real clock: it takes neither --at nor --speed"))
    if live:
        return ClockStart(live=True)
    if at is None and speed is None:
        return None
    # The exports' options (and what they import) are not for the first frame without --at.
    from data.export.options import OptionsError, bound

    try:
        moment = None if at is None else bound(mission, at, "UTC", end=False, option="--at")
    except OptionsError as error:
        raise ValueError(str(error)) from None
    try:
        pace = None if speed is None else parse_speed(speed)
    except ValueError as error:
        raise ValueError(_("--speed: {reason}").format(reason=error)) from None
    return ClockStart(moment, pace)


def live_if_happening(mission: Mission, now: float) -> ClockStart | None:
    """Live when the mission is happening at `now` (POSIX seconds): between its first and
    its last event or phase. A mission that includes the present follows the real clock
    unless the command line says otherwise; any other starts with no clock."""
    if not len(mission.events):
        return None
    first, last = span(mission)
    return ClockStart(live=True) if first <= now <= last else None
