"""What the time-axis view tells the screen: the messages' common part (the view that
posted them, their control), and an event of the view by its position."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from textual.widget import Widget


class AxisMessage(Message):
    """A message of the time-axis view, which is its control (a `TimeAxis`, typed as any
    widget so that this module need not import the view's)."""

    def __init__(self, axis: Widget) -> None:
        super().__init__()
        self.axis = axis

    @property
    def control(self) -> Widget:
        return self.axis


class AxisEventMessage(AxisMessage):
    """A message about the event at `position` in the events the view shows."""

    def __init__(self, axis: Widget, position: int) -> None:
        super().__init__(axis)
        self.position = position
