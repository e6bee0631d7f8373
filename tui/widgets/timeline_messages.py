"""What the list tells the screen: the event the user selected or opened (`Timeline.Selected`,
`Timeline.Opened`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from textual.widget import Widget

    from data.model import Event


class EventMessage(Message):
    """An event of the list, and the list (the message's control: a `Timeline`, typed as
    any widget so that this module need not import the list's).

    Written out rather than a dataclass: Python compiles a dataclass's methods as its module
    is imported, and this module is imported for the first frame."""

    def __init__(self, timeline: Widget, event: Event) -> None:
        super().__init__()
        self.timeline = timeline
        self.event = event

    @property
    def control(self) -> Widget:
        return self.timeline
