"""The public surface: curated, sorted, importable, documented, with one exception tree."""

from __future__ import annotations

import ast
import errno
import importlib
import inspect
import pickle
import pkgutil
import subprocess
import sys
import traceback
import typing
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pydantic import BaseModel

import peerlandscape as pl
from peerlandscape import _exceptions, _public, models, plot, readwrite

PUBLIC_MODULES = [
    pl,
    models,
    pl.io,
    pl.datasets,
    pl.graph,
    pl.queries,
    pl.readwrite,
    pl.validation,
    pl.tables,
    pl.replication,
    pl.agreement,
    pl.saturation,
    pl.checklists,
    pl.report,
    pl.plot,
]


def isort_style(name: str) -> tuple[int, str]:
    """The order ruff's RUF022 keeps ``__all__`` in: CONSTANTS, then Classes, then the rest."""
    if name.isupper():
        return 0, name
    if name[:1].isupper():
        return 1, name
    return 2, name


@pytest.mark.parametrize("module", PUBLIC_MODULES, ids=lambda m: m.__name__)
def test_all_is_sorted_and_has_no_duplicates(module: ModuleType) -> None:
    # Plain sorted() would put "CandidateTheme" before "QUOTE_RECORD_KEYS", which the
    # repository's ruff configuration (RUF022, isort-style) rejects; so the test checks the
    # order ruff enforces, group by group, each group in sorted() order.
    assert module.__all__ == sorted(module.__all__, key=isort_style)
    for group in (0, 1, 2):
        names = [name for name in module.__all__ if isort_style(name)[0] == group]
        assert names == sorted(names)
    assert len(set(module.__all__)) == len(module.__all__)


@pytest.mark.parametrize(
    ("module_name", "name"),
    [(m.__name__, name) for m in PUBLIC_MODULES for name in m.__all__],
)
def test_every_public_name_is_importable_and_documented(module_name: str, name: str) -> None:
    module = importlib.import_module(module_name)
    obj = getattr(module, name)
    if inspect.isclass(obj) or inspect.isfunction(obj) or inspect.ismodule(obj):
        # Read the object's own docstring: a class without one would inherit nothing useful.
        doc = obj.__dict__.get("__doc__") if inspect.isclass(obj) else obj.__doc__
        assert doc, f"{module_name}.{name} has no docstring"
        assert doc.strip(), f"{module_name}.{name} has an empty docstring"


def test_the_top_level_reexports_the_same_objects_as_the_subpackages() -> None:
    for name in pl.__all__:
        for module in (models, pl.io, readwrite):
            if name in module.__all__:
                assert getattr(pl, name) is getattr(module, name)


def test_every_exported_model_is_reachable_from_the_top_level() -> None:
    # StudyIndex (with the FrameworkPath its look-ups return) and INTEGRITY_ERROR_TYPES are for
    # advanced use and stay in peerlandscape.models.
    assert set(models.__all__) - set(pl.__all__) == {
        "FrameworkPath",
        "INTEGRITY_ERROR_TYPES",
        "StudyIndex",
    }


def test_the_kinds_and_references_of_schema_1_1_are_public() -> None:
    assert {"Kind", "Memo", "Relation", "format_ref", "parse_ref", "CODING_TARGETS"} <= set(
        pl.__all__
    )
    assert pl.parse_ref(pl.format_ref(pl.Kind.QUOTE, "q1")) == (pl.Kind.QUOTE, "q1")
    assert pl.graph.Kind is pl.Kind
    assert pl.graph.Relation is pl.Relation


def test_the_graph_no_longer_has_its_own_kinds_and_node_ids() -> None:
    # Replaced in 1.1 by pl.Kind, pl.format_ref and pl.parse_ref, which the whole library shares.
    for gone in ("NodeKind", "node_id", "split_node_id"):
        assert not hasattr(pl.graph, gone)


def test_the_version_is_a_string() -> None:
    assert isinstance(pl.__version__, str)
    assert pl.__version__


def test_private_modules_are_not_exported() -> None:
    assert not [name for name in pl.__all__ if name.startswith("_") and name != "__version__"]


