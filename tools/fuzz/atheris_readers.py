r"""Coverage-guided fuzzing of one reader with atheris (libFuzzer for Python), for long runs.

The Hypothesis suite in ``tests/fuzz`` mutates documents with a knowledge of their
shape and runs in CI; this drives the same readers from raw bytes, guided by the
code coverage of ``peerlandscape``, for as long as it is left to run. Any
exception other than a :class:`~peerlandscape.PeerLandscapeError` is a crash:
libFuzzer stops, prints the traceback and saves the input as ``crash-<sha1>``.

Usage (``pip install 'peerlandscape[fuzz]'``, which installs atheris; Linux or
macOS, CPython 3.11+)::

    python tools/fuzz/atheris_readers.py --seeds corpus/json json
    python tools/fuzz/atheris_readers.py json corpus/json -timeout=5 -rss_limit_mb=2048 \\
        -max_len=1048576 -runs=10000

The first line writes a seed corpus (the built-in study in the reader's format, and
the REFI-QDA samples of ``../shared/refi/samples`` where they exist); the second
fuzzes ``read_json`` from it. Everything after the reader is given to libFuzzer
(``-runs``, ``-max_total_time``, ``-jobs``, ``-timeout``, a corpus folder; see
https://llvm.org/docs/LibFuzzer.html#options). Reproduce a crash with
``python tools/fuzz/atheris_readers.py json crash-<sha1>``.

Readers: ``json`` (:func:`~peerlandscape.read_json`), ``graphml``, ``node-link``
(each then through :func:`~peerlandscape.from_networkx`), ``csv`` and ``xlsx``
(:func:`~peerlandscape.read_table`), ``qdc``, ``qdpx`` and ``qde``
(:func:`~peerlandscape.read_qdc`, :func:`~peerlandscape.read_qdpx`), ``mapping``
(:meth:`~peerlandscape.refi.ImportMapping.from_json_file`).
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import atheris  # type: ignore[import-untyped]  # atheris ships no type information

with atheris.instrument_imports(include=["peerlandscape"]):
    # The package loads its layers when first used: each is imported here, so that it is
    # instrumented for coverage.
    import peerlandscape as pl
    import peerlandscape.graph._build
    import peerlandscape.readwrite._graphml
    import peerlandscape.readwrite._json
    import peerlandscape.readwrite._node_link
    import peerlandscape.readwrite._table
    import peerlandscape.refi
    from peerlandscape.refi import ImportMapping

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT.parent / "shared" / "refi" / "samples"


def _graph(read: Callable[[Path], Any]) -> Callable[[Path], object]:
    return lambda path: pl.from_networkx(read(path))


# Reader name: (file suffix, the call made on the file).
READERS: dict[str, tuple[str, Callable[[Path], object]]] = {
    "json": (".json", pl.read_json),
    "graphml": (".graphml", _graph(pl.read_graphml)),
    "node-link": (".json", _graph(pl.read_node_link)),
    "csv": (".csv", pl.read_table),
    "xlsx": (".xlsx", pl.read_table),
    "qdc": (".qdc", pl.read_qdc),
    "qdpx": (".qdpx", pl.read_qdpx),
    "qde": (".qde", pl.read_qdpx),
    "mapping": (".json", ImportMapping.from_json_file),
}


def write_seeds(reader: str, folder: Path) -> None:
    """Write the seed corpus of ``reader`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    study = pl.datasets.engdahl2025()
    suffix = READERS[reader][0]
    target = folder / f"engdahl2025{suffix}"
    if reader == "json":
        pl.write_json(study, target)
    elif reader == "graphml":
        pl.write_graphml(pl.to_networkx(study), target)
    elif reader == "node-link":
        pl.write_node_link(pl.to_networkx(study), target)
    elif reader in {"csv", "xlsx"}:
        pl.write_table(study, target)
    elif reader == "qdc":
        pl.write_qdc(study, target)
    elif reader in {"qdpx", "qde"}:
        pl.write_qdpx(study, folder / "engdahl2025.qdpx")
    elif reader == "mapping":
        target.write_text('{"levels": "auto", "theme_sets": ["Themes"], "reference": null}')
    real = suffix if reader != "qde" else ".qdpx"
    for sample in sorted(SAMPLES.glob(f"*{real}")) if SAMPLES.exists() else []:
        shutil.copyfile(sample, folder / sample.name)


def fuzz(reader: str, libfuzzer_arguments: list[str]) -> None:
    """Run libFuzzer on ``reader`` with ``libfuzzer_arguments``; return only if it stops."""
    suffix, read = READERS[reader]
    path = Path(tempfile.mkdtemp(prefix="atheris-")) / f"input{suffix}"

    def one_input(data: bytes) -> None:
        path.write_bytes(data)
        # What a reader is meant to raise on bad input; anything else is a crash.
        with contextlib.suppress(pl.PeerLandscapeError):
            read(path)

    atheris.Setup([sys.argv[0], *libfuzzer_arguments], one_input)
    atheris.Fuzz()


def main() -> None:
    """Parse the command line; write seeds or fuzz."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, help="write the seed corpus here and exit")
    parser.add_argument("reader", choices=sorted(READERS))
    arguments, rest = parser.parse_known_args()
    if arguments.seeds is not None:
        write_seeds(arguments.reader, arguments.seeds)
        return
    fuzz(arguments.reader, rest)


if __name__ == "__main__":
    main()
