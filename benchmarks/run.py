"""Measure the graph layer against plain-Python and plain-networkx baselines.

Run from the repository root::

    python benchmarks/run.py                      # 20k, 100k and 400k codings, best of 3
    python benchmarks/run.py --quick              # 20k only: a smoke run
    python benchmarks/run.py --output docs/performance.md

For each size of synthetic study (see ``benchmarks/synthetic.py``) every step
is timed beside its baseline in the same run, alternating the two, and the
best of ``--repeat`` wall times (:func:`time.perf_counter`) is kept, with the
best CPU time beside it. The machine is shared and noisy, so what matters is
the ratios, not the seconds. See ``docs/performance.md`` for what each row
means and why.

The exit status is 1 when the library's support matrix and the reference
disagree (timing two different answers proves nothing), else 0; missed
targets are reported as FAIL in the table.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import itertools
import os
import platform
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence, Sized
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

import networkx as nx
import pydantic
import pydantic_core
from _reporting import Timing, compare, git_revision, parse_sizes, rewrite_section
from synthetic import DEFAULT_SEED, ensure_document

import peerlandscape as pl
from peerlandscape.graph._build import Edge, study_edges, to_networkx
from peerlandscape.models import Study
from peerlandscape.models._integrity import integrity_errors

DEFAULT_SIZES = (20_000, 100_000, 400_000)
QUICK_SIZES = (20_000,)
START_MARK = "<!-- figures:start -->"
END_MARK = "<!-- figures:end -->"

TARGET_GRAPH = 1.5
"""to_networkx may take at most this many times a bare networkx build of the same edges."""
TARGET_SUPPORT = 2.0
"""support_matrix may take at most this many times the plain-Python reference."""
TARGET_VALIDATE = 2.0
"""validate may take at most this many times to_networkx."""
TARGET_GROWTH_PER_4X = 4.5
"""Four times the data may take at most this many times as long (linear, plus 12.5%).

Judged only between sizes four times apart (100k -> 400k by default)."""

MIN_TOTAL_SECONDS = 2.0
"""Quick steps are repeated beyond ``--repeat`` until they have run this long in all..."""
MAX_ROUNDS = 50
"""... or this many times."""

GroupSubtheme = tuple[str, str]


# --------------------------------------------------------------------------- library under test


@dataclass(frozen=True)
class Pending:
    """A library function that may not exist yet, and why it is missing if so."""

    function: Callable[..., Any] | None
    missing: str = ""


def _pending(module: str, name: str) -> Pending:
    try:
        return Pending(getattr(importlib.import_module(module), name))
    except Exception as exc:  # any failure to import means "not measurable yet", not a crash
        return Pending(None, f"{module}.{name}: {type(exc).__name__}: {exc}")


def _forget_caches(study: Study) -> None:
    # Study.index is a cached_property: without this, only the first repetition of a step
    # would pay for building it, and best-of-N would hide that cost from the user's first call.
    for klass in type(study).__mro__:
        for name, attribute in vars(klass).items():
            if isinstance(attribute, cached_property):
                study.__dict__.pop(name, None)


# ------------------------------------------------------------------------------------ baselines


def paused(step: Callable[[], object]) -> object:
    """Run ``step`` with the cyclic garbage collector paused, as the library's builders do.

    ``read_json`` and ``to_networkx`` pause it while they build (a third to a half of their
    time at 400k codings is the collector walking what they have built so far); the baselines
    run as a user's plain code would, with it running, and beside them with it paused, so
    that the table shows how much of each ratio is the pause.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return step()
    finally:
        if enabled:
            gc.enable()


def bare_graph_by_edge(edges: Iterable[Edge]) -> nx.MultiDiGraph[str]:
    """Build the same graph one ``add_edge`` call per edge, as ``to_networkx`` does.

    networkx's ``add_edges_from`` copies each attribute dict twice and finds each new edge
    again through three views; a loop of ``add_edge`` does neither, and is the faster way to
    the same graph. Shown beside the usual build, so that the library's gain from it is seen.
    """
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    add_edge = graph.add_edge
    for source, target, key, data in edges:
        add_edge(source, target, key, **data)
    return graph