# --- exceptions -------------------------------------------------------------------------

EXCEPTIONS = {
    obj
    for _, obj in inspect.getmembers(_exceptions, inspect.isclass)
    # Defined there, though each reports the public module it is exported from.
    if issubclass(obj, BaseException) and obj.__module__.partition(".")[0] == pl.__name__
}

# Errors caused by what the caller passed in subclass ValueError, so code written against
# the built-in exceptions keeps working. These are the only exceptions to that rule: the
# root, a missing file (a FileNotFoundError instead) and a missing optional dependency (an
# ImportError: about the installation, not the input). A new exception that is not about
# caller input must be added here, deliberately.
NOT_VALUE_ERRORS = {
    pl.PeerLandscapeError,
    pl.MissingFileError,
    pl.MissingDependencyError,
    pl.WriteError,
}


def by_name(classes: set[type[BaseException]]) -> list[type[BaseException]]:
    return sorted(classes, key=lambda cls: cls.__name__)


def test_every_exception_is_listed_in_its_module_and_public() -> None:
    assert {cls.__name__ for cls in EXCEPTIONS} == set(_exceptions.__all__)
    public_modules = [pl] + [
        importlib.import_module(info.name)
        for info in pkgutil.iter_modules(pl.__path__, prefix="peerlandscape.")
        if not info.name.rpartition(".")[2].startswith("_")
    ]
    public = {
        obj
        for module in public_modules
        for name in getattr(module, "__all__", ())
        if isinstance(obj := getattr(module, name), type)
    }
    unreachable = {cls.__name__ for cls in EXCEPTIONS - public}
    assert not unreachable, f"not in the __all__ of any public module: {sorted(unreachable)}"


def test_the_reading_errors_are_exported_from_the_top_level() -> None:
    names = {
        "PeerLandscapeError",
        "MissingFileError",
        "DocumentError",
        "SchemaVersionError",
        "UnsafeFileError",
        "StudyValidationError",
    }
    assert names <= set(pl.__all__)
    assert {getattr(pl, name) for name in names} <= EXCEPTIONS


@pytest.mark.parametrize("cls", by_name(EXCEPTIONS), ids=lambda c: c.__name__)
def test_every_exception_has_one_root(cls: type[BaseException]) -> None:
    assert issubclass(cls, pl.PeerLandscapeError)
    assert cls.__dict__.get("__doc__")


@pytest.mark.parametrize("cls", by_name(EXCEPTIONS - NOT_VALUE_ERRORS), ids=lambda c: c.__name__)
def test_an_error_about_caller_input_is_a_value_error(cls: type[BaseException]) -> None:
    assert issubclass(cls, ValueError)


def test_the_root_and_a_missing_file_are_not_value_errors() -> None:
    assert not issubclass(pl.PeerLandscapeError, ValueError)
    assert not issubclass(pl.MissingFileError, ValueError)
    assert issubclass(pl.MissingFileError, FileNotFoundError)


def tree_drawing(text: str) -> list[str]:
    """The lines of the exception tree drawn in ``text``, from its root to its last leaf."""
    lines = [line.strip() for line in text.splitlines()]
    start = lines.index("PeerLandscapeError")
    end = next(i for i in range(start + 1, len(lines)) if lines[i][:1] not in ("├", "│", "└"))
    return lines[start:end]


