"""How the public modules present what they export: under a public name, loaded when used.

The implementation lives in private modules (``peerlandscape.models._quotes``);
users import it from public ones (``peerlandscape``, ``peerlandscape.refi``).
Every public ``__init__`` ends with a call to :func:`publish`, and one that
defers a heavy layer also with :func:`lazy`:

:func:`publish`
    gives each class and function of the module's ``__all__`` the public
    module as ``__module__`` (as httpx does), so that reprs, tracebacks,
    pickles, doctests and documentation say ``peerlandscape.Quote``, not
    ``peerlandscape.models._quotes.Quote``. A name the root package exports
    gets ``peerlandscape``; any other, the public module that lists it.
:func:`lazy`
    returns a module ``__getattr__`` and ``__dir__`` (PEP 562) that import a
    layer when one of its names is first used: the graph layer pulls
    networkx, which takes longer to import than pydantic. Which names, from
    which modules, it reads from the module's own ``if TYPE_CHECKING:``
    imports, which type checkers and IDEs read too: a deferred name is
    declared once. A name whose optional dependency is missing
    (``read_qdpx`` without lxml) is a stand-in that raises
    :class:`~peerlandscape.MissingDependencyError` when called.

Both work from ``__all__`` and the imports: a new public name needs no change here.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import sys
import typing
from collections.abc import Callable, Mapping
from typing import Any

from peerlandscape._exceptions import MissingDependencyError

__all__ = ["ROOT", "lazy", "publish"]

ROOT = "peerlandscape"
"""The root package: a name it exports is shown as ``peerlandscape.<name>``."""

_LAZY_NAMES: dict[str, Mapping[str, str]] = {}
"""For each module that defers names: name -> the module that defines it."""


def publish(module_name: str) -> None:
    """Give each class and function in the ``__all__`` of a module its public ``__module__``.

    Call it at the end of a public ``__init__``, once every name of its
    ``__all__`` is imported (a name :func:`lazy` defers is published when it
    is loaded). A pydantic model is fully built first: pydantic resolves
    forward references in ``sys.modules[cls.__module__]``, which is the
    private module only until this runs.

    Parameters
    ----------
    module_name
        The public module, ``__name__`` of the ``__init__`` that calls this.
    """
    namespace = vars(sys.modules[module_name])
    for name in namespace["__all__"]:
        if name in namespace:
            obj = namespace[name]
            public = ROOT if _exported_by_root(name, obj, module_name) else module_name
            _publish_object(obj, public)


def lazy(module_name: str) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """Return the ``__getattr__`` and ``__dir__`` of a module that imports some names when used.

    The names are those the module imports in its ``if TYPE_CHECKING:``
    block, each taken when first used as that ``from <module> import <name>``
    would (a name may be a submodule). Type checkers and IDEs read the same
    block, so the two cannot disagree. The block is read from the module's
    source, which must therefore be installed (as it is by pip).

    Parameters
    ----------
    module_name
        The module, ``__name__`` of the ``__init__`` that calls this.

    Returns
    -------
    tuple
        The module-level ``__getattr__`` and ``__dir__`` (PEP 562). ``__dir__``
        lists the deferred names before they are loaded. A name whose import
        raises :class:`~peerlandscape.MissingDependencyError` is given as a
        function that tries again when called, and raises it if it still cannot.
    """
    names = _type_checking_imports(module_name)
    _LAZY_NAMES[module_name] = names
    namespace = vars(sys.modules[module_name])

    def __getattr__(name: str) -> Any:  # noqa: N807 - the module hook of PEP 562
        if name == "__test__":
            return _doctest_targets(module_name, names)
        try:
            source = names[name]
        except KeyError:
            raise AttributeError(f"module {module_name!r} has no attribute {name!r}") from None
        try:
            value = _import_from(source, name)
        except MissingDependencyError:
            # Not cached: the stand-in tries again each time, and gives way once it can load.
            return _needs_dependency(module_name, source, name)
        root = module_name == ROOT or _exported_by_root(name, value, module_name)
        _publish_object(value, ROOT if root else module_name)
        namespace[name] = value  # later look-ups find it without coming here
        return value

    def __dir__() -> list[str]:  # noqa: N807 - the module hook of PEP 562
        return sorted({*namespace, *namespace.get("__all__", ()), *names})

    return __getattr__, __dir__


def _type_checking_imports(module_name: str) -> dict[str, str]:
    # Parsing the block costs well under a millisecond (ast is loaded already, by inspect); the
    # alternative, a table of the same names beside it, is a second declaration to keep in step.
    try:
        source = inspect.getsource(sys.modules[module_name])
    except OSError:
        raise ImportError(
            f"{module_name}: its source, which names what it loads lazily, is missing"
        ) from None
    names: dict[str, str] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for statement in node.body:
                # Absolute `from <module> import <names>` only: the form lazy can repeat.
                if (
                    not isinstance(statement, ast.ImportFrom)
                    or statement.level
                    or statement.module is None
                ):
                    raise ImportError(f"{module_name}: its TYPE_CHECKING block is not all imports")
                for alias in statement.names:
                    if alias.asname not in (None, alias.name):
                        raise ImportError(f"{module_name}: {alias.name} is renamed on import")
                    names[alias.name] = statement.module
    return names


def _is_type_checking(test: ast.expr) -> bool:
    # `if TYPE_CHECKING:` or `if typing.TYPE_CHECKING:`, not `if not TYPE_CHECKING:`
    if isinstance(test, ast.Attribute):
        return test.attr == "TYPE_CHECKING"
    return isinstance(test, ast.Name) and test.id == "TYPE_CHECKING"


def _needs_dependency(module_name: str, source: str, name: str) -> Callable[..., Any]:
    # A reader whose optional dependency is missing (read_qdpx without lxml) can still be
    # imported, listed by dir(), star-imported and documented by help(); calling it raises
    # the MissingDependencyError that names the extra to install, as networkx's functions
    # that need pandas or scipy do.
    def needs_dependency(*args: Any, **kwargs: Any) -> Any:
        return _import_from(source, name)(*args, **kwargs)

    needs_dependency.__name__ = needs_dependency.__qualname__ = name
    needs_dependency.__module__ = module_name
    needs_dependency.__doc__ = (
        f"Unavailable: {name} needs an optional dependency that is not installed; "
        "calling it raises MissingDependencyError, which names the extra to install."
    )
    return needs_dependency


def _import_from(source: str, name: str) -> Any:
    # What `from source import name` does, without calling the source's own __getattr__ when
    # the source is the package that defers the name (that would come back here).
    module = importlib.import_module(source)
    if name in vars(module):
        return vars(module)[name]
    try:
        return importlib.import_module(f"{source}.{name}")
    except ModuleNotFoundError as error:
        if error.name != f"{source}.{name}":
            raise  # a missing dependency of the submodule, not a missing submodule
        return getattr(module, name)


def _doctest_targets(module_name: str, names: Mapping[str, str]) -> dict[str, Any]:
    # doctest looks for examples in a module's __dict__ and in its __test__: a deferred name is
    # not in __dict__ until used, and its examples would silently drop out of the run. Only
    # doctest asks for __test__; it gets the deferred classes and functions (loaded for it)
    # that now report this module (a name whose optional dependency is missing is a stand-in
    # without examples).
    module = sys.modules[module_name]
    targets = {name: getattr(module, name) for name in sorted(names)}
    return {
        name: value
        for name, value in targets.items()
        if (inspect.isclass(value) or inspect.isfunction(value)) and value.__module__ == module_name
    }


def _exported_by_root(name: str, obj: object, module_name: str) -> bool:
    root = sys.modules.get(ROOT)
    if root is None or name not in getattr(root, "__all__", ()):
        return False
    # The root's own object, or the one it will load from this module (refi.Code is not the
    # root's Code: it is another class of the same name).
    return vars(root).get(name) is obj or _LAZY_NAMES.get(ROOT, {}).get(name) == module_name


def _is_private(module_name: str) -> bool:
    return any(part.startswith("_") for part in module_name.split("."))


def _publish_object(obj: object, public: str) -> None:
    if not (inspect.isclass(obj) or inspect.isfunction(obj)):
        return
    current: str = obj.__module__
    ours = current == ROOT or current.startswith(f"{ROOT}.")
    # From a private module to a public one, or from a public subpackage to the root; never
    # from one public subpackage to another (the first to export a name keeps it).
    if not ours or current == public or (public != ROOT and not _is_private(current)):
        return
    if inspect.isclass(obj):
        _finish_model(obj)
        _freeze_annotations(obj)
        _publish_members(obj, current, public)
    obj.__module__ = public


def _finish_model(cls: type) -> None:
    # A model still waiting for a forward reference would look for it in the public module
    # once __module__ changes; build it now, where its names are, or fail loudly at import.
    if getattr(cls, "__pydantic_complete__", True) is False:
        cls.model_rebuild()  # type: ignore[attr-defined]


def _freeze_annotations(cls: type) -> None:
    # typing.get_type_hints evaluates a class's string annotations (from __future__ import
    # annotations) in sys.modules[cls.__module__]: once that is the public module, the names
    # they use are not there. Evaluate them now, while they are.
    own = inspect.get_annotations(cls)
    if not any(isinstance(value, str) for value in own.values()):
        return
    try:
        hints = typing.get_type_hints(cls, include_extras=True)
    except (NameError, TypeError):  # a name only type checkers import: leave the strings
        return
    cls.__annotations__ = {name: hints.get(name, value) for name, value in own.items()}


def _publish_members(cls: type, current: str, public: str) -> None:
    # doctest (and inspect.getmodule) finds a method's examples through the method's own
    # __module__: left private, they would silently drop out of the doctest run.
    prefix = f"{cls.__qualname__}."
    for member in vars(cls).values():
        for function in _functions_of(member):
            if function.__module__ == current and function.__qualname__.startswith(prefix):
                if inspect.isclass(function):
                    _freeze_annotations(function)
                    _publish_members(function, current, public)
                function.__module__ = public


def _functions_of(member: object) -> tuple[Any, ...]:
    if isinstance(member, staticmethod | classmethod):
        return (member.__func__,)
    if isinstance(member, property):
        return tuple(f for f in (member.fget, member.fset, member.fdel) if f is not None)
    if isinstance(member, functools.cached_property):
        return (member.func,)
    if inspect.isfunction(member) or inspect.isclass(member):
        return (member,)
    return ()
