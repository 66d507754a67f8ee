"""``peerlandscape graph``: the study as a graph file, or its thematic map as a diagram.

Two kinds of output. GraphML and node-link JSON hold the whole study graph of
:func:`peerlandscape.to_networkx` (every object a node, every reference an
edge) and are written to a file. Mermaid and DOT hold the thematic map
(overarching theme, themes, sub-themes, with quote counts) and are text, so
they can also go to standard output. Either way one line on standard error
says what was written, with its node and edge counts, so that standard
output carries nothing but the diagram.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from peerlandscape._exceptions import IdentifyingDataError
from peerlandscape._limits import Limits
from peerlandscape.cli._common import (
    CommandError,
    load_study,
    printable,
    terminal_width,
)
from peerlandscape.cli._options import limits_option, study_argument
from peerlandscape.cli._privacy import allow_identifying_option, refusal

if TYPE_CHECKING:
    from peerlandscape.models import Study

__all__ = ["FORMATS", "graph", "map_size"]

FORMATS = {
    "graphml": "GraphML",
    "json": "node-link JSON",
    "mermaid": "Mermaid",
    "dot": "Graphviz DOT",
}
"""The formats ``--format`` accepts, and their names in the confirmation line."""

_FILE_ONLY = ("graphml", "json")
_STDOUT = "-"


def map_size(study: Study) -> tuple[int, int]:
    """Return the numbers of nodes and edges of the thematic map that Mermaid and DOT draw.

    Nodes: the overarching theme (if any), the themes and the sub-themes.
    Edges: overarching theme to each theme (if there is one), and theme to
    each of its sub-themes.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> map_size(pl.datasets.engdahl2025())
    (17, 16)
    """
    top = 1 if study.overarching_theme is not None else 0
    nodes = top + len(study.themes) + len(study.subthemes)
    edges = top * len(study.themes) + len(study.subthemes)
    return nodes, edges


def _nodes_and_edges(nodes: int, edges: int) -> str:
    return f"{nodes} node{'' if nodes == 1 else 's'} and {edges} edge{'' if edges == 1 else 's'}"


def _write_graph(study: Study, output_format: str, destination: Path, *, allow: bool) -> str:
    """Write the study graph to ``destination``; return what was written, for the report."""
    # The graph layer pulls networkx, so it loads when a graph is written, not for --help.
    from peerlandscape.graph import to_networkx  # noqa: PLC0415
    from peerlandscape.readwrite import write_graphml, write_node_link  # noqa: PLC0415

    study_graph = to_networkx(study)
    writer = write_graphml if output_format == "graphml" else write_node_link
    writer(study_graph, destination, allow_identifying=allow)
    size = _nodes_and_edges(study_graph.number_of_nodes(), study_graph.number_of_edges())
    return f"the study graph ({size})"


def _write_map(study: Study, output_format: str, destination: Path | None, *, allow: bool) -> str:
    """Write the thematic map to ``destination``, or to standard output if ``None``."""
    from peerlandscape.readwrite import generate_dot, generate_mermaid  # noqa: PLC0415
    from peerlandscape.readwrite._atomic import atomic_write_text  # noqa: PLC0415

    generate = generate_mermaid if output_format == "mermaid" else generate_dot
    text = generate(study, allow_identifying=allow)
    if destination is None:
        click.echo(text, nl=False)
    else:
        atomic_write_text(destination, text)
    return f"the thematic map ({_nodes_and_edges(*map_size(study))})"


@click.command("graph")
@study_argument
@click.option(
    "--format",
    "output_format",
    type=click.Choice(tuple(FORMATS)),
    required=True,
    help="graphml or json (node-link): the whole study graph, to a file; "
    "mermaid or dot: the thematic map, as text.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, allow_dash=True),
    default=None,
    metavar="FILE",
    help="File to write; '-' or none writes mermaid and dot to standard output.",
)
@allow_identifying_option
@limits_option
def graph(
    *,
    path: Path | None,
    limits: Limits,
    output_format: str,
    output: Path | None,
    allow_identifying: bool,
) -> None:
    """Write the study as a graph file or its thematic map as text.

    GraphML and node-link JSON (networkx reads both back) hold every object
    of the study as a node and every reference as an edge; they need -o FILE.
    Mermaid and DOT draw the thematic map: overarching theme, themes and
    sub-themes, each sub-theme with its number of quotes. A line on standard
    error confirms what was written, with its node and edge counts. A graph
    or map whose texts identify a person (a name, an identity number, an
    e-mail address) is refused unless --allow-identifying.

    PATH is a JSON study document; without it, the built-in study of
    Engdahl et al. (2025) is used.
    """
    destination = None if output is None or str(output) == _STDOUT else output
    if destination is not None and destination.is_dir():
        raise CommandError(f"{printable(str(destination))}: is a directory, not a file to write")
    if output_format in _FILE_ONLY and destination is None:
        raise CommandError(
            f"--format {output_format} writes a file: give it with -o FILE "
            "(only mermaid and dot can go to standard output)"
        )
    study = load_study(path, limits=limits)
    try:
        if output_format in _FILE_ONLY and destination is not None:
            written = _write_graph(study, output_format, destination, allow=allow_identifying)
        else:
            written = _write_map(study, output_format, destination, allow=allow_identifying)
    except IdentifyingDataError as error:
        where = "standard output" if destination is None else str(destination)
        raise refusal(error, where, terminal_width()) from None
    where = "standard output" if destination is None else printable(str(destination))
    click.echo(f"Wrote {written} as {FORMATS[output_format]} to {where}", err=True)
