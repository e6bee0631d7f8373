"""The exports in Dutch: the human ones (text, Markdown, iCalendar's description, the
picture, Mermaid, TimelineJS) speak the language in force when they run; the machine ones
(CSV, JSON) are the same bytes in every language.

The Dutch golden files sit next to the English ones (`soyuz-ms-19.nl.txt`, `.nl.md`);
regenerate with `pytest tests/export --update-golden`. Dates and durations in them come
from `data.times` and `data.facts.derived`.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import datetime

import pytest
from icalendar import Calendar
from picture_helpers import read_svg, render
from test_golden import render as render_golden

from data.export import FORMATS, ExportOptions, OptionsError, export, make_options
from data.export.picture_draw import measure
from data.export.picture_layout import layout
from data.i18n import speaking
from data.model import EventKind, Mission


@pytest.fixture
def dutch() -> Iterator[None]:
    """Dutch for one test."""
    with speaking("nl"):
        yield


def exported(mission: Mission, format_name: str, options: ExportOptions, lang: str) -> str:
    """A format of `mission` with `options`, exported in `lang`."""
    out = io.StringIO()
    with speaking(lang):
        export(mission, format_name, options, out)
    return out.getvalue()


def rendered(mission: Mission, format_name: str, stamp: datetime) -> str:
    """A format of `mission` as the golden files render it, as text."""
    return render_golden(mission, format_name, stamp).decode("utf-8")


@pytest.mark.parametrize("format_name", ["text", "md"])
def test_bundled_mission_golden_in_dutch(
    bundled: Mission,
    format_name: str,
    golden: Callable[[str, bytes], None],
    stamp: datetime,
    dutch: None,
) -> None:
    golden(
        f"soyuz-ms-19.nl{FORMATS[format_name].suffix}", render_golden(bundled, format_name, stamp)
    )


def test_text_export_headings_and_labels_are_dutch(
    bundled: Mission, stamp: datetime, dutch: None
) -> None:
    text = rendered(bundled, "text", stamp)
    lines = text.splitlines()
    assert (
        "Tijden: Europe/Brussels, zoals vermeld (elke tijd in de tijdzone die de bron gaf)" in lines
    )
    assert "Relatief: T-/T+ launch (Launch of Soyuz MS-19)" in lines
    assert {"Bemanning", "Bronnen"} <= set(lines)
    assert "    koppeling · betrouwbaarheid C2+ · plaats: International Space Station" in lines
    # People by their Dutch spelling; the mission's own text stays as it is.
    assert any(line.startswith("    personen: Joelia Peressild, Klim Sjipenko") for line in lines)
    assert "Soyuz MS-19: The Challenge (Vyzov)" in lines
    for english in ("Times:", "Relative:", "\nCrew\n", "\nSources\n", "people:", "confidence"):
        assert english not in text


def test_markdown_export_headings_are_dutch(bundled: Mission, stamp: datetime, dutch: None) -> None:
    text = rendered(bundled, "md", stamp)
    assert "\n## Bemanning\n" in text and "\n## Bronnen\n" in text
    assert "| Gebeurtenis | Details | Bronnen |" in text
    assert "| Naam | Rol | Leeftijd bij lancering | Heen | Terug |" in text
    assert "| Joelia Peressild |" in text


def test_brief_markdown_headings_are_dutch(bundled: Mission, dutch: None) -> None:
    options = make_options(bundled, brief=True)
    out = io.StringIO()
    export(bundled, "md", options, out)
    assert "| UTC | Gebeurtenis | Detail |" in out.getvalue()


def test_an_empty_filter_says_so_in_dutch(bundled: Mission, dutch: None) -> None:
    options = make_options(bundled, filter_text="kind:eva person:peresild")
    for format_name, words in (
        ("text", "(geen enkele gebeurtenis voldoet aan de filter)"),
        ("md", "Geen enkele gebeurtenis voldoet aan de filter."),
    ):
        out = io.StringIO()
        export(bundled, format_name, options, out)
        assert words in out.getvalue()


def test_icalendar_description_labels_are_dutch_and_properties_are_not(
    bundled: Mission, stamp: datetime, dutch: None
) -> None:
    calendar = Calendar.from_ical(render_golden(bundled, "ics", stamp))
    events = {str(e["uid"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    docking = events["docking"]
    description = str(docking["description"]).splitlines()
    assert any(line.startswith("koppeling; fase: ") for line in description)
    assert any(line.startswith("Personen: Anton Sjkaplerov, ") for line in description)
    assert "Bronnen:" in description
    # Machine-read: the property names, the kind as a category and the status.
    text = render_golden(bundled, "ics", stamp).decode("utf-8")
    assert "CATEGORIES:docking\r\n" in text and "STATUS:CONFIRMED\r\n" in text
    assert "People:" not in text and "Sources:" not in text


def test_picture_labels_are_dutch(bundled: Mission, dutch: None) -> None:
    picture = read_svg(render(bundled))
    assert picture.of("heading") == ["Bemanning", "Ruimtetuigen", "Gebeurtenissen"]
    assert picture.of("subtitle") == ["Tijden in UTC"]
    assert {"in vlucht", "aan boord van het station", "gekoppeld aan een koppelpoort"} <= set(
        picture.of("legend")
    )
    assert " ".join(picture.of("source")).startswith("Bronnen: HLN, 5 Oct 2021; ")
    # Lanes by their Dutch spellings (`person_name`); months from pendulum's Dutch locale.
    assert "Sjkaplerov" in picture.of("lane")
    assert "jan. 2022" in picture.of("major-tick")


def test_the_picture_leaves_room_for_its_longest_dutch_heading(
    bundled: Mission, dutch: None
) -> None:
    """`Gebeurtenissen` is wider, drawn bold, than any lane's name: the plot starts after it."""
    width = measure()
    drawn = layout(bundled, make_options(bundled), width)
    headings = [label for label in drawn.labels if label.role == "heading"]
    assert [label.text for label in headings] == ["Bemanning", "Ruimtetuigen", "Gebeurtenissen"]
    for label in headings:
        assert label.x + width(label.text, label.size, bold=True) < drawn.plot[0]


