"""Opening an export's output so that nothing is ever lost.

`open_output` is a context manager that gives a UTF-8 text stream (`newline=""`, so formats
choose their own line ends) and decides how to write from what the path names:

- `None`, `-`, `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N` (or a symlink
  to one of them): the already-open descriptor is written to as a stream, so `>>` and pipes
  work and a file the shell opened is never swapped for another one.
- A FIFO, a character device (`/dev/null`, `/dev/full`, a terminal) or a socket: opened
  and streamed; never replaced.
- A regular file: written atomically. The export goes to a temporary file in the target's
  folder (created with mode 0666 less the umask, or the replaced file's mode), is flushed and
  fsynced, then renamed over the target. An existing file is replaced only with
  `force=True`; without it the new file is linked into place, which fails if a file appeared
  meanwhile, so nothing is ever overwritten by a race. A symlink is followed: its target is
  written and the link kept. The mission being read (`protect`) is never the output, even
  with `force`. If anything fails, the temporary file is removed and the old file is intact.

A `check` (`data.steps`) is called before each block of output is written (8 KiB); if it
raises, the export stops there and is discarded like any failed one: the temporary file is
removed, what is still buffered is dropped, and the exception passes through.

Failures raise `OutputError` with one line and an exit code (`ExitCode.CANNOT_CREATE`: cannot
create the output; `ExitCode.IO_ERROR`: an I/O error while writing, such as a full disk). A
reader that goes away (`| head -1`) raises `OutputClosed`, which callers treat as a quiet,
successful end.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import secrets
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from data.exit_codes import ExitCode
from data.i18n import _
from data.steps import Check, go_on

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

_FD_PATH = re.compile(r"/dev/(?P<std>stdin|stdout|stderr)|/(?:dev|proc/self)/fd/(?P<fd>\d+)")
_STD_FDS = {"stdin": 0, "stdout": 1, "stderr": 2}
_MAX_LINKS = 40
_CREATE_ERRORS = {
    errno.EACCES,
    errno.EPERM,
    errno.EROFS,
    errno.ENOENT,
    errno.ENOTDIR,
    errno.EISDIR,
    errno.ELOOP,
    errno.ENAMETOOLONG,
    errno.EEXIST,
}
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOSYS, errno.EXDEV, errno.EMLINK}


class OutputError(Exception):
    """The output cannot be created or written; `str()` is one line for the user."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class OutputClosed(Exception):  # noqa: N818 (an outcome, not an error)
    """The reader of a pipe or FIFO stopped reading; nothing is wrong with the export."""


@dataclass(frozen=True, slots=True)
class _Plan:
    kind: str
    """`fd` (an open descriptor), `stream` (a FIFO or device) or `file` (atomic write)."""
    path: str
    label: str
    """The path as the user gave it, for messages."""
    fd: int = -1
    existing: os.stat_result | None = None


def open_output(
    path: str | None,
    *,
    force: bool = False,
    protect: Iterable[str | os.PathLike[str]] = (),
    check: Check = go_on,
) -> contextlib.AbstractContextManager[TextIO]:
    """A text stream for `path` (stdout for `None` or `-`), written safely, `check`ed before
    each block; see the module."""
    plan = _plan(path, force=force, protect=protect)
    if plan.kind == "file":
        return _atomic(plan, force=force, check=check)
    return _stream(plan, check)


def _plan(path: str | None, *, force: bool, protect: Iterable[str | os.PathLike[str]]) -> _Plan:
    if path is None or path == "-":
        return _Plan("fd", "standard output", _("standard output"), fd=1)
    if not path:
        raise OutputError(_("the output path is empty"), ExitCode.CANNOT_CREATE)
    resolved = _follow_links(path)
    match = _FD_PATH.fullmatch(resolved)
    if match is not None:
        number = _STD_FDS[match["std"]] if match["std"] else int(match["fd"])
        return _Plan("fd", path, path, fd=number)
    try:
        info = Path(resolved).stat()
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise _error(path, error, creating=True) from None
    if info is None:
        return _Plan("file", resolved, path)
    if stat.S_ISDIR(info.st_mode):
        message = _("cannot create {path}: it is a folder").format(path=path)
        raise OutputError(message, ExitCode.CANNOT_CREATE)
    if not stat.S_ISREG(info.st_mode):
        return _Plan("stream", resolved, path)
    for protected in protect:
        with contextlib.suppress(OSError):
            if Path(resolved).samefile(protected):
                raise OutputError(
                    _("refusing to write {path}: it is the mission file being exported").format(
                        path=path
                    ),
                    ExitCode.CANNOT_CREATE,
                )
    if not force:
        raise _exists(path)
    return _Plan("file", resolved, path, existing=info)


def _follow_links(path: str) -> str:
    """Follow symlinks one at a time, stopping at a descriptor path like `/dev/stdout`.

    `os.path.realpath` would go on into `/proc/self/fd/1` -> `pipe:[...]`; here a chain
    that reaches a descriptor path stops there, and any other chain ends at a real path.
    """
    current = path
    for _link in range(_MAX_LINKS):
        if _FD_PATH.fullmatch(current):
            return current
        try:
            target = Path(current).readlink()
        except OSError:
            return os.path.realpath(current)
        current = os.path.normpath(Path(current).parent / target)
    message = _("cannot create {path}: too many levels of symbolic links").format(path=path)
    raise OutputError(message, ExitCode.CANNOT_CREATE)


