"""Standard output that may be full, closed or cut short: no traceback, a true exit status.

Every subcommand (and `--help`, `--version`, usage errors) runs through `run_writing`:

- a full disk (`> /dev/full`) or a closed standard output (`>&-`): one line on stderr and
  `ExitCode.IO_ERROR` (74), since what was asked for was not written;
- a reader that goes away early (`| head -c1`): a quiet end, with the command's own status;
- argparse's exits (`--help`, `--version`, usage errors) become return codes, so their
  output is flushed and checked like any other (argparse itself ignores write errors).

A standard output closed before the start is replaced by a descriptor that refuses every
write (`reopen_if_closed`), so the first write fails like a full disk instead of passing
silently, and no file the command opens can take descriptor 1 by accident.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from collections.abc import Callable

from data.exit_codes import ExitCode


def reopen_if_closed() -> None:
    """If standard output was closed at start (`>&-`), make descriptor 1 one that refuses
    writes (`/dev/null` opened read-only) and `sys.stdout` a stream on it."""
    if sys.stdout is not None:
        return
    refusing = os.open(os.devnull, os.O_RDONLY)
    if refusing != 1:
        os.dup2(refusing, 1)
        os.close(refusing)
    sys.stdout = io.TextIOWrapper(
        io.FileIO(1, "w", closefd=False), encoding="utf-8", errors="backslashreplace"
    )


def run_writing(command: Callable[[], int]) -> int:
    """Run `command` and flush standard output: its exit code, `ExitCode.IO_ERROR` with a
    one-line message if the output could not be written, or its code (0 if it had none yet)
    when the reader went away."""
    code: int = ExitCode.OK
    try:
        try:
            code = command()
        except SystemExit as exit_:  # argparse: --help, --version, usage errors
            code = _status(exit_.code)
        sys.stdout.flush()
    except BrokenPipeError:
        discard()
    except OSError as error:
        discard()
        reason = "it is closed" if error.errno == errno.EBADF else error.strerror or str(error)
        with contextlib.suppress(OSError, ValueError):
            print(f"mission-timeline: cannot write to standard output: {reason}", file=sys.stderr)
        return ExitCode.IO_ERROR
    return code


def discard() -> None:
    """Drop what is still buffered for standard output: point descriptor 1 at `/dev/null`, so
    that the flush at exit cannot fail again (and print "Exception ignored")."""
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)


class Lines:
    """Standard output for a report that may be cut short (`check ... | head`): once the
    reader has gone, the rest is dropped quietly and the exit status still tells the truth.
    Other write errors (a full disk) propagate to `run_writing`."""

    def __init__(self) -> None:
        self.closed = False

    def write(self, line: str) -> None:
        if self.closed:
            return
        try:
            print(line)
        except BrokenPipeError:
            self._drop()

    def close(self) -> None:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            self._drop()

    def _drop(self) -> None:
        self.closed = True
        discard()


def _status(code: object) -> int:
    """A `SystemExit` code as an exit status."""
    if code is None:
        return ExitCode.OK
    return code if isinstance(code, int) else 1
