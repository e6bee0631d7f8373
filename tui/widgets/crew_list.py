"""The crew pane's list of people: imported when the pane first shows its parts
(`CrewPane._parts`); its keys are `tui.widgets.crew_keys`'s."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.widgets.crew_keys import CREW_LIST_BINDINGS


class CrewList(OptionList):
    """The people of the mission, one option each (ids are person ids). Nobody is
    highlighted until the user chooses: a highlighted first name would look chosen."""

    BINDINGS: ClassVar[list[BindingType]] = CREW_LIST_BINDINGS

    def __init__(self, *people: Option, id: str | None = None) -> None:
        super().__init__(id=id)
        self.add_options(people)  # given to the constructor, they would highlight the first
