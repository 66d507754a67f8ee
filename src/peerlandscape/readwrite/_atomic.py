"""Writing files atomically: to a temporary file beside the target, renamed when complete.

Every writer of the library writes through :func:`atomic_file`, so a reader of
the target sees the old file or the new one, whole, never a part, whatever
happens (an error, a full disk, a killed process, a power cut). What it does:

- It writes a temporary file in the target's folder, named
  ``.<name>.<pid>.<random>.peerlandscape-tmp``, flushes it to the disk
  (``fsync``), renames it over the target, and flushes the folder, so the
  rename survives a power cut too. The folder must therefore be writable,
  even when the target itself is.
- It replaces regular files only. A folder, a device (``/dev/null``), a
  named pipe or a socket at the path is refused, since renaming over it would
  put a regular file in its place. A symbolic link is refused unless
  ``follow_symlinks=True``, which writes the file the link points to and
  leaves the link a link. A file with other hard links is refused unless
  ``split_hard_links=True``: the rename gives the path a new file, and the
  other names would silently keep the old content. A write-protected file
  (no write permission for this user, or no write bit at all, which is
  refused even to root) is refused: ``chmod u+w`` it first to replace it.
- A replaced file keeps its permission bits, and its owner and group where
  the system lets this user set them; a new file gets the permissions the
  umask gives (``0o644`` under the usual ``0o022``); ``mode=`` sets the
  bits of either, from the moment the temporary file exists (a key file
  ``0o600``). Access control lists and extended attributes are not copied.
- On any error the temporary file is removed and the target is left as it
  was. A write killed outright (``SIGKILL``, a crash) cannot clean up after
  itself; the next write to the same target removes such a stale temporary
  file, once no process with the pid in its name is running on this machine.
  Nothing that does not match the pattern for that target is ever removed.
- Every error is a :class:`~peerlandscape.WriteError` (an :class:`OSError`)
  naming the path; a missing folder is a :class:`~peerlandscape.MissingFileError`.

The checks are made before the write and again just before the rename;
something that changes the path in the instant between those and the rename
is not seen. Stale temporary files are recognised by pid on this machine: a
pid that another machine or container used for a write to a shared folder can
look dead here, and removing its temporary file makes that write fail (never
leaves a damaged file). On Windows stale files are left alone, since asking
whether a process runs there can end it.
"""

from __future__ import annotations

import errno
import io
import os
import re
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

from peerlandscape._exceptions import MissingFileError, PeerLandscapeError, WriteError

__all__ = ["TEMPORARY_SUFFIX", "atomic_file", "atomic_write_text"]

TEMPORARY_SUFFIX = ".peerlandscape-tmp"
"""How the name of every temporary file the writers make ends."""

_NAME_MAX = 255  # bytes in a file name on ext4, XFS, Btrfs, APFS and NTFS alike
_PID_WIDTH = 10  # digits kept free for the pid, so a name is cut the same way by any process
_TOKEN_HEX = 8  # random hex digits; a clash is retried (O_EXCL), so they need not be unique
_ATTEMPTS = 100

_KINDS: tuple[tuple[str, str], ...] = (
    ("S_ISDIR", "a folder"),
    ("S_ISCHR", "a character device"),
    ("S_ISBLK", "a block device"),
    ("S_ISFIFO", "a named pipe (FIFO)"),
    ("S_ISSOCK", "a socket"),
    ("S_ISDOOR", "a door"),
    ("S_ISPORT", "an event port"),
    ("S_ISWHT", "a whiteout"),
)

# The errors fsync gives where a file system cannot flush a folder; nothing is wrong then.
_UNSYNCABLE = {errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF, errno.EISDIR}


