"""The crew pane: everyone in the mission, and the facts about the person selected."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import var
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from data.facts.names import person_name
from data.i18n import _, pgettext
from data.model import Event, Mission, Person
from data.times.display import show
from tui.text import LABEL_STYLE, TITLE_STYLE, block, field, heading, lines, plain
from tui.widgets.scroll_text import ScrollText
from tui.widgets.timeline_row import PERSON_MARK

if TYPE_CHECKING:
    from data.facts.person import PersonFacts
    from tui.widgets.crew_list import CrewList


class CrewPane(Horizontal):
    """A list of people and the facts about the highlighted one.

    The app sets `at` (the selected event) and `zone`; the pane posts `PersonSelected`. Once
    someone is chosen it has the class `-chosen` (the stylesheet gives it more room).

    Made `later` (where the layout hides it until the crew has the focus: one pane at a
    time), its list and facts are mounted when it is first shown or its list is asked for
    (`crew_list`): a small terminal's first frame does without them.

    `person`, `at` and `zone` are `var`s: the facts draw them (`ScrollText.show`, which
    leaves unchanged text alone), not the pane, which a reactive would repaint whole.
    """

    class PersonSelected(Message):
        def __init__(self, pane: CrewPane, person: Person) -> None:
            super().__init__()
            self.pane = pane
            self.person = person

        @property
        def control(self) -> CrewPane:
            return self.pane

    person: var[Person | None] = var(None, init=False)
    at: var[Event | None] = var(None, init=False)
    zone: var[str] = var("UTC", init=False)

    def __init__(self, mission: Mission, *, id: str | None = None, later: bool = False) -> None:
        super().__init__(id=id)
        self.mission = mission
        self._later = later
        """Whether the list and the facts wait until the pane is first shown."""
        self._facts: ScrollText | None = None
        """The facts' text, once made (`_parts`)."""

    def compose(self) -> ComposeResult:
        if not self._later:
            yield from self._parts()

    def _parts(self) -> list[Widget]:
        """The list of people and the scrollable facts of the chosen one (the list's widget
        class is imported only then: a small terminal's first frame does without it)."""
        from tui.widgets.crew_list import CrewList

        options = [Option(self._prompt(p, chosen=False), id=p.id) for p in self.mission.people]
        self._facts = ScrollText(self.describe(), id="crew-facts")
        return [CrewList(*options, id="crew-list"), self._facts]

    def _mount_parts(self) -> None:
        """Mount the list and the facts if they wait (`later`): they can be queried at once."""
        if self._later:
            self._later = False
            self.mount_all(self._parts())

    def on_show(self) -> None:
        self._mount_parts()

    @property
    def crew_list(self) -> CrewList:
        """The list of people (mounted now if it waited)."""
        from tui.widgets.crew_list import CrewList

        self._mount_parts()
        return self.query_one(CrewList)

    def on_option_list_option_highlighted(self, message: OptionList.OptionHighlighted) -> None:
        message.stop()
        self._choose(message.option.id)  # only a user's move highlights someone

    def _choose(self, person_id: str | None) -> None:
        if person_id is None:
            return
        person = self.mission.person_by_id[person_id]
        if person is not self.person:
            crew = self.crew_list
            if self.person is not None:
                crew.replace_option_prompt(self.person.id, self._prompt(self.person, chosen=False))
            crew.replace_option_prompt(person.id, self._prompt(person, chosen=True))
            self.person = person
            self.add_class("-chosen")  # the pane widens for the facts (app.tcss)
            self.post_message(self.PersonSelected(self, person))

    @staticmethod
    def _prompt(person: Person, *, chosen: bool) -> Content:
        """The list entry; the chosen person is marked with a sign, not only a colour."""
        return Content.assemble(
            f"{PERSON_MARK if chosen else ' '} ",
            plain(person_name(person)),
            (" " + _("(backup)"), LABEL_STYLE) if person.backup else "",
        )

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()

    def _update(self) -> None:
        # The facts' text itself: mounted later, it is not in the pane's tree at once.
        if self._facts is not None:
            self._facts.show(self.describe())

    watch_person = watch_at = watch_zone = _update

    def describe(self) -> Content:
        """The chosen person's facts: first what the pane is opened for (ages, vehicles,
        time in space, whereabouts at the selected event), in view without scrolling at
        120x40; then who they are, their events and their story."""
        person = self.person
        if person is None:
            return Content.styled(_("Select a person (c, then up/down)."), LABEL_STYLE)
        from data.facts.person import person_facts  # not needed for the first frame

        facts = person_facts(self.mission, person, self.at)
        return lines(
            [
                plain(person_name(person), TITLE_STYLE),
                *self._flight(facts),
                *self._at_event(facts),
                *self._career(facts),
                Content(""),
                *self._who(facts),
                *self._events(facts),
            ]
        )

    @staticmethod
    def _flight(facts: PersonFacts) -> list[Content | None]:
        """Age at launch, the vehicles up and down, and the time in space this mission."""
        parts: list[Content | None] = []
        if facts.age_at_launch is not None:
            parts.append(field(_("Age at launch"), str(facts.age_at_launch)))
        if facts.person.backup:
            parts.append(field(_("Flight"), _("backup; did not fly on this mission")))
        if facts.up:
            parts.append(field(_("Went up on"), facts.up))
            parts.append(field(_("Came down on"), facts.down))
        if facts.in_space is not None:
            parts.append(field(_("Time in space, this mission"), facts.in_space))
        return parts

    @staticmethod
    def _at_event(facts: PersonFacts) -> list[Content | None]:
        """Time in space so far, whereabouts and age at the selected event (named once)."""
        at = facts.at
        if at is None:
            return []
        parts: list[Content | None] = []
        if at.in_space is not None:
            value = Content.assemble(
                at.in_space,
                (" " + pgettext("time in space, up to an event", "at") + " ", LABEL_STYLE),
                plain(at.event.title),
            )
            parts.append(field("  " + _("as of the selected event"), value))
        parts.append(field(_("Where at the selected event"), at.where))
        if at.age is not None:
            parts.append(field(_("Age at the selected event"), str(at.age)))
        return parts

    @staticmethod
    def _career(facts: PersonFacts) -> list[Content | None]:
        """Time in space before and after the mission, as the sources state it."""
        parts: list[Content | None] = []
        if facts.before is not None:
            parts.append(field(_("Time in space before (stated)"), facts.before))
        if facts.after is not None:
            parts.append(field(_("Time in space after (stated)"), facts.after))
        return parts

    @staticmethod
    def _who(facts: PersonFacts) -> list[Content | None]:
        """Names in every spelling, role, affiliation, birth."""
        person = facts.person
        parts: list[Content | None] = [field(_("Names"), " · ".join(facts.names))]
        if person.role:
            parts.append(field(_("Role"), person.role))
        if person.affiliation:
            parts.append(field(_("Affiliation"), person.affiliation))
        if person.born is not None:
            born = person.born.isoformat()
            if person.birthplace:
                born += f", {person.birthplace}"
            parts.append(field(_("Born"), born))
        return parts

    def _events(self, facts: PersonFacts) -> list[Content | None]:
        """The events they take part in (times in the chosen zone), their bio and a note."""
        person = facts.person
        parts: list[Content | None] = [
            Content(""),
            heading(
                _("Events ({count}, marked {mark} in the timeline)").format(
                    count=len(facts.events), mark=PERSON_MARK
                )
            ),
        ]
        parts += [
            Content.assemble(
                (f" {PERSON_MARK} {show(event.when, self.zone)}  ", LABEL_STYLE), plain(event.title)
            )
            for event in facts.events
        ]
        if person.bio:
            parts += [Content(""), block(person.bio)]
        if person.note:
            parts += [Content(""), field(_("Note"), block(person.note))]
        return parts
