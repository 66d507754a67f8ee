"""Optional dependencies: imported when a feature first needs them, or an error naming the extra.

lxml (REFI-QDA files) and pandas (tables) are extras of the package, not
requirements. A feature that needs one imports it through :func:`require`,
which raises :class:`~peerlandscape.MissingDependencyError` with the command
that installs it, rather than a bare :class:`ModuleNotFoundError`.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from peerlandscape._exceptions import MissingDependencyError

__all__ = ["require"]


def require(package: str, *, extra: str, needed_for: str) -> ModuleType:
    """Import ``package`` and return it, or raise an error that says how to install it.

    Parameters
    ----------
    package
        The module to import (``"lxml"``).
    extra
        The extra of peerlandscape that installs it (``"refi"``).
    needed_for
        What needs it, as the start of a sentence (``"reading and writing REFI-QDA files"``).

    Returns
    -------
    ModuleType
        The imported module.

    Raises
    ------
    MissingDependencyError
        If ``package`` cannot be imported.

    Examples
    --------
    >>> require("json", extra="none", needed_for="this example").__name__
    'json'
    >>> try:
    ...     require("nopkg", extra="demo", needed_for="a demo")
    ... except MissingDependencyError as exc:
    ...     print(exc)
    ...     print(exc.package, exc.extra)
    a demo needs nopkg, which is not installed: pip install 'peerlandscape[demo]'
    nopkg demo
    """
    try:
        return importlib.import_module(package)
    except ImportError as exc:
        top = package.partition(".")[0]
        name = exc.name or ""
        missing = isinstance(exc, ModuleNotFoundError) and name.partition(".")[0] == top
        # A package that is there but fails to import (a broken build) says why.
        state = "which is not installed" if missing else f"which cannot be imported ({exc})"
        raise MissingDependencyError(
            f"{needed_for} needs {package}, {state}: pip install 'peerlandscape[{extra}]'",
            package,
            extra,
        ) from exc
