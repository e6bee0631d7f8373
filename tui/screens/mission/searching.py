"""The mission screen's search and filter: the query bar's input, `n`/`N`, `go to:`, and
the count of a search's hits among the events shown (`hit 3 of 10` in the header).

On a large mission a search, a count or a filter runs in a thread while keys are
answered, with a note in the query bar; only the latest request of each kind counts
(`LatestQueries`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property, partial
from typing import TYPE_CHECKING, Literal, TypeVar

from textual import on
from textual.dom import DOMNode

from data.i18n import _
from data.model import Event
from data.sanitize import sanitize_line
from tui.detached import in_daemon_thread
from tui.screens.mission.state import MissionState
from tui.text import number
from tui.widgets.query_bar import QueryBar, QueryKind

if TYPE_CHECKING:
    from data.query.search import EventSearch, HitCount

BACKGROUND_EVENTS = 20_000
"""From this many events on, searches and filters run in a worker thread (about 2 ms each
on the bundled mission; up to a few hundred ms at a million events)."""

Job = Literal[QueryKind, "count"]
"""What `LatestQueries` runs: a search, a filter, or the count of a search's hits."""
_Result = TypeVar("_Result")
_Found = tuple["EventSearch", int | None]
"""A search and its nearest hit from where the search began (None: no event matches)."""


class LatestQueries:
    """Runs searches and filters and hands each result on, unless a later request of its
    kind was made meanwhile (an older result that arrives later is dropped)."""

    def __init__(self, owner: DOMNode) -> None:
        self._owner = owner
        """The node that runs the worker threads (they end with it)."""
        self._latest: dict[Job, object] = {}

    def run(
        self,
        kind: Job,
        work: Callable[[], _Result],
        done: Callable[[_Result], None],
        *,
        events: int,
        bar: QueryBar | None = None,
    ) -> None:
        """Run `work` over a mission of `events` events and hand its result to `done`: at
        once on a small mission; on a large one in a worker thread, so that keys are
        answered meanwhile, with a note in the query bar."""
        request = object()
        self._latest[kind] = request

        def finish(result: _Result) -> None:
            if self._latest.get(kind) is request:
                if bar is not None:
                    bar.note = ""
                done(result)

        if events < BACKGROUND_EVENTS:
            finish(work())
            return
        if bar is not None:
            note = (
                _("searching {count} events…")
                if kind == "search"
                else _("filtering {count} events…")
            )
            bar.note = note.format(count=number(events))
        self._owner.run_worker(self._in_background(work, finish), group="query")

    def forget(self, kind: Job) -> None:
        """Drop the result of a request of this kind still running."""
        self._latest[kind] = None

    async def _in_background(
        self, work: Callable[[], _Result], finish: Callable[[_Result], None]
    ) -> None:
        """`work` in a thread that quitting never waits for (`tui.detached`), then `finish`."""
        finish(await in_daemon_thread(work, name="query"))


