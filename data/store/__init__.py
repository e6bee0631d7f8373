"""The compact event store: every mission's events, by column (see `data.store.events`)."""

from data.store.builder import StoreBuilder, store_of
from data.store.columns import CONFIDENCE_CODE, CONFIDENCES, KIND_CODE, KINDS, Columns, Extras
from data.store.events import (
    EventsById,
    EventSequence,
    EventStore,
    EventView,
    compact_position,
    phase_starts,
    store_and_indexes,
)
from data.store.text_column import TextColumn

__all__ = [
    "CONFIDENCES",
    "CONFIDENCE_CODE",
    "KINDS",
    "KIND_CODE",
    "Columns",
    "EventSequence",
    "EventStore",
    "EventView",
    "EventsById",
    "Extras",
    "StoreBuilder",
    "TextColumn",
    "compact_position",
    "phase_starts",
    "store_and_indexes",
    "store_of",
]
