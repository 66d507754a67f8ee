"""The error agreement statistics raise: data that cannot give the statistic asked for.

It is defined with the library's other exceptions (:mod:`peerlandscape._exceptions`), so that
the whole tree is in one place; the agreement modules import it from here.
"""

from __future__ import annotations

from peerlandscape._exceptions import AgreementDataError
from peerlandscape._exceptions import AgreementProblem as Problem

__all__ = ["AgreementDataError", "Problem"]
