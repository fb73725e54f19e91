"""Read stage: bytes of a report file → a `Report` with its sections and their roles."""
