"""The project's exception types: every message names the file or key, the value and what to do."""


class MispReportError(Exception):
    """Base class of every error a user can act on; never shown with a traceback."""


class ReportError(MispReportError):
    """A report cannot be converted (empty, binary, too large, no recognisable content)."""


class TemplateError(MispReportError):
    """A report template is missing or invalid."""


class ConfigError(MispReportError):
    """A configuration file or option is invalid."""
