"""Writes that respect what is there: regular files replaced whole, everything else refused.

Every writer goes through ``peerlandscape.readwrite._atomic``. These tests put at the target
what a user's disk can hold (a device, a named pipe, a socket, a folder, a link, a hard-linked
or write-protected file), make the system fail at each step, kill a writing process outright,
and check after each that the target is whole and as it should be, and that no temporary
file is left in the folder.
"""

from __future__ import annotations

import errno
import io
import os
import pickle
import re
import signal
import socket
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import peerlandscape as pl
from peerlandscape._exceptions import WriteError
from peerlandscape.cli import main
from peerlandscape.privacy import Key
from peerlandscape.readwrite import _atomic
from peerlandscape.readwrite._atomic import TEMPORARY_SUFFIX, atomic_file, atomic_write_text

OLD = b"the old content\n"
NEW = "the new content\n"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX file types and permissions")


def listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def temporaries(folder: Path) -> list[str]:
    return [name for name in listing(folder) if name.endswith(TEMPORARY_SUFFIX)]


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    path = tmp_path / "study.json"
    path.write_bytes(OLD)
    return path


@pytest.fixture
def umask() -> Iterator[Callable[[int], int]]:
    saved = os.umask(0o022)
    os.umask(saved)
    yield os.umask
    os.umask(saved)


# --- what is written, and with which permissions ----------------------------------------


@pytest.mark.parametrize("mask", [0o022, 0o027, 0o077, 0o002])
def test_a_new_file_gets_the_permissions_the_umask_gives(
    tmp_path: Path, umask: Callable[[int], int], mask: int
) -> None:
    umask(mask)
    path = atomic_write_text(tmp_path / "new.json", NEW)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask
    assert path.read_text(encoding="utf-8") == NEW
    assert listing(tmp_path) == ["new.json"]


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664, 0o755, 0o604])
def test_a_replaced_file_keeps_its_mode_whatever_the_umask(
    old_file: Path, umask: Callable[[int], int], mode: int
) -> None:
    old_file.chmod(mode)
    umask(0o077)
    atomic_write_text(old_file, NEW)
    assert stat.S_IMODE(old_file.stat().st_mode) == mode
    assert old_file.read_text(encoding="utf-8") == NEW
    assert listing(old_file.parent) == ["study.json"]


@pytest.mark.parametrize("existing", [False, True], ids=["new", "replaced"])
def test_a_mode_asked_for_is_the_files_from_its_creation(
    tmp_path: Path, umask: Callable[[int], int], monkeypatch: pytest.MonkeyPatch, existing: bool
) -> None:
    target = tmp_path / "key.json"
    if existing:
        target.write_bytes(OLD)
        target.chmod(0o644)
    umask(0o002)
    created: list[int] = []
    real_open = os.open

    def watched(name: str, flags: int, mode: int = 0o777) -> int:
        handle = real_open(name, flags, mode)
        created.append(stat.S_IMODE(os.fstat(handle).st_mode))
        return handle

    monkeypatch.setattr(os, "open", watched)
    atomic_write_text(target, NEW, mode=0o600)
    monkeypatch.undo()
    # Never readable by others, not even while still empty: an open handle outlives a chmod.
    assert created[0] == 0o600
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert listing(tmp_path) == ["key.json"]


