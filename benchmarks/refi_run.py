"""Measure ``read_qdpx`` against a bare lxml parse and against the peers.

Run from the repository root::

    python benchmarks/refi_run.py                      # 200 and 800 sources, best of 3
    python benchmarks/refi_run.py --quick              # 200 sources only: a smoke run
    python benchmarks/refi_run.py --output docs/performance.md
    python benchmarks/refi_run.py --scan               # reading alone, and with the scan

For each size of synthetic project (see ``benchmarks/refi_synthetic.py``; 200
sources hold about 60,000 codings, 800 about 240,000) four readers are timed
side by side in the same run, in turn, and the best of ``--repeat`` wall times
(:func:`time.perf_counter`) is kept, with the best CPU time beside it:

* the floor: the archive's ``project.qde`` read with :mod:`zipfile`, parsed by
  a bare ``lxml.etree.fromstring`` and its ``PlainTextSelection`` elements
  counted, and nothing else;
* ``peerlandscape.refi.read_qdpx``;
* the peers, when installed: pyrefiqda (``RefiProject.load``) and qdaPy
  (``qdapy.read_qdpx``).

Before it is timed, every reader reads each project once and its answer is
checked against the generator's manifest (a timing of a wrong answer is
worthless): for ``read_qdpx`` the numbers of quotes, codings, participants,
interviews and codes, and digests of every quote's text and speaker and of
every coding; for the peers the numbers of selections and codings. Peak
memory is measured in separate, untimed passes: ``tracemalloc`` in this
process, and the growth of the resident set in a fresh subprocess per reader,
since lxml allocates outside Python's allocator. See ``docs/performance.md``
for what each row means.

The exit status is 1 when ``read_qdpx`` fails or gives a wrong answer, else 0;
missed targets are reported as FAIL in the table.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import gc
import importlib
import importlib.metadata
import itertools
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import tracemalloc
import zipfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, cast

from _reporting import Timing, compare, git_revision, parse_sizes, ratio, rewrite_section, verdict
from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type information
from refi_synthetic import (
    DEFAULT_SEED,
    NAMESPACE,
    ORIGINS,
    SHAPES,
    Expected,
    Origin,
    ProjectSpec,
    Shape,
    codings_digest,
    ensure_project,
    quotes_digest,
)

import peerlandscape as pl

DEFAULT_SOURCES: Final = (200, 800)
QUICK_SOURCES: Final = (200,)
WARMUP_SOURCES: Final = 2
"""The size of the project each reader reads once before its memory is measured."""
SCAN_MARKS: Final = ("<!-- refi-scan-figures:start -->", "<!-- refi-scan-figures:end -->")
"""The section of the figures file that ``--scan`` rewrites."""
MARKS: Final[dict[Shape, tuple[str, str]]] = {
    "basic": ("<!-- refi-figures:start -->", "<!-- refi-figures:end -->"),
    "real": ("<!-- refi-real-figures:start -->", "<!-- refi-real-figures:end -->"),
}
"""The section of the figures file each shape's run rewrites."""

TARGET_FLOOR: Final = 2.5
"""read_qdpx may take at most this many times the bare parse of project.qde."""
TARGET_PEERS: Final = 5.0
"""The fastest peer must take at least this many times as long as read_qdpx."""
TARGET_GROWTH_PER_4X: Final = 4.5
"""Four times the data may take at most this many times the time (and memory)."""

_SELECTION_TAG: Final = f"{{{NAMESPACE}}}PlainTextSelection"
_MIB: Final = 1024 * 1024
_LIBRARY: Final = "read_qdpx"
_PARSE: Final = "read_project"
_FLOOR: Final = "floor"


# -------------------------------------------------------------------------------------- readers


@dataclass(frozen=True)
class Tally:
    """What a reader read back, and how it differs from what the project holds."""

    selections: int
    codings: int | None
    problems: tuple[str, ...] = ()
    kept: str = ""
    """Which levels of codings a reader kept, when the project codes at several."""


Load = Callable[[Path, Path], object]
"""Read an archive (with a scratch folder of its own, for readers that extract); timed."""


@dataclass(frozen=True)
class Reader:
    """One way of reading a ``.qdpx``, and how to check what it read."""

    key: str
    label: str
    version: str
    load: Load | None
    tally: Callable[[object, Expected], Tally] | None
    unavailable: str = ""
    """Why the reader cannot be measured at all (not installed, fails to import)."""

    @property
    def is_peer(self) -> bool:
        return self.key not in {_FLOOR, _PARSE, _LIBRARY}


