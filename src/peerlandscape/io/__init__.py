"""Reading and writing study documents.

One module per format: :mod:`peerlandscape.io._json` for the library's own
JSON documents (REFI-QDA lives in :mod:`peerlandscape.refi`).
"""

from peerlandscape import _public
from peerlandscape.io._json import (
    json_schema,
    read_json,
    study_from_dict,
    study_from_json,
    write_json,
)
from peerlandscape.io._migrate import identify_version, migrate

__all__ = [
    "identify_version",
    "json_schema",
    "migrate",
    "read_json",
    "study_from_dict",
    "study_from_json",
    "write_json",
]

_public.publish(__name__)
