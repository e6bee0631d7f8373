"""Finding events: text search in every spelling, and filter expressions."""
