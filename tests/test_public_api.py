"""The public surface: curated, sorted, importable, documented, with one exception tree."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from types import ModuleType

import pytest

import peerlandscape as pl
from peerlandscape import _exceptions, models

PUBLIC_MODULES = [pl, models, pl.io, pl.datasets, pl.graph, pl.queries, pl.validation]


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
        for module in (models, pl.io):
            if name in module.__all__:
                assert getattr(pl, name) is getattr(module, name)


def test_every_exported_model_is_reachable_from_the_top_level() -> None:
    # StudyIndex and INTEGRITY_ERROR_TYPES are for advanced use and stay in peerlandscape.models.
    assert set(models.__all__) - set(pl.__all__) == {"INTEGRITY_ERROR_TYPES", "StudyIndex"}


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
# root, and a missing file (a FileNotFoundError instead). A new exception that is not about
# caller input must be added here, deliberately.
NOT_VALUE_ERRORS = {pl.PeerLandscapeError, pl.MissingFileError}


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
