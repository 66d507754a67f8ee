"""Replication: a study compared with the framework it was coded against.

A team that codes its own data against a published framework (importing
its project with ``reference="engdahl2025"``) asks which of the framework's
sub-themes it finds, how strongly, from which stakeholder groups, and what it
found that the framework has no place for. :func:`replicate` answers, as a
:class:`Replication`: a table (``to_pandas()``) and a short text (``summary()``).

Examples
--------
>>> import peerlandscape as pl
>>> from peerlandscape.replication import replicate
>>> replicate(pl.datasets.engdahl2025())
<Replication of engdahl2025 in engdahl2025: 12 of 12 sub-themes found, 0 additions>
"""

from peerlandscape import _public
from peerlandscape.replication._replicate import replicate
from peerlandscape.replication._results import Addition, Replication, SubthemeReplication

__all__ = ["Addition", "Replication", "SubthemeReplication", "replicate"]

_public.publish(__name__)
