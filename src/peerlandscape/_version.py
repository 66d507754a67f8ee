"""The installed version, in a module of its own: importlib.metadata is slow to import."""

from importlib import metadata

__all__ = ["__version__"]

try:
    __version__ = metadata.version("peerlandscape")
except metadata.PackageNotFoundError:  # pragma: no cover - only when run from an uninstalled tree
    __version__ = "0+unknown"
