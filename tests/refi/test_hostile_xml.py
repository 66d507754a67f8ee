"""Hostile and malformed XML is refused with a clear, typed error.

REFI-QDA documents never carry a DOCTYPE, so every entity trick is refused
before libxml2 expands anything, and no test here touches the network.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from peerlandscape._exceptions import DocumentError, UnsafeFileError
from peerlandscape.refi import ReadLimits, parse_codebook, parse_project, read_project

from ._builders import codebook_xml, project_xml
from ._memory import bounded_memory
from .conftest import MakeQdpx

LAUGHS = "".join(
    [
        '<!ENTITY lol0 "lollollollollollollollollollol">',
        *(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)),
    ]
)
BILLION_LAUGHS = (
    f'<?xml version="1.0"?><!DOCTYPE Project [{LAUGHS}]><Project name="&lol9;">&lol9;</Project>'
)
QUADRATIC_BLOWUP = (
    f'<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY a "{"x" * 50_000}">]>'
    f"<Project name='q'>{'&a;' * 50_000}</Project>"
)
EXTERNAL_FILE = (
    '<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    "<Project name='x'>&x;</Project>"
)
EXTERNAL_HTTP = (
    '<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY x SYSTEM "http://example.invalid/x">]>'
    "<Project name='x'>&x;</Project>"
)
EXTERNAL_DTD = (
    '<?xml version="1.0"?><!DOCTYPE Project SYSTEM "http://example.invalid/project.dtd">'
    "<Project name='x'/>"
)
PARAMETER_ENTITY = (
    '<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY % p SYSTEM "http://example.invalid/p">%p;]>'
    "<Project name='x'/>"
)
DOCTYPE_AFTER_COMMENTS = (
    '\ufeff<?xml version="1.0"?>\n<!-- a comment -->\n<?pi data?>\n'
    "<!DOCTYPE Project [<!ENTITY e 'x'>]><Project name='&e;'/>"
)

HOSTILE = {
    "billion laughs": BILLION_LAUGHS,
    "quadratic blowup": QUADRATIC_BLOWUP,
    "external entity (file)": EXTERNAL_FILE,
    "external entity (http)": EXTERNAL_HTTP,
    "external DTD": EXTERNAL_DTD,
    "parameter entity": PARAMETER_ENTITY,
    "DOCTYPE after comments": DOCTYPE_AFTER_COMMENTS,
}


@pytest.mark.parametrize("document", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_document_with_a_doctype_is_refused(document: str) -> None:
    with bounded_memory(), pytest.raises(UnsafeFileError) as caught:
        parse_project(document.encode(), source_name="hostile.qde")
    message = str(caught.value)
    assert message.startswith("hostile.qde: refused")
    assert "DOCTYPE" in message


@pytest.mark.parametrize("document", [BILLION_LAUGHS, EXTERNAL_FILE], ids=["laughs", "external"])
def test_a_doctype_in_utf16_is_refused_too(document: str) -> None:
    # The byte scan before parsing reads UTF-8 only; the check after parsing,
    # or libxml2's own guard, must catch what it cannot see.
    data = document.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')

    with pytest.raises(UnsafeFileError, match="refused"):
        parse_project(data.encode("utf-16"), source_name="hostile.qde")


def test_a_codebook_with_entities_is_refused() -> None:
    document = BILLION_LAUGHS.replace("Project", "CodeBook")

    with pytest.raises(UnsafeFileError, match="DOCTYPE"):
        parse_codebook(document.encode())


def test_a_hostile_qde_file_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "laughs.qde"
    path.write_text(BILLION_LAUGHS)

    with pytest.raises(UnsafeFileError, match=r"laughs\.qde: refused"):
        read_project(path)


def test_a_hostile_project_inside_an_archive_is_refused_naming_the_member(
    make_qdpx: MakeQdpx,
) -> None:
    path = make_qdpx({"Project.qde": BILLION_LAUGHS})

    with pytest.raises(UnsafeFileError, match=r"project\.qdpx:Project\.qde: refused"):
        read_project(path)


def test_libxml2_memory_stays_bounded_on_entity_attacks() -> None:
    # tracemalloc cannot see libxml2's allocations, so measure the peak
    # resident size of a fresh interpreter that parses the UTF-16 attacks,
    # which reach libxml2 before they are refused.
    pytest.importorskip("resource")
    script = textwrap.dedent(
        f"""
        import resource
        from peerlandscape._exceptions import UnsafeFileError
        from peerlandscape.refi import parse_project
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        for document in {[BILLION_LAUGHS, QUADRATIC_BLOWUP]!r}:
            data = document.replace('?>', ' encoding="UTF-16"?>', 1).encode("utf-16")
            try:
                parse_project(data)
            except UnsafeFileError:
                pass
            else:
                raise SystemExit("not refused")
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
        """
    )
    result = subprocess.run(
        [sys.executable, "-"], input=script, capture_output=True, text=True, check=True, timeout=60
    )
    grown_kib = int(result.stdout.strip())
    if sys.platform == "darwin":  # ru_maxrss is in bytes there, KiB elsewhere
        grown_kib //= 1024
    assert grown_kib < 50 * 1024, f"resident memory grew by {grown_kib} KiB"


def test_nesting_deeper_than_the_limit_is_refused() -> None:
    deep = "<Project name='d'>" + "<a>" * 40 + "</a>" * 40 + "</Project>"

    with pytest.raises(UnsafeFileError, match="max_xml_depth=20"):
        parse_project(deep.encode(), limits=ReadLimits(max_xml_depth=20))


def test_nesting_beyond_libxml2s_own_limit_is_refused() -> None:
    deep = "<Project name='d'>" + "<a>" * 300 + "</a>" * 300 + "</Project>"

    with pytest.raises(UnsafeFileError, match="safety limit"):
        parse_project(deep.encode())


def test_a_deep_code_tree_within_the_limit_is_read() -> None:
    nested = ""
    for level in reversed(range(30)):
        guid = f"00000000-0000-0000-0000-{level:012d}"
        nested = f'<Code guid="{guid}" name="level {level}" isCodable="true">{nested}</Code>'
    project = parse_project(project_xml(f"<CodeBook><Codes>{nested}</Codes></CodeBook>").encode())

    assert len(list(project.all_codes())) == 30


def test_a_document_larger_than_the_limit_is_refused_before_parsing() -> None:
    document = project_xml("<Users>" + "<User guid='x'/>" * 100 + "</Users>").encode()

    with pytest.raises(UnsafeFileError, match="exceeds max_xml_bytes=1000"):
        parse_project(document, limits=ReadLimits(max_xml_bytes=1000))


def test_a_qde_file_larger_than_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.qde"
    path.write_text(project_xml(" " * 5000))

    with pytest.raises(UnsafeFileError, match="max_xml_bytes=1000"):
        read_project(path, limits=ReadLimits(max_xml_bytes=1000))


def test_malformed_xml_is_a_document_error_with_its_line() -> None:
    document = b'<?xml version="1.0"?>\n<Project name="p">\n  <Users>\n</Project>'

    with pytest.raises(DocumentError, match=r"broken\.qde, line 4: malformed XML") as caught:
        parse_project(document, source_name="broken.qde")
    assert not isinstance(caught.value, UnsafeFileError)
    assert "\n" not in str(caught.value)


def test_xml_that_is_not_utf8_is_a_document_error() -> None:
    document = b'<?xml version="1.0" encoding="utf-8"?>\n<Project name="caf\xe9"/>'

    with pytest.raises(DocumentError, match="line 2: malformed XML"):
        parse_project(document, source_name="latin1.qde")


@pytest.mark.parametrize("document", [b"", b"   ", b"not xml at all"])
def test_empty_or_non_xml_bytes_are_a_document_error(document: bytes) -> None:
    with pytest.raises(DocumentError, match="malformed XML"):
        parse_project(document)


def test_an_undeclared_entity_is_malformed_not_resolved() -> None:
    with pytest.raises(DocumentError, match="undefined"):
        parse_project(b"<Project name='p'>&undefined;</Project>")


def test_a_root_other_than_project_is_a_document_error() -> None:
    with pytest.raises(DocumentError, match=r"root element is 'CodeBook'.*parse_codebook"):
        parse_project(codebook_xml().encode())
    with pytest.raises(DocumentError, match=r"root element is 'html'"):
        parse_project(b"<html><body/></html>")
    with pytest.raises(
        DocumentError, match=r"root element is 'Project'.*not the REFI-QDA 'CodeBook'"
    ):
        parse_codebook(project_xml().encode())


def test_nesting_too_deep_inside_a_text_source_is_refused() -> None:
    # Text sources are read and emptied while the XML is parsed, so the depth
    # check after the parse could not see inside them: each is checked first.
    deep = (
        "<Project name='d'><Sources>"
        "<TextSource guid='11111111-1111-4111-8111-111111111111' name='s'>"
        + "<a>" * 40
        + "</a>" * 40
        + "</TextSource></Sources></Project>"
    )

    with pytest.raises(UnsafeFileError, match="max_xml_depth=20"):
        parse_project(deep.encode(), limits=ReadLimits(max_xml_depth=20))


@pytest.mark.parametrize(("limit", "refused"), [(5, True), (6, False), (7, False)])
def test_the_depth_of_a_coded_selection_is_checked_exactly(limit: int, refused: bool) -> None:
    # Project/Sources/TextSource/PlainTextSelection/Coding/CodeRef: depth 6.
    document = (
        b"<Project name='d'><Sources>"
        b"<TextSource guid='11111111-1111-4111-8111-111111111111' name='s'>"
        b"<PlainTextContent>abc</PlainTextContent>"
        b"<PlainTextSelection guid='22222222-2222-4222-8222-222222222222' "
        b"startPosition='0' endPosition='1'>"
        b"<Coding guid='33333333-3333-4333-8333-333333333333'>"
        b"<CodeRef targetGUID='44444444-4444-4444-8444-444444444444'/></Coding>"
        b"</PlainTextSelection></TextSource></Sources></Project>"
    )
    limits = ReadLimits(max_xml_depth=limit)

    if refused:
        with pytest.raises(UnsafeFileError, match=f"max_xml_depth={limit}"):
            parse_project(document, limits=limits)
    else:
        (source,) = parse_project(document, limits=limits).text_sources
        assert len(source.selections[0].codings) == 1
