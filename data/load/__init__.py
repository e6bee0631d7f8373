"""Reading mission files into a `Mission`: parsing, converting against the schema, checking."""
