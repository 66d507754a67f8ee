"""Read a codebook (``.qdc``) into a :class:`~peerlandscape.refi.CodebookDocument`."""

from __future__ import annotations

from peerlandscape.refi._ir import Code, CodebookDocument, MemberSet
from peerlandscape.refi._parsing._elements import ElementReader, parse_root
from peerlandscape.refi._parsing._limits import DEFAULT_LIMITS, ReadLimits
from peerlandscape.refi._parsing._xml import CODEBOOK_NAMESPACES

__all__ = ["parse_codebook"]


class _CodebookReader(ElementReader):
    def read(self) -> CodebookDocument:
        root = self.root
        namespace = self.root_namespace(CODEBOOK_NAMESPACES, "codebook")
        codes: tuple[Code, ...] = ()
        sets: tuple[MemberSet, ...] = ()
        for section in root:
            kind = self.local(section.tag)
            if kind:
                self.check_namespace(section, namespace)
            if kind == "Codes":
                codes += self.codes(section)
            elif kind == "Sets":
                sets = self.sets(section)
            else:
                self.skip(section)
        return CodebookDocument(
            origin=root.get("origin"),
            namespace=namespace,
            codes=codes,
            sets=sets,
            unmodelled=tuple(self.unmodelled),
            problems=tuple(self.problems),
        )


def parse_codebook(
    data: bytes, *, source_name: str = "<bytes>", limits: ReadLimits = DEFAULT_LIMITS
) -> CodebookDocument:
    """Parse the XML of a codebook (``.qdc``) into a :class:`CodebookDocument`.

    Parameters
    ----------
    data
        The XML of a ``.qdc`` file, as bytes.
    source_name
        How to name the document in messages.
    limits
        The resource limits for parsing.

    Returns
    -------
    CodebookDocument
        The codebook, with what was not modelled and what was worked around.

    Raises
    ------
    UnsafeFileError
        The XML is hostile or too large.
    DocumentError
        The XML is malformed, its root is not ``CodeBook``, or an element
        lacks a usable GUID.

    Examples
    --------
    >>> book = parse_codebook(b'''<CodeBook xmlns="urn:QDA-XML:codebook:1.0">
    ...   <Codes><Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98342" name="people"
    ...                isCodable="true"/></Codes><Sets/></CodeBook>''')
    >>> [(code.name, code.color) for code in book.codes], book.sets
    ([('people', None)], ())
    """
    root = parse_root(data, "CodeBook", source_name, limits)
    return _CodebookReader(root, source_name).read()
