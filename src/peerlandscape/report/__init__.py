"""A findings report to share: one self-contained HTML file of a study's framework and quotes.

:func:`render_report` returns it as text, :func:`write_report` writes it. The
file needs no network and no script: the thematic map (drawn when the
``plot`` extra is installed) and the style sheet are inline. It shows each
theme and sub-theme with its description, the quotes grouped by stakeholder
group with participant labels, and who voiced what; it reads on a phone,
prints one theme to a page, and is built for screen readers (headings,
landmarks, a text alternative for the map). Like every writer of a file for
others, it refuses text that identifies a person unless
``allow_identifying=True``.

Examples
--------
>>> import peerlandscape as pl
>>> from peerlandscape.report import render_report
>>> page = render_report(pl.datasets.engdahl2025())
>>> '<h3 id="section-3-3">Mitigating Peer Drifting' in page
True
"""

from peerlandscape import _public
from peerlandscape.report._render import render_report, write_report

__all__ = ["render_report", "write_report"]

_public.publish(__name__)
