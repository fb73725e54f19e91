"""Deliver stage: the edges (CLI, misp-modules shims, sync runner); all file and network I/O lives here."""
