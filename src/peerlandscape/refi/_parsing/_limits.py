"""The resource limits that every REFI-QDA read is held to.

A ``.qdpx`` is a zip archive and a ``.qde`` is XML, both classic carriers of
denial-of-service payloads (zip bombs, entity expansion). The reader checks
these limits on the sizes an archive *declares* before it reads anything, and
again on the bytes it actually gets while reading, because declared sizes can
lie.
"""

from __future__ import annotations

from attrs import field, frozen
from attrs.validators import ge, gt, instance_of, le

__all__ = ["ReadLimits"]

_KIB = 1024
_MIB = 1024 * _KIB
_GIB = 1024 * _MIB

#: libxml2 refuses documents nested deeper than this unless ``huge_tree`` is
#: on, which the reader never turns on; a larger limit could not be honoured.
_LIBXML2_MAX_DEPTH = 256


@frozen(kw_only=True)
class ReadLimits:
    """Resource limits for reading a REFI-QDA file.

    The defaults accept a real project of several hundred megabytes (media
    files are stored in a ``.qdpx`` almost uncompressed, text compresses about
    4:1) and refuse zip bombs, whose members expand hundreds of times.

    Parameters
    ----------
    max_members
        Most entries (files and folders) an archive may hold.
    max_member_bytes
        Largest uncompressed size of any one member.
    max_total_bytes
        Largest uncompressed size of all members together; also caps the
        bytes one archive object reads over its lifetime.
    max_compression_ratio
        Largest ratio of uncompressed to compressed size of one member.
    max_total_compression_ratio
        Largest ratio of uncompressed to compressed size of the whole archive.
    ratio_floor_bytes
        Members (and archives) smaller than this, uncompressed, are exempt
        from the ratio limits: a small, highly compressible file (an empty
        project, a folder of blank lines) is harmless whatever its ratio.
    max_xml_bytes
        Largest XML document (``.qde`` or ``.qdc``) the reader parses. The
        parsed tree takes about eight times the document's size in memory,
        so the default bounds a read at roughly 2 GB; a project with tens of
        thousands of codings has a ``.qde`` of a few tens of megabytes.
    max_xml_depth
        Deepest element nesting the reader descends into, counting the root
        as depth 1. At most 256, which libxml2 enforces on its own.

    Raises
    ------
    TypeError, ValueError
        From the attrs validators, naming the field and the value, when a
        limit is not a positive number or a ratio is below 1.

    Examples
    --------
    >>> ReadLimits().max_members
    100000
    >>> ReadLimits(max_member_bytes=10 * 1024 * 1024).max_member_bytes
    10485760
    >>> ReadLimits(max_members=0)
    Traceback (most recent call last):
    ...
    ValueError: 'max_members' must be > 0: 0
    """

    max_members: int = field(default=100_000, validator=[instance_of(int), gt(0)])
    max_member_bytes: int = field(default=1 * _GIB, validator=[instance_of(int), gt(0)])
    max_total_bytes: int = field(default=4 * _GIB, validator=[instance_of(int), gt(0)])
    max_compression_ratio: float = field(
        default=200.0, converter=float, validator=[instance_of(float), ge(1.0)]
    )
    max_total_compression_ratio: float = field(
        default=100.0, converter=float, validator=[instance_of(float), ge(1.0)]
    )
    ratio_floor_bytes: int = field(default=1 * _MIB, validator=[instance_of(int), ge(0)])
    max_xml_bytes: int = field(default=256 * _MIB, validator=[instance_of(int), gt(0)])
    max_xml_depth: int = field(
        default=128, validator=[instance_of(int), gt(0), le(_LIBXML2_MAX_DEPTH)]
    )


#: The limits used when the caller passes none.
DEFAULT_LIMITS = ReadLimits()
