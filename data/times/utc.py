"""Times in UTC for programs: RFC 3339 (`2021-04-09T07:42:41Z`) with the precision they have.

The instant in UTC is the one the CSV's `utc` column shows (`display_bulk.SHEET_FORM`, the
same conversion), laid out as RFC 3339: `T` between date and clock, `Z` at the end, the
milliseconds only where they were written. RFC 3339 needs seconds, so a time known to the
minute is written at `:00` and goes with its precision (`minute`), never alone. A date or a
month has no instant (its day begins at another instant in every zone): it has no UTC form.
"""

from __future__ import annotations

from data.times.display_bulk import BulkShow
from data.times.parse import Precision, When
from data.times.shapes import Times

PRECISION_NAMES: dict[Precision, str] = {
    precision: precision.name.lower() for precision in Precision
}
"""`Precision.MINUTE` -> `"minute"`: how a precision is written in the exports."""

_SHEET = BulkShow("UTC", sheet=True)


def utc_cells(times: Times) -> list[str]:
    """Each time in UTC in `display_bulk.SHEET_FORM` (`2021-04-09 07:42:41.000`), the CSV's
    `utc` cells; a date or a month as its first day at 00:00 as stated."""
    return _SHEET.cells(times)


UtcForm = tuple[str, str]
"""A time's UTC form and its precision: `("2021-10-17T04:35:00Z", "minute")`."""


def utc_forms(times: Times) -> list[UtcForm | None]:
    """Each time in UTC as RFC 3339 (`2021-10-05T08:55:02.442Z`; `2021-10-17T04:35:00Z` for
    a time written to the minute) with its precision; `None` for a date or a month."""
    # The date and clock of each of `utc_cells` (the clock to the millisecond), before they
    # are joined into a cell: laid out again without making the cell.
    if not times.millis:
        return []
    dates, clocks, _ = _SHEET._local(times)
    names, millisecond = PRECISION_NAMES, Precision.MILLISECOND
    return [
        None
        if shape.dated
        else (
            f"{day}T{clock}Z" if shape.precision is millisecond else f"{day}T{clock[:8]}Z",
            names[shape.precision],
        )
        for day, clock, shape in zip(dates, clocks, times.shapes, strict=True)
    ]


def utc_form(when: When) -> UtcForm | None:
    """One time's UTC form and precision (see `utc_forms`)."""
    return utc_forms(Times.of([when.text], [when.instant.timestamp()]))[0]
