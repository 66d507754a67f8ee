"""The resource limits every reader is held to: how large, how deep, how compressed.

A file given to a reader may be hostile or simply wrong: ``/dev/zero``, a
150 MB JSON document, a zip bomb named ``.qdpx``, XML nested a thousand deep.
Every reader takes ``limits=`` (a :class:`Limits`; ``None`` means the
defaults) and refuses what crosses one with
:class:`~peerlandscape.UnsafeFileError`, a :class:`~peerlandscape.DocumentError`
that names the file, the limit and its value, before it reads the bytes
when it can (a regular file's size, an archive's declared sizes) and while it
reads them when it cannot (a pipe, a device, standard input, a member whose
declared size lies). A reader never runs out of memory on its input instead.
:class:`Limits` tabulates the defaults and says why they are what they are.

Examples
--------
>>> Limits().max_document_bytes == 256 * 1024 * 1024
True
>>> Limits(max_document_bytes=1024).max_document_bytes
1024
>>> Limits(max_xml_depth=300)
Traceback (most recent call last):
...
ValueError: 'max_xml_depth' must be <= 256: 300
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Final

from attrs import field, frozen
from attrs.validators import ge, gt, instance_of, le

__all__ = ["DEFAULT_LIMITS", "LIBXML2_MAX_DEPTH", "SIZE_UNITS", "Limits", "parse_size"]

_KIB: Final = 1024
_MIB: Final = 1024 * _KIB

LIBXML2_MAX_DEPTH: Final = 256
"""libxml2 refuses documents nested deeper than this unless ``huge_tree`` is on,
which the readers never turn on; a larger ``max_xml_depth`` could not be honoured."""


def _positive_int() -> list[Any]:
    return [instance_of(int), gt(0)]


def _ratio(default: float) -> Any:
    return field(default=default, converter=float, validator=[instance_of(float), ge(1.0)])


@frozen(kw_only=True)
class Limits:
    """Resource limits for reading a file: sizes, nesting and compression.

    Every reader takes one as ``limits=``; pass a :class:`Limits` with a
    limit raised to read a file larger than the defaults allow
    (``Limits(max_document_bytes=2 * 1024**3)``), or lowered to refuse
    files earlier. A regular file larger than its limit is refused before
    it is read; a pipe, a device or standard input as soon as it passes
    the limit; an archive on the sizes its members declare, and again on
    the bytes they give. On the command line, every command that reads a
    file takes ``--limit NAME=VALUE``, a field and its value, a size in
    bytes or with a unit (``--limit max_document_bytes=2GiB``).

    ==============================  ===========  ========================================
    limit                           default      held to it
    ==============================  ===========  ========================================
    ``max_document_bytes``          256 MiB      JSON study documents, node-link JSON,
                                                 GraphML, CSV and XLSX tables, import
                                                 mappings
    ``max_xml_bytes``               256 MiB      a REFI-QDA ``.qde`` or ``.qdc``
    ``max_xml_depth``               128          REFI-QDA XML element nesting
    ``max_code_depth``              120          REFI-QDA codes nested in codes; also the
                                                 deepest code tree the REFI-QDA writers
                                                 write
    ``max_members``                 100,000      entries of a ``.qdpx`` or ``.xlsx``
    ``max_member_bytes``            256 MiB      one member of a ``.qdpx``, uncompressed
    ``max_total_bytes``             512 MiB      all members of a ``.qdpx`` together
    ``max_compression_ratio``       100          one member, above ``ratio_floor_bytes``
    ``max_total_compression_ratio`` 50           the whole archive, above the floor
    ``ratio_floor_bytes``           1 MiB        smaller members are exempt from ratios
    ==============================  ===========  ========================================

    Why these defaults: the largest real-shaped benchmark project
    (``benchmarks/refi_run.py``, 800 sources of 100 selections) is a 26 MB
    ``.qdpx`` holding 111 MB, of which an 89 MB ``project.qde``, compressed
    4.3:1; the largest study document of ``benchmarks/run.py`` (400,000
    codings) is 119 MB of JSON. Each default is two to five times the largest
    of these, and reading a document at the limit stays within a few
    gigabytes of memory (``read_json`` peaks at about ten times the
    document's size: 1.25 GB for the 119 MB document). Text and XML compress
    4-10:1, media files hardly at all; a zip bomb expands hundreds of times.
    The limits of before (1 GiB a member, 4 GiB in all, ratio 100 for the
    archive) let a 61 MB ``.qdpx`` expand to 3 GiB of sources. A project
    with large media files needs ``max_member_bytes`` and
    ``max_total_bytes`` raised.

    Parameters
    ----------
    max_document_bytes
        Largest JSON document (study, node-link graph, import mapping),
        GraphML file or table (CSV, or XLSX: the workbook's file and the
        members it declares, together and uncompressed).
    max_xml_bytes
        Largest REFI-QDA XML document (``.qde`` or ``.qdc``) parsed. A
        project with tens of thousands of codings has a ``.qde`` of a few
        tens of megabytes.
    max_xml_depth
        Deepest element nesting of REFI-QDA XML, counting the root as 1. At
        most 256, which libxml2 enforces on its own.
    max_code_depth
        Deepest nesting of REFI-QDA codes (a top-level code is at depth 1).
        The REFI-QDA writers refuse a study whose framework is deeper than
        the default, so that what they write reads back under the
        defaults (the XML around codes takes four levels more, so the
        default ``max_xml_depth`` leaves room for them). Codes nested
        deeper than ``max_xml_depth`` allows are refused by that limit first.
    max_members
        Most entries (files and folders) an archive may hold.
    max_member_bytes
        Largest uncompressed size of any one member of a ``.qdpx``.
    max_total_bytes
        Largest uncompressed size of all members of a ``.qdpx`` together;
        also caps the bytes one archive reads over its lifetime.
    max_compression_ratio
        Largest ratio of uncompressed to compressed size of one member.
    max_total_compression_ratio
        Largest ratio of uncompressed to compressed size of a whole archive.
    ratio_floor_bytes
        Members (and archives) smaller than this, uncompressed, are exempt
        from the ratio limits: a small, highly compressible file (an empty
        project, a folder of blank lines) is harmless whatever its ratio.

    Raises
    ------
    TypeError, ValueError
        From the validators, naming the field and the value, when a limit
        is not a positive number, a ratio is below 1 or ``max_xml_depth`` is
        above 256.

    Examples
    --------
    >>> from peerlandscape._limits import Limits
    >>> Limits().max_total_bytes // (1024 * 1024)
    512
    >>> Limits(max_members=0)
    Traceback (most recent call last):
    ...
    ValueError: 'max_members' must be > 0: 0
    """

    max_document_bytes: int = field(default=256 * _MIB, validator=_positive_int())
    max_xml_bytes: int = field(default=256 * _MIB, validator=_positive_int())
    max_xml_depth: int = field(default=128, validator=[*_positive_int(), le(LIBXML2_MAX_DEPTH)])
    max_code_depth: int = field(default=120, validator=_positive_int())
    max_members: int = field(default=100_000, validator=_positive_int())
    max_member_bytes: int = field(default=256 * _MIB, validator=_positive_int())
    max_total_bytes: int = field(default=512 * _MIB, validator=_positive_int())
    max_compression_ratio: float = _ratio(100.0)
    max_total_compression_ratio: float = _ratio(50.0)
    ratio_floor_bytes: int = field(default=1 * _MIB, validator=[instance_of(int), ge(0)])


DEFAULT_LIMITS: Final = Limits()
"""The limits a reader is held to when it is given none."""


SIZE_UNITS: Final = {
    "B": 1,
    "kB": 1000,
    "MB": 1000**2,
    "GB": 1000**3,
    "TB": 1000**4,
    "KiB": _KIB,
    "MiB": _MIB,
    "GiB": 1024 * _MIB,
    "TiB": 1024 * 1024 * _MIB,
}
"""The units :func:`parse_size` reads: decimal (powers of 1000) and binary (powers of 1024)."""

# A bare number is bytes.
_UNIT_OF: Final = {"": 1, **{unit.casefold(): factor for unit, factor in SIZE_UNITS.items()}}
_SIZE: Final = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]*)\s*")


def parse_size(text: str) -> int:
    """Return the number of bytes a size such as ``1GiB``, ``500MB`` or ``1048576`` names.

    A bare number is bytes; a unit of :data:`SIZE_UNITS` (in any letter case)
    multiplies it. A fraction is read when it comes to whole bytes
    (``1.5GiB``). Single letters (``1G``) are refused, since they do not say
    whether they count in thousands or in 1024s.

    Raises
    ------
    ValueError
        If ``text`` is not a size, or not a whole number of bytes.

    Examples
    --------
    >>> parse_size("1GiB"), parse_size("500 MB"), parse_size("1.5kib"), parse_size("4096")
    (1073741824, 500000000, 1536, 4096)
    >>> parse_size("1G")
    Traceback (most recent call last):
    ...
    ValueError: '1G' is not a size: a whole number of bytes, or a number and a unit (B, kB, MB, GB, TB, KiB, MiB, GiB, TiB)
    """  # noqa: E501
    match = _SIZE.fullmatch(text)
    factor = _UNIT_OF.get(match.group(2).casefold()) if match is not None else None
    if match is None or factor is None:
        units = ", ".join(SIZE_UNITS)
        raise ValueError(
            f"{text!r} is not a size: a whole number of bytes, or a number and a unit ({units})"
        )
    size = Decimal(match.group(1)) * factor
    if size != size.to_integral_value():
        raise ValueError(f"{text!r} is not a whole number of bytes")
    return int(size)
