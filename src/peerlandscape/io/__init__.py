"""Reading and writing JSON study documents, under the names they had before ``readwrite``.

Every file format now lives in :mod:`peerlandscape.readwrite`, named as
networkx names its own; this module keeps the JSON names that code written
before it uses. :func:`study_from_json` and :func:`study_from_dict` are
:func:`~peerlandscape.parse_json` and :func:`~peerlandscape.from_dict` (the
same functions, not copies); the rest are the readwrite functions themselves.

Examples
--------
>>> import peerlandscape as pl
>>> pl.io.study_from_json is pl.parse_json, pl.io.read_json is pl.read_json
(True, True)
"""

from peerlandscape import _public
from peerlandscape.models import SCHEMA_VERSION
from peerlandscape.readwrite import from_dict as study_from_dict
from peerlandscape.readwrite import identify_version, json_schema, migrate, read_json, write_json
from peerlandscape.readwrite import parse_json as study_from_json

__all__ = [
    "SCHEMA_VERSION",
    "identify_version",
    "json_schema",
    "migrate",
    "read_json",
    "study_from_dict",
    "study_from_json",
    "write_json",
]

_public.publish(__name__)
