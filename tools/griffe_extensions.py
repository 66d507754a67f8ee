"""Griffe extensions for the documentation site: what mkdocstrings needs to read our code.

:class:`SphinxRoles`
    The docstrings name other objects the way numpydoc and ``help()`` readers expect,
    with Sphinx roles (``:class:`~peerlandscape.models.Study```, ``:func:`read_qdpx```).
    mkdocstrings reads Markdown, where a role would show as literal text, so
    each role is rewritten, once the package is loaded, as a cross-reference
    that mkdocs-autorefs resolves: ``[`Study`][peerlandscape.models.Study]``.
    A bare or relative name (``read_qdpx``, ``Study.index``, ``._sources``) is
    resolved as Python would, in the scope of the object whose docstring names
    it. Every target links to where the API pages document it: in the public
    package whose private module defines it (``peerlandscape.Study`` and
    ``peerlandscape.models._study.Study`` are both documented as
    ``peerlandscape.models.Study``). A target written in full that does not
    exist is kept as written, so that the misspelling fails ``mkdocs build
    --strict``. A private object, or one outside the package (``json.dumps``),
    is shown as code without a link: the site documents the public surface,
    and the build is offline, with no other project's inventory to link to.
:func:`rst_to_markdown`
    The few other reStructuredText constructs of our docstrings, which
    Markdown would run together into one paragraph: simple tables (``===``
    borders), literal blocks (a paragraph ending ``::``) and definition lists
    (a term, its definition indented under it) in the description above the
    numpydoc sections.
:class:`PublicValidators`
    griffe-pydantic lists a model's validators under its fields; ours are
    private (``_check_integrity``), implementation rather than API, and are
    left out (what they check is in the model's docstring).
:class:`AttrsInit`
    Griffe reads code without running it, and knows how a dataclass builds
    its ``__init__`` but not how attrs does: this gives each attrs class
    (``@attrs.frozen``, ``@attrs.define``, ...) the ``__init__`` attrs writes
    for it, so that its signature shows and its Parameters section matches.

Loaded by ``mkdocs.yml`` (``extensions: [tools/griffe_extensions.py]``); not part of the
package.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

__all__ = ["AttrsInit", "PublicValidators", "SphinxRoles", "rewrite_roles", "rst_to_markdown"]

PACKAGE = "peerlandscape"

_ROLE = re.compile(
    r":(?:py:)?(?P<role>func|class|meth|attr|mod|exc|data|obj|const):"
    r"`(?P<content>[^`]+)`"
)
_TITLED = re.compile(r"^(?P<title>.+?)\s*<(?P<target>[^<>]+)>$")


def rewrite_roles(text: str, scope: griffe.Object | griffe.Alias) -> str:
    """Return ``text`` with every Sphinx role rewritten as Markdown.

    Parameters
    ----------
    text
        A docstring.
    scope
        The object the docstring belongs to: bare names are resolved in its scope.

    Returns
    -------
    str
        The docstring, each role a cross-reference to where the site documents
        the object, or code where the site does not document it.
    """

    def replace(match: re.Match[str]) -> str:
        content = match["content"].strip()
        titled = _TITLED.match(content)
        if titled:
            title, target = titled["title"], titled["target"].strip()
        else:
            target = content.lstrip("!")
            short = target.startswith("~")
            target = target.lstrip("~")
            title = target.rsplit(".", 1)[-1] if short else target
        identifier = _link_target(target, scope)
        code = f"`{title}`"
        return f"[{code}][{identifier}]" if identifier else code

    return _ROLE.sub(replace, text)


def _is_private(path: str) -> bool:
    return any(part.startswith("_") and not part.startswith("__") for part in path.split("."))


def _link_target(target: str, scope: griffe.Object | griffe.Alias) -> str | None:
    # The path the site documents the target under, None for no link.
    written_in_full = target == PACKAGE or target.startswith(f"{PACKAGE}.")
    if written_in_full:
        path = target
    elif target.startswith("."):
        # Relative to the package of the docstring's module, as Sphinx reads ``._sources``.
        module = scope if scope.is_module else scope.module
        package = module if module.is_package else module.parent
        path = f"{package.path}{target}"  # type: ignore[union-attr]
    else:
        first, _, rest = target.partition(".")
        try:
            resolved = scope.resolve(first)
        except griffe.NameResolutionError:
            return None
        if resolved != PACKAGE and not resolved.startswith(f"{PACKAGE}."):
            return None  # another project's object: no inventory to link to, offline
        path = f"{resolved}.{rest}" if rest else resolved
    try:
        obj = scope.modules_collection[path]
        if obj.is_alias:
            obj = obj.final_target
    except (KeyError, griffe.AliasResolutionError, griffe.CyclicAliasError):
        # Unknown: a name written in full stays, so that a misspelt one fails the build.
        return path if written_in_full else None
    return _home(obj)


def _home(obj: griffe.Object) -> str | None:
    # Where the API pages document an object: in the public package its private module
    # belongs to (peerlandscape.models._study.Study.index -> peerlandscape.models.Study.index),
    # if that package exports it; a private object is not documented, and gets no link.
    if obj.is_module:
        return None if _is_private(obj.path) else obj.path
    module = obj.module
    qualname = obj.canonical_path[len(module.path) + 1 :]
    parts = module.path.split(".")
    public = ".".join(parts[: next((i for i, p in enumerate(parts) if p.startswith("_")), None)])
    try:
        package = obj.modules_collection[public]
    except KeyError:
        return None
    exported = {str(name) for name in package.exports or ()}
    if qualname.split(".")[0] not in exported or _is_private(qualname):
        return None
    return f"{public}.{qualname}"


_BORDER = re.compile(r"^=+(?: +=+)+ *$")
_SECTION_UNDERLINE = re.compile(r"^-{3,} *$")


def rst_to_markdown(text: str) -> str:
    """Return ``text`` with its simple tables, literal blocks and definition lists as Markdown.

    Parameters
    ----------
    text
        A docstring, dedented.

    Returns
    -------
    str
        The docstring, each of those constructs in its Markdown form.
    """
    lines = _tables(text.splitlines())
    lines = _literal_blocks(lines)
    # Definition lists only above the numpydoc sections, whose entries share their shape.
    end = next(
        (i - 1 for i in range(1, len(lines)) if _SECTION_UNDERLINE.match(lines[i])), len(lines)
    )
    return "\n".join(_definition_lists(lines[:end]) + lines[end:])


def _tables(lines: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not _BORDER.match(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        border = lines[i]
        starts = [m.start() for m in re.finditer(r"=+", border)]
        rows: list[list[str]] = []
        header: list[str] | None = None
        borders = 1
        i += 1
        while i < len(lines) and borders < 3:  # noqa: PLR2004 - top, under the header, bottom
            line = lines[i]
            i += 1
            if _BORDER.match(line):
                borders += 1
                if i < len(lines) and lines[i].strip() and header is None:
                    header, rows = _merge(rows), []  # the border under the header
                else:
                    break  # the bottom border (of a table without a header, the second)
                continue
            cells = [
                line[start : starts[n + 1] if n + 1 < len(starts) else None].strip()
                for n, start in enumerate(starts)
            ]
            if rows and not cells[0]:
                rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells, strict=True)]
            else:
                rows.append(cells)
        header = header or [""] * len(starts)
        out.append("| " + " | ".join(header) + " |")
        out.append("|" + "---|" * len(starts))
        out.extend(
            "| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows
        )
    return out


def _merge(rows: list[list[str]]) -> list[str]:
    return [" ".join(cell for cell in column if cell) for column in zip(*rows, strict=True)]


def _literal_blocks(lines: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        out_line = line
        if line.rstrip().endswith("::") and not line.lstrip().startswith(">>>"):
            indent = len(line) - len(line.lstrip())
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            block: list[str] = []
            while j < len(lines) and (
                not lines[j].strip() or len(lines[j]) - len(lines[j].lstrip()) > indent
            ):
                block.append(lines[j])
                j += 1
            while block and not block[-1].strip():
                block.pop()
            if block:
                stripped = line.rstrip()[:-2].rstrip()
                out_line = f"{stripped}:" if stripped.strip() else ""
                cut = min(len(b) - len(b.lstrip()) for b in block if b.strip())
                out.extend([out_line, "", " " * indent + "```text"])
                out.extend(" " * indent + b[cut:] if b.strip() else "" for b in block)
                out.extend([" " * indent + "```", ""])
                i = j
                continue
        out.append(out_line)
        i += 1
    return out


def _definition_lists(lines: list[str]) -> list[str]:
    out: list[str] = []
    fenced = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if not fenced and _is_term(lines, i):
            if out and out[-1].startswith("    "):
                out.append("")  # each item of a Markdown definition list after a blank line
            out.extend([line, f":   {lines[i + 1].strip()}"])
            i += 2
            continue
        out.append(line)
        i += 1
    return out


def _is_term(lines: list[str], i: int) -> bool:
    # A line at the margin, after a blank line or another definition, with its definition
    # indented under it.
    line = lines[i]
    after = lines[i + 1] if i + 1 < len(lines) else ""
    before = lines[i - 1] if i else ""
    return bool(
        line.strip()
        and not line.startswith(" ")
        and not line.startswith((">>>", "|", "-", "*", "```"))
        and after.startswith("    ")
        and after.strip()
        and (not before.strip() or before.startswith("    "))
    )


def _walk(obj: griffe.Object) -> list[griffe.Object]:
    found = [obj]
    for member in obj.members.values():
        if not member.is_alias:
            found.extend(_walk(member))  # type: ignore[arg-type]
    return found


class SphinxRoles(griffe.Extension):
    """Rewrite the Sphinx roles of every docstring in the package once it is loaded."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        """Rewrite the docstrings of ``pkg`` and of everything it defines."""
        if pkg.path != PACKAGE:
            return
        for obj in _walk(pkg):
            if obj.docstring is not None:
                text = rst_to_markdown(obj.docstring.value)
                obj.docstring.value = rewrite_roles(text, obj)


_ATTRS_CLASS = frozenset(
    f"{module}.{name}"
    for module in ("attrs", "attr")
    for name in ("frozen", "define", "mutable", "s", "attrs")
)
_ATTRS_FIELD = frozenset({"attrs.field", "attr.field", "attr.ib", "attr.attrib"})


def _attrs_decorator(cls: griffe.Class) -> griffe.Expr | None:
    for decorator in cls.decorators:
        value = decorator.value
        if isinstance(value, griffe.Expr) and value.canonical_path in _ATTRS_CLASS:
            return value
    return None


def _keywords(call: object) -> dict[str, Any]:
    if not isinstance(call, griffe.ExprCall):
        return {}
    return {
        argument.name: argument.value
        for argument in call.arguments
        if isinstance(argument, griffe.ExprKeyword)
    }


def _attrs_parameters(cls: griffe.Class, kw_only: bool) -> list[griffe.Parameter]:
    parameters = []
    for member in cls.members.values():
        if member.is_alias or not member.is_attribute:
            continue
        attribute: griffe.Attribute = member  # type: ignore[assignment]
        if attribute.annotation is None or "property" in attribute.labels:
            continue
        if "instance-attribute" not in attribute.labels:  # a ClassVar
            continue
        field = attribute.value
        options = (
            _keywords(field)
            if isinstance(field, griffe.ExprCall) and field.canonical_path in _ATTRS_FIELD
            else None
        )
        if options is not None and options.get("init") == "False":
            continue
        default: str | griffe.Expr | None
        if options is None:
            default = field
        elif "factory" in options:
            default = griffe.ExprCall(function=options["factory"], arguments=[])
        else:
            default = options.get("default")
        keyword = kw_only or (options or {}).get("kw_only") == "True"
        parameters.append(
            griffe.Parameter(
                str((options or {}).get("alias", "")).strip("'\"") or attribute.name.lstrip("_"),
                annotation=attribute.annotation,
                kind=(
                    griffe.ParameterKind.keyword_only
                    if keyword
                    else griffe.ParameterKind.positional_or_keyword
                ),
                default=default,
                docstring=attribute.docstring,
            )
        )
    return parameters


def _set_attrs_init(cls: griffe.Class) -> None:
    decorator = _attrs_decorator(cls)
    if decorator is None or "__init__" in cls.members:
        return
    kw_only = _keywords(decorator).get("kw_only") == "True"
    parameters: list[griffe.Parameter] = []
    for parent in reversed(cls.mro()):
        if _attrs_decorator(parent) is not None:
            parameters.extend(_attrs_parameters(parent, kw_only))
    parameters.extend(_attrs_parameters(cls, kw_only))
    by_name = {parameter.name: parameter for parameter in parameters}  # a subclass overrides
    ordered = sorted(by_name.values(), key=lambda p: p.kind is griffe.ParameterKind.keyword_only)
    init = griffe.Function(
        "__init__",
        lineno=0,
        endlineno=0,
        parent=cls,
        parameters=griffe.Parameters(
            griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword),
            *ordered,
        ),
        returns="None",
    )
    cls.set_member("__init__", init)


class AttrsInit(griffe.Extension):
    """Give every attrs class of the package the ``__init__`` that attrs writes for it."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        """Add the ``__init__`` of each attrs class in ``pkg``."""
        if pkg.path != PACKAGE:
            return
        for obj in _walk(pkg):
            if obj.is_class:
                _set_attrs_init(obj)  # type: ignore[arg-type]


class PublicValidators(griffe.Extension):
    """Leave the private validators of pydantic models out of the models' pages.

    Listed after ``griffe_pydantic`` in ``mkdocs.yml``, so that it runs after it.
    """

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        """Unmark the private validators in ``pkg``, which griffe-pydantic marked."""
        if pkg.path != PACKAGE:
            return
        for obj in _walk(pkg):
            if obj.is_function and obj.name.startswith("_"):
                obj.labels.discard("pydantic-validator")
