"""The resource limits that every REFI-QDA read is held to: :class:`ReadLimits`.

A ``.qdpx`` is a zip archive and a ``.qde`` is XML, both classic carriers of
denial-of-service payloads (zip bombs, entity expansion). The reader checks
the limits on the sizes an archive *declares* before it reads anything, and
again on the bytes it actually gets while reading, because declared sizes can
lie.

:class:`ReadLimits` is :class:`peerlandscape.Limits`, the one limits object of
every reader, under the name the REFI-QDA layer gave it first; its module
documentation tabulates the defaults and says why they are what they are.

Examples
--------
>>> ReadLimits is Limits
True
>>> ReadLimits(max_member_bytes=10 * 1024 * 1024).max_member_bytes
10485760
"""

from __future__ import annotations

from peerlandscape._limits import DEFAULT_LIMITS, Limits

__all__ = ["DEFAULT_LIMITS", "ReadLimits"]

ReadLimits = Limits
"""The limits of a REFI-QDA read: :class:`peerlandscape.Limits` itself."""
