"""The mission clock on screen: its keys (play/pause, faster, slower, live), its one timer, and
each refresh showing what `data.clock` says at the clock's reading.

The screen keeps the clock (`data.clock.clock.MissionClock`, None until there is one) and
does no time arithmetic: a refresh takes the clock's reading (`clock_reading`), and only if
it differs from the one shown asks `clock_facts` what the header, the list's marks and its
cursor show, then sets the one timer for the next reading (`refresh_delay`; none while the
clock stands still). The events the clock passes while it runs are announced.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.timer import Timer

from data.clock.clock import MissionClock, RealClock, moment_of, speed_text
from data.clock.reading import clock_reading, refresh_delay
from data.i18n import N_, _, ngettext
from data.sanitize import sanitize_line
from tui.screens.mission.state import MissionState
from tui.widgets.status_header import ClockLine
from tui.widgets.timeline import Timeline

if TYPE_CHECKING:
    from data.clock.facts import ClockFacts, CrewStays
    from tui.widgets.time_axis import TimeAxis

PLAYING, PAUSED, LIVE = "▶", N_("❚❚ paused"), N_("● live")
"""The clock's state in the header: a sign and a word, never a colour alone (the words
translated where they are shown)."""

CLOCK_BINDINGS: list[BindingType] = [
    Binding(
        "space",
        "play_pause",
        N_("Play"),
        show=False,  # in the help screen; the footer has no room for it at 80 columns
        id="clock-play",
        tooltip=N_("Play the mission back from the selected event, or pause it"),
    ),
    Binding(
        "greater_than_sign",
        "faster",
        N_("Faster"),
        show=False,
        key_display=">",
        id="clock-faster",
        tooltip=N_("Play faster: 1x, 10x, 60x, 600x, 3,600x, 10,000x"),
    ),
    Binding(
        "less_than_sign",
        "slower",
        N_("Slower"),
        show=False,
        key_display="<",
        id="clock-slower",
        tooltip=N_("Play slower, down to 1x (real time)"),
    ),
    Binding(
        "full_stop",
        "live",
        N_("Live"),
        show=False,
        key_display=".",
        id="clock-live",
        tooltip=N_("Follow the real clock: the mission as it happens now"),
    ),
]


class ClockAndReplay(MissionState):
    """The mission clock's keys and its refresh (see the module)."""

    BINDINGS: ClassVar[list[BindingType]] = CLOCK_BINDINGS

    real: RealClock = time.time
    """The real clock the mission clock reads (a test's fake one, through `make_app`)."""
    clock: MissionClock | None = None
    _shown: ClockFacts | None = None
    _shown_for: tuple[object, ...] = ()
    _shown_events: object = None
    _shown_state: tuple[bool, float, bool] | None = None
    _crew: CrewStays | None = None
    _timer: Timer | None = None

    # ----------------------------------------------------------------- setting the clock

    def set_clock(self, clock: MissionClock | None) -> None:
        """Show `clock` (None: no clock) from now on: refresh at once, then when its
        reading next changes."""
        self.clock = clock
        self.refresh_clock()
        self.refresh_bindings()

    def _selected_moment(self) -> float | None:
        """The moment of the selected event (None: nothing is selected)."""
        selected = self.selected or self.timeline.selected
        return None if selected is None else moment_of(selected.when)

    def _clock_or_new(self) -> MissionClock | None:
        """The clock, or a new one standing at the selected event."""
        if self.clock is not None:
            return self.clock
        moment = self._selected_moment()
        return None if moment is None else MissionClock.stopped_at(moment, self.real)

    def action_play_pause(self) -> None:
        clock = self._clock_or_new()
        if clock is None:
            return
        chosen = self._chosen_moment()
        if not clock.running and chosen is not None:
            clock = clock.set_to(chosen)
        self.set_clock(clock.toggled())

    def _chosen_moment(self) -> float | None:
        """The moment of the selected event if the user chose it (it is not the event the
        clock has reached), else None: play resumes where the clock stands."""
        selected = self.timeline.selected
        reached = None if self._shown is None else self._shown.last
        if selected is None or (reached is not None and reached.id == selected.id):
            return None
        return moment_of(selected.when)

    def action_faster(self) -> None:
        clock = self._clock_or_new()
        if clock is not None:
            self.set_clock(clock.faster())

    def action_slower(self) -> None:
        clock = self._clock_or_new()
        if clock is not None:
            self.set_clock(clock.slower())

    def action_live(self) -> None:
        self.set_clock(MissionClock.following(self.real))

    # ----------------------------------------------------------------- the refresh

    def _show_mission(self) -> None:
        super()._show_mission()
        self._shown = None
        self.app.call_after_refresh(self.refresh_clock)

    def refresh_clock(self, *, tick: bool = False, follow: bool = True) -> None:
        """Show the clock's reading if it is not the one shown (or the view has changed
        since), and set the timer for the next one. `tick`: the timer's refresh, which
        names the events the clock has passed since the last one and moves the cursor
        only when the clock reaches another event (the user may browse meanwhile);
        `follow`: put the cursor on the event the clock has reached (a key, a start)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        clock = self.clock
        if not self.is_mounted or not self.query(Timeline):
            return  # another mission's widgets are being mounted: `_show_mission` refreshes
        if clock is None:
            self._shown = None
            self.header.clock = None
            self.timeline.show_clock(None)
            self._show_clock_on_axis()
            return
        reading = clock_reading(clock)
        view = self._view()
        before, same_view = self._shown, view == self._shown_for
        state = (clock.running, clock.speed, clock.live)
        if (
            before is None
            or (before.reading, state) != (reading, self._shown_state)
            or not same_view
        ):
            # What a clock shows is not for a first screen without one (most start-ups).
            from data.clock.facts import clock_facts

            anchor = self.anchor_event
            events = self.timeline.rows.events
            facts = clock_facts(events, reading, self.zone, self.mode, anchor)
            self._shown, self._shown_for, self._shown_events = facts, view, events
            self._shown_state = state
            self._show(facts, clock)
            last = facts.position.last
            if tick and before is not None and same_view:
                follow = last != before.position.last
                self._announce(facts, before)
            if follow and last is not None:
                self.timeline.select_position(last)
        delay = refresh_delay(clock, reading)
        if delay is not None:
            self._timer = self.set_timer(delay, self._tick)

    def _view(self) -> tuple[object, ...]:
        """What the clock's facts depend on besides the reading: the events shown (the
        list's own sequence, kept in `_shown_events` so that its id stays its own), the
        zone, the time mode and its anchor."""
        events = self.timeline.shown_events
        anchor = self.anchor_event
        return (id(events), len(events), self.zone, self.mode, anchor and anchor.id)

    def _tick(self) -> None:
        """The timer's refresh: the clock has moved on by itself."""
        self._timer = None
        self.refresh_clock(tick=True)

    def _aboard(self, facts: ClockFacts) -> int | None:
        """How many of the mission's people are aboard a vehicle or the station at the
        reading (None: a mission without people); their stays are worked out once per
        mission."""
        if not self.mission.people:
            return None
        if self._crew is None or self._crew.mission is not self.mission:
            from data.clock.facts import CrewStays

            self._crew = CrewStays.of(self.mission)
        return len(self._crew.at(facts.reading).aboard)

    def _show(self, facts: ClockFacts, clock: MissionClock) -> None:
        """The clock's facts in the header and the list's marks."""
        state = _(LIVE) if clock.live else f"{PLAYING} {speed_text(clock.speed)}"
        upcoming = facts.next
        self.header.clock = ClockLine(
            state if clock.running else _(PAUSED),
            facts.text,
            "" if upcoming is None else upcoming.title,
            facts.countdown,
            self._aboard(facts),
            facts.since,
        )
        self.timeline.show_clock(facts.position)
        self._show_clock_on_axis()

    def _show_clock_on_axis(self, axis: TimeAxis | None = None) -> None:
        """Draw the clock's reading (none without a clock) on the time-axis view, if it is
        mounted (or on `axis`, being mounted)."""
        axis = axis or self._mounted_axis()
        if axis is not None:
            shown = self._shown if self.clock is not None else None
            axis.clock_at = None if shown is None else shown.reading.start

    def _prepare_axis(self, axis: TimeAxis) -> None:
        super()._prepare_axis(axis)
        self._show_clock_on_axis(axis)

    def _announce(self, facts: ClockFacts, before: ClockFacts) -> None:
        """Name in the status line the event the clock has just reached, and how many it
        has passed when more than one."""
        passed = facts.position.passed_since(before.position)
        if not passed or facts.last is None:
            return
        title = sanitize_line(facts.last.title)
        if len(passed) == 1:
            self.notify(_("Now: {title}").format(title=title), markup=False)
        else:
            count = len(passed)
            note = ngettext(
                "Passed {count} event, the last: {title}",
                "Passed {count} events, the last: {title}",
                count,
            )
            self.notify(note.format(count=count, title=title), markup=False)

    def _update_header(self) -> None:
        super()._update_header()
        if self._shown is not None and self._view() != self._shown_for:
            self.refresh_clock(follow=False)
