"""The CSV as spreadsheets and data-frame libraries read it: every time a date-time (in UTC
and in each zone asked, the zone's offset beside it), flags booleans, names intact, and the
byte-order mark only where a file starts.

LibreOffice Calc is run headless where it is installed (`soffice`); pandas and polars are
development dependencies and read the file with no format given.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd
import polars as pl
import pytest

from data.export import export, make_options
from data.export.csv_export import BOM, starts_a_file
from data.model import Mission

ZONES = ("Europe/Brussels", "stated")
ZONE_COLUMNS = ("Europe/Brussels", "as stated", "planned Europe/Brussels", "planned as stated")
TIME_COLUMNS = ("utc", "end_utc", "planned_utc", *ZONE_COLUMNS)


def csv_bytes(mission: Mission) -> bytes:
    out = io.StringIO(newline="")
    export(mission, "csv", make_options(mission, zones=ZONES), out)
    return out.getvalue().encode("utf-8")


def csv_rows(mission: Mission) -> list[dict[str, str]]:
    text = csv_bytes(mission).decode("utf-8").removeprefix(BOM)
    return list(csv.DictReader(io.StringIO(text, newline="")))


def expected_times(mission: Mission, column: str) -> list[datetime | None]:
    """The cells of a time column as the csv module reads them, as naive date-times."""
    rows = csv_rows(mission)
    return [datetime.fromisoformat(row[column]) if row[column] else None for row in rows]


_OFFSET = re.compile(r"([+-])(\d{2})(?::(\d{2}))?\)?$")


@pytest.mark.parametrize("name", ["demo", "bundled"])
def test_a_zone_cell_and_its_offset_give_the_utc_instant(
    name: str, request: pytest.FixtureRequest
) -> None:
    """The local date-time minus the offset beside it is the UTC cell, for every timed row;
    a date or month is the day as stated in every column."""
    mission: Mission = request.getfixturevalue(name)
    checked = 0
    for row in csv_rows(mission):
        for zone in ("Europe/Brussels", "as stated"):
            if row["precision"] in ("day", "month"):
                assert row[zone] == row["utc"]
                continue
            match = _OFFSET.search(row[f"{zone} offset"])
            assert match is not None, row[f"{zone} offset"]
            sign = -1 if match.group(1) == "-" else 1
            offset = sign * timedelta(hours=int(match.group(2)), minutes=int(match.group(3) or 0))
            local = datetime.fromisoformat(row[zone])
            assert local - offset == datetime.fromisoformat(row["utc"]), (row["id"], zone)
            checked += 1
    assert checked >= 10


@pytest.mark.parametrize("name", ["demo", "bundled"])
def test_pandas_reads_times_and_flags_without_options(
    name: str, request: pytest.FixtureRequest
) -> None:
    mission: Mission = request.getfixturevalue(name)
    frame = pd.read_csv(io.BytesIO(csv_bytes(mission)))
    assert frame.columns[0] == "id"
    for column in TIME_COLUMNS:
        parsed = pd.to_datetime(frame[column])
        assert [None if pd.isna(t) else t.to_pydatetime() for t in parsed] == expected_times(
            mission, column
        )
    assert frame["approximate"].dtype == bool and frame["planned_only"].dtype == bool


@pytest.mark.parametrize("name", ["demo", "bundled"])
def test_polars_reads_times_and_flags(name: str, request: pytest.FixtureRequest) -> None:
    mission: Mission = request.getfixturevalue(name)
    data = csv_bytes(mission)
    inferred = pl.read_csv(io.BytesIO(data), try_parse_dates=True, infer_schema_length=None)
    plain = pl.read_csv(io.BytesIO(data), infer_schema_length=None)
    assert inferred.columns[0] == "id"
    for column in TIME_COLUMNS:
        expected = expected_times(mission, column)
        if any(expected):
            assert inferred[column].dtype == pl.Datetime
        assert inferred[column].to_list() == expected
        assert plain[column].str.to_datetime().to_list() == expected
    assert plain["approximate"].dtype == pl.Boolean and plain["planned_only"].dtype == pl.Boolean


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_calc_reads_every_time_as_a_date(bundled: Mission, tmp_path: Path) -> None:
    """Converted by Calc's own CSV import (as its Text Import dialog does with "Detect special
    numbers" ticked and the character set left to it), every cell of the time columns is a
    date, flags are booleans, and the Cyrillic of the bundled mission comes back intact."""
    path = tmp_path / "mission.csv"
    path.write_bytes(csv_bytes(bundled))
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--infilter=CSV:44,34,,1,,1033,false,true",
            "--convert-to",
            "fods",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    rows = calc_rows(tmp_path / "mission.fods")
    header = [text for _, _, text in rows[0]]
    assert header[0] == "id"
    text = csv_bytes(bundled).decode("utf-8").removeprefix(BOM)
    expected = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == len(expected)
    for column in (*TIME_COLUMNS, "approximate", "planned_only"):
        index = header.index(column)
        assert any(written[index] for written in expected[1:]), column
        for row, written in zip(rows[1:], expected[1:], strict=True):
            kind, value, _ = row[index]
            if not written[index]:
                assert kind is None
            elif column in TIME_COLUMNS:
                assert kind == "date", (column, written[index])
                # Calc keeps a date-time as a fraction of a day, written to 1/100 s.
                gap = datetime.fromisoformat(value) - datetime.fromisoformat(written[index])
                assert abs(gap) < timedelta(milliseconds=10), (value, written[index])
            else:
                assert (kind, value) == ("boolean", written[index])
    for column in ("title", "stated", "Europe/Brussels offset", "as stated offset"):
        index = header.index(column)
        assert [row[index][2] for row in rows[1:]] == [row[index] for row in expected[1:]]
    stated = header.index("stated")
    assert any("итоги медкомиссии" in row[stated][2] for row in rows[1:])


_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def calc_rows(path: Path) -> list[list[tuple[str | None, str | None, str]]]:
    """The first sheet of a flat ODS file: each cell's value type, value and shown text."""
    root = ET.parse(path).getroot()
    table = root.find(f".//{{{_TABLE}}}table")
    assert table is not None
    rows = []
    for row in table.iter(f"{{{_TABLE}}}table-row"):
        cells: list[tuple[str | None, str | None, str]] = []
        for cell in row.iter(f"{{{_TABLE}}}table-cell"):
            kind = cell.get(f"{{{_OFFICE}}}value-type")
            value = cell.get(f"{{{_OFFICE}}}date-value") or cell.get(f"{{{_OFFICE}}}boolean-value")
            text = "\n".join("".join(p.itertext()) for p in cell.iter(f"{{{_TEXT}}}p"))
            repeat = int(cell.get(f"{{{_TABLE}}}number-columns-repeated", "1"))
            cells += [(kind, value, text)] * min(repeat, 64)
        rows.append(cells)
    while rows and not any(kind for kind, _, _ in rows[-1]):
        rows.pop()
    return rows


def test_the_mark_starts_a_file_only(tmp_path: Path) -> None:
    assert starts_a_file(io.StringIO())
    fresh = tmp_path / "new.csv"
    with fresh.open("w", encoding="utf-8", newline="") as out:
        assert starts_a_file(out)
    appended = tmp_path / "log.txt"
    appended.write_text("earlier line\n")
    with appended.open("a", encoding="utf-8", newline="") as out:
        assert not starts_a_file(out)
    reader, writer = os.pipe()
    os.close(reader)
    with os.fdopen(writer, "w", encoding="utf-8") as out:
        assert not starts_a_file(out)


def test_a_csv_file_starts_with_the_mark_and_a_pipe_gets_none(demo: Mission) -> None:
    assert csv_bytes(demo).startswith(b"\xef\xbb\xbfid,utc,")
    reader, writer = os.pipe()
    with os.fdopen(writer, "w", encoding="utf-8", newline="") as out:
        export(demo, "csv", make_options(demo), out)
    with os.fdopen(reader, "rb") as pipe:
        assert pipe.read(7) == b"id,utc,"
