"""The key of a pseudonymisation: which original became which pseudonym, kept apart from the study.

The key re-identifies the people of a study, so it is never part of the
study: :func:`~peerlandscape.privacy.pseudonymise` returns it beside the
cleaned study, and :meth:`Key.write` writes it to a file the caller chooses,
readable by its owner only. Its ``repr`` shows how many originals it holds,
never the originals, so that printing or logging a result leaks nothing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from peerlandscape._exceptions import DocumentError, MissingFileError
from peerlandscape.privacy._findings import FindingKind
from peerlandscape.readwrite._atomic import atomic_write_text

__all__ = ["KEY_FORMAT", "Key"]

KEY_FORMAT = "peerlandscape-pseudonymisation-key"
"""The ``format`` a key file declares, so that no other JSON is read as a key."""

_KEY_VERSION = 1
_PRIVATE = 0o600


def _frozen(value: Mapping[Any, Mapping[str, str]]) -> Mapping[FindingKind, Mapping[str, str]]:
    return MappingProxyType(
        {
            FindingKind(kind): MappingProxyType(dict(entries))
            for kind, entries in value.items()
            if entries
        }
    )


@attrs.frozen(repr=False)
class Key:
    """Which original text became which pseudonym, by kind.

    Parameters
    ----------
    mapping
        For each kind, each original as written in the study (every spelling
        found) and the pseudonym it became. Read-only.
    study
        The id of the study it was made for, if known.

    Examples
    --------
    >>> key = Key({"name": {"Anna Andersson": "Person 1", "ANNA ANDERSSON": "Person 1"},
    ...            "email": {"anna@example.se": "[e-mail 1]"}}, study="demo")
    >>> key
    <Key for 'demo': 2 names, 1 email>
    >>> key[FindingKind.NAME]["Anna Andersson"], len(key)
    ('Person 1', 3)
    >>> key.pseudonyms(FindingKind.NAME)
    ('Person 1',)
    >>> Key.from_dict(key.to_dict()) == key
    True
    """

    # A mapping is not hashable: left out of the hash, kept in equality.
    mapping: Mapping[FindingKind, Mapping[str, str]] = attrs.field(
        factory=dict, converter=_frozen, hash=False
    )
    study: str | None = None

    def __repr__(self) -> str:
        counts = ", ".join(
            f"{len(entries)} {kind.value}{'' if len(entries) == 1 else 's'}"
            for kind, entries in self.mapping.items()
        )
        where = f" for {self.study!r}" if self.study else ""
        return f"<Key{where}: {counts or 'empty'}>"

    def __getitem__(self, kind: FindingKind | str) -> Mapping[str, str]:
        return self.mapping.get(FindingKind(kind), MappingProxyType({}))

    def __len__(self) -> int:
        return sum(len(entries) for entries in self.mapping.values())

    def items(self) -> Iterator[tuple[FindingKind, str, str]]:
        """Yield ``(kind, original, pseudonym)`` for every entry."""
        for kind, entries in self.mapping.items():
            for original, pseudonym in entries.items():
                yield kind, original, pseudonym

    def pseudonyms(self, kind: FindingKind | str) -> tuple[str, ...]:
        """Return the distinct pseudonyms of one kind, in the order they were given."""
        return tuple(dict.fromkeys(self[kind].values()))

    def to_dict(self) -> dict[str, Any]:
        """Return the key as a JSON-ready dictionary (the form :meth:`write` writes)."""
        return {
            "format": KEY_FORMAT,
            "version": _KEY_VERSION,
            "study": self.study,
            "entries": {kind.value: dict(entries) for kind, entries in self.mapping.items()},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Key:
        """Return the key a dictionary made by :meth:`to_dict` describes.

        Raises
        ------
        DocumentError
            If ``data`` is not such a dictionary.
        """
        if not isinstance(data, Mapping) or data.get("format") != KEY_FORMAT:
            raise DocumentError(f"not a pseudonymisation key: format is not {KEY_FORMAT!r}")
        if data.get("version") != _KEY_VERSION:
            raise DocumentError(f"pseudonymisation key version {data.get('version')!r} unknown")
        entries = data.get("entries")
        study = data.get("study")
        try:
            if not isinstance(entries, Mapping) or not (study is None or isinstance(study, str)):
                raise TypeError("entries must be an object, study a string or null")
            mapping = {
                FindingKind(kind): {str(o): str(p) for o, p in dict(pairs).items()}
                for kind, pairs in entries.items()
            }
        except (TypeError, ValueError) as error:
            raise DocumentError(f"malformed pseudonymisation key: {error}") from None
        return cls(mapping, study=study)

    def write(self, path: str | os.PathLike[str]) -> Path:
        """Write the key as JSON to ``path``, atomically, readable and writable by its owner only.

        The file is written beside its target and renamed over it when
        complete (mode ``0600``), so no half-written key, and no key readable
        by others, ever exists at ``path``.

        Returns
        -------
        Path
            The key file; keep it apart from the pseudonymised study, since
            :meth:`Key.read` and it together restore the real names.

        Examples
        --------
        >>> import pathlib, stat, tempfile
        >>> key = Key({"name": {"Anna": "Person 1"}})
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = key.write(pathlib.Path(folder) / "key.json")
        ...     oct(stat.S_IMODE(path.stat().st_mode)), Key.read(path) == key
        ('0o600', True)
        """
        target = Path(path)
        text = json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"
        atomic_write_text(target, text, mode=_PRIVATE)
        return target

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> Key:
        """Read a key that :meth:`write` wrote.

        Raises
        ------
        MissingFileError
            If there is no file at ``path``.
        DocumentError
            If the file is not a key.
        """
        target = Path(path)
        try:
            text = target.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise MissingFileError(f"{target}: no such key file") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise DocumentError(f"{target}: not JSON ({error})") from None
        return cls.from_dict(data)