def test_mermaid_and_timelinejs_labels_are_dutch(
    bundled: Mission, stamp: datetime, dutch: None
) -> None:
    chart = rendered(bundled, "mermaid", stamp)
    assert "    title Soyuz MS-19#58; The Challenge (Vyzov) (tijden in UTC)\n" in chart
    timeline = rendered(bundled, "timelinejs", stamp)
    assert "<p>Bronnen: " in timeline and "<p>Sources: " not in timeline
    assert '"group": "docking"' in timeline  # read back as the kind by the import


@pytest.mark.parametrize("format_name", ["csv", "json"])
def test_machine_formats_are_the_same_in_every_language(
    bundled: Mission, format_name: str, stamp: datetime
) -> None:
    """CSV and JSON are read by programs: the same bytes whatever the language (their
    English golden files hold them)."""
    with speaking("en"):
        english = render_golden(bundled, format_name, stamp)
    with speaking("nl"):
        dutch = render_golden(bundled, format_name, stamp)
        prose = rendered(bundled, "text", stamp)
    assert "\nTijden: " in prose  # Dutch was in force
    assert dutch == english


def test_csv_with_every_option_is_the_same_in_dutch(bundled: Mission) -> None:
    """Zones as stated (`as stated` columns), flight days (their column's name), people and
    delays: nothing of the CSV follows the language."""
    options = make_options(bundled, zones=("stated", "Europe/Moscow"), mode="flight-day")
    texts = [exported(bundled, "csv", options, lang) for lang in ("en", "nl")]
    assert texts[0] == texts[1]
    assert "as stated,as stated offset" in texts[0] and "flight day launch" in texts[0]


def test_exports_read_the_language_when_they_run(bundled: Mission) -> None:
    """The same options, exported in English and then in Dutch: each speaks the language in
    force at the time (nothing is translated once at import)."""
    options = make_options(bundled, filter_text="kind:docking")
    outputs = [exported(bundled, "text", options, lang) for lang in ("en", "nl", "en")]
    assert outputs[0] == outputs[2] != outputs[1]
    assert "docking ·" in outputs[0] and "koppeling ·" in outputs[1]


def test_option_errors_are_dutch(bundled: Mission, dutch: None) -> None:
    with pytest.raises(OptionsError) as unknown:
        make_options(bundled, relative_to="lanch")
    assert str(unknown.value).startswith("geen gebeurtenis met id 'lanch' in deze missie")
    with pytest.raises(OptionsError) as narrow:
        make_options(bundled, width=20)
    assert str(narrow.value) == "--width moet 480 tot 10000 pixels zijn, niet 20"


def test_format_labels_are_translated_where_shown(dutch: None) -> None:
    assert FORMATS["text"].label == "Platte tekst"
    assert FORMATS["svg"].label == "SVG-afbeelding"
    assert FORMATS["csv"].label == "CSV"


def test_every_kind_has_a_dutch_name_in_the_exports(
    bundled: Mission, stamp: datetime, dutch: None
) -> None:
    """Each kind the bundled mission uses is named in Dutch in the text export, never by its
    English value (`docking`), which only the machine formats keep."""
    from data.facts.kinds import kind_name

    used = {event.kind for event in bundled.events}
    text = rendered(bundled, "text", stamp)
    for kind in used:
        assert f"    {kind_name(kind)} ·" in text, kind
    assert kind_name(EventKind.DOCKING) == "koppeling"
    assert kind_name(EventKind.EVA) == "ruimtewandeling"
