"""The app loading a large mission through the engine, as through the general reader: the
header at once, the list growing while a file in time order is read (a block at a time, the
engine storing each as it comes), a file out of time order shown once sorted, a bad line
ending the app with its placed message, `q` at once. The tests of tests/tui/test_loading.py,
run here with the engine reading files of any size (tests/large/conftest.py)."""

from __future__ import annotations

import pytest

pytest.importorskip("pyarrow")

from tests.tui.test_loading import (  # the same tests, with the engine
    gate,
    test_a_bad_line_found_after_the_first_frame_ends_the_app,
    test_a_file_out_of_time_order_shows_its_list_when_sorted,
    test_header_at_once_then_progress_and_a_growing_list,
    test_q_quits_at_once_and_stops_the_worker,
)

__all__ = [
    "gate",
    "test_a_bad_line_found_after_the_first_frame_ends_the_app",
    "test_a_file_out_of_time_order_shows_its_list_when_sorted",
    "test_header_at_once_then_progress_and_a_growing_list",
    "test_q_quits_at_once_and_stops_the_worker",
]