class _CheckedFile(io.FileIO):
    """A descriptor opened for writing, `check`ed before each block: once the check has
    raised, what is still written to it (the buffers' flush as it is closed) is dropped."""

    def __init__(self, descriptor: int, check: Check) -> None:
        super().__init__(descriptor, "w")
        self._check = check
        self._stopped = False

    def write(self, data: ReadableBuffer, /) -> int:
        if self._stopped:
            return memoryview(data).nbytes
        try:
            self._check()
        except BaseException:
            self._stopped = True
            raise
        return super().write(data)


def _text(descriptor: int, check: Check) -> TextIO:
    """A UTF-8 text stream writing to `descriptor` (closing it closes the descriptor), as
    `os.fdopen` gives, `check`ed before each block (`_CheckedFile`)."""
    raw = _CheckedFile(descriptor, check)
    return io.TextIOWrapper(io.BufferedWriter(raw), encoding="utf-8", newline="")


@contextlib.contextmanager
def _stream(plan: _Plan, check: Check) -> Iterator[TextIO]:
    """Write to an open descriptor (a duplicate of it) or to a FIFO or device."""
    try:
        if plan.kind == "fd":
            descriptor = os.dup(plan.fd)
        else:
            descriptor = os.open(plan.path, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as error:
        raise _error(plan.label, error, creating=True) from None
    stream = _text(descriptor, check)
    try:
        yield stream
        stream.flush()
    except BrokenPipeError:
        _discard(stream, plan)
        raise OutputClosed from None
    except OSError as error:
        _discard(stream, plan)
        raise _error(plan.label, error, creating=False) from None
    except BaseException:
        _discard(stream, plan)
        raise
    stream.close()


def _discard(stream: TextIO, plan: _Plan) -> None:
    """Drop what is still buffered: point the descriptor at /dev/null, then close.

    Closing flushes, and a flush into a closed pipe would raise again (and at exit print
    "Exception ignored"); on /dev/null it succeeds silently.
    """
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
        if plan.kind == "fd" and plan.fd == 1:
            os.dup2(null, 1)
        os.close(null)
    with contextlib.suppress(OSError, ValueError):
        stream.close()


@contextlib.contextmanager
def _atomic(plan: _Plan, *, force: bool, check: Check) -> Iterator[TextIO]:
    """Write to a temporary file beside the target, then move it into place."""
    target = Path(plan.path)
    folder = target.parent
    temporary = folder / f".{target.name}.{secrets.token_hex(4)}.tmp"
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
        stream = _text(descriptor, check)
    except OSError as error:
        raise _error(plan.label, error, creating=True) from None
    except BaseException:
        # Interrupted (KeyboardInterrupt) as it was made: the name is new (O_EXCL), so a
        # file by that name, if there is one now, is ours, and unfinished.
        _remove(None, temporary)
        raise
    try:
        if plan.existing is not None:
            os.fchmod(descriptor, stat.S_IMODE(plan.existing.st_mode))
        yield stream
        stream.flush()
        os.fsync(descriptor)
        stream.close()
        _put_in_place(temporary, target, plan.label, replace=force)
        _sync_folder(folder)
    except OSError as error:
        _remove(stream, temporary)
        raise _error(plan.label, error, creating=False) from None
    except BaseException:
        _remove(stream, temporary)
        raise


def _put_in_place(temporary: Path, target: Path, label: str, *, replace: bool) -> None:
    if replace:
        temporary.replace(target)
        return
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise _exists(label) from None
    except OSError as error:
        if error.errno not in _NO_LINKS:
            raise
        # A file system without hard links: check, then rename (a narrow race remains).
        if target.is_symlink() or target.exists():
            raise _exists(label) from None
        temporary.replace(target)
        return
    temporary.unlink()


def _sync_folder(folder: Path) -> None:
    """Make the rename durable; some file systems cannot fsync a folder, which is fine."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _remove(stream: TextIO | None, temporary: Path) -> None:
    if stream is not None:
        with contextlib.suppress(OSError, ValueError):
            stream.close()
    with contextlib.suppress(OSError):
        temporary.unlink()


def _exists(path: str) -> OutputError:
    """The error for an output that exists, without `force`."""
    message = _("{path} already exists; add --force to replace it").format(path=path)
    return OutputError(message, ExitCode.CANNOT_CREATE)


def _error(path: str, error: OSError, *, creating: bool) -> OutputError:
    reason = error.strerror or str(error)
    cannot_create = error.errno in _CREATE_ERRORS
    if cannot_create or (creating and error.errno != errno.ENOSPC):
        message = _("cannot create {path}: {reason}")
    else:
        message = _("cannot write {path}: {reason}")
    code = ExitCode.CANNOT_CREATE if cannot_create else ExitCode.IO_ERROR
    return OutputError(message.format(path=path, reason=reason), code)