def bare_graph(edges: Iterable[Edge]) -> nx.MultiDiGraph[str]:
    """Build a graph of precomputed edges and nothing else: the floor for to_networkx."""
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    # The stubs know (u, v) and (u, v, data) edges only; networkx also takes (u, v, key, data).
    graph.add_edges_from(edges)  # type: ignore[arg-type]
    return graph


def support_reference(study: Study) -> Counter[GroupSubtheme]:
    """Count distinct quotes per (stakeholder group, sub-theme), straightforwardly.

    A quote supports a sub-theme when it is coded with the sub-theme itself (a
    placement), or with a code or candidate theme that reaches it (through
    parent codes and candidate themes);
    its group is its participant's group. Each quote counts once per cell.
    """
    group_of = {p.id: p.group for p in study.participants}
    candidate_subtheme = {c.id: c.subtheme for c in study.candidate_themes}
    codes = {c.id: c for c in study.codes}

    def subtheme_of(code_id: str) -> str | None:
        code = codes[code_id]
        while True:  # the integrity check guarantees the parent chain ends
            if code.subtheme is not None:
                return code.subtheme
            if code.candidate_theme is not None:
                return candidate_subtheme[code.candidate_theme]
            if code.parent is None:
                return None
            code = codes[code.parent]

    code_subtheme = {code_id: subtheme_of(code_id) for code_id in codes}
    quote_group = {q.id: group_of[q.participant] for q in study.quotes if q.participant}
    supported: set[tuple[str, str, str]] = set()
    for coding in study.codings:
        # A coding applies a code, a candidate theme, a sub-theme (a placement) or a theme,
        # which supports no sub-theme.
        group = quote_group.get(coding.quote)
        if coding.subtheme is not None:
            subtheme: str | None = coding.subtheme
        elif coding.code is not None:
            subtheme = code_subtheme[coding.code]
        elif coding.candidate_theme is not None:
            subtheme = candidate_subtheme[coding.candidate_theme]
        else:
            subtheme = None
        if group is not None and subtheme is not None:
            supported.add((group, subtheme, coding.quote))
    return Counter((group, subtheme) for group, subtheme, _ in supported)


def _count(value: object) -> int:
    if isinstance(value, bool):
        raise TypeError("a bool is not a count")
    if isinstance(value, int):
        return value
    count = getattr(value, "count", None)
    if isinstance(count, int):
        return count
    if isinstance(value, Sized) and not isinstance(value, str):
        return len(value)  # the cell lists the quotes themselves
    raise TypeError(f"cannot read a count from {type(value).__name__}")


def counts_of(result: object, groups: set[str]) -> dict[GroupSubtheme, int]:
    """Read ``{(group, sub-theme): count}`` from a support matrix of any plausible shape.

    Accepted: a mapping keyed by ``(group, sub-theme)`` or ``(sub-theme, group)``
    pairs, a nested mapping in either orientation, or an object holding one of
    these in ``counts``/``cells``/``matrix``/``data``, or giving one through
    ``to_dict()``. Cells may be numbers, objects with an int ``count``, or
    collections of quotes. Zero cells are dropped.
    """
    if not isinstance(result, Mapping):
        for name in ("counts", "cells", "matrix", "data"):
            inner = getattr(result, name, None)
            if isinstance(inner, Mapping):
                return counts_of(inner, groups)
        to_dict = getattr(result, "to_dict", None)
        if callable(to_dict):
            return counts_of(to_dict(), groups)
        raise TypeError(f"unrecognised support matrix type {type(result).__name__}")
    cells: dict[GroupSubtheme, int] = {}
    for outer, value in result.items():
        if isinstance(outer, tuple) and len(outer) == 2:
            pairs: Iterable[tuple[Any, Any]] = [(outer, value)]
        elif isinstance(value, Mapping):
            pairs = (((outer, inner), cell) for inner, cell in value.items())
        else:
            raise TypeError(f"unrecognised support matrix entry {outer!r}: {value!r}")
        for (first, second), cell in pairs:
            key = (str(first), str(second)) if str(first) in groups else (str(second), str(first))
            if key[0] not in groups:
                raise TypeError(f"support matrix cell {(first, second)!r} names no group")
            if count := _count(cell):
                cells[key] = count
    return cells


# ---------------------------------------------------------------------------------------- timing


def _nothing() -> None:
    pass