class SearchAndFilter(MissionState):
    """Searches as the user types, keeps a search on enter, and applies filters."""

    _search_origin = 0
    """The cursor's position when the search began: its nearest hit is found from there."""

    @cached_property
    def queries(self) -> LatestQueries:
        return LatestQueries(self)

    @on(QueryBar.Changed)
    def _query_changed(self, message: QueryBar.Changed) -> None:
        if message.kind != "search":
            return
        text = message.value.strip()
        if not text:
            self._drop_search()
            return
        bar = message.bar

        def show(result: _Found) -> None:
            search, found = result
            self._show_search(search, found)
            if found is None:
                bar.error = _("No event matches {query}").format(query=repr(text))
            else:
                bar.error = ""
                self.timeline.select_position(found)

        self._run_search(text, show, bar)

    @on(QueryBar.Submitted)
    def _query_submitted(self, message: QueryBar.Submitted) -> None:
        bar = message.bar
        if message.kind == "filter":
            self.apply_filter(message.value, bar=bar)
            return
        bar.close()
        self.timeline.focus()
        # Searched again for the submitted text: keys typed after enter may already have
        # changed the input by the time this message arrives.
        text = message.value.strip()
        if not text:
            self._drop_search()
            return

        def keep(result: _Found) -> None:
            search, found = result
            if found is None:
                self.search = None
                self.notify(_("No event matches {query}").format(query=repr(text)), markup=False)
                return
            self._show_search(search, found)
            selected = self.timeline.selected
            if selected is None or not search.matches(selected):
                self.timeline.select_position(found)

        self._run_search(text, keep)

    @on(QueryBar.Cancelled)
    def _query_cancelled(self, message: QueryBar.Cancelled) -> None:
        if message.kind == "search":
            self.search = None
        message.bar.close()
        self.timeline.focus()

    def _show_search(self, search: EventSearch, found: int | None) -> None:
        """Show `search` (whose nearest hit is `found`) and count its hits. The same query
        again (typed, then kept with enter) keeps the search already shown and its count."""
        current = self.search
        if current is not None and current.query == search.query:
            return
        self.hit_count = None  # before the header shows the new search
        self.search = search
        if found is None:
            from data.query.search import HitCount

            self.hit_count = HitCount(())  # `find` wraps around: no event matches
        else:
            self.count_hits()

    def count_hits(self) -> None:
        """Count the search's hits among the events shown, for `hit 3 of 10`: on a large
        mission in a worker, dropped when another search or filter comes first. Nothing is
        counted while a mission's events are still being read."""
        self.hit_count = None
        search, timeline = self.search, self.timeline
        if search is None or self.reading is not None:
            return
        events = timeline.rows.events

        def moot() -> bool:
            return self.search is not search or timeline.rows.events is not events

        def counted(count: HitCount | None) -> None:
            if count is not None and not moot():
                self.hit_count = count

        work = partial(search.count, events, moot)
        self.queries.run("count", work, counted, events=len(events))

    def _drop_search(self) -> None:
        self.queries.forget("search")
        self.search = None

    def _run_search(
        self, text: str, done: Callable[[_Found], None], bar: QueryBar | None = None
    ) -> None:
        events = len(self.mission.events)
        self.queries.run("search", partial(self._search_for, text), done, events=events, bar=bar)

    def _search_for(self, text: str) -> _Found:
        """A search for `text` and its nearest hit from where the search began."""
        from data.query.search import EventSearch

        search = EventSearch(self.mission, text)
        return search, self.timeline.rows.find(search, self._search_origin)

    def apply_filter(self, text: str, *, bar: QueryBar | None = None) -> None:
        """Parse and apply a filter (on a large mission, in a worker); a problem is shown,
        never raised. Empty text clears. The bar, if given, closes once it is applied."""
        if not text.strip():
            self.clear_filter()
            self._close(bar)
            return
        if self.reading is not None:
            self._complain(_("Filter not applied: the mission is still loading"), bar)
            return
        from data.query.filters import FilterError, parse_filter

        try:
            flt = parse_filter(text, self.mission)
        except FilterError as error:
            self._complain(_("Filter not applied: {problem}").format(problem=error), bar)
            return

        def show(shown: Sequence[Event]) -> None:
            if not shown:
                problem = _("Filter not applied: no event matches {filter}")
                self._complain(problem.format(filter=repr(flt.text)), bar)
                return
            self.event_filter = flt  # the timeline reuses `shown`: `apply` keeps it
            self.count_hits()
            self._close(bar)

        events = self.mission.events
        self.queries.run("filter", partial(flt.apply, events), show, events=len(events), bar=bar)

    def _close(self, bar: QueryBar | None) -> None:
        if bar is not None:
            bar.close()
            self.timeline.focus()

    def _complain(self, message: str, bar: QueryBar | None) -> None:
        if bar is not None:
            bar.error = message
        else:
            self.notify(sanitize_line(message), severity="error", markup=False)

    def clear_filter(self) -> None:
        self.event_filter = None
        self.count_hits()

    def go_to_event(self, event_id: str) -> None:
        """Select an event, clearing a filter that hides it."""
        if not self.timeline.select_event(event_id):
            self.clear_filter()
            self.timeline.select_event(event_id)
        self.timeline.focus()

    # ----------------------------------------------------------------- keys

    async def action_search(self) -> None:
        self._search_origin = self.timeline.cursor_position
        await self.query_bar.open("search", "" if self.search is None else self.search.query)

    def action_next_hit(self) -> None:
        self._jump_hit(forward=True)

    def action_previous_hit(self) -> None:
        self._jump_hit(forward=False)

    def _jump_hit(self, *, forward: bool) -> None:
        if self.search is None:
            return
        start = self.timeline.cursor_position + (1 if forward else -1)
        found = self.timeline.rows.find(self.search, start, forward=forward)
        if found is None:
            query = repr(self.search.query)
            self.notify(_("No event matches {query}").format(query=query), markup=False)
        else:
            self.timeline.select_position(found)

    async def action_filter(self) -> None:
        await self.query_bar.open(
            "filter", "" if self.event_filter is None else self.event_filter.text
        )

    def action_clear(self) -> None:
        self.search = None
        self.event_filter = None