@contextmanager
def atomic_file(
    target: str | os.PathLike[str],
    *,
    follow_symlinks: bool = False,
    split_hard_links: bool = False,
    mode: int | None = None,
) -> Iterator[IO[bytes]]:
    """Yield a binary file that replaces ``target`` when the block completes.

    The file is a temporary one beside the target (or beside the file a
    followed link points to); the module docstring says what is refused and
    what is kept. A failure anywhere, in the block or after it, removes the
    temporary file and leaves ``target`` as it was.

    Parameters
    ----------
    target
        The file to write. Its folder must exist and be writable.
    follow_symlinks
        If ``target`` is a symbolic link, write the file it points to (which
        is created if missing) and keep the link. Without it a link is refused.
    split_hard_links
        Replace a file that has other hard links: ``target`` gets the new
        content, the other names keep the old file. Without it such a file is
        refused.
    mode
        The permission bits the file gets (``0o600`` for a file no one else
        may read), whatever the umask and the old file's. It has them from the
        moment it is created, before anything is written into it.

    Yields
    ------
    IO[bytes]
        The temporary file. Closing it (a :class:`io.TextIOWrapper` around it
        does) is allowed; the write completes when the block does.

    Raises
    ------
    MissingFileError
        If the folder to write into does not exist.
    WriteError
        If what is at ``target`` is refused, or the system cannot write it
        (no permission, a full disk, a read-only file system).

    Examples
    --------
    >>> import os, pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     target = pathlib.Path(folder) / "notes.txt"
    ...     with atomic_file(target) as stream:
    ...         _ = stream.write(b"written whole, or not at all")
    ...     os.symlink(target, pathlib.Path(folder) / "link.txt")
    ...     with atomic_file(pathlib.Path(folder) / "link.txt", follow_symlinks=True) as stream:
    ...         _ = stream.write(b"through the link")
    ...     target.read_bytes(), sorted(os.listdir(folder))
    (b'through the link', ['link.txt', 'notes.txt'])
    >>> try:
    ...     with atomic_file("/dev/null") as stream:
    ...         _ = stream.write(b"never written")
    ... except OSError as error:
    ...     print(type(error).__name__, "|", error)
    WriteError | /dev/null: is a character device, not a regular file; ...
    """
    path = Path(target)
    final, before = _destination(path, follow_symlinks, split_hard_links)
    _remove_stale(final)
    handle, temporary = _create(path, final, before, mode)
    renamed = False
    try:
        try:
            with os.fdopen(handle, "wb", closefd=False) as stream:
                yield stream
            os.fsync(handle)
        finally:
            os.close(handle)
        # Checked again: the write may have taken long enough for the path to change.
        _inspect(path, final, follow_symlinks=False, split_hard_links=split_hard_links)
        os.replace(temporary, final)
        renamed = True
    except PeerLandscapeError:
        raise
    except OSError as error:
        raise _error(path, error, temporary, final) from error
    finally:
        if not renamed:
            with suppress(OSError):
                os.unlink(temporary)
    _sync_folder(path, final.parent)


def atomic_write_text(
    target: str | os.PathLike[str],
    text: str,
    *,
    follow_symlinks: bool = False,
    split_hard_links: bool = False,
    mode: int | None = None,
) -> Path:
    """Write ``text`` as UTF-8 to ``target`` through :func:`atomic_file`; return the path.

    Line endings follow the platform, as ``open(..., "w")`` gives them. The
    options and errors are those of :func:`atomic_file`.

    Examples
    --------
    >>> import pathlib, stat, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = atomic_write_text(pathlib.Path(folder) / "map.mmd", "flowchart TD")
    ...     path.chmod(0o640)
    ...     path = atomic_write_text(path, "flowchart LR")
    ...     path.read_text(encoding="utf-8"), oct(stat.S_IMODE(path.stat().st_mode))
    ('flowchart LR', '0o640')
    """
    with (
        atomic_file(
            target, follow_symlinks=follow_symlinks, split_hard_links=split_hard_links, mode=mode
        ) as raw,
        io.TextIOWrapper(raw, encoding="utf-8") as stream,
    ):
        stream.write(text)
    return Path(target)


def _destination(
    path: Path, follow_symlinks: bool, split_hard_links: bool
) -> tuple[Path, os.stat_result | None]:
    """Return the file to replace for ``path``, and its status (``None`` if it is new)."""
    final = path
    if follow_symlinks:
        with suppress(OSError):  # what cannot be looked at is reported by _inspect
            if stat.S_ISLNK(os.lstat(path).st_mode):
                # realpath does not fail on a loop; _inspect reports what it leaves.
                final = Path(os.path.realpath(path))
    return final, _inspect(path, final, follow_symlinks, split_hard_links)