def best_of(
    repeat: int, *steps: Callable[[], object], before: Callable[[], None] = _nothing
) -> list[Timing]:
    """Return the best times of each step, running the steps in turn ``repeat`` times.

    Alternating the steps spreads the noise of a shared machine over all of them.
    Steps that take well under a second get further rounds, until the steps have
    run for :data:`MIN_TOTAL_SECONDS` in all (as :meth:`timeit.Timer.autorange`
    does): the best of many short runs is far steadier than the best of three.
    Each result is dropped outside the timer, and the garbage collector is run
    before each step so that one step does not pay for another's garbage. A
    collection of the two younger generations ends each timing, so that a step
    that paused the collector pays for the walk over what it made, which it
    only put off (for a step that did not pause it, that collection is tiny). The
    process CPU time is kept beside the wall time: it leaves out most of the time
    other processes hold the CPU, so it shows how much of a ratio is noise.
    """
    wall = [float("inf")] * len(steps)
    cpu = [float("inf")] * len(steps)
    rounds, spent = 0, 0.0
    while rounds < repeat or (spent < MIN_TOTAL_SECONDS and rounds < MAX_ROUNDS):
        for position, step in enumerate(steps):
            before()
            gc.collect()
            start, start_cpu = time.perf_counter(), time.process_time()
            result = step()
            # A step that paused the collector left everything it made in the youngest
            # generations, which the collector walks at its next run: that walk is the step's.
            gc.collect(1)
            elapsed, elapsed_cpu = time.perf_counter() - start, time.process_time() - start_cpu
            del result
            wall[position] = min(wall[position], elapsed)
            cpu[position] = min(cpu[position], elapsed_cpu)
            spent += elapsed
        rounds += 1
    return [Timing(w, c) for w, c in zip(wall, cpu, strict=True)]


@dataclass
class Memory:
    """tracemalloc figures of one untimed pass, in bytes."""

    peak: int
    """The peak of read_json + to_networkx (+ validate)."""
    study: int
    """Held by the study once read."""
    graph: int
    """Held by its graph, on top of the study."""
    bare_graph: int
    """Held by a bare MultiDiGraph of the same edges (the edge list itself not counted)."""


def peak_memory(path: Path, validate: Callable[..., Any] | None) -> Memory:
    """Measure the peak of read_json + to_networkx (+ validate), and what each part holds.

    The bare graph is what networkx itself holds for the study's edges: with the
    study, it is the least a study with its graph can take, whatever the library does.
    """
    gc.collect()
    tracemalloc.start()
    try:
        study = pl.read_json(path)
        held_study, _ = tracemalloc.get_traced_memory()
        graph = to_networkx(study)
        held_graph, _ = tracemalloc.get_traced_memory()
        report = validate(study) if validate is not None else None
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del graph, report
    edges = list(study_edges(study))
    gc.collect()
    tracemalloc.start()
    try:
        bare = bare_graph(edges)
        held_bare, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del bare, edges, study
    return Memory(peak, held_study, held_graph - held_study, held_bare)


# --------------------------------------------------------------------------------------- results


@dataclass
class SizeResult:
    """Everything measured for one document size."""

    codings: int
    quotes: int = 0
    interviews: int = 0
    focus_groups: int = 0
    participants: int = 0
    file_bytes: int = 0
    nodes: int = 0
    edges: int = 0
    seconds: dict[str, Timing | None] = field(default_factory=dict)
    memory: Memory | None = None
    support_agrees: bool | None = None
    support_problem: str = ""


STEP_LABELS: dict[str, str] = {
    "model_validate_json": "`Study.model_validate_json(raw)`",
    "integrity": "... of which `integrity_errors(study)`",
    "model_validate_json_paused": "`Study.model_validate_json(raw)`, collector paused",
    "read_json": "`pl.read_json(path)`",
    "bare_graph": "bare `MultiDiGraph().add_edges_from(edges)`",
    "bare_graph_paused": "bare graph, collector paused",
    "bare_graph_by_edge": "bare graph, one `add_edge` per edge",
    "to_networkx": "`to_networkx(study)`",
    "support_reference": "support matrix, plain-Python reference",
    "support_matrix": "`queries.support_matrix(study, unit='quotes')`",
    "validate": "`validation.validate(study)`",
}
GROWTH_STEPS = ("model_validate_json", "read_json", "to_networkx", "support_matrix", "validate")
CONTROL_STEPS = ("bare_graph", "support_reference")
"""Baselines whose growth shows what the machine itself adds to growth (caches, memory)."""