def _floor_load(path: Path, scratch: Path) -> tuple[Any, int]:
    with zipfile.ZipFile(path) as archive:
        data = archive.read("project.qde")
    root = etree.fromstring(data)
    # The tree is returned, so that freeing it falls outside the timer like every result.
    return root, sum(1 for _ in root.iter(_SELECTION_TAG))


def _floor_tally(result: object, expected: Expected) -> Tally:
    _, count = cast(tuple[Any, int], result)
    return Tally(count, None, _differences({"selections": (count, expected.selections)}))


def _guids(objects: Any) -> dict[str, str]:
    # An imported object keeps its GUID as its id, or (as the importer is being changed to
    # readable ids) in a field of its own; the answer is checked by GUID either way.
    return {o.id: (getattr(o, "guid", None) or o.id).lower() for o in objects}


def _library_tally(result: object, expected: Expected) -> Tally:
    study = cast(Any, result).study  # an ImportResult
    framework: dict[str, str] = {}
    for name in ("codes", "candidate_themes", "subthemes", "themes"):
        framework.update(_guids(getattr(study, name, ())))
    if getattr(study, "overarching_theme", None) is not None:
        framework.update(_guids([study.overarching_theme]))
    quote_guid, coder_guid = _guids(study.quotes), _guids(study.coders)
    participant_guid = _guids(study.participants)
    counts = {
        "quotes": (len(study.quotes), expected.selections),
        "participants": (len(study.participants), expected.participants),
        "interviews": (len(study.interviews), expected.sources),
        "codes": (len(framework), expected.codes),
    }
    if not expected.level_digests:  # the basic shape codes codes only, and all are kept
        counts["codings"] = (len(study.codings), expected.codings)
    problems = list(_differences(counts))
    quotes = quotes_digest(
        (quote_guid[q.id], q.text, participant_guid.get(q.participant)) for q in study.quotes
    )
    if quotes != expected.quotes_digest:
        problems.append("quote texts or speakers differ from the generated ones")

    def target(coding: Any) -> str:
        # One of code, candidate_theme, subtheme, theme (only code before the importer's rewrite).
        for name in ("code", "candidate_theme", "subtheme", "theme"):
            if (value := getattr(coding, name, None)) is not None:
                return str(framework.get(value, value))
        return ""

    codings = codings_digest(
        (quote_guid.get(c.quote, c.quote), target(c), coder_guid.get(c.coder) if c.coder else None)
        for c in study.codings
    )
    kept = ""
    if expected.level_digests:
        # A reader may keep the codings of sub-themes and themes, or report them instead.
        kept = next((k for k, v in expected.level_digests.items() if v == codings), "")
        if not kept:
            problems.append("codings (quote, code, coder) are no set of the generated ones' levels")
    elif codings != expected.codings_digest:
        problems.append("codings (quote, code, coder) differ from the generated ones")
    return Tally(len(study.quotes), len(study.codings), tuple(problems), kept)


def _pyrefiqda_tally(result: object, expected: Expected) -> Tally:
    sources = cast(Any, result).sources.text_source  # a pyrefiqda Project
    selections = [s for source in sources for s in source.plain_text_selection]
    codings = sum(len(s.coding) for s in selections)
    counts = {"selections": (len(selections), expected.selections)}
    counts["codings"] = (codings, expected.codings)
    return Tally(len(selections), codings, _differences(counts))


def _qdapy_tally(result: object, expected: Expected) -> Tally:
    # One row per coding in `fragments`, one per uncoded selection in `uncoded`.
    project: Any = result  # a qdapy.QdpxProject
    fragments, uncoded = project.fragments, project.uncoded
    selections = fragments["annotationKey"].nunique() + len(uncoded)
    counts = {"selections": (selections, expected.selections)}
    counts["codings"] = (len(fragments), expected.codings)
    return Tally(selections, len(fragments), _differences(counts))


def _differences(counts: dict[str, tuple[int, int]]) -> tuple[str, ...]:
    return tuple(
        f"{name}: {got:,} read, {want:,} in the project"
        for name, (got, want) in counts.items()
        if got != want
    )


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _describe(exc: BaseException) -> str:
    """Return an exception as ``Type: message (at file:line)``, the line being its origin."""
    message = " ".join(str(exc).split()) or "(no message)"
    if len(message) > 400:
        message = message[:400] + " ..."
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return f"{type(exc).__name__}: {message}{where}"


def _library_reader() -> Reader:
    version = pl.__version__
    try:
        read_qdpx = importlib.import_module("peerlandscape.refi").read_qdpx
    except Exception as exc:  # any failure to import means "not measurable", not a crash
        return Reader(_LIBRARY, "`read_qdpx(path)`", version, None, None, _describe(exc))
    return Reader(
        _LIBRARY,
        "`read_qdpx(path)`",
        version,
        lambda path, scratch: read_qdpx(path),
        _library_tally,
    )


