"""The mission data layer: records, loading, the event store, times, facts, queries, exports.

Nothing in this package imports Textual (tests/test_import_hygiene.py asserts it).
"""
