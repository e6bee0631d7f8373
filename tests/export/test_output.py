"""data.files.writing: atomic files, no replacing without force, symlinks, FIFOs, devices, and
nothing left behind after a failure."""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

import pytest

from data.files import writing as output
from data.files.writing import OutputError, open_output
from data.steps import Check


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_new_file_is_written_with_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    old_umask = os.umask(0o022)
    try:
        with open_output(str(target)) as out:
            out.write("hello\n")
    finally:
        os.umask(old_umask)
    assert target.read_bytes() == b"hello\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert leftovers(tmp_path) == []


def test_existing_file_is_not_replaced_without_force(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("precious")
    with pytest.raises(OutputError) as caught:
        open_output(str(target))
    assert caught.value.exit_code == 73
    assert "--force" in str(caught.value)
    assert target.read_text() == "precious"


def test_force_replaces_atomically_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    target.chmod(0o640)
    inode = target.stat().st_ino
    with open_output(str(target), force=True) as out:
        out.write("new")
        # Until the end, the old file is untouched and the export is elsewhere.
        assert target.read_text() == "old"
        assert len(leftovers(tmp_path)) == 1
    assert target.read_text() == "new"
    assert target.stat().st_ino != inode
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


def test_a_file_that_appears_meanwhile_is_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with pytest.raises(OutputError) as caught, open_output(str(target)) as out:
        out.write("export")
        target.write_text("someone else's")
    assert caught.value.exit_code == 73
    assert target.read_text() == "someone else's"
    assert leftovers(tmp_path) == []


def test_the_mission_is_never_the_output(tmp_path: Path) -> None:
    mission = tmp_path / "mission.toml"
    mission.write_text("format = 1")
    alias = tmp_path / "alias.toml"
    alias.symlink_to(mission)
    hard = tmp_path / "hard.toml"
    os.link(mission, hard)
    for path in (mission, alias, hard):
        with pytest.raises(OutputError) as caught:
            open_output(str(path), force=True, protect=[mission])
        assert caught.value.exit_code == 73
        assert "mission file" in str(caught.value)
    assert mission.read_text() == "format = 1"


def test_symlink_writes_to_its_target_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to("real.txt")
    with open_output(str(link), force=True) as out:
        out.write("new")
    assert link.is_symlink()
    assert real.read_text() == "new"
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to("created.txt")
    with open_output(str(dangling)) as out:
        out.write("made")
    assert dangling.is_symlink()
    assert (tmp_path / "created.txt").read_text() == "made"


def test_symlink_to_existing_target_needs_force(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    with pytest.raises(OutputError):
        open_output(str(link))
    assert real.read_text() == "old"


def read_fifo(folder: Path) -> tuple[Path, list[bytes], threading.Thread]:
    """A FIFO in `folder`, and the thread that reads all that comes through it into a list."""
    fifo = folder / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    return fifo, received, reader


def test_fifo_is_streamed_not_replaced(tmp_path: Path) -> None:
    fifo, received, reader = read_fifo(tmp_path)
    with open_output(str(fifo)) as out:  # no --force needed: nothing is replaced
        out.write("through the pipe\n")
    reader.join(timeout=10)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert leftovers(tmp_path) == []


def test_dev_full_is_an_io_error() -> None:
    with pytest.raises(OutputError) as caught, open_output("/dev/full") as out:
        out.write("x" * 100_000)
    assert caught.value.exit_code == 74
    assert str(caught.value) == "cannot write /dev/full: No space left on device"


def _written() -> int:
    """Bytes this thread has handed to write(2) so far (Linux)."""
    for line in Path("/proc/thread-self/io").read_text().splitlines():
        if line.startswith("wchar:"):
            return int(line.split()[1])
    raise AssertionError("no wchar in /proc/thread-self/io")


def test_dev_null_is_streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    """/dev/null is opened and written to as it is: never replaced by a file (as root, an
    atomic write would rename a temporary over it), nothing created beside it, and every
    byte goes to the device."""
    before = Path("/dev/null").stat()
    opened: list[tuple[str, int]] = []
    real_open = os.open
    this_thread = threading.get_ident()

    def noting_open(path: str | os.PathLike[str], flags: int, *args: int) -> int:
        if threading.get_ident() == this_thread:
            opened.append((os.fspath(path), flags))
        return real_open(path, flags, *args)

    monkeypatch.setattr(output.os, "open", noting_open)
    text = "gone\n" * 200_000  # 1 MB, far more than any buffer
    start = _written()
    with open_output("/dev/null") as out:
        out.write(text)
    assert _written() - start >= len(text)
    assert [path for path, _ in opened] == ["/dev/null"]
    flags = opened[0][1]
    assert flags & os.O_ACCMODE == os.O_WRONLY and not flags & (os.O_CREAT | os.O_TRUNC)
    after = Path("/dev/null").stat()
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert leftovers(Path("/dev")) == []


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", full)
    with pytest.raises(OutputError) as caught, open_output(str(target), force=True) as out:
        out.write("new")
    assert caught.value.exit_code == 74
    assert "No space left on device" in str(caught.value)
    assert target.read_text() == "old"
    assert leftovers(tmp_path) == []


def test_an_exception_while_exporting_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with pytest.raises(KeyboardInterrupt), open_output(str(target)) as out:
        out.write("half")
        raise KeyboardInterrupt
    assert not target.exists()
    assert leftovers(tmp_path) == []


class StoppedError(Exception):
    """Raised by a check to stop an export (the TUI's, when the app quits)."""


def stop_after(blocks: int | None) -> tuple[list[int], Check]:
    """A check that raises the `blocks`-th time it is called (never: None), and the count of
    its calls."""
    calls = [0]

    def check() -> None:
        calls[0] += 1
        if calls[0] == blocks:
            raise StoppedError

    return calls, check


@pytest.mark.parametrize("force", [False, True])
def test_a_check_that_raises_discards_the_export(tmp_path: Path, force: bool) -> None:
    """The check comes before each block written (8 KiB): once it raises, the export stops
    there, the half-written temporary file is removed and an old file is left as it was."""
    target = tmp_path / "out.txt"
    if force:
        target.write_text("old")
    calls, check = stop_after(3)
    with (
        pytest.raises(StoppedError),
        open_output(str(target), force=force, check=check) as out,
    ):
        for _ in range(1000):
            out.write("x" * 1000)
    assert calls == [3]
    assert target.read_text() == "old" if force else not target.exists()
    assert leftovers(tmp_path) == []


def test_a_check_that_lets_it_go_on_is_called_before_each_block(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    calls, check = stop_after(None)
    with open_output(str(target), check=check) as out:
        for _ in range(1000):
            out.write("x" * 1000)
    assert target.stat().st_size == 1_000_000
    assert calls[0] >= 1_000_000 // 65536


def test_a_check_that_raises_stops_a_stream(tmp_path: Path) -> None:
    """A FIFO's reader gets what was written before the check raised, and no more."""
    fifo, received, reader = read_fifo(tmp_path)
    calls, check = stop_after(2)
    with pytest.raises(StoppedError), open_output(str(fifo), check=check) as out:
        for _ in range(1000):
            out.write("x" * 1000)
    reader.join(timeout=10)
    assert calls == [2]
    assert 0 < len(received[0]) < 1_000_000
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing/out.txt", "No such file or directory"),
        ("file.txt/out.txt", "Not a directory"),
        (".", "it is a folder"),
    ],
)
def test_unwritable_paths_are_exit_73(tmp_path: Path, name: str, message: str) -> None:
    (tmp_path / "file.txt").write_text("a file, not a folder")
    with pytest.raises(OutputError) as caught, open_output(str(tmp_path / name)) as out:
        out.write("x")
    assert caught.value.exit_code == 73
    assert message in str(caught.value)
    assert leftovers(tmp_path) == []


def test_read_only_folder_is_exit_73(tmp_path: Path) -> None:
    """Without root, a folder without write permission cannot take the temporary file."""
    if os.geteuid() == 0:
        folder = Path("/proc/self")  # not writable even for root
    else:
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o555)
    with pytest.raises(OutputError) as caught, open_output(str(folder / "new.txt")) as out:
        out.write("x")
    assert caught.value.exit_code == 73