def _parse_tally(result: object, expected: Expected) -> Tally:
    document: Any = result  # a ProjectDocument
    selections = [s for source in document.text_sources for s in source.selections]
    codings = sum(len(s.codings) for s in selections)
    counts = {"selections": (len(selections), expected.selections)}
    counts["codings"] = (codings, expected.codings)
    return Tally(len(selections), codings, _differences(counts))


def _parse_reader() -> Reader:
    # The parsing layer alone (archive, safe parse, source texts, the frozen document),
    # without the import onto a study: what the floor's ratio owes to each layer.
    label = "parsing layer only: `refi.read_project(path)`"
    version = pl.__version__
    try:
        read_project = importlib.import_module("peerlandscape.refi").read_project
    except Exception as exc:  # as for read_qdpx
        return Reader(_PARSE, label, version, None, None, _describe(exc))
    return Reader(_PARSE, label, version, lambda path, scratch: read_project(path), _parse_tally)


def _pyrefiqda_reader() -> Reader:
    version = _version("pyrefiqda")
    label = "pyrefiqda `RefiProject.load(path, extract_dir)`"
    try:
        # An optional peer, without type information.
        import pyrefiqda  # noqa: PLC0415 - an optional peer
    except Exception as exc:  # not installed, or broken: reported, not fatal
        return Reader("pyrefiqda", label, version, None, None, _describe(exc))

    def load(path: Path, scratch: Path) -> object:
        # It extracts the whole archive into extract_dir before parsing: part of its cost.
        return pyrefiqda.RefiProject.load(path, extract_dir=str(scratch))

    return Reader("pyrefiqda", label, version, load, _pyrefiqda_tally)


def _qdapy_reader() -> Reader:
    version = _version("qdaPy")
    label = "qdaPy `qdapy.read_qdpx(path, warn=False)`"
    try:
        import qdapy  # noqa: PLC0415 - an optional peer
    except Exception as exc:  # not installed, or broken: reported, not fatal
        return Reader("qdapy", label, version, None, None, _describe(exc))

    def load(path: Path, scratch: Path) -> object:
        return qdapy.read_qdpx(path, warn=False)

    return Reader("qdapy", label, version, load, _qdapy_tally)


def build_readers() -> list[Reader]:
    """Return the floor, the library and the peers, in the order they are timed."""
    floor = Reader(
        _FLOOR,
        "floor: `etree.fromstring(project.qde)`, count selections",
        etree.__version__,
        _floor_load,
        _floor_tally,
    )
    return [floor, _parse_reader(), _library_reader(), _pyrefiqda_reader(), _qdapy_reader()]


# --------------------------------------------------------------------------------------- timing


class _Scratch:
    """A fresh, empty folder per call, made and removed outside the timer."""

    def __init__(self) -> None:
        self.path = Path(".")

    def make(self) -> Path:
        self.path = Path(tempfile.mkdtemp(prefix="refi-bench-"))
        return self.path

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def _find_malloc_trim() -> Callable[[int], int]:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim: Callable[[int], int] = libc.malloc_trim  # glibc only
    except (OSError, AttributeError):
        return lambda pad: 0
    return trim


_malloc_trim = _find_malloc_trim()


def release_memory() -> None:
    """Collect Python's garbage and hand what C's allocator holds free back to the system.

    Freeing a parsed lxml tree leaves millions of small chunks in glibc's free
    lists, and the next large allocation first consolidates them: 0.5-0.9 s at
    240,000 codings, paid by whichever read comes next unless it is done here,
    outside the timer. ``malloc_trim`` does it at once (a no-op without glibc).
    """
    gc.collect()
    _malloc_trim(0)


def best_of(repeat: int, path: Path, loads: Sequence[Load]) -> list[Timing]:
    """Return the best times of each reader, reading ``path`` in turn ``repeat`` times.

    Alternating the readers spreads the noise of a shared machine over all of
    them. Each result is dropped (and the scratch folder removed) outside the
    timer, and :func:`release_memory` runs before each read, so that no read
    pays for another's garbage. CPU time is kept beside wall time: it leaves
    out most of the time other processes hold the CPU, so it shows how much of
    a ratio is noise.
    """
    wall = [float("inf")] * len(loads)
    cpu = [float("inf")] * len(loads)
    scratch = _Scratch()
    for _ in range(repeat):
        for position, load in enumerate(loads):
            folder = scratch.make()
            release_memory()
            start, start_cpu = time.perf_counter(), time.process_time()
            result = load(path, folder)
            elapsed, elapsed_cpu = time.perf_counter() - start, time.process_time() - start_cpu
            del result
            scratch.remove()
            wall[position] = min(wall[position], elapsed)
            cpu[position] = min(cpu[position], elapsed_cpu)
    return [Timing(w, c) for w, c in zip(wall, cpu, strict=True)]


