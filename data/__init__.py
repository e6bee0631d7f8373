"""The mission data layer: records, loading, the event store, times, facts, queries, exports.

Nothing in this package imports Textual (tests/test_import_hygiene.py asserts it).
"""

__version__ = "0.1.0"
"""The app's version (the package's, through pyproject.toml), shown by --version and part of
the key of a large mission's cache."""
