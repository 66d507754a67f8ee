"""The site's API reference (docs/api/*.md) names every public name, and describes each once.

The pages are Markdown for mkdocstrings: a ``::: peerlandscape.models`` directive renders a
module and the ``members:`` listed under it, a ``::: peerlandscape.quote_records`` directive
renders one object, and a module that re-exports what another documents links to it with
an autorefs link, ``[`Study`][peerlandscape.models.Study]``. These tests read the pages as
text, without building the site (``mkdocs build --strict`` in CI checks that every link
resolves and every docstring renders): a name added to an ``__all__`` and to no page fails
here, in a second, with the page and the line to add.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import pkgutil
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import peerlandscape

ROOT = Path(__file__).resolve().parents[1]
API = ROOT / "docs" / "api"

# The command line is described by `peerlandscape --help` and the home page, not by its
# Python names; every other subpackage without a leading underscore is public.
NOT_IN_THE_API_REFERENCE = {"peerlandscape.cli"}

_DIRECTIVE = re.compile(r"^::: (?P<path>[\w.]+)[ \t]*\n(?P<options>(?:(?:[ \t]+.*)?\n)*)", re.M)
_MEMBERS = re.compile(r"^(?P<indent>[ \t]+)members:[ \t]*(?P<value>\S*)[ \t]*$", re.M)
_AUTOREF = re.compile(r"\[`?(?P<text>[\w.]+)`?\]\[(?P<target>[\w.]+)\]")


def public_modules() -> list[str]:
    names = ["peerlandscape"]
    for module in pkgutil.iter_modules(peerlandscape.__path__, "peerlandscape."):
        last = module.name.rsplit(".", 1)[-1]
        if (
            module.ispkg
            and not last.startswith("_")
            and module.name not in NOT_IN_THE_API_REFERENCE
        ):
            names.append(module.name)
    return names


def exported_names(module: str) -> list[str]:
    """The ``__all__`` of a module, read from its source: nothing is imported."""
    spec = importlib.util.find_spec(module)
    assert spec is not None
    assert spec.origin is not None
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
                assert node.value is not None
                return list(ast.literal_eval(node.value))
    raise AssertionError(f"{module} has no __all__")


def members_option(options: str) -> list[str] | None:
    """The ``members:`` of a directive's options: a list, [] for ``false``, None if absent."""
    match = _MEMBERS.search(options)
    if match is None:
        return None
    if match["value"]:
        assert match["value"] in ("false", "[]"), f"members: {match['value']} is not a list"
        return []
    items = options[match.end() :].splitlines()[1:]
    listed = []
    for line in items:
        item = re.match(rf"^{match['indent']}[ \t]+- (\S+)[ \t]*$", line)
        if item is None:
            break
        listed.append(item[1])
    return listed


class Reference:
    """What the API pages render (directives) and link to (autorefs), page by page."""

    def __init__(self) -> None:
        self.pages = {path.name: path.read_text(encoding="utf-8") for path in API.glob("*.md")}
        self.rendered: list[tuple[str, str]] = []  # (page, dotted path), in page order
        self.module_pages: dict[str, str] = {}  # module -> its page
        self.links: dict[str, list[tuple[str, str]]] = {}  # page -> (link text, target)
        for page, text in sorted(self.pages.items()):
            for directive in _DIRECTIVE.finditer(text):
                path, members = directive["path"], members_option(directive["options"])
                if is_module(path):
                    self.module_pages[path] = page
                    self.rendered.extend((page, f"{path}.{name}") for name in members or ())
                else:
                    self.rendered.append((page, path))
            self.links[page] = [(m["text"], m["target"]) for m in _AUTOREF.finditer(text)]

    @property
    def rendered_paths(self) -> set[str]:
        return {path for _, path in self.rendered}


def is_module(path: str) -> bool:
    """Whether ``path`` names a module, found without importing it (only its parent)."""
    parent, _, name = path.rpartition(".")
    if not parent:
        return importlib.util.find_spec(path) is not None
    spec = importlib.util.find_spec(parent)
    if spec is None or spec.submodule_search_locations is None:
        return False
    return any(m.name == name for m in pkgutil.iter_modules(spec.submodule_search_locations))


def resolve(path: str) -> Any:
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)


@pytest.fixture(scope="module")
def reference() -> Reference:
    return Reference()


@pytest.mark.parametrize("module", public_modules())
def test_every_public_module_has_a_page_that_renders_it(reference: Reference, module: str) -> None:
    assert module in reference.module_pages, (
        f"no page of docs/api/ renders {module}: add docs/api/<name>.md with "
        f"'::: {module}' and its members, and list it in mkdocs.yml and docs/api/index.md"
    )


@pytest.mark.parametrize("module", public_modules())
def test_every_name_in_all_is_rendered_or_linked_on_its_module_page(
    reference: Reference, module: str
) -> None:
    page = reference.module_pages.get(module)
    if page is None:
        pytest.skip(f"{module} has no page (reported by the test above)")
    rendered = reference.rendered_paths
    linked = dict(reference.links[page])
    missing = []
    for name in exported_names(module):
        if f"{module}.{name}" in rendered:
            continue
        if is_module(f"{module}.{name}"):
            assert f"{module}.{name}" in reference.module_pages, f"{module}.{name} has no page"
            assert f"]({name}.md)" in reference.pages[page], (
                f"docs/api/{page} should link the page of {module}.{name}: [`{name}`]({name}.md)"
            )
            continue
        target = linked.get(name)
        if target is None:
            missing.append(name)
            continue
        # A link names another path for the same object: where the object is rendered.
        assert target in rendered, f"docs/api/{page}: {name} links to {target}, rendered nowhere"
        assert resolve(target) is resolve(f"{module}.{name}"), (
            f"docs/api/{page}: {module}.{name} links to {target}, another object"
        )
    assert not missing, (
        f"docs/api/{page} neither renders nor links {missing}: list each under the members "
        f"of '::: {module}', or, if another page renders it, link it as "
        f"[`name`][other.module.name]"
    )


def test_each_object_is_rendered_once(reference: Reference) -> None:
    counts = Counter(path for _, path in reference.rendered)
    assert [path for path, count in counts.items() if count > 1] == []
    # ... and under one path only: a re-export links to it instead of rendering it again.
    by_object: dict[int, list[str]] = {}
    for path in counts:
        obj = resolve(path)
        if isinstance(obj, type) or callable(obj):
            by_object.setdefault(id(obj), []).append(path)
    assert [paths for paths in by_object.values() if len(paths) > 1] == []


def test_every_rendered_name_is_public(reference: Reference) -> None:
    for page, path in reference.rendered:
        module, _, name = path.rpartition(".")
        if module in reference.module_pages or module == "peerlandscape":
            assert name in exported_names(module), f"docs/api/{page}: {name} is not in {module}"


def test_the_members_option_is_read_as_mkdocstrings_reads_it() -> None:
    options = (
        "    options:\n      heading_level: 1\n      members:\n        - Study\n        - Code\n"
    )
    assert members_option(options) == ["Study", "Code"]
    assert members_option("    options:\n      members: false\n") == []
    assert members_option("    options:\n      heading_level: 1\n") is None