# --------------------------------------------------------------------------------------- memory


def traced_peak(load: Load, path: Path) -> int:
    """Return the tracemalloc peak, in bytes, of one read (Python's allocator only)."""
    scratch = _Scratch()
    folder = scratch.make()
    release_memory()
    tracemalloc.start()
    try:
        result = load(path, folder)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        scratch.remove()
    del result
    return peak


def _proc_status(field_name: str) -> int:
    """Return a ``/proc/self/status`` size field (``VmRSS``, ``VmHWM``) in bytes."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(f"{field_name}:"):
                return int(line.split()[1]) * 1024
    raise OSError(f"/proc/self/status has no {field_name}")


def probe_rss(key: str, path: Path, warmup: Path) -> dict[str, Any]:
    """Measure, in this (fresh) process, how far one read raises the resident set's peak.

    The reader first reads a small project, so that imports, lazily built
    schemas and caches are in the baseline; then the peak (``VmHWM``) is reset
    to the current resident set and one read of ``path`` is measured.
    """
    reader = next(r for r in build_readers() if r.key == key)
    if reader.load is None:
        return {"error": reader.unavailable}
    scratch = _Scratch()
    try:
        reader.load(warmup, scratch.make())
        scratch.remove()
        release_memory()
        try:
            # Writing 5 to clear_refs resets VmHWM to VmRSS (Linux 4.0 and later).
            Path("/proc/self/clear_refs").write_text("5", encoding="ascii")
            baseline = _proc_status("VmRSS")
        except OSError as exc:
            return {"error": f"cannot reset the resident set's peak: {exc}"}
        result = reader.load(path, scratch.make())
        peak = _proc_status("VmHWM")
        del result
    except Exception as exc:  # reported in the table, as for the timed runs
        return {"error": _describe(exc)}
    finally:
        scratch.remove()
    return {"growth": peak - baseline, "baseline": baseline}


def rss_growth(key: str, path: Path, warmup: Path) -> int | str:
    """Run :func:`probe_rss` in a subprocess; return the growth in bytes, or why not."""
    command = [sys.executable, str(Path(__file__).resolve()), "--probe-rss", key, str(path)]
    command += ["--warmup", str(warmup)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return f"probe exited {done.returncode}: {tail}"
    answer: dict[str, Any] = json.loads(lines[-1])
    return int(answer["growth"]) if "growth" in answer else str(answer["error"])


# -------------------------------------------------------------------------------------- results


@dataclass
class ReaderResult:
    """Everything measured for one reader at one size."""

    tally: Tally | None = None
    failure: str = ""
    seconds: Timing | None = None
    traced_bytes: int | None = None
    rss_bytes: int | None = None
    rss_failure: str = ""

    @property
    def correct(self) -> bool:
        return self.tally is not None and not self.tally.problems


@dataclass
class SizeResult:
    """Everything measured for one project size."""

    spec: ProjectSpec
    expected: Expected
    archive_bytes: int
    readers: dict[str, ReaderResult] = field(default_factory=dict)


def measure(
    spec: ProjectSpec, readers: Sequence[Reader], *, repeat: int, warmup: Path
) -> SizeResult:
    """Generate (or reuse) the project of ``spec`` and measure every reader on it."""

    def progress(message: str) -> None:
        print(f"[{spec.sources:>4} sources] {message}", file=sys.stderr, flush=True)

    progress("generating the project (cached after the first run)")
    path, expected = ensure_project(spec)
    result = SizeResult(spec, expected, path.stat().st_size)
    scratch = _Scratch()
    runnable: list[Reader] = []
    for reader in readers:
        outcome = result.readers[reader.key] = ReaderResult()
        if reader.load is None or reader.tally is None:
            outcome.failure = reader.unavailable
            continue
        progress(f"{reader.key}: one untimed read, checked against the manifest")
        try:
            answer = reader.load(path, scratch.make())
            outcome.tally = reader.tally(answer, expected)
            del answer
        except Exception as exc:  # a peer that cannot read the file is reported, not fatal
            outcome.failure = _describe(exc)
            continue
        finally:
            scratch.remove()
        runnable.append(reader)

    progress(f"timing {', '.join(r.key for r in runnable)}: best of {repeat}, in turn")
    timings = best_of(repeat, path, [r.load for r in runnable if r.load is not None])
    for reader, timing in zip(runnable, timings, strict=True):
        result.readers[reader.key].seconds = timing

    for reader in runnable:
        assert reader.load is not None
        progress(f"{reader.key}: peak memory (tracemalloc; then RSS in a subprocess)")
        outcome = result.readers[reader.key]
        outcome.traced_bytes = traced_peak(reader.load, path)
        growth = rss_growth(reader.key, path, warmup)
        if isinstance(growth, int):
            outcome.rss_bytes = growth
        else:
            outcome.rss_failure = growth
    return result


# ---------------------------------------------------------------------------------------- table


def _megabytes(value: int | None) -> str:
    return "n/a" if value is None else f"{value / _MIB:,.0f}"


def _fastest_peer(size: SizeResult, readers: Sequence[Reader]) -> Reader | None:
    """Return the fastest peer that read the project correctly, if any did."""
    timed = [
        (outcome.seconds.wall, reader)
        for reader in readers
        if reader.is_peer
        and (outcome := size.readers[reader.key]).seconds is not None
        and outcome.correct
    ]
    return min(timed, key=lambda pair: pair[0])[1] if timed else None


@dataclass
class Row:
    """One row of the table: a label, a target and one cell per size."""

    label: str
    target: str
    cells: list[str]


def _short(size: SizeResult) -> str:
    codings = size.expected.codings
    return f"{size.spec.sources} sources (~{round(codings / 1000)}k codings)"


def build_rows(results: Sequence[SizeResult], readers: Sequence[Reader]) -> list[Row]:
    """Lay the results out as rows (measures) by columns (sizes)."""
    rows: list[Row] = []
    keys = [reader.key for reader in readers]
    peers = [reader.key for reader in readers if reader.is_peer]

    def add(label: str, target: str, cell: Callable[[SizeResult], str]) -> None:
        rows.append(Row(label, target, [cell(size) for size in results]))

    def add_each(label: str, key: str, target: str, cell: Callable[[ReaderResult], str]) -> None:
        rows.append(Row(label, target, [cell(size.readers[key]) for size in results]))

    def heading(label: str) -> None:
        rows.append(Row(label, "", [""] * len(results)))

    def versus(key: str, other: str) -> Callable[[SizeResult], str]:
        return lambda s: compare(s.readers[key].seconds, s.readers[other].seconds, None)

    def versus_library(key: str) -> Callable[[SizeResult], str]:
        return versus(key, _LIBRARY)

    heading("**project**")
    add("sources / selections / codings", "", _project_counts)
    add("participants", "", lambda s: f"{s.expected.participants:,}")
    add("project.qde MB / .qdpx MB", "", _project_sizes)
    heading("**seconds: wall (CPU), best of repeat**")
    for reader in readers:
        add_each(reader.label, reader.key, "", _seconds)
    heading("**answer, checked against the manifest (untimed)**")
    for key in keys:
        add_each(f"{key}: read back", key, "exact" if key == _LIBRARY else "counts", _answer)
    heading("**ratios: wall (CPU)**")
    add("read_qdpx / floor", f"<= {TARGET_FLOOR}", _floor_ratio)
    add("read_project / floor", "info", versus(_PARSE, _FLOOR))
    add("read_project / read_qdpx: the parsing layer's share", "info", versus(_PARSE, _LIBRARY))
    add("fastest peer / read_qdpx", f">= {TARGET_PEERS}", lambda s: _peers_ratio(s, readers))
    for key in peers:
        add(f"{key} / read_qdpx", "info", versus_library(key))
    heading("**memory: peak MB of one read, untimed**")
    for key in keys:
        add_each(f"{key}: tracemalloc peak", key, "info", lambda r: _megabytes(r.traced_bytes))
    for key in keys:
        add_each(f"{key}: RSS growth", key, "info", lambda r: _megabytes(r.rss_bytes))
    if len(results) > 1:
        heading("**growth: size / previous size**")
        for key in keys:
            target = TARGET_GROWTH_PER_4X if key == _LIBRARY else None
            cells = _growth(results, key, target, _time_ratio)
            rows.append(Row(f"{key}: time, wall (CPU)", _growth_target(target), cells))
        memory = {"tracemalloc peak": _traced_ratio, "RSS growth": _rss_ratio}
        for name, ratio in memory.items():
            cells = _growth(results, _LIBRARY, TARGET_GROWTH_PER_4X, ratio)
            rows.append(Row(f"read_qdpx: {name}", _growth_target(TARGET_GROWTH_PER_4X), cells))
    return rows


def _project_counts(size: SizeResult) -> str:
    expected = size.expected
    return f"{expected.sources:,} / {expected.selections:,} / {expected.codings:,}"


def _project_sizes(size: SizeResult) -> str:
    return f"{size.expected.qde_bytes / _MIB:.1f} / {size.archive_bytes / _MIB:.1f}"


def _floor_ratio(size: SizeResult) -> str:
    library, floor = size.readers[_LIBRARY].seconds, size.readers[_FLOOR].seconds
    return compare(library, floor, TARGET_FLOOR)


def _seconds(outcome: ReaderResult) -> str:
    if outcome.seconds is None:
        return "failed" if outcome.failure else "n/a"
    return f"{outcome.seconds.wall:.3f} ({outcome.seconds.cpu:.3f})"


def _answer(outcome: ReaderResult) -> str:
    if outcome.tally is None:
        return "failed" if outcome.failure else "n/a"
    tally = outcome.tally
    codings = "" if tally.codings is None else f" / {tally.codings:,}"
    verdict = "yes" if not tally.problems else "**NO**"
    kept = f" ({tally.kept})" if tally.kept else ""
    return f"{verdict}: {tally.selections:,}{codings}{kept}"


def _peers_ratio(size: SizeResult, readers: Sequence[Reader]) -> str:
    peer = _fastest_peer(size, readers)
    if peer is None:
        return "n/a (no peer read it)"
    cell = compare(
        size.readers[peer.key].seconds, size.readers[_LIBRARY].seconds, TARGET_PEERS, at_least=True
    )
    return f"{cell}, {peer.key}"


def _growth_target(target: float | None) -> str:
    return "info" if target is None else f"<= {target} per x4"


def _time_ratio(now: ReaderResult, before: ReaderResult) -> tuple[float | None, float | None]:
    if now.seconds is None or before.seconds is None:
        return None, None
    return ratio(now.seconds.wall, before.seconds.wall), ratio(now.seconds.cpu, before.seconds.cpu)


def _traced_ratio(now: ReaderResult, before: ReaderResult) -> tuple[float | None, float | None]:
    return ratio(now.traced_bytes, before.traced_bytes), None


def _rss_ratio(now: ReaderResult, before: ReaderResult) -> tuple[float | None, float | None]:
    return ratio(now.rss_bytes, before.rss_bytes), None


def _growth(
    results: Sequence[SizeResult],
    key: str,
    target: float | None,
    ratio: Callable[[ReaderResult, ReaderResult], tuple[float | None, float | None]],
) -> list[str]:
    cells = ["—"]
    for before, now in itertools.pairwise(results):
        factor = now.spec.sources / before.spec.sources
        # The target is stated for x4; for another factor, allow the same 12.5% over linear.
        scaled = None if target is None else target / 4 * factor
        value, cpu = ratio(now.readers[key], before.readers[key])
        cell = verdict(value, scaled)
        if cpu is not None:
            cell += f" (cpu {cpu:.2f})"
        if factor != 4 and value is not None:
            cell += f", x{factor:g}" + ("" if scaled is None else f": <= {scaled:.2f}")
        cells.append(cell)
    return cells


def render_table(results: Sequence[SizeResult], readers: Sequence[Reader]) -> str:
    """Return the results as a Markdown table (readable as plain text too)."""
    rows = build_rows(results, readers)
    header = ["measure", "target", *(_short(size) for size in results)]
    table = [header, *([row.label, row.target, *row.cells] for row in rows)]
    widths = [max(len(line[column]) for line in table) for column in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(header), rule, *(line(cells) for cells in table[1:])])


def _verdicts(results: Sequence[SizeResult], readers: Sequence[Reader]) -> Counter[str]:
    verdicts: Counter[str] = Counter()
    for row in build_rows(results, readers):
        for cell in row.cells:
            for word in ("PASS", "FAIL"):
                verdicts[word] += word in cell
    return verdicts


def _notes(results: Sequence[SizeResult], readers: Sequence[Reader]) -> list[str]:
    """Return one line per failure, wrong answer or missing measurement, without repeats."""
    notes: dict[str, None] = {}
    for size in results:
        for reader in readers:
            outcome = size.readers[reader.key]
            where = f"{reader.key} at {size.spec.sources} sources"
            if outcome.failure:
                notes[f"**{reader.key} failed**: `{outcome.failure}`"] = None
            if outcome.tally is not None and outcome.tally.problems:
                notes[f"**{where} read a wrong answer**: {'; '.join(outcome.tally.problems)}"] = (
                    None
                )
            if outcome.rss_failure:
                notes[f"RSS of {where} not measured: `{outcome.rss_failure}`"] = None
    return list(notes)


def render_report(
    results: Sequence[SizeResult], readers: Sequence[Reader], *, repeat: int, seed: int
) -> str:
    """Return the figures section: conditions, the table, verdicts and notes."""
    verdicts = _verdicts(results, readers)
    peers = ", ".join(
        f"{reader.label.split()[0]} {reader.version}" for reader in readers if reader.is_peer
    )  # fmt: skip
    origin = ORIGINS[results[0].spec.origin] if results else ""
    if results and results[0].spec.shape == "real":
        origin += " in the real shape (upper-case GUIDs, codings at every level)"
    lines = [
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()} "
        f"({os.cpu_count()} CPUs visible), Python {platform.python_version()}, "
        f"lxml {etree.__version__} (libxml2 {'.'.join(map(str, etree.LIBXML_VERSION))}), "
        f"peerlandscape {pl.__version__} at {git_revision()}; peers: {peers}; "
        f"best of {repeat}, seed {seed}, projects written as by {origin}.",
        "",
        render_table(results, readers),
        "",
        f"Targets: {verdicts['PASS']} PASS, {verdicts['FAIL']} FAIL.",
    ]
    notes = _notes(results, readers)
    if notes:
        lines.append("")
        lines.extend(f"- {note}" for note in notes)
    return "\n".join(lines)


# ----------------------------------------------------------------------------------------- split

SPLIT_STEPS: Final = (
    (0, "`read_project`: the parsing layer", "refi._importing._read", "read_project"),
    (1, "inflate `project.qde`", "refi._parsing._archive", "QdpxArchive.read_project"),
    (1, "parse, each text source read as it ends", "refi._parsing._xml", "_pull_parse"),
    (2, "read the text sources", "refi._parsing._sources", "SourcesReader.early_text_source"),
    (3, "selections and codings, by columns", "refi._parsing._bulk", "SelectionColumns.read"),
    (4, "frozen objects; GUIDs lowered", "refi._parsing._bulk", "_selections"),
    (3, "source texts (inflate, decode)", "refi._parsing._sources", "SourcesReader.source_text"),
    (1, "cases", "refi._parsing._project", "_ProjectReader.cases"),
    (0, "`map_quotes`: quotes and codings as records", "refi._importing._importer", "map_quotes"),
    (1, "quote ids", "refi._importing._ids", "ReadableIds.new_ids"),
    (0, "`_build`: the study validated", "refi._importing._importer", "_build"),
    (1, "integrity checks", "models._study", "integrity_errors"),
)
"""The steps ``--split`` times: depth (a step is part of the last one above it that is less
deep), label, module under ``peerlandscape``, and the function or method there."""


def _timed(owner: Any, name: str, label: str, spent: dict[str, float]) -> None:
    """Replace ``owner.name`` by a wrapper that adds its CPU time to ``spent[label]``."""
    function = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - start

    setattr(owner, name, wrapper)


def split(path: Path, repeat: int) -> str:
    """Return a table of the CPU time of each step of ``read_qdpx``, in the fastest of ``repeat``.

    The steps are the library's own (private) functions, timed by wrappers in this
    process: a function renamed since is reported as missing, and the others still
    timed. Wrapping adds a microsecond or so per call, which only matters for steps
    called per element; none of these is.
    """
    spent: dict[str, float] = dict.fromkeys((label for _, label, _, _ in SPLIT_STEPS), 0.0)
    missing: list[str] = []
    for _, label, module_name, dotted in SPLIT_STEPS:
        try:
            owner: Any = importlib.import_module(f"peerlandscape.{module_name}")
            *path_to, name = dotted.split(".")
            for part in path_to:
                owner = getattr(owner, part)
            getattr(owner, name)
        except (ImportError, AttributeError):
            missing.append(f"{module_name}.{dotted}")
            continue
        _timed(owner, name, label, spent)
    read_qdpx = importlib.import_module("peerlandscape.refi").read_qdpx
    read_qdpx(path)  # imports, schemas and caches made before anything is timed
    best: tuple[float, dict[str, float]] | None = None
    for _ in range(repeat):
        for label in spent:
            spent[label] = 0.0
        release_memory()
        start = time.process_time()
        result = read_qdpx(path)
        total = time.process_time() - start
        del result
        if best is None or total < best[0]:
            best = (total, dict(spent))
    assert best is not None
    total, steps = best
    lines = [
        "| step of `read_qdpx` (CPU s, fastest of the reads) | s | share |",
        "|---|---|---|",
    ]
    for depth, label, _, _ in SPLIT_STEPS:
        indent = "... " * depth
        lines.append(f"| {indent}{label} | {steps[label]:.3f} | {steps[label] / total:.0%} |")
    lines.append(f"| **`read_qdpx`** | **{total:.3f}** | |")
    if missing:
        lines.append("")
        lines.append(f"Not timed (not found): {', '.join(missing)}.")
    return "\n".join(lines)


def scan_cost(specs: Sequence[ProjectSpec], repeat: int) -> str:
    """Return a table of ``read_qdpx`` alone and with ``scan_identities=True``, per size.

    Both are timed in turn on the same file, best of ``repeat`` (wall and CPU), so the
    ratio is what the scan adds to reading; the scan alone is the difference.
    """
    read_qdpx = importlib.import_module("peerlandscape.refi").read_qdpx
    loads: list[Load] = [
        lambda path, scratch: read_qdpx(path),
        lambda path, scratch: read_qdpx(path, scan_identities=True),
    ]
    lines = [
        "| project | `read_qdpx` (s) | with `scan_identities=True` (s) | ratio (wall, cpu) "
        "| findings |",
        "|---|---:|---:|---|---:|",
    ]
    for spec in specs:
        print(f"[{spec.sources:>4} sources] read alone and with the scan", file=sys.stderr)
        path, expected = ensure_project(spec)
        findings = read_qdpx(path, scan_identities=True).report.findings or ()
        alone, scanned = best_of(repeat, path, loads)
        lines.append(
            f"| {spec.sources} sources, {expected.selections:,} selections, "
            f"{expected.codings:,} codings | {alone.wall:.2f} | {scanned.wall:.2f} | "
            f"{compare(scanned, alone, None)} | {len(findings)} |"
        )
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------ main


def _sources(text: str) -> list[int]:
    return parse_sizes(
        text, example="200,800", minimum=1, too_small="a project needs at least one source"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument(
        "--sources",
        type=_sources,
        default=list(DEFAULT_SOURCES),
        help="comma-separated numbers of sources, 100 selections each (default: 200,800)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="reads per reader (best kept)")
    parser.add_argument("--quick", action="store_true", help="200 sources only: a smoke run")
    parser.add_argument("--origin", choices=sorted(ORIGINS), default="maxqda")
    parser.add_argument(
        "--shape",
        choices=SHAPES,
        default="basic",
        help="real: upper-case GUIDs, codings at every level of the codebook, as in "
        "MAXQDA/ATLAS.ti files (its figures go to the refi-real-figures section)",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--output", type=Path, help="Markdown file whose figures section is rewritten"
    )
    parser.add_argument(
        "--split",
        action="store_true",
        help="time the steps of read_qdpx on the first size instead (CPU, best of --repeat)",
    )
    parser.add_argument(
        "--scan",
        action="store_true",
        help="time read_qdpx alone and with scan_identities=True instead (best of --repeat); "
        "with --output, rewrite the refi-scan-figures section",
    )
    # Internal: one reader's resident-set growth, measured in a fresh process.
    parser.add_argument("--probe-rss", metavar="READER", help=argparse.SUPPRESS)
    parser.add_argument("--warmup", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("path", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe_rss is not None:
        if args.path is None or args.warmup is None:
            parser.error("--probe-rss needs a path and --warmup")
        print(json.dumps(probe_rss(args.probe_rss, args.path, args.warmup)))
        return 0
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    origin: Origin = args.origin
    shape: Shape = args.shape
    sizes: list[int] = list(QUICK_SOURCES) if args.quick else args.sources

    if args.split:
        spec = ProjectSpec(sizes[0], origin=origin, seed=args.seed, shape=shape)
        print(split(ensure_project(spec)[0], args.repeat))
        return 0
    if args.scan:
        specs = [ProjectSpec(n, origin=origin, seed=args.seed, shape=shape) for n in sizes]
        table = scan_cost(specs, args.repeat)
        figures = (
            f"{table}\n\n{origin} origin, {shape} shape, seed {args.seed}, best of "
            f"{args.repeat}; {git_revision()}; `python benchmarks/refi_run.py --scan`."
        )
        print(figures)
        if args.output is not None:
            rewrite_section(args.output, figures, *SCAN_MARKS)
        return 0
    readers = build_readers()
    warmup, _ = ensure_project(
        ProjectSpec(WARMUP_SOURCES, origin=origin, seed=args.seed, shape=shape)
    )
    results = [
        measure(
            ProjectSpec(n, origin=origin, seed=args.seed, shape=shape),
            readers,
            repeat=args.repeat,
            warmup=warmup,
        )
        for n in sizes
    ]
    report = render_report(results, readers, repeat=args.repeat, seed=args.seed)
    print(report)
    if args.output is not None:
        start, end = MARKS[shape]
        rewrite_section(args.output, report, start, end)
        print(f"\nrewrote the {start} section of {args.output}", file=sys.stderr)
    return 0 if all(size.readers[_LIBRARY].correct for size in results) else 1


if __name__ == "__main__":
    sys.exit(main())