def test_a_key_file_is_private_from_the_moment_it_exists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    modes: list[int] = []
    real_fdopen = os.fdopen

    def watched(handle: int, *args: object, **kwargs: object) -> object:
        modes.append(stat.S_IMODE(os.fstat(handle).st_mode))
        return real_fdopen(handle, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(os, "fdopen", watched)
    path = Key({"name": {"Anna": "Person 1"}}).write(tmp_path / "key.json")
    monkeypatch.undo()
    assert modes == [0o600]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert listing(tmp_path) == ["key.json"]


def test_set_id_bits_are_not_carried_onto_the_new_file(old_file: Path) -> None:
    old_file.chmod(0o4755)
    atomic_write_text(old_file, NEW)
    assert stat.S_IMODE(old_file.stat().st_mode) == 0o755
    assert listing(old_file.parent) == ["study.json"]


@pytest.mark.skipif(not IS_ROOT, reason="only root can give a file to another owner")
def test_a_file_replaced_by_root_keeps_its_owner_and_group(old_file: Path) -> None:
    os.chown(old_file, 4321, 8765)
    atomic_write_text(old_file, NEW)
    info = old_file.stat()
    assert (info.st_uid, info.st_gid) == (4321, 8765)
    assert listing(old_file.parent) == ["study.json"]


def test_a_replaced_file_keeps_a_group_its_writer_belongs_to(old_file: Path) -> None:
    others = [group for group in os.getgroups() if group != os.getegid()]
    if not others and not IS_ROOT:
        pytest.skip("this user belongs to one group only")
    group = others[0] if others else 8765
    os.chown(old_file, -1, group)
    atomic_write_text(old_file, NEW)
    assert old_file.stat().st_gid == group
    assert listing(old_file.parent) == ["study.json"]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.text(
        st.characters(exclude_categories=["Cs"], exclude_characters="/\x00"),
        min_size=1,
        max_size=120,
    ).filter(lambda n: n not in (".", "..") and len(os.fsencode(n)) <= 255),
    content=st.binary(max_size=2048),
)
def test_any_file_name_is_written_whole_and_leaves_no_temporary(
    tmp_path: Path, name: str, content: bytes
) -> None:
    folder = tmp_path / "any"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    target = folder / name
    for data in (b"first", content):  # a new file, then a replaced one
        with atomic_file(target) as stream:
            stream.write(data)
    assert target.read_bytes() == content
    assert os.listdir(folder) == [name]


def test_a_name_as_long_as_the_system_allows_is_written(tmp_path: Path) -> None:
    target = tmp_path / ("ö" * 120 + ".json")  # 245 bytes: no room for a temporary suffix
    atomic_write_text(target, NEW)
    atomic_write_text(target, NEW + NEW)
    assert target.read_text(encoding="utf-8") == NEW + NEW
    assert listing(tmp_path) == [target.name]


# --- what is refused ----------------------------------------------------------------------


def refused(target: Path, **options: bool) -> WriteError:
    with pytest.raises(WriteError) as caught:
        atomic_write_text(target, NEW, **options)
    assert str(caught.value).startswith(f"{target}: ")
    assert caught.value.filename == str(target)
    return caught.value