def _time_read(path: Path, repeat: int, result: SizeResult) -> None:
    result.file_bytes = path.stat().st_size
    # The floor is pydantic's validation of the same study as the library writes it
    # (untimed), so that it validates what read_json validates.
    raw = pl.read_json(path).model_dump_json().encode("utf-8")
    (
        result.seconds["model_validate_json"],
        result.seconds["model_validate_json_paused"],
        result.seconds["read_json"],
    ) = best_of(
        repeat,
        lambda: Study.model_validate_json(raw),
        lambda: paused(lambda: Study.model_validate_json(raw)),
        lambda: pl.read_json(path),
    )


def _time_integrity(study: Study, repeat: int, result: SizeResult) -> None:
    (result.seconds["integrity"],) = best_of(repeat, lambda: integrity_errors(study))
    result.quotes, result.participants = len(study.quotes), len(study.participants)
    result.interviews = len(study.interviews)
    result.focus_groups = sum(1 for i in study.interviews if i.format == "focus_group")


def _time_graph(study: Study, repeat: int, validate: Pending, result: SizeResult) -> None:
    # validate is timed in the same rounds as to_networkx, its unit, so that both see the
    # same load on the machine.
    edges = list(study_edges(study))
    steps: list[Callable[[], object]] = [
        lambda: bare_graph(edges),
        lambda: paused(lambda: bare_graph(edges)),
        lambda: bare_graph_by_edge(edges),
        lambda: to_networkx(study),
    ]
    validate_study = validate.function
    if validate_study is not None:
        steps.append(lambda: validate_study(study))
    timings = best_of(repeat, *steps, before=lambda: _forget_caches(study))
    (
        result.seconds["bare_graph"],
        result.seconds["bare_graph_paused"],
        result.seconds["bare_graph_by_edge"],
        result.seconds["to_networkx"],
    ) = timings[:4]
    result.seconds["validate"] = timings[4] if validate_study is not None else None
    graph = to_networkx(study)
    result.nodes, result.edges = graph.number_of_nodes(), graph.number_of_edges()


def _time_support(study: Study, repeat: int, support_matrix: Pending, result: SizeResult) -> None:
    library_support = support_matrix.function
    if library_support is None:
        (result.seconds["support_reference"],) = best_of(repeat, lambda: support_reference(study))
        result.seconds["support_matrix"] = None
        return
    reference = dict(support_reference(study))
    _forget_caches(study)
    try:
        library = counts_of(library_support(study, unit="quotes"), {g.id for g in study.groups})
    except TypeError as exc:
        result.support_agrees, result.support_problem = False, str(exc)
    else:
        result.support_agrees = library == reference
        if not result.support_agrees:
            result.support_problem = _difference(reference, library)
    result.seconds["support_reference"], result.seconds["support_matrix"] = best_of(
        repeat,
        lambda: support_reference(study),
        lambda: library_support(study, unit="quotes"),
        before=lambda: _forget_caches(study),
    )


def measure(
    n_codings: int,
    *,
    seed: int,
    repeat: int,
    support_matrix: Pending,
    validate: Pending,
) -> SizeResult:
    """Generate (or reuse) the document of ``n_codings`` codings and measure every step."""

    def progress(message: str) -> None:
        print(f"[{n_codings:>7,} codings] {message}", file=sys.stderr, flush=True)

    progress("generating the document (cached after the first run)")
    path = ensure_document(n_codings, seed=seed)
    result = SizeResult(codings=n_codings)

    progress("read: model_validate_json vs read_json")
    _time_read(path, repeat, result)
    study = pl.read_json(path)
    _time_integrity(study, repeat, result)

    progress("graph: bare networkx vs to_networkx vs validate")
    _time_graph(study, repeat, validate, result)
    progress("support matrix: reference vs library")
    _time_support(study, repeat, support_matrix, result)
    del study

    progress("peak memory (tracemalloc, a separate untimed pass)")
    result.memory = peak_memory(path, validate.function)
    return result


def _difference(expected: dict[GroupSubtheme, int], got: dict[GroupSubtheme, int]) -> str:
    wrong = sorted(key for key in expected.keys() | got.keys() if expected.get(key) != got.get(key))
    shown = ", ".join(
        f"{group} x {subtheme}: reference {expected.get((group, subtheme), 0)}, "
        f"library {got.get((group, subtheme), 0)}"
        for group, subtheme in wrong[:5]
    )
    return f"{len(wrong)} cells differ ({shown}{', ...' if len(wrong) > 5 else ''})"


