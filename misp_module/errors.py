"""The project's exception types: every message names the file or key, the value and what to do."""


class MispReportError(Exception):
    """Base class of every error a user can act on; never shown with a traceback."""


class ReportError(MispReportError):
    """A report cannot be converted (empty, binary, too large, no recognisable content). Its message is
    "NAME: REASON", naming the report once; `reason` alone serves a caller that names the report itself
    (the sync's summary lists failures by the report's path in the repository)."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(name, reason)  # both in args: the error survives pickling between processes
        self.name, self.reason = name, reason

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}" if self.name else self.reason


class TemplateError(MispReportError):
    """A report template is missing or invalid."""


class ConfigError(MispReportError):
    """A configuration file or option is invalid."""
