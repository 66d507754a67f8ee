"""Tables of a study as pandas DataFrames: quotes, codings, participants, presence, support.

One function per table, each taking the study first and returning a
:class:`pandas.DataFrame` whose columns its docstring lists (name, dtype,
meaning). Objects are named by id, in categorical columns whose categories are
the study's objects in study order. The counts come from the queries
and :attr:`Study.index <peerlandscape.Study.index>`, so a table and a query
never disagree.

Every function takes ``labels``, a keyword, ``True`` by default: whether each
id column is followed by the object's label, in a column of the same name
ending in ``_label`` (``participant_id`` by ``participant_label``). A
function's column list marks the columns it adds *labels*.

Needs pandas, an optional extra: ``pip install 'peerlandscape[tables]'``;
without it, each function raises :class:`~peerlandscape.MissingDependencyError`.

Examples
--------
>>> import peerlandscape as pl
>>> from peerlandscape import tables
>>> study = pl.datasets.engdahl2025()
>>> tables.quotes(study).columns[:4].tolist()
['quote_id', 'text', 'interview_id', 'interview_label']
"""

from peerlandscape import _public
from peerlandscape.tables._codings import codings
from peerlandscape.tables._cooccurrence import cooccurrence
from peerlandscape.tables._participants import participants
from peerlandscape.tables._presence import code_presence
from peerlandscape.tables._quotes import quotes
from peerlandscape.tables._support import support

__all__ = ["code_presence", "codings", "cooccurrence", "participants", "quotes", "support"]

_public.publish(__name__)
