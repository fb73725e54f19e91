"""A MISP 2.5.1 test double over HTTP, built from ../shared/misp-recordings/, for the real PyMISP client."""

from .model import MispModel, Permissions
from .server import Fault, LoggedRequest, MispDouble

__all__ = ["Fault", "LoggedRequest", "MispDouble", "MispModel", "Permissions"]