def _inspect(
    path: Path, final: Path, follow_symlinks: bool, split_hard_links: bool
) -> os.stat_result | None:
    """Return the status of ``final``, or ``None`` if it is new, or refuse it for ``path``."""
    try:
        info = os.lstat(final)
    except FileNotFoundError:
        if not final.parent.is_dir():
            where = "" if final == path else f" (the file {path} points to)"
            raise MissingFileError(
                f"{final.parent}: no such folder to write {final.name} into{where}"
            ) from None
        return None
    except OSError as error:
        raise _error(path, error, final) from error
    if stat.S_ISLNK(info.st_mode):
        if follow_symlinks:
            raise WriteError(f"{path}: is a loop of symbolic links; name a file", path)
        raise WriteError(
            f"{path}: is a symbolic link (to {os.path.realpath(path)}); a write would replace "
            "the link with a file, so it is refused; name the file it points to instead",
            path,
        )
    kind = _kind(info.st_mode)
    if kind is not None:
        which = "" if final == path else f"points to {final}, which "
        raise WriteError(
            f"{path}: {which}is {kind}, not a regular file; a write would replace it with a "
            "file, so it is refused; name a regular file",
            path,
        )
    if info.st_nlink > 1 and not split_hard_links:
        raise WriteError(
            f"{path}: has {info.st_nlink - 1} other hard link(s); a write replaces the file, "
            "so those names would keep the old content; it is refused; write to a new path, "
            "or remove the other links first",
            path,
        )
    _check_writable(path, final, info)
    return info


