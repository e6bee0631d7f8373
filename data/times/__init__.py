"""Mission times: parsing them (strictly, or fast in bulk) and showing them in a zone."""