def test_a_named_pipe_is_refused_and_left_a_pipe(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    # Opening the pipe would block this test for ever: the refusal comes first.
    assert "is a named pipe (FIFO), not a regular file" in str(refused(pipe))
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert listing(tmp_path) == ["pipe"]


def test_a_socket_is_refused_and_left_a_socket(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a socket's path is limited to about 100 bytes
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("socket")
        assert "is a socket, not a regular file" in str(refused(Path("socket")))
    assert stat.S_ISSOCK(os.lstat(tmp_path / "socket").st_mode)
    assert listing(tmp_path) == ["socket"]


def test_a_folder_is_refused_and_left_with_what_it_holds(tmp_path: Path) -> None:
    folder = tmp_path / "study.json"
    folder.mkdir()
    (folder / "inside.txt").write_text("kept", encoding="utf-8")
    assert "is a folder, not a regular file" in str(refused(folder))
    assert listing(folder) == ["inside.txt"]
    assert listing(tmp_path) == ["study.json"]


def test_dev_null_is_refused_and_stays_a_device() -> None:
    null = Path("/dev/null")
    before = os.lstat(null)
    if not stat.S_ISCHR(before.st_mode):
        pytest.skip("/dev/null is not a character device here")
    assert "is a character device, not a regular file" in str(refused(null))
    after = os.lstat(null)
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert not [name for name in os.listdir("/dev") if name.endswith(TEMPORARY_SUFFIX)]


def test_a_device_made_for_the_test_is_refused_and_stays_a_device(tmp_path: Path) -> None:
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except OSError:
        pytest.skip("this user or container may not make device files")
    assert "is a character device" in str(refused(device))
    assert stat.S_ISCHR(os.lstat(device).st_mode)
    assert listing(tmp_path) == ["null"]


def test_export_to_dev_null_on_the_command_line_is_refused(tmp_path: Path) -> None:
    if not stat.S_ISCHR(os.lstat("/dev/null").st_mode):
        pytest.skip("/dev/null is not a character device here")
    result = CliRunner().invoke(main, ["export", "--to", "qdc", "-o", "/dev/null"])
    assert result.exit_code == 2
    assert "/dev/null: is a character device, not a regular file" in result.stderr
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


def test_a_symbolic_link_is_refused_by_default(old_file: Path) -> None:
    link = old_file.with_name("link.json")
    link.symlink_to(old_file.name)
    message = str(refused(link))
    assert f"is a symbolic link (to {old_file})" in message
    assert "name the file it points to instead" in message
    assert os.readlink(link) == old_file.name
    assert old_file.read_bytes() == OLD
    assert listing(old_file.parent) == ["link.json", "study.json"]


def test_a_followed_link_writes_the_file_it_points_to_and_stays_a_link(old_file: Path) -> None:
    old_file.chmod(0o640)
    (old_file.parent / "links").mkdir()
    link = old_file.parent / "links" / "link.json"
    link.symlink_to(Path("..") / old_file.name)
    atomic_write_text(link, NEW, follow_symlinks=True)
    assert os.readlink(link) == str(Path("..") / old_file.name)
    assert old_file.read_text(encoding="utf-8") == NEW
    assert stat.S_IMODE(old_file.stat().st_mode) == 0o640
    assert listing(old_file.parent) == ["links", "study.json"]
    assert listing(link.parent) == ["link.json"]


def test_a_followed_dangling_link_creates_the_file_it_names(tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to("made.json")
    atomic_write_text(link, NEW, follow_symlinks=True)
    assert link.is_symlink()
    assert (tmp_path / "made.json").read_text(encoding="utf-8") == NEW
    assert listing(tmp_path) == ["link.json", "made.json"]


def test_a_followed_link_to_a_pipe_or_into_a_missing_folder_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "to-pipe").symlink_to("pipe")
    message = str(refused(tmp_path / "to-pipe", follow_symlinks=True))
    assert f"points to {tmp_path / 'pipe'}, which is a named pipe" in message
    (tmp_path / "nowhere").symlink_to(tmp_path / "missing" / "x.json")
    with pytest.raises(pl.MissingFileError, match=r"no such folder to write x\.json into"):
        atomic_write_text(tmp_path / "nowhere", NEW, follow_symlinks=True)
    assert listing(tmp_path) == ["nowhere", "pipe", "to-pipe"]


def test_a_loop_of_links_is_refused_even_when_followed(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    assert "loop of symbolic links" in str(refused(tmp_path / "a", follow_symlinks=True))
    assert listing(tmp_path) == ["a", "b"]


def test_a_file_with_other_hard_links_is_refused_unless_they_may_be_split(
    old_file: Path,
) -> None:
    other = old_file.with_name("other-name.json")
    os.link(old_file, other)
    assert "has 1 other hard link(s)" in str(refused(old_file))
    assert old_file.read_bytes() == other.read_bytes() == OLD
    assert os.path.samefile(old_file, other)

    atomic_write_text(old_file, NEW, split_hard_links=True)
    assert old_file.read_text(encoding="utf-8") == NEW
    assert other.read_bytes() == OLD
    assert old_file.stat().st_nlink == other.stat().st_nlink == 1
    assert listing(old_file.parent) == ["other-name.json", "study.json"]


def test_a_write_protected_file_is_refused_even_for_root(old_file: Path) -> None:
    old_file.chmod(0o444)
    message = str(refused(old_file))
    assert "is write-protected (mode 0o444)" in message
    assert "chmod u+w" in message
    assert old_file.read_bytes() == OLD
    assert stat.S_IMODE(old_file.stat().st_mode) == 0o444
    assert listing(old_file.parent) == ["study.json"]


@pytest.mark.skipif(IS_ROOT, reason="root may write any file that has a write bit")
def test_a_file_this_user_may_not_write_is_refused(old_file: Path) -> None:
    old_file.chmod(0o464)  # the group and no one else may write, not the owner
    assert "is not writable by this user" in str(refused(old_file))
    assert old_file.read_bytes() == OLD
    assert listing(old_file.parent) == ["study.json"]


def test_a_file_the_system_says_this_user_may_not_write_is_refused(
    old_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Simulated for root, who may write anything: the answer access(2) gives another user.
    old_file.chmod(0o644)
    monkeypatch.setattr(os, "access", lambda *_args, **_kwargs: False)
    error = refused(old_file)
    monkeypatch.undo()
    assert "is not writable by this user (mode 0o644" in str(error)
    assert error.errno == errno.EACCES
    assert old_file.read_bytes() == OLD
    assert listing(old_file.parent) == ["study.json"]


def test_a_folder_that_cannot_be_written_is_named_in_the_error(
    old_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Simulated, since root may write any folder: a file is replaced through its folder.
    real_open = os.open

    def denied(name: object, flags: int, *args: int, **kwargs: object) -> int:
        if str(name).endswith(TEMPORARY_SUFFIX):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), name)
        return real_open(name, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", denied)
    error = refused(old_file)
    assert error.errno == errno.EACCES
    assert f"its folder {old_file.parent} must be writable" in str(error)
    monkeypatch.undo()
    assert old_file.read_bytes() == OLD
    assert listing(old_file.parent) == ["study.json"]


def test_a_missing_folder_is_a_missing_file_error(tmp_path: Path) -> None:
    with pytest.raises(pl.MissingFileError, match=r"no such folder to write s\.json into"):
        atomic_write_text(tmp_path / "missing" / "s.json", NEW)
    assert listing(tmp_path) == []


def test_a_file_where_a_folder_should_be_is_a_write_error(old_file: Path) -> None:
    error = refused(old_file / "inner.json")
    assert error.errno == errno.ENOTDIR
    assert listing(old_file.parent) == ["study.json"]


# --- failures of the system, and interruptions --------------------------------------------


def fail_with(code: int) -> Callable[..., None]:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize(
    ("step", "code"),
    [
        ("open", errno.EROFS),
        ("fsync", errno.ENOSPC),
        ("fsync", errno.EIO),
        ("replace", errno.EXDEV),
        ("replace", errno.EPERM),
    ],
)
def test_a_system_error_at_any_step_is_a_write_error_and_changes_nothing(
    old_file: Path, monkeypatch: pytest.MonkeyPatch, step: str, code: int
) -> None:
    monkeypatch.setattr(os, step, fail_with(code))
    error = refused(old_file)
    monkeypatch.undo()
    assert isinstance(error, OSError)
    assert isinstance(error, pl.PeerLandscapeError)
    assert error.errno == code
    assert str(error).startswith(f"{old_file}: cannot write: {os.strerror(code)}")
    assert old_file.read_bytes() == OLD
    assert listing(old_file.parent) == ["study.json"]


def write_half_then(target: Path, act: Callable[[], None]) -> None:
    """Write part of a new content to ``target``, then do ``act`` (fail, or change the path)."""
    with atomic_file(target) as stream:
        stream.write(b"half of the new")
        stream.flush()
        act()


def test_a_full_disk_while_writing_is_a_write_error_and_changes_nothing(
    old_file: Path,
) -> None:
    full = fail_with(errno.ENOSPC)
    with pytest.raises(WriteError, match="No space left on device") as caught:
        write_half_then(old_file, full)
    assert caught.value.errno == errno.ENOSPC
    assert old_file.read_bytes() == OLD
    assert listing(old_file.parent) == ["study.json"]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real file system of 256 KiB, where root may mount one; the test is skipped elsewhere."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k,mode=0755", "tmpfs", str(disk)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("no tmpfs can be mounted here (not root, or no CAP_SYS_ADMIN)")
    try:
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_a_really_full_disk_is_a_write_error_and_changes_nothing(small_disk: Path) -> None:
    target = small_disk / "study.json"
    target.write_bytes(OLD)
    error = refused_large(target)
    assert error.errno == errno.ENOSPC
    assert target.read_bytes() == OLD
    assert listing(small_disk) == ["study.json"]


def test_a_read_only_file_system_is_a_write_error_and_changes_nothing(small_disk: Path) -> None:
    target = small_disk / "study.json"
    target.write_bytes(OLD)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    assert "is on a read-only file system" in str(refused(target))
    new = refused(small_disk / "new.json")
    assert new.errno == errno.EROFS
    assert "Read-only file system" in str(new)
    assert target.read_bytes() == OLD
    assert listing(small_disk) == ["study.json"]


def refused_large(target: Path) -> WriteError:
    with pytest.raises(WriteError) as caught:
        atomic_write_text(target, "x" * 1_000_000)
    assert str(caught.value).startswith(f"{target}: cannot write: No space left on device")
    return caught.value


@pytest.mark.parametrize("failure", [KeyboardInterrupt(), RuntimeError("a bug")], ids=repr)
def test_other_failures_pass_through_unchanged_and_leave_nothing(
    old_file: Path, failure: BaseException
) -> None:
    def fail() -> None:
        raise failure

    with pytest.raises(type(failure)):
        write_half_then(old_file, fail)
    assert old_file.read_bytes() == OLD
    assert listing(old_file.parent) == ["study.json"]


def test_a_path_swapped_for_a_pipe_during_the_write_is_not_replaced(old_file: Path) -> None:
    def swap() -> None:
        old_file.unlink()
        os.mkfifo(old_file)

    with pytest.raises(WriteError, match="named pipe"):
        write_half_then(old_file, swap)
    assert stat.S_ISFIFO(os.lstat(old_file).st_mode)
    assert listing(old_file.parent) == ["study.json"]


def test_the_file_and_its_folder_are_flushed_before_the_write_returns(
    old_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(handle: int) -> None:
        kind = "folder" if stat.S_ISDIR(os.fstat(handle).st_mode) else "file"
        synced.append(kind)
        real_fsync(handle)

    def replace(*args: str) -> None:
        synced.append("rename")
        real_replace(*args)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    atomic_write_text(old_file, NEW)
    assert synced == ["file", "rename", "folder"]
    assert listing(old_file.parent) == ["study.json"]


def test_a_write_error_is_an_os_error_that_pickles() -> None:
    error = WriteError("x.json: cannot write: No space left on device", "x.json", errno.ENOSPC)
    assert (error.errno, error.strerror, error.filename) == (
        errno.ENOSPC,
        os.strerror(errno.ENOSPC),
        "x.json",
    )
    assert str(error) == "x.json: cannot write: No space left on device"
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is WriteError
    assert (str(again), again.path, again.errno) == (str(error), Path("x.json"), errno.ENOSPC)


# --- temporary files left by a killed write ------------------------------------------------

WRITE_AND_WAIT = textwrap.dedent(
    """
    import sys, time
    from peerlandscape.readwrite._atomic import atomic_file

    with atomic_file(sys.argv[1]) as stream:
        stream.write(b"new " * 5_000_000)
        stream.flush()
        print("writing", flush=True)
        time.sleep(120)
    """
)

WRITE_FOR_EVER = textwrap.dedent(
    """
    import sys
    from peerlandscape.readwrite._atomic import atomic_write_text

    print("started", flush=True)
    while True:
        for content in ("A", "B"):
            atomic_write_text(sys.argv[1], content * 4_000_000)
    """
)


def spawn(script: str, target: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, str(target)], stdout=subprocess.PIPE, text=True
    )


def kill(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.stdout is not None
    process.stdout.close()


def test_a_write_killed_midway_leaves_the_old_file_and_the_next_write_cleans_up(
    old_file: Path,
) -> None:
    process = spawn(WRITE_AND_WAIT, old_file)
    assert process.stdout is not None
    assert process.stdout.readline() == "writing\n"
    kill(process)
    assert old_file.read_bytes() == OLD
    (left,) = temporaries(old_file.parent)
    assert re.fullmatch(rf"\.study\.json\.{process.pid}\.[0-9a-f]{{8}}\.peerlandscape-tmp", left)
    assert (old_file.parent / left).stat().st_size == 20_000_000

    atomic_write_text(old_file, NEW)
    assert old_file.read_text(encoding="utf-8") == NEW
    assert listing(old_file.parent) == ["study.json"]


@pytest.mark.parametrize("delay", [0.05, 0.2, 0.6])
def test_a_process_killed_at_any_moment_leaves_one_whole_version(
    old_file: Path, delay: float
) -> None:
    process = spawn(WRITE_FOR_EVER, old_file)
    assert process.stdout is not None
    assert process.stdout.readline() == "started\n"
    time.sleep(delay)
    kill(process)
    content = old_file.read_bytes()
    assert content in (OLD, b"A" * 4_000_000, b"B" * 4_000_000)
    atomic_write_text(old_file, NEW)
    assert listing(old_file.parent) == ["study.json"]


def dead_pid() -> int:
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout)


def test_only_stale_temporaries_of_the_same_target_are_removed(old_file: Path) -> None:
    folder = old_file.parent
    dead, alive = dead_pid(), os.getppid()
    stale = f".study.json.{dead}.0123abcd{TEMPORARY_SUFFIX}"
    kept = [
        f".study.json.{alive}.0123abcd{TEMPORARY_SUFFIX}",  # its writer may still run
        f".other.json.{dead}.0123abcd{TEMPORARY_SUFFIX}",  # another target's
        f".study.json.{dead}.0123ABCD{TEMPORARY_SUFFIX}",  # not a name the writers make
        f".study.json.{dead}.0123abcd{TEMPORARY_SUFFIX}.bak",
        f"study.json.{dead}.0123abcd{TEMPORARY_SUFFIX}",
        ".study.json.tmp",
    ]
    for name in [stale, *kept]:
        (folder / name).write_bytes(b"left")
    folder_like = f".study.json.{dead}.4567abcd{TEMPORARY_SUFFIX}"
    (folder / folder_like).mkdir()  # matches, but only files are removed
    atomic_write_text(old_file, NEW)
    assert listing(folder) == sorted(["study.json", folder_like, *kept])


def test_stale_temporaries_of_a_long_name_are_found_again(tmp_path: Path) -> None:
    target = tmp_path / ("n" * 250)
    stem = "n" * (255 - len(f"..{'9' * 10}.{'f' * 8}{TEMPORARY_SUFFIX}"))
    stale = tmp_path / f".{stem}.{dead_pid()}.89abcdef{TEMPORARY_SUFFIX}"
    stale.write_bytes(b"left")
    atomic_write_text(target, NEW)
    assert listing(tmp_path) == [target.name]


# --- every writer of the library goes this way -------------------------------------------


def write_study_graph(write: Callable[..., object]) -> Callable[[pl.Study, Path], object]:
    return lambda study, path: write(pl.to_networkx(study), path)


WRITERS: dict[str, Callable[[pl.Study, Path], object]] = {
    "write_json": pl.write_json,
    "write_table (csv)": pl.write_table,
    "write_graphml": write_study_graph(pl.write_graphml),
    "write_node_link": write_study_graph(pl.write_node_link),
    "write_qdc": pl.write_qdc,
    "write_qdpx": pl.write_qdpx,
    "Key.write": lambda _, path: Key({"name": {"Anna": "Person 1"}}).write(path),
}


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_every_writer_refuses_a_pipe_a_link_and_a_protected_file(
    engdahl: pl.Study, tmp_path: Path, writer: str
) -> None:
    write = WRITERS[writer]
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "old").write_bytes(OLD)
    (tmp_path / "link").symlink_to("old")
    (tmp_path / "protected").write_bytes(OLD)
    (tmp_path / "protected").chmod(0o444)
    for name, words in [
        ("pipe", "named pipe"),
        ("link", "symbolic link"),
        ("protected", "write-protected"),
    ]:
        with pytest.raises(WriteError, match=words):
            write(engdahl, tmp_path / name)
    assert (tmp_path / "old").read_bytes() == (tmp_path / "protected").read_bytes() == OLD
    assert listing(tmp_path) == ["link", "old", "pipe", "protected"]


def test_a_writer_wrapping_the_stream_in_text_can_close_it(tmp_path: Path) -> None:
    target = tmp_path / "text.txt"
    with atomic_file(target) as raw:
        with io.TextIOWrapper(raw, encoding="utf-8") as stream:
            stream.write(NEW)
        assert raw.closed
    assert target.read_text(encoding="utf-8") == NEW
    assert listing(tmp_path) == ["text.txt"]


def test_the_temporary_file_sits_beside_the_target_while_it_is_written(tmp_path: Path) -> None:
    with atomic_file(tmp_path / "x") as stream:
        (name,) = temporaries(tmp_path)
        assert name.endswith(_atomic.TEMPORARY_SUFFIX)
        stream.write(b"x")
    assert listing(tmp_path) == ["x"]
