"""misp_module: threat-intelligence reports to MISP events (read → extract → build → deliver)."""

__version__ = "0.1.0"
