"""Render a study's findings report, and write it to a file: the report's public functions."""

from __future__ import annotations

import os
from pathlib import Path

from peerlandscape._version import __version__
from peerlandscape.models import Study
from peerlandscape.privacy._sharing import refuse_identifying_study
from peerlandscape.privacy._texts import StudyText
from peerlandscape.readwrite._atomic import atomic_write_text
from peerlandscape.report._content import gather
from peerlandscape.report._document import document
from peerlandscape.report._map import drawn_map, map_description, outline, with_text_alternative

__all__ = ["render_report", "write_report"]


def render_report(
    study: Study,
    *,
    include_memos: bool = False,
    include_coders: bool = False,
    allow_identifying: bool = False,
) -> str:
    """Return the findings report of ``study``: one self-contained HTML document.

    The report holds the thematic map, each theme and sub-theme with its
    description, the quotes under each sub-theme grouped by stakeholder group
    and captioned with the participant's label and group, and who voiced what
    (the groups heard in the quotes beside those the study names). It needs
    nothing from the network and no script: the style sheet and the map are
    inline. The map is drawn when matplotlib is installed (the ``plot``
    extra); without it, the framework is shown as a nested list.

    People appear by their pseudonymous labels only. The analysts' memos and
    the coders' labels are left out unless asked for.

    Parameters
    ----------
    study
        The study.
    include_memos
        Show the analysts' memos, each beside what it is about.
    include_coders
        Show the coders: who coded each quote, who wrote each memo.
    allow_identifying
        Render even if the texts the report holds identify a person.

    Returns
    -------
    str
        The HTML document.

    Raises
    ------
    IdentifyingDataError
        If a text the report would hold identifies a person (a name, an
        identity number, an e-mail address), unless ``allow_identifying``.
    MissingDependencyError
        If phonenumbers (the ``privacy`` extra), which the check needs, is
        missing and ``allow_identifying`` is false.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> page = render_report(pl.datasets.engdahl2025())
    >>> page.startswith("<!DOCTYPE html>"), page.count('<section class="subtheme"')
    (True, 12)
    >>> "<script" in page
    False
    """
    return _page(study, include_memos, include_coders, allow_identifying, "render_report")


def _page(study: Study, memos: bool, coders: bool, allowed: bool, where: str) -> str:
    """Return the report, refused for identifying text in what it holds; ``where`` names it."""
    content = gather(study, memos=memos, coders=coders)

    def held(text: StudyText) -> bool:
        return (text.ref, text.field) in content.texts

    refuse_identifying_study(study, where=where, allowed=allowed, part=held)
    svg = drawn_map(study)
    if svg is not None:
        title = f"Thematic map of {content.title}"
        svg = with_text_alternative(svg, title, map_description(content))
    return document(content, svg=svg, outline=outline(content), version=__version__)


def write_report(
    study: Study,
    path: str | os.PathLike[str],
    *,
    include_memos: bool = False,
    include_coders: bool = False,
    allow_identifying: bool = False,
) -> Path:
    """Write the findings report of ``study`` (see :func:`render_report`) to ``path``.

    The file is written atomically: a reader sees the old file or the new
    one, whole. Nothing is written when the report is refused.

    Parameters
    ----------
    study
        The study.
    path
        The HTML file to write (``findings.html``).
    include_memos, include_coders, allow_identifying
        As for :func:`render_report`.

    Returns
    -------
    Path
        The path written.

    Raises
    ------
    IdentifyingDataError
        As :func:`render_report`; the error names ``path``.
    WriteError
        If the file cannot be written (see :func:`peerlandscape.write_json`).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> import peerlandscape as pl
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_report(pl.datasets.engdahl2025(), pathlib.Path(folder) / "findings.html")
    ...     path.name, path.stat().st_size > 10_000
    ('findings.html', True)
    """
    target = Path(path)
    page = _page(study, include_memos, include_coders, allow_identifying, str(target))
    return atomic_write_text(target, page)
