"""A mission held as a compact store (JSON Lines) exports exactly as the same mission held
as a tuple of events (JSON): the store's fast paths change nothing in the output."""

import importlib.util
import io
from pathlib import Path

import pytest

from data.export import export, make_options
from data.loader import load_mission
from data.model import Mission
from data.store import EventStore

ROOT = Path(__file__).parent.parent.parent
_spec = importlib.util.spec_from_file_location("generate", ROOT / "bench" / "generate.py")
assert _spec is not None and _spec.loader is not None
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)


@pytest.fixture(scope="module")
def missions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Mission, Mission]:
    folder = tmp_path_factory.mktemp("export-store")
    for form in ("json", "jsonl"):
        with (folder / f"m.{form}").open("w", encoding="utf-8") as out:
            generate.write_mission(out, 1500, form, seed=3)
    store, plain = load_mission(folder / "m.jsonl"), load_mission(folder / "m.json")
    assert isinstance(store.events, EventStore) and isinstance(plain.events, tuple)
    return store, plain


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
