"""A mission held as a compact store (JSON Lines) exports exactly as the same mission held
as a tuple of events (JSON): the store's fast paths change nothing in the output."""

import io

import pytest

from data.export import export, make_options
from data.model import Mission
from tests.generated import both_forms


@pytest.fixture(scope="module")
def missions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Mission, Mission]:
    return both_forms(tmp_path_factory.mktemp("export-store"), 1500, seed=3)


@pytest.mark.parametrize("format_name", ["text", "md", "csv"])
@pytest.mark.parametrize("filter_text", [None, "kind:eva,docking", "phase:exp-02"])
def test_store_and_tuple_export_the_same(
    missions: tuple[Mission, Mission], format_name: str, filter_text: str | None
) -> None:
    outputs = []
    for mission in missions:
        out = io.StringIO(newline="")
        export(mission, format_name, make_options(mission, filter_text=filter_text), out)
        outputs.append(out.getvalue())
    store_output, plain_output = outputs
    assert store_output == plain_output
    assert store_output.count("\n") > 20
