"""Build stage: `Report` + `Findings` → a `pymisp.MISPEvent` with deterministic UUIDs."""