# ----------------------------------------------------------------------------------------- table


def _short(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else f"{n:,}"


@dataclass
class Row:
    """One row of the table: a label, a target and one cell per size."""

    label: str
    target: str
    cells: list[str]


def build_rows(results: Sequence[SizeResult]) -> list[Row]:
    """Lay the results out as rows (steps) by columns (sizes)."""
    rows: list[Row] = []

    def add(label: str, target: str, cell: Callable[[SizeResult], str]) -> None:
        rows.append(Row(label, target, [cell(r) for r in results]))

    def seconds(step: str) -> Callable[[SizeResult], str]:
        def cell(r: SizeResult) -> str:
            value = r.seconds.get(step)
            return "n/a" if value is None else f"{value.wall:.3f} ({value.cpu:.3f})"

        return cell

    def ratio(top: str, bottom: str, target: float | None) -> Callable[[SizeResult], str]:
        return lambda r: compare(r.seconds.get(top), r.seconds.get(bottom), target)

    add("**document**", "", lambda r: "")
    add("quotes / interviews (focus groups)", "", lambda r: f"{r.quotes:,} / {r.interviews:,} "
        f"({r.focus_groups:,})")  # fmt: skip
    add("participants", "", lambda r: f"{r.participants:,}")
    add("JSON file (MB)", "", lambda r: f"{r.file_bytes / 1e6:.1f}")
    add("graph nodes / edges", "", lambda r: f"{r.nodes:,} / {r.edges:,}")
    add("**seconds: wall (CPU), best of repeat**", "", lambda r: "")
    for step, label in STEP_LABELS.items():
        add(label, "", seconds(step))
    add("**ratios: wall (CPU)**", "", lambda r: "")
    add("read_json / model_validate_json", "info", ratio("read_json", "model_validate_json", None))
    add("read_json / model_validate_json, collector paused", "info",
        ratio("read_json", "model_validate_json_paused", None))  # fmt: skip
    add("integrity checks / model_validate_json", "info",
        ratio("integrity", "model_validate_json", None))  # fmt: skip
    add("to_networkx / bare graph", f"<= {TARGET_GRAPH}",
        ratio("to_networkx", "bare_graph", TARGET_GRAPH))  # fmt: skip
    add("to_networkx / bare graph, collector paused", "info",
        ratio("to_networkx", "bare_graph_paused", None))  # fmt: skip
    add("to_networkx / bare graph, one add_edge per edge", "info",
        ratio("to_networkx", "bare_graph_by_edge", None))  # fmt: skip
    add("support_matrix / reference", f"<= {TARGET_SUPPORT}",
        ratio("support_matrix", "support_reference", TARGET_SUPPORT))  # fmt: skip
    add("support_matrix agrees with reference", "yes", _agreement)
    add("validate / to_networkx", f"<= {TARGET_VALIDATE}",
        ratio("validate", "to_networkx", TARGET_VALIDATE))  # fmt: skip
    add("**memory**", "", lambda r: "")
    add("peak MB, read + to_networkx + validate", "info", lambda r: f"{_memory(r).peak / 1e6:.0f}")
    add("peak bytes per coding", "info", lambda r: f"{_memory(r).peak / r.codings:,.0f}")
    add("... held by the study, bytes per coding", "info",
        lambda r: f"{_memory(r).study / r.codings:,.0f}")  # fmt: skip
    add("... held by its graph, bytes per coding", "info",
        lambda r: f"{_memory(r).graph / r.codings:,.0f}")  # fmt: skip
    add("bare graph of the same edges, bytes per coding", "info",
        lambda r: f"{_memory(r).bare_graph / r.codings:,.0f}")  # fmt: skip
    if len(results) > 1:
        add("**growth: t(size) / t(previous size), wall (CPU)**", "", lambda r: "")
        rows.extend(
            Row(f"growth: {STEP_LABELS[step]}", _growth_target(), _growth(results, step))
            for step in GROWTH_STEPS
        )
        rows.extend(
            Row(f"growth, control: {STEP_LABELS[step]}", "info", _growth(results, step, None))
            for step in CONTROL_STEPS
        )
        rows.append(
            Row(
                "growth: peak memory",
                "info",
                ["—"]
                + [
                    f"{_memory(now).peak / _memory(before).peak:.2f} "
                    f"(x{now.codings / before.codings:g})"
                    for before, now in itertools.pairwise(results)
                ],
            )
        )
    return rows


def _memory(r: SizeResult) -> Memory:
    assert r.memory is not None  # measured by measure() for every size
    return r.memory


def _agreement(r: SizeResult) -> str:
    if r.support_agrees is None:
        return "n/a"
    return "yes" if r.support_agrees else "**NO**"


def _growth_target() -> str:
    return f"<= {TARGET_GROWTH_PER_4X} per x4"


def _growth(
    results: Sequence[SizeResult], step: str, per_4x: float | None = TARGET_GROWTH_PER_4X
) -> list[str]:
    # The target is stated for four times the data; other steps (20k -> 100k is x5) are shown
    # for information: scaling the target to them would judge the machine's caches rather than
    # the library (see docs/performance.md).
    cells = ["—"]
    for before, now in itertools.pairwise(results):
        factor = now.codings / before.codings
        target = per_4x if factor == 4 else None
        cell = compare(now.seconds.get(step), before.seconds.get(step), target)
        cells.append(cell if factor == 4 or cell == "n/a" else f"{cell}, x{factor:g}: info")
    return cells


def render_table(results: Sequence[SizeResult]) -> str:
    """Return the results as a Markdown table (readable as plain text too)."""
    rows = build_rows(results)
    header = ["step", "target", *(f"{_short(r.codings)} codings" for r in results)]
    table = [header, *([row.label, row.target, *row.cells] for row in rows)]
    widths = [max(len(line[column]) for line in table) for column in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(header), rule, *(line(cells) for cells in table[1:])])


