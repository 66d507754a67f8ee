"""Write the JSON Schema of a study document to ``docs/schema/study-<version>.schema.json``.

Run from anywhere, after a change to the models::

    python docs/schema/generate.py

``tests/test_json_schema.py`` fails while the committed file differs from
:func:`peerlandscape.json_schema`.
"""

from __future__ import annotations

import json
from pathlib import Path

import peerlandscape as pl

SCHEMA_FILE = Path(__file__).with_name(f"study-{pl.SCHEMA_VERSION}.schema.json")


def render() -> str:
    """Return the schema exactly as it is committed."""
    return json.dumps(pl.json_schema(), indent=2, sort_keys=False) + "\n"


def main() -> None:
    """Write the schema file and say where."""
    SCHEMA_FILE.write_text(render(), encoding="utf-8")
    print(f"wrote {SCHEMA_FILE}")


if __name__ == "__main__":
    main()
