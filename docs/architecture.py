"""Write ``docs/architecture.md``: the map of the package's modules, drawn from the code.

Each module is listed under its package with the first line of its docstring, so the map
changes when the code does, and only then: ``python docs/architecture.py`` rewrites the
page, and a test fails when the committed page differs from what this script writes.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "peerlandscape"
PAGE = ROOT / "docs" / "architecture.md"

INTRO = """\
# Architecture (for maintainers)

Users need only the public names (`import peerlandscape as pl`, `pl.refi`, `pl.graph`, ...):
the [API reference](api/index.md) describes them. This page is the map of the private
modules behind them, one concept per module, and is written by `python docs/architecture.py`
from each module's own docstring: edit the docstring, not this page.

## Layers

- `models/` knows nothing of files. Kinds and references are declared once, on the model
  fields (`models/_refs.py`: `Kind`, `Relation`, `RefersTo`); integrity checks, the graph,
  id look-ups and the REFI importer's renaming all read those declarations. The facts
  derived from a study are computed once per study in `models/_index.py` (`Study.index`).
- `readwrite/` holds every file format, one private module per format, named as networkx
  names them (`read_*`/`write_*` a file, `parse_*`/`generate_*` text): the JSON study
  document (`_json`, with the schema-version migration in `_migrate`), GraphML, node-link,
  Mermaid and DOT, the graph attribute codec and the atomic writer. It loads each format
  when first used. `io/` keeps the JSON names of before it, as the same functions.
- `queries/`, `validation/` and `_records.py` ask questions of a study, all through
  `Study.index`. The analysis layer builds on their answers: `tables/` gives each as a
  pandas DataFrame (the `tables` extra, imported when a table is made), `replication/`
  compares a study with a reference framework (`_reference.py`), `agreement/` measures
  how far coders agree (on raw data and on a study's codings; numpy, the `analysis` extra),
  `saturation/` follows
  what each interview adds (discovery, Guest et al. 2020) and reads a study's information
  power, `checklists/` holds reporting guidelines as data and says what a study answers.
- `plot/` draws the study for papers (matplotlib, the `plot` extra, imported when a figure
  is drawn), `report/` writes the findings as one HTML file to share, `_views.py` and
  `_html.py` are what a notebook shows, and `testing/` is the pytest plugin.
- `graph/` is the study as a networkx graph (`to_networkx`, `from_networkx`); it loads
  networkx when first used, and re-exports its files' functions from `readwrite/`.
- `refi/` is REFI-QDA interchange in three layers: `_parsing` (a file into frozen
  documents that mirror the standard, without trusting it), `_importing` (a document onto a
  study), `_exporting` (a study mapped once onto a document, then serialised, the mirror of
  the parser). Its readers and writers are also in `readwrite/`. It needs lxml, an optional
  extra, which `_optional.py` imports or reports as `MissingDependencyError`.
- `privacy/` finds what identifies a person in a study and replaces it with pseudonyms:
  one recogniser module per kind of identifying text, `_scan` combining them, `_texts`
  walking a study's free texts, `_pseudonymise` with the key (`_key`) kept apart. It needs
  phonenumbers (a dependency), imported when a text is first scanned; `_sharing` is the
  check every writer of a file for sharing runs.
- `cli/` is the command line, one module per command, each imported only when it runs.
"""


# A Sphinx role of a docstring (:func:`~peerlandscape.refi.write_qdc`), which Markdown would
# show as written: the page gives, as code, the text Sphinx would show.
_ROLE = re.compile(r":[a-z]+:`([^`]+)`")


def _role_text(match: re.Match[str]) -> str:
    content = match[1]
    if "<" in content:  # :attr:`Study.index <peerlandscape.Study.index>`
        return f"`{content.split('<', 1)[0].strip()}`"
    target = content.lstrip("!~")
    return f"`{target.rsplit('.', 1)[-1] if content.startswith('~') else target}`"


def _summary(path: Path) -> str:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    doc = ast.get_docstring(tree) or ""
    first = doc.strip().split("\n", 1)[0].strip() or "(no docstring)"
    return _ROLE.sub(_role_text, first)


def render() -> str:
    """Return the page."""
    lines = [INTRO]
    packages = sorted(
        {path.parent for path in PACKAGE.rglob("*.py") if "__pycache__" not in path.parts}
    )
    for package in packages:
        name = package.relative_to(PACKAGE.parent).as_posix().replace("/", ".")
        lines += ["", f"## `{name}`", "", "| module | what it holds |", "|---|---|"]
        for module in sorted(package.glob("*.py")):
            summary = _summary(module).replace("|", r"\|")
            lines.append(f"| `{module.stem}` | {summary} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    PAGE.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {PAGE.relative_to(ROOT)}\n")