def test_the_exception_tree_is_drawn_alike_in_the_code_and_the_docs() -> None:
    drawn = tree_drawing(_exceptions.__doc__ or "")
    docs = Path(__file__).parents[1] / "docs" / "index.md"
    assert tree_drawing(docs.read_text(encoding="utf-8")) == drawn
    # Every exception is drawn once, under the class it subclasses first.
    ancestors: list[str] = []
    for line in drawn:
        indent = len(line) - len(line.lstrip("├│└─ "))
        name = line[indent:].split()[0]
        del ancestors[indent // 4 :]
        if ancestors:
            assert getattr(_exceptions, name).__bases__[0] is getattr(_exceptions, ancestors[-1])
        ancestors.append(name)
    names = [line.lstrip("├│└─ ").split()[0] for line in drawn]
    assert sorted(names) == sorted(_exceptions.__all__)


def test_a_missing_dependency_is_an_import_error_that_names_the_extra() -> None:
    error = pl.MissingDependencyError("x needs lxml", "lxml", "refi")
    assert isinstance(error, ImportError)
    assert (error.package, error.extra, error.name, str(error)) == (
        "lxml",
        "refi",
        "lxml",
        "x needs lxml",
    )
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is pl.MissingDependencyError
    assert (again.package, again.extra, str(again)) == ("lxml", "refi", "x needs lxml")


def error_examples(report: pl.ValidationReport) -> dict[type[BaseException], tuple[Any, ...]]:
    """Arguments for each exception: the message, then every detail its __init__ takes."""
    # A new exception whose __init__ takes details fails below until it is given them here.
    return dict.fromkeys(EXCEPTIONS, ("what went wrong",)) | {
        pl.StudyValidationError: ("bad", [{"type": "unknown_reference", "loc": ("quotes", 0)}]),
        pl.AnalysisValidationError: ("1 error", report),
        pl.UnknownRuleError: ("no rule 'nope'", "nope"),
        pl.IdentifyingDataError: ("not written", ()),
        pl.UnknownIdError: ("no theme 't'", "theme", "t"),
        pl.AgreementDataError: ("no variation", "no_variation"),
        pl.MissingDependencyError: ("x needs lxml", "lxml", "refi"),
        pl.WriteError: ("s.json: disk full", "s.json", errno.ENOSPC),
    }


def test_every_exception_pickles_with_its_details(engdahl: pl.Study) -> None:
    # multiprocessing sends a worker's error back pickled; an error that cannot be rebuilt
    # from its pickle surfaces as a TypeError about __init__ instead.
    for cls, args in error_examples(pl.validate(engdahl)).items():
        error = cls(*args)
        again = pickle.loads(pickle.dumps(error))
        assert (type(again), str(again), vars(again)) == (cls, str(error), vars(error))
    disk_full = pickle.loads(pickle.dumps(pl.WriteError("s.json: full", "s.json", errno.ENOSPC)))
    assert (disk_full.errno, disk_full.filename) == (errno.ENOSPC, "s.json")


def test_version_and_unsafe_file_errors_are_document_errors() -> None:
    assert issubclass(pl.SchemaVersionError, pl.DocumentError)
    assert issubclass(pl.UnsafeFileError, pl.DocumentError)


def test_no_exception_is_named_after_a_builtin() -> None:
    import builtins

    assert not {cls.__name__ for cls in EXCEPTIONS} & set(dir(builtins))


def test_a_study_validation_error_carries_its_errors_as_a_tuple() -> None:
    error = pl.StudyValidationError(
        "s.json: invalid study: id: bad", [{"type": "t", "loc": ("id",), "msg": "bad"}]
    )
    assert str(error) == "s.json: invalid study: id: bad"
    assert error.errors == ({"type": "t", "loc": ("id",), "msg": "bad"},)
    assert pl.StudyValidationError("no details").errors == ()


# --- public names report their public module -------------------------------------------

PUBLISHING_MODULES = [*PUBLIC_MODULES, importlib.import_module("peerlandscape.refi")]
PUBLIC_OBJECTS = [
    (module.__name__, name)
    for module in PUBLISHING_MODULES
    for name in module.__all__
    if inspect.isclass(getattr(module, name)) or inspect.isfunction(getattr(module, name))
]


@pytest.mark.parametrize(("module_name", "name"), PUBLIC_OBJECTS)
def test_every_public_class_and_function_reports_the_module_users_import_it_from(
    module_name: str, name: str
) -> None:
    obj = getattr(importlib.import_module(module_name), name)
    assert not [part for part in obj.__module__.split(".") if part.startswith("_")]
    # Where it says it lives, it is (pickle and documentation tools look it up there).
    assert getattr(importlib.import_module(obj.__module__), obj.__qualname__) is obj
    if name in pl.__all__ and getattr(pl, name) is obj:
        assert obj.__module__ == "peerlandscape"


def test_tracebacks_and_reprs_show_the_public_path() -> None:
    assert repr(pl.DocumentError) == "<class 'peerlandscape.DocumentError'>"
    assert traceback.format_exception_only(pl.DocumentError("bad")) == [
        "peerlandscape.DocumentError: bad\n"
    ]
    assert pl.Quote.__module__ == "peerlandscape"
    assert pl.refi.Code.__module__ == "peerlandscape.refi"  # not the root's Code
    assert pl.models.StudyIndex.__module__ == "peerlandscape.models"


def test_methods_follow_their_class_so_that_doctest_finds_their_examples() -> None:
    assert inspect.getmodule(pl.ValidationReport.raise_for_errors) is pl
    assert inspect.getmodule(pl.Study.model_copy) is pl


def test_public_objects_pickle_by_their_public_path(engdahl: pl.Study) -> None:
    assert pickle.loads(pickle.dumps(engdahl)) == engdahl
    assert pickle.loads(pickle.dumps(pl.Quote)) is pl.Quote
    assert pickle.loads(pickle.dumps(pl.to_networkx)) is pl.to_networkx
    error = pickle.loads(pickle.dumps(pl.DocumentError("bad")))
    assert type(error) is pl.DocumentError
    assert error.args == ("bad",)


@pytest.mark.parametrize(
    "cls",
    [obj for name in models.__all__ if isinstance(obj := getattr(models, name), type)],
    ids=lambda c: c.__name__,
)
def test_models_keep_resolving_their_annotations(cls: type) -> None:
    # typing.get_type_hints evaluates a class's annotations in sys.modules[cls.__module__],
    # which is now the public module: they were evaluated before __module__ changed.
    typing.get_type_hints(cls, include_extras=True)


def test_a_model_can_be_subclassed_and_used_in_a_users_model(engdahl: pl.Study) -> None:
    class AnnotatedQuote(pl.Quote):
        note: str = ""

    quote = engdahl.quotes[0]
    annotated = AnnotatedQuote(**dict(quote), note="x")
    assert annotated.id == quote.id

    class Collection(BaseModel):
        study: pl.Study
        quotes: list[pl.Quote]

    definitions = Collection.model_json_schema()["$defs"]
    # Short names as in the study schema, not names mangled from module paths.
    assert {"Study", "Quote"} <= set(definitions)
    assert not [name for name in definitions if "__" in name]


def test_the_json_schema_titles_are_the_class_names() -> None:
    schema = pl.json_schema()
    assert schema["title"] == "Study"
    assert schema["$defs"]["Quote"]["title"] == "Quote"


# --- what the package namespace holds ----------------------------------------------------


def test_nothing_but_the_public_names_and_subpackages_leaks_into_the_package() -> None:
    # "@py_builtins" and "@pytest_ar": pytest rewrites the asserts of every module of a
    # distribution that provides a pytest plugin (peerlandscape.testing) and adds these; no
    # user can spell them as attributes.
    leaked = {
        name
        for name, value in vars(pl).items()
        if not name.startswith(("_", "@"))
        and name not in pl.__all__
        and not (isinstance(value, ModuleType) and value.__name__ == f"peerlandscape.{name}")
    }
    assert not leaked
    assert not hasattr(pl, "version")
    assert not hasattr(pl, "PackageNotFoundError")


def test_dir_lists_every_public_name() -> None:
    assert set(pl.__all__) <= set(dir(pl))


def test_an_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'to_netwrkx'"):
        _ = pl.to_netwrkx  # type: ignore[attr-defined]


@pytest.mark.parametrize("module", [pl, readwrite, plot], ids=lambda m: m.__name__)
def test_the_deferred_names_are_the_type_checking_imports(module: ModuleType) -> None:
    # Type checkers read the imports under `if TYPE_CHECKING:`, and so does _public.lazy: each
    # deferred name comes from the module type checkers see it in, and every public name is
    # either imported eagerly or deferred (io and models are deferred, not in __all__).
    assert module.__file__ is not None
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    checking = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "_typing.TYPE_CHECKING"
    )
    declared = {
        alias.name: node.module
        for node in checking.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    eager = {
        alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module != "peerlandscape"
        for alias in node.names
    }
    assert declared == dict(_public._LAZY_NAMES[module.__name__])
    assert set(module.__all__) <= eager | set(declared)


def test_a_type_checking_block_of_anything_but_imports_is_refused_at_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "half_lazy.py").write_text(
        "import typing\n"
        "from peerlandscape import _public\n"
        "if typing.TYPE_CHECKING:\n"
        "    from json import dumps\n"
        "    Alias = int\n"
        "__getattr__, __dir__ = _public.lazy(__name__)\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ImportError, match="half_lazy: its TYPE_CHECKING block is not all imports"):
        importlib.import_module("half_lazy")


# --- a light import ------------------------------------------------------------------------

HEAVY = ("networkx", "lxml", "pandas")
REPORT_LOADED = "import sys\nprint(' '.join(name for name in {names!r} if name in sys.modules))\n"


def loaded_after(code: str, names: tuple[str, ...] = HEAVY) -> set[str]:
    """Return which of ``names`` are imported after running ``code`` in a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, "-c", code + "\n" + REPORT_LOADED.format(names=names)],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(result.stdout.splitlines()[-1].split())


def test_importing_the_package_loads_no_heavy_layer() -> None:
    assert loaded_after("import peerlandscape") == set()


def test_importing_the_package_builds_no_model() -> None:
    assert loaded_after("import peerlandscape", ("peerlandscape.models", "pydantic.main")) == set()


def cli_help(*args: str) -> str:
    """Code that runs ``peerlandscape <args> --help`` quietly."""
    return (
        "import contextlib, io\n"
        "from peerlandscape.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        f"    main([*{args!r}, '--help'])\n"
    )


def test_the_command_lines_help_loads_no_heavy_layer() -> None:
    assert loaded_after(cli_help()) == set()


def test_the_command_lines_help_builds_no_model_and_imports_no_command() -> None:
    # The group lists its commands from a table, so --help pays for click and nothing more:
    # not pydantic, not the models, not importlib.metadata (the version is read for --version).
    light = (
        "pydantic",
        "peerlandscape.models",
        "peerlandscape.models._study",
        "importlib.metadata",
        *(f"peerlandscape.cli._{name}" for name in ("summary", "graph", "import", "export")),
    )
    assert loaded_after(cli_help(), light) == set()


def test_a_commands_own_help_imports_that_command_and_no_heavy_layer() -> None:
    commands = ("peerlandscape.cli._graph", "peerlandscape.cli._import")
    assert loaded_after(cli_help("graph"), (*HEAVY, *commands)) == {commands[0]}
    assert loaded_after(cli_help("import"), (*HEAVY, *commands)) == {commands[1]}


def test_importing_the_file_formats_loads_nothing_until_one_is_used() -> None:
    light = (*HEAVY, "peerlandscape.models")
    assert loaded_after("import peerlandscape.readwrite", light) == set()
    assert loaded_after("from peerlandscape import readwrite", light) == set()


@pytest.mark.parametrize(
    ("name", "loaded"),
    [
        ("read_json", set()),
        ("generate_mermaid", set()),
        ("generate_dot", set()),
        ("read_graphml", {"networkx"}),
        ("write_node_link", {"networkx"}),
        ("read_qdpx", {"lxml"}),
        ("write_qdc", {"lxml"}),
    ],
)
def test_each_format_loads_only_what_it_needs(name: str, loaded: set[str]) -> None:
    assert loaded_after(f"import peerlandscape as pl\npl.{name}") == loaded


def test_a_deferred_layer_loads_when_first_used() -> None:
    assert loaded_after("import peerlandscape as pl\npl.to_networkx") == {"networkx"}
    assert loaded_after("import peerlandscape as pl\npl.Study", ("peerlandscape.models",)) == {
        "peerlandscape.models"
    }
