"""A key of the footer that becomes disabled (or enabled again) is dimmed where it is, not by
building the footer anew (issue 17: `0` in the time-axis view took 60-80 ms, most of it
mounting every key again): the same keys, looking as a fresh footer shows them."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from tui.app import MissionTimelineApp
from tui.widgets.key_footer import KeyFooter

from .waiting import keys_done, until


def _looks(footer: KeyFooter) -> list[tuple[str, str, bool, bool]]:
    """Each key as the footer shows it: key, description, dimmed, and whether a click on it
    rings the bell."""
    return [
        (key.key, key.description, key.has_class("-disabled"), key._disabled)
        for key in footer.query(FooterKey)
    ]


async def test_zoom_out_is_dimmed_in_place_once_the_view_is_fitted(
    app: MissionTimelineApp,
) -> None:
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("v")
        axis = app.main_screen.axis
        await until(pilot, lambda: axis.has_focus, "the time-axis view focused")
        footer = app.query_one(KeyFooter)

        def zoom_out() -> FooterKey:
            return next(key for key in footer.query(FooterKey) if key.action == "zoom_out")

        await pilot.press("plus")
        await keys_done(pilot)
        await until(pilot, lambda: not zoom_out().has_class("-disabled"), "zoom out enabled")
        keys = list(footer.query(FooterKey))

        await pilot.press("0")  # fit all: zooming out has nothing left to do
        await keys_done(pilot)
        await until(pilot, lambda: zoom_out().has_class("-disabled"), "zoom out dimmed")
        assert list(footer.query(FooterKey)) == keys  # the same widgets, not mounted anew
        assert zoom_out()._disabled
        dimmed = _looks(footer)

        footer.call_later(footer.recompose)  # a footer built anew for the same bindings
        await until(pilot, lambda: keys[0] not in footer.query(FooterKey), "built anew")
        assert _looks(footer) == dimmed

        await pilot.press("plus")
        await keys_done(pilot)
        await until(pilot, lambda: not zoom_out().has_class("-disabled"), "zoom out again")
        assert not zoom_out()._disabled