def _kind(mode: int) -> str | None:
    """Return what a status mode is, said in words, or ``None`` for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next(
        (words for test, words in _KINDS if getattr(stat, test, lambda _: False)(mode)),
        "not a regular file",
    )


def _check_writable(path: Path, final: Path, info: os.stat_result) -> None:
    """Refuse a file this user may not write, or that has no write bit (even for root)."""
    mode = stat.S_IMODE(info.st_mode)
    effective = os.access in os.supports_effective_ids
    if mode & 0o222 and os.access(final, os.W_OK, effective_ids=effective):
        return
    code = errno.EACCES
    if not mode & 0o222:
        why = f"is write-protected (mode {mode:#o})"
        fix = "make it writable first (chmod u+w) if it should be replaced"
    elif _read_only_file_system(final.parent):
        why, fix, code = "is on a read-only file system", "write it elsewhere", errno.EROFS
    else:
        why = f"is not writable by this user (mode {mode:#o}, owner {info.st_uid})"
        fix = "write it elsewhere, or ask its owner"
    raise WriteError(f"{path}: {why}; it is left as it is; {fix}", path, code)


def _read_only_file_system(folder: Path) -> bool:
    statvfs = getattr(os, "statvfs", None)
    try:
        return statvfs is not None and bool(statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _create(
    path: Path, final: Path, before: os.stat_result | None, mode: int | None
) -> tuple[int, Path]:
    """Create the temporary file for ``final``, with the mode (and owner) it should end with."""
    # A new file is opened 0o666, so the kernel applies the umask and default ACLs. One whose
    # mode is set afterwards starts at 0o600: it must never be readable by more people than
    # the result (a file opened in that moment could be read through when written).
    if mode is None and before is not None:
        mode = stat.S_IMODE(before.st_mode)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(_ATTEMPTS):
        temporary = final.with_name(
            f".{_stem(final.name)}.{os.getpid()}.{secrets.token_hex(_TOKEN_HEX // 2)}"
            f"{TEMPORARY_SUFFIX}"
        )
        try:
            handle = os.open(temporary, flags, 0o666 if mode is None else 0o600)
        except FileExistsError:
            continue
        except OSError as error:
            raise _error(path, error, temporary, final) from error
        break
    else:
        raise WriteError(f"{path}: cannot write: no free temporary name beside it", path)
    if mode is not None:
        try:
            _set_mode(handle, temporary, before, mode)
        except OSError as error:
            os.close(handle)
            with suppress(OSError):
                os.unlink(temporary)
            raise _error(path, error, temporary, final) from error
    return handle, temporary


def _set_mode(handle: int, temporary: Path, before: os.stat_result | None, mode: int) -> None:
    """Give the temporary file ``mode``, and the owners of ``before`` where allowed."""
    if before is not None and hasattr(os, "fchown"):
        # Root keeps the owner too; anyone else the group, if a member of it; else neither.
        for owner in (before.st_uid, -1):
            with suppress(OSError):
                os.fchown(handle, owner, before.st_gid)
                break
    # Set after chown, which may clear bits. Set-id and sticky bits are not kept: a data file
    # never needs them, and they would give this user's new file the old owner's powers.
    mode &= 0o777
    if os.chmod in os.supports_fd:
        os.chmod(handle, mode)
    else:
        os.chmod(temporary, mode)


def _stem(name: str) -> str:
    """Return ``name``, cut so that a temporary name made from it fits in a file name."""
    room = _NAME_MAX - len(f"..{'9' * _PID_WIDTH}.{'f' * _TOKEN_HEX}{TEMPORARY_SUFFIX}")
    while len(os.fsencode(name)) > room:
        name = name[:-1]
    return name


def _remove_stale(final: Path) -> None:
    """Remove the temporary files of earlier writes to ``final`` whose process has ended."""
    if os.name == "nt":
        return
    stem = _stem(final.name)
    pattern = re.compile(
        rf"\.{re.escape(stem)}\.(?P<pid>[0-9]{{1,{_PID_WIDTH}}})\.[0-9a-f]{{{_TOKEN_HEX}}}"
        rf"{re.escape(TEMPORARY_SUFFIX)}"
    )
    prefix = f".{stem}."
    try:
        with os.scandir(final.parent) as entries:
            stale = [
                entry.path
                for entry in entries
                # The string tests first: a large folder is listed on every write.
                if entry.name.startswith(prefix)
                and entry.name.endswith(TEMPORARY_SUFFIX)
                and (found := pattern.fullmatch(entry.name)) is not None
                and not _running(int(found["pid"]))
                and entry.is_file(follow_symlinks=False)
            ]
    except OSError:
        return  # cleaning up is a courtesy: an unlistable folder fails the write itself later
    for name in stale:
        with suppress(OSError):
            os.unlink(name)


def _running(pid: int) -> bool:
    """Say whether a process ``pid`` runs on this machine; when unsure, say it does."""
    if pid == os.getpid():
        return True  # another thread of this process may be writing the same target
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # it exists but is another user's, or the pid is out of range
    return True


def _sync_folder(path: Path, folder: Path) -> None:
    """Flush the rename in ``folder`` to the disk, where the system can open a folder."""
    try:
        handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return  # Windows cannot open a folder, and renames there are flushed with the file
    try:
        os.fsync(handle)
    except OSError as error:
        if error.errno not in _UNSYNCABLE:
            raise WriteError(
                f"{path}: written, but its folder could not be flushed to the disk "
                f"({error.strerror or error}); it may not survive a power cut",
                path,
                error.errno,
            ) from error
    finally:
        os.close(handle)


def _error(path: Path, error: OSError, *ours: Path) -> WriteError:
    """Return ``error`` as a :class:`WriteError` naming ``path``."""
    reason = error.strerror or str(error) or type(error).__name__
    mine = {os.fspath(name) for name in (path, *ours)}
    other = error.filename
    if other is not None and os.fspath(other) not in mine:
        reason += f" ({os.fsdecode(other)})"
    if error.errno in (errno.EACCES, errno.EPERM) and _is_temporary(error.filename):
        folder = Path(os.fsdecode(error.filename)).parent
        reason += (
            f"; a file is written beside its target and renamed, so its folder "
            f"{folder} must be writable"
        )
    return WriteError(f"{path}: cannot write: {reason}", path, error.errno)


def _is_temporary(name: object) -> bool:
    return isinstance(name, str | bytes | os.PathLike) and os.fsdecode(name).endswith(
        TEMPORARY_SUFFIX
    )
