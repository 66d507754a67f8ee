"""The key of a pseudonymisation: which original became which pseudonym, kept apart from the study.

The key re-identifies the people of a study, so it is never part of the
study: :func:`~peerlandscape.privacy.pseudonymise` returns it beside the
cleaned study, and :meth:`Key.write` writes it to a file the caller chooses,
readable by its owner only. Its ``repr`` shows how many originals it holds,
never the originals, so that printing or logging a result leaks nothing.

A key holds two things apart: the texts replaced (``entries``, by kind of
finding: ``"Anna Andersson"`` -> ``"Person 1"``) and the objects renamed
(``ids``, by kind of object: participant ``anna-andersson`` -> ``person-1``).
A key file declares its version; one written by version 1, which kept each
renamed object among the texts as namespaced ids
(``"participant:anna-andersson"`` -> ``"participant:person-1"``), is read
with those entries moved to ``ids``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import attrs

from peerlandscape._exceptions import DocumentError, MissingFileError
from peerlandscape.models import Kind, parse_ref
from peerlandscape.privacy._findings import FindingKind
from peerlandscape.readwrite._atomic import atomic_write_text

__all__ = ["KEY_FORMAT", "Key"]

KEY_FORMAT = "peerlandscape-pseudonymisation-key"
"""The ``format`` a key file declares, so that no other JSON is read as a key."""

_KEY_VERSION = 2
"""The version :meth:`Key.write` writes; 2 added ``ids``, and 1 is still read."""
_PRIVATE = 0o600

_K = TypeVar("_K", FindingKind, Kind)


def _frozen(value: Mapping[Any, Mapping[str, str]]) -> Mapping[FindingKind, Mapping[str, str]]:
    return MappingProxyType(
        {
            FindingKind(kind): MappingProxyType(dict(entries))
            for kind, entries in value.items()
            if entries
        }
    )


def _frozen_ids(value: Mapping[Any, Mapping[str, str]]) -> Mapping[Kind, Mapping[str, str]]:
    return MappingProxyType(
        {Kind(kind): MappingProxyType(dict(ids)) for kind, ids in value.items() if ids}
    )


def _section(
    data: Mapping[str, Any], name: str, kind_of: Callable[[str], _K]
) -> dict[_K, dict[str, str]]:
    # One section of a key file: for each kind (known, or ValueError), originals to new values.
    section = data.get(name, {})
    if not isinstance(section, Mapping) or not all(
        isinstance(pairs, Mapping) for pairs in section.values()
    ):
        raise TypeError(f"{name} must be an object of objects")
    return {
        kind_of(kind): {str(old): str(new) for old, new in pairs.items()}
        for kind, pairs in section.items()
    }


def _renaming(original: str, pseudonym: str) -> tuple[Kind, str, str] | None:
    # (kind, old id, new id) if a version 1 entry records an object renamed, not a text.
    try:
        (kind, old), (new_kind, new) = parse_ref(original), parse_ref(pseudonym)
    except ValueError:
        return None
    return (kind, old, new) if kind is new_kind else None


def _ids_out_of(
    entries: dict[FindingKind, dict[str, str]],
) -> tuple[dict[FindingKind, dict[str, str]], dict[Kind, dict[str, str]]]:
    # Version 1 kept a renamed object among the texts of the kind replaced in its label, as
    # namespaced ids ("participant:anna-andersson" -> "participant:person-1"). No pseudonym
    # of a text is a namespaced id, so an entry whose pseudonym is one, of the kind of its
    # original, is such a renaming.
    texts: dict[FindingKind, dict[str, str]] = {}
    ids: dict[Kind, dict[str, str]] = {}
    for finding, pairs in entries.items():
        for original, pseudonym in pairs.items():
            renaming = _renaming(original, pseudonym)
            if renaming is None:
                texts.setdefault(finding, {})[original] = pseudonym
            else:
                kind, old, new = renaming
                ids.setdefault(kind, {})[old] = new
    return texts, ids


@attrs.frozen(repr=False)
class Key:
    """Which original text became which pseudonym, by kind, and which object got which id.

    Parameters
    ----------
    mapping
        For each kind of finding, each original as written in the study
        (every spelling found) and the pseudonym it became. Read-only.
    study
        The id of the study it was made for, if known.
    ids
        For each kind of object, the old id of each object renamed and its
        new id (``{"participant": {"anna-andersson": "person-1"}}``), as
        :func:`~peerlandscape.privacy.pseudonymise` renames an object whose
        id was made from a name it replaced. Read-only; keyword only.

    Examples
    --------
    >>> key = Key({"name": {"Anna Andersson": "Person 1", "ANNA ANDERSSON": "Person 1"},
    ...            "email": {"anna@example.se": "[e-mail 1]"}}, study="demo",
    ...           ids={"participant": {"anna-andersson": "person-1"}})
    >>> key
    <Key for 'demo': 2 names, 1 email, 1 participant id>
    >>> key[FindingKind.NAME]["Anna Andersson"], len(key)
    ('Person 1', 4)
    >>> key.pseudonyms(FindingKind.NAME)
    ('Person 1',)
    >>> from peerlandscape import Kind
    >>> key.ids[Kind.PARTICIPANT]["anna-andersson"]
    'person-1'
    >>> Key.from_dict(key.to_dict()) == key
    True
    """

    # A mapping is not hashable: left out of the hash, kept in equality.
    mapping: Mapping[FindingKind, Mapping[str, str]] = attrs.field(
        factory=dict, converter=_frozen, hash=False
    )
    study: str | None = None
    ids: Mapping[Kind, Mapping[str, str]] = attrs.field(
        factory=dict, converter=_frozen_ids, hash=False, kw_only=True
    )

    def __repr__(self) -> str:
        counts = [
            f"{len(entries)} {kind.value}{'' if len(entries) == 1 else 's'}"
            for kind, entries in self.mapping.items()
        ]
        counts += [
            f"{len(ids)} {kind.value} id{'' if len(ids) == 1 else 's'}"
            for kind, ids in self.ids.items()
        ]
        where = f" for {self.study!r}" if self.study else ""
        return f"<Key{where}: {', '.join(counts) or 'empty'}>"

    def __getitem__(self, kind: FindingKind | str) -> Mapping[str, str]:
        return self.mapping.get(FindingKind(kind), MappingProxyType({}))

    def __len__(self) -> int:
        # Every original the key holds, texts and ids alike: what it would reveal.
        texts = sum(len(entries) for entries in self.mapping.values())
        return texts + sum(len(ids) for ids in self.ids.values())

    def items(self) -> Iterator[tuple[FindingKind, str, str]]:
        """Yield ``(kind, original, pseudonym)`` for every text entry (not the ids)."""
        for kind, entries in self.mapping.items():
            for original, pseudonym in entries.items():
                yield kind, original, pseudonym

    def pseudonyms(self, kind: FindingKind | str) -> tuple[str, ...]:
        """Return the distinct pseudonyms of one kind, in the order they were given."""
        return tuple(dict.fromkeys(self[kind].values()))

    def to_dict(self) -> dict[str, Any]:
        """Return the key as a JSON-ready dictionary (the form :meth:`write` writes).

        Examples
        --------
        >>> Key({"name": {"Anna Andersson": "Person 1"}},
        ...     ids={"participant": {"anna-andersson": "person-1"}}).to_dict()
        {'format': 'peerlandscape-pseudonymisation-key', 'version': 2, 'study': None, \
'entries': {'name': {'Anna Andersson': 'Person 1'}}, \
'ids': {'participant': {'anna-andersson': 'person-1'}}}
        """
        return {
            "format": KEY_FORMAT,
            "version": _KEY_VERSION,
            "study": self.study,
            "entries": {kind.value: dict(entries) for kind, entries in self.mapping.items()},
            "ids": {kind.value: dict(ids) for kind, ids in self.ids.items()},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Key:
        """Return the key a dictionary made by :meth:`to_dict` describes.

        A version 1 key, which had no ``ids`` and kept each renamed object
        among the entries as namespaced ids, is read with those moved to
        ``ids``.

        Raises
        ------
        DocumentError
            If ``data`` is not such a dictionary.

        Examples
        --------
        >>> old = {"format": "peerlandscape-pseudonymisation-key", "version": 1, "study": "demo",
        ...        "entries": {"name": {"Anna Andersson": "Person 1",
        ...                             "participant:anna-andersson": "participant:person-1"}}}
        >>> key = Key.from_dict(old)
        >>> from peerlandscape import Kind
        >>> dict(key["name"]), dict(key.ids[Kind.PARTICIPANT])
        ({'Anna Andersson': 'Person 1'}, {'anna-andersson': 'person-1'})
        """
        if not isinstance(data, Mapping) or data.get("format") != KEY_FORMAT:
            raise DocumentError(f"not a pseudonymisation key: format is not {KEY_FORMAT!r}")
        version = data.get("version")
        if version not in (1, _KEY_VERSION) or isinstance(version, bool):
            raise DocumentError(f"pseudonymisation key version {version!r} unknown")
        study = data.get("study")
        try:
            if not (study is None or isinstance(study, str)):
                raise TypeError("study must be a string or null")
            if "entries" not in data:
                raise TypeError("entries missing")
            entries = _section(data, "entries", FindingKind)
            if version == 1:
                entries, ids = _ids_out_of(entries)
            else:
                ids = _section(data, "ids", Kind)
        except (TypeError, ValueError) as error:
            raise DocumentError(f"malformed pseudonymisation key: {error}") from None
        return cls(entries, study=study, ids=ids)

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
