"""The mission data layer: model, loading, time arithmetic, derived facts and exports.

Nothing in this package imports Textual (tests/test_import_hygiene.py asserts it).
"""
