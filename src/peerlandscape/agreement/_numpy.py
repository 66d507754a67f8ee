"""numpy, which every agreement statistic is computed with, or the error naming its extra.

The package imports this module before any other, so a missing numpy is
reported once, as :class:`~peerlandscape.MissingDependencyError` naming the
``analysis`` extra, rather than as a bare :class:`ModuleNotFoundError`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from peerlandscape._optional import require

__all__ = ["np"]

if TYPE_CHECKING:
    import numpy as np
else:
    np = require("numpy", extra="analysis", needed_for="agreement between coders")
