"""Reading an exported picture back: the SVG's texts by role, its markers, a PNG's size."""

from __future__ import annotations

import io
import struct
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from data.export import export, make_options
from data.model import Mission

SVG = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def render(mission: Mission, format_name: str = "svg", **options: object) -> bytes:
    """The picture of `mission` as the export writes it, with `make_options(**options)`."""
    data = io.BytesIO()
    out = io.TextIOWrapper(data, encoding="utf-8", newline="")
    export(mission, format_name, make_options(mission, one_zone=True, **options), out)  # type: ignore[arg-type]
    out.flush()
    return data.getvalue()


@dataclass(frozen=True)
class Text:
    """A text of the SVG: its group's id (`tick-12`, `marker-3`), x and the text."""

    id: str
    x: float
    text: str

    @property
    def role(self) -> str:
        """`tick`, `major-tick`, `lane`, `phase`, `marker`, ...: the id without its number."""
        return self.id.rsplit("-", 1)[0]


@dataclass(frozen=True)
class Picture:
    """An SVG picture read back with xml.etree."""

    root: ET.Element
    texts: list[Text]

    def of(self, *roles: str) -> list[str]:
        """The texts of these roles, in drawing order."""
        return [text.text for text in self.texts if text.role in roles]

    def markers(self) -> dict[int, Text]:
        """The markers' glyphs (`●` or a count) by the index of their first instant."""
        return {
            int(text.id.removeprefix("marker-")): text
            for text in self.texts
            if text.id.startswith("marker-")
        }

    @property
    def background(self) -> str:
        """The fill of the figure's background."""
        patch = self.root.find(f".//{SVG}g[@id='patch_1']/{SVG}path")
        assert patch is not None
        return patch.attrib["style"].removeprefix("fill: ")


def read_svg(data: bytes) -> Picture:
    """Parse an SVG; every text with the id of the group it is drawn in."""
    root = ET.fromstring(data)
    texts = []
    for group in root.iter(f"{SVG}g"):
        for element in group.findall(f"{SVG}text"):
            texts.append(Text(group.attrib["id"], float(element.attrib["x"]), element.text or ""))
    return Picture(root, texts)


def png_size(data: bytes) -> tuple[int, int]:
    """A PNG's width and height, from its header (after checking it is a PNG)."""
    assert data[:8] == PNG_SIGNATURE and data[12:16] == b"IHDR", data[:16]
    width, height = struct.unpack(">II", data[16:24])
    return width, height