def _verdicts(results: Sequence[SizeResult]) -> Counter[str]:
    verdicts: Counter[str] = Counter()
    for row in build_rows(results):
        for cell in row.cells:
            for word in ("PASS", "FAIL"):
                verdicts[word] += word in cell
    return verdicts


def render_report(
    results: Sequence[SizeResult], *, repeat: int, seed: int, missing: Sequence[str]
) -> str:
    """Return the figures section: conditions, the table, verdicts and notes."""
    verdicts = _verdicts(results)
    lines = [
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()} "
        f"({os.cpu_count()} CPUs visible), Python {platform.python_version()}, "
        f"pydantic {pydantic.VERSION} (core {pydantic_core.__version__}), "
        f"networkx {nx.__version__}, peerlandscape {pl.__version__} at {git_revision()}; "
        f"best of {repeat}, seed {seed}.",
        "",
        render_table(results),
        "",
        f"Targets: {verdicts['PASS']} PASS, {verdicts['FAIL']} FAIL.",
    ]
    lines.extend(f"Not measured (n/a): `{reason}`." for reason in missing)
    lines.extend(
        f"**Support matrix at {_short(r.codings)} codings disagrees with the reference**: "
        f"{r.support_problem}."
        for r in results
        if r.support_agrees is False
    )
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------ main


def _sizes(text: str) -> list[int]:
    return parse_sizes(
        text, example="20000,100000", minimum=1000, too_small="sizes must be at least 1000 codings"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=list(DEFAULT_SIZES),
        help="comma-separated numbers of codings (default: 20000,100000,400000)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="repetitions per step (best kept)")
    parser.add_argument("--quick", action="store_true", help="20k codings only: a smoke run")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--output", type=Path, help="Markdown file whose figures section is rewritten"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    sizes: list[int] = list(QUICK_SIZES) if args.quick else args.sizes

    support_matrix = _pending("peerlandscape.queries", "support_matrix")
    validate = _pending("peerlandscape.validation", "validate")
    missing = [o.missing for o in (support_matrix, validate) if o.function is None]
    results = [
        measure(
            n, seed=args.seed, repeat=args.repeat, support_matrix=support_matrix, validate=validate
        )
        for n in sizes
    ]
    report = render_report(results, repeat=args.repeat, seed=args.seed, missing=missing)
    print(report)
    if args.output is not None:
        rewrite_section(args.output, report, START_MARK, END_MARK)
        print(f"\nrewrote the figures section of {args.output}", file=sys.stderr)
    return 1 if any(r.support_agrees is False for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
