"""A regular text source is read a column at a time; the document is the careful reading's.

:class:`~peerlandscape.refi._parsing._bulk.SelectionColumns` reads the
selections of a source one attribute at a time and declines anything it does
not expect, which is then read element by element. Whatever a source holds,
the document (and the first error) must be the same either way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peerlandscape._exceptions import DocumentError, UnsafeFileError
from peerlandscape.refi import ProjectDocument, ReadLimits, parse_project
from peerlandscape.refi._parsing import _bulk

from ._builders import project_xml

CODE = "d7aa29da-519b-4946-9b90-253b6db8fd0a"
USER = "c43318af-ce9a-447e-8525-7cdb025b1a69"
OTHER_NAMESPACE = "urn:QDA-XML:project:1:0"


@contextmanager
def _careful_only() -> Iterator[None]:
    # Every source read element by element, as before the column reader existed.
    original = _bulk.SelectionColumns.read
    _bulk.SelectionColumns.read = lambda self, source, guids: None  # type: ignore[method-assign]
    try:
        yield
    finally:
        _bulk.SelectionColumns.read = original  # type: ignore[method-assign]


def _read(data: bytes) -> ProjectDocument | str:
    try:
        return parse_project(data, source_name="p.qde")
    except DocumentError as error:
        return f"DocumentError: {error}"


def _guid(number: int, form: str) -> str:
    guid = f"{number:08x}-0000-4000-8000-{number:012x}"
    return {"lower": guid, "upper": guid.upper(), "braced": f"{{{guid}}}", "bad": "nope"}[form]


def _mostly(regular: object, *others: object) -> st.SearchStrategy[object]:
    # Regular most of the time, so that whole sources are regular often enough.
    return st.sampled_from([regular] * 3 * len(others) + list(others))


# One selection: which of its parts are regular, and which are not.
_selections = st.lists(
    st.fixed_dictionaries(
        {
            "guid": _mostly("upper", "lower", "braced", "bad", "missing"),
            "start": _mostly("3", " 3", "x", "missing", "\u0663"),
            "name": _mostly("Named", "", None),
            "creator": _mostly(USER.upper(), None, f"{{{USER}}}", "bad"),
            "description": _mostly(None, "said so"),
            "codings": st.lists(
                st.fixed_dictionaries(
                    {
                        "guid": _mostly("upper", "lower", "braced", "missing"),
                        "code": _mostly(CODE.upper(), CODE, "bad", None, "two"),
                        "user": _mostly(USER.upper(), USER, None, "bad"),
                        "note": _mostly(False, True),
                        "when": _mostly("2024-03-04T09:37:19Z", None),
                    }
                ),
                max_size=3,
            ),
            "extra": _mostly(None, "<Unknown/>", "<NoteRef targetGUID='x'/>"),
            "foreign": _mostly(False, True),
        }
    ),
    max_size=4,
)


def _coding(number: int, coding: dict[str, object]) -> str:
    attributes = []
    if coding["guid"] != "missing":
        attributes.append(f"guid='{_guid(number, str(coding['guid']))}'")
    if coding["user"] is not None:
        attributes.append(f"creatingUser='{coding['user']}'")
    if coding["when"] is not None:
        attributes.append(f"creationDateTime='{coding['when']}'")
    code = coding["code"]
    inside = {
        None: "",
        "two": f"<CodeRef targetGUID='{CODE}'/><CodeRef targetGUID='{CODE.upper()}'/>",
    }.get(code, f"<CodeRef targetGUID='{code}'/>")  # type: ignore[call-overload]
    if coding["note"]:
        inside += f"<NoteRef targetGUID='{USER}'/>"
    return f"<Coding {' '.join(attributes)}>{inside}</Coding>"


def _selection(number: int, selection: dict[str, object]) -> str:
    attributes = []
    if selection["guid"] != "missing":
        attributes.append(f"guid='{_guid(number, str(selection['guid']))}'")
    if selection["start"] != "missing":
        attributes.append(f"startPosition='{selection['start']}'")
    attributes.append("endPosition='9'")
    if selection["name"] is not None:
        attributes.append(f"name='{selection['name']}'")
    if selection["creator"] is not None:
        attributes.append(f"creatingUser='{selection['creator']}' modifyingUser='{USER}'")
        attributes.append("creationDateTime='2024-03-04T09:00:00Z'")
    inside = ""
    if selection["description"] is not None:
        inside += f"<Description>{selection['description']}</Description>"
    codings = selection["codings"]
    assert isinstance(codings, list)
    inside += "".join(_coding(number * 10 + at, coding) for at, coding in enumerate(codings))
    if selection["extra"] is not None:
        inside += str(selection["extra"])
    xmlns = f" xmlns='{OTHER_NAMESPACE}'" if selection["foreign"] else ""
    return f"<PlainTextSelection{xmlns} {' '.join(attributes)}>{inside}</PlainTextSelection>"


def _project(sources: list[list[dict[str, object]]]) -> bytes:
    body = (
        f"<Users><User guid='{USER.upper()}' name='coder'/></Users>"
        f"<CodeBook><Codes><Code guid='{CODE.upper()}' name='c' isCodable='true'/></Codes>"
        "</CodeBook><Sources>"
    )
    for at, selections in enumerate(sources):
        body += (
            f"<TextSource guid='{_guid(1000 + at, 'upper')}' name='s{at}'>"
            "<PlainTextContent>0123456789</PlainTextContent>"
            + "".join(_selection(at * 100 + n + 1, s) for n, s in enumerate(selections))
            + "</TextSource>"
        )
    return project_xml(body + "</Sources>").encode()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_selections, min_size=1, max_size=3))
def test_any_source_reads_the_same_by_columns_and_element_by_element(
    sources: list[list[dict[str, object]]],
) -> None:
    data = _project(sources)
    by_columns = _read(data)
    with _careful_only():
        careful = _read(data)

    assert by_columns == careful


def test_a_selection_in_another_namespace_keeps_its_place() -> None:
    regular: dict[str, object] = {
        "guid": "upper",
        "start": "3",
        "name": "Named",
        "creator": USER.upper(),
        "description": None,
        "codings": [{"guid": "upper", "code": CODE, "user": USER, "note": False, "when": None}],
        "extra": None,
        "foreign": False,
    }
    data = _project([[{**regular, "foreign": True}, regular]])
    by_columns = _read(data)
    with _careful_only():
        careful = _read(data)

    assert isinstance(by_columns, ProjectDocument)
    assert by_columns == careful


def test_a_regular_source_is_read_by_columns(real_shape: Path) -> None:
    calls: list[bool] = []
    original = _bulk.SelectionColumns.read

    def spy(self: _bulk.SelectionColumns, source: object, guids: dict[str, str]) -> object:
        found = original(self, source, guids)
        calls.append(found is not None)
        return found

    data = real_shape.read_bytes()
    _bulk.SelectionColumns.read = spy  # type: ignore[assignment,method-assign]
    try:
        by_columns = parse_project(data)
    finally:
        _bulk.SelectionColumns.read = original  # type: ignore[method-assign]
    with _careful_only():
        careful = parse_project(data)

    assert calls
    assert all(calls)
    assert by_columns == careful


@pytest.fixture
def real_shape(tmp_path: Path) -> Path:
    """A small project as MAXQDA writes it: upper-case GUIDs, three codings a selection."""
    selections = []
    for n in range(1, 6):
        codings = "".join(
            f"<Coding guid='{_guid(n * 10 + k, 'upper')}' creatingUser='{USER.upper()}' "
            f"creationDateTime='2024-03-04T09:3{k}:19Z'><CodeRef targetGUID='{CODE.upper()}'/>"
            "</Coding>"
            for k in range(3)
        )
        selections.append(
            f"<PlainTextSelection guid='{_guid(n, 'upper')}' name='Be fe…' "
            f"startPosition='{n}' endPosition='{n + 2}' creatingUser='{USER.upper()}' "
            "creationDateTime='2024-03-04T09:36:23Z' "
            f"modifyingUser='{USER.upper()}' modifiedDateTime='2024-03-04T09:40:22Z'>"
            f"\n    {codings}\n   </PlainTextSelection>"
        )
    body = (
        f"<Users><User guid='{USER.upper()}' name='coder'/></Users>"
        f"<CodeBook><Codes><Code guid='{CODE.upper()}' name='c' isCodable='true'/></Codes>"
        f"</CodeBook><Sources><TextSource guid='{_guid(99, 'upper')}' name='Interview 1'>"
        "<PlainTextContent>0123456789</PlainTextContent>\n   "
        + "\n   ".join(selections)
        + "</TextSource></Sources>"
    )
    path = tmp_path / "real.qde"
    path.write_text(project_xml(body), encoding="utf-8")
    return path


def _nested(depth: int) -> str:
    return "<Deep>" * depth + "</Deep>" * depth


@pytest.mark.parametrize("max_xml_depth", range(2, 10))
@pytest.mark.parametrize(
    "inside",
    [
        "",
        # Something nested in a CodeRef, a description, or a child of the source beside
        # the selections: depth is checked as strictly when selections are read by columns.
        f"<PlainTextSelection guid='{CODE}' startPosition='0' endPosition='1'><Coding "
        f"guid='{USER}'><CodeRef targetGUID='{CODE}'>{_nested(3)}</CodeRef></Coding>"
        "</PlainTextSelection>",
        f"<PlainTextSelection guid='{CODE}' startPosition='0' endPosition='1'>"
        f"<Description>x{_nested(2)}</Description></PlainTextSelection>",
        f"<Extra>{_nested(4)}</Extra>",
    ],
)
def test_a_source_read_by_columns_is_held_to_the_depth_limit(
    max_xml_depth: int, inside: str
) -> None:
    selection = (
        f"<PlainTextSelection guid='{USER}' startPosition='0' endPosition='2'>"
        f"<Coding guid='{CODE}'><CodeRef targetGUID='{CODE}'/></Coding></PlainTextSelection>"
    )
    body = (
        f"<Sources><TextSource guid='{_guid(7, 'upper')}' name='s'>"
        f"<PlainTextContent>0123456789</PlainTextContent>{selection}{inside}</TextSource>"
        f"<TextSource guid='{_guid(8, 'upper')}' name='t'>{selection}</TextSource></Sources>"
    )
    data = project_xml(body).encode()
    limits = ReadLimits(max_xml_depth=max_xml_depth)

    def read() -> ProjectDocument | str:
        try:
            return parse_project(data, source_name="p.qde", limits=limits)
        except (DocumentError, UnsafeFileError) as error:
            return f"{type(error).__name__}: {error}"

    by_columns = read()
    with _careful_only():
        careful = read()

    assert by_columns == careful
