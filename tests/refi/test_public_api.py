"""The public surface of peerlandscape.refi is small, sorted and documented."""

from __future__ import annotations

import inspect

from peerlandscape import refi


def test_all_is_sorted_and_every_name_exists() -> None:
    assert refi.__all__ == sorted(refi.__all__)
    for name in refi.__all__:
        assert hasattr(refi, name), name


def test_every_public_name_has_a_numpydoc_docstring() -> None:
    for name in refi.__all__:
        obj = getattr(refi, name)
        doc = inspect.getdoc(obj)
        assert doc, name
        if inspect.isfunction(obj):
            assert "Parameters\n----------" in doc, name
            assert "Returns\n-------" in doc, name


def test_the_package_does_not_leak_its_implementation_modules() -> None:
    # "@py_builtins" and "@pytest_ar" are pytest's: it rewrites the asserts of every module of a
    # distribution that provides a pytest plugin (peerlandscape.testing).
    public = {name for name in dir(refi) if not name.startswith(("_", "@"))}
    assert public == set(refi.__all__)
