"""The thresholds and switches of validation, in one immutable value."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

from peerlandscape.validation._report import Severity

__all__ = ["ValidationOptions"]


def _severities(value: Mapping[str, Severity | str]) -> Mapping[str, Severity]:
    # Accept plain strings ("info") and freeze the mapping so that options stay immutable.
    return MappingProxyType({str(code): Severity(level) for code, level in value.items()})


_count = [attrs.validators.instance_of(int), attrs.validators.ge(0)]


@attrs.frozen(kw_only=True)
class ValidationOptions:
    """Thresholds and switches for :func:`~peerlandscape.validation.validate`.

    Every number a rule compares against lives here, with its default, so
    that a rule never hides a constant. All arguments are keyword-only.

    Parameters
    ----------
    min_subthemes_per_theme
        A theme with fewer sub-themes than this draws ``theme-too-few-subthemes``.
        Default 2: a theme with a single sub-theme is that sub-theme under
        another name (Braun & Clarke's "thin" theme). 0 turns the check off.
    min_participants_per_subtheme
        A sub-theme with data from fewer distinct known participants than this
        draws ``subtheme-few-participants``. Default 2: a pattern of shared
        meaning needs more than one voice. 0 turns the check off.
    fold_whitespace_in_quote_match
        When comparing a quote with the source text at its span
        (``quote-text-mismatch``), treat every run of whitespace as one space
        and ignore leading and trailing whitespace. Default ``True``: papers
        and exports re-wrap lines, which changes whitespace but not words.
    severities
        Severity overrides by rule code, e.g. ``{"participant-without-quotes": "warning"}``.
        Default: none, every rule keeps its documented severity. Codes are
        checked by :func:`~peerlandscape.validation.validate`.

    Examples
    --------
    >>> options = ValidationOptions(min_participants_per_subtheme=3)
    >>> options.min_participants_per_subtheme, options.min_subthemes_per_theme
    (3, 2)
    >>> ValidationOptions(severities={"duplicate-label": "info"}).severities["duplicate-label"]
    <Severity.INFO: 'info'>
    >>> ValidationOptions(min_subthemes_per_theme=-1)
    Traceback (most recent call last):
    ...
    ValueError: 'min_subthemes_per_theme' must be >= 0: -1
    """

    min_subthemes_per_theme: int = attrs.field(default=2, validator=_count)
    min_participants_per_subtheme: int = attrs.field(default=2, validator=_count)
    fold_whitespace_in_quote_match: bool = attrs.field(
        default=True, validator=attrs.validators.instance_of(bool)
    )
    # A mapping is not hashable; leaving it out of the hash keeps the options hashable.
    severities: Mapping[str, Severity] = attrs.field(
        factory=dict, converter=_severities, hash=False
    )
