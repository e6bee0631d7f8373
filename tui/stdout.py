"""How every command ends: standard output full, closed or cut short, or Ctrl-C at any
moment; never a traceback, always a true exit status.

Every subcommand (and `--help`, `--version`, usage errors, the TUI) runs through
`run_writing`:

- a full disk (`> /dev/full`) or a closed standard output (`>&-`): one line on stderr and
  `ExitCode.IO_ERROR` (74), since what was asked for was not written;
- a reader that goes away early (`| head -c1`): a quiet end, with the command's own status;
- argparse's exits (`--help`, `--version`, usage errors) become return codes, so their
  output is flushed and checked like any other (argparse itself ignores write errors);
- an interrupt (SIGINT, Ctrl-C) wherever the command is, parsing, reading, writing:
  `KeyboardInterrupt` unwinds it (an export's temporary file is removed on the way,
  `data.files.writing`), what is still buffered for standard output is dropped, one line
  ("mission-timeline: interrupted") and `ExitCode.INTERRUPTED` (130). Any further interrupt
  is ignored from the first one on, so that nothing cuts the cleanup short. An interrupt
  that the command ends for itself (the TUI closes its screen first) does the same by
  raising `KeyboardInterrupt` once it is done. A SIGINT ignored when the process started
  (a background job of a script) stays ignored.

A standard output closed before the start is replaced by a descriptor that refuses every
write (`reopen_if_closed`), so the first write fails like a full disk instead of passing
silently, and no file the command opens can take descriptor 1 by accident.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import signal
import sys
from collections.abc import Callable
from types import FrameType
from typing import NoReturn

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


def run_writing(command: Callable[[], int], *, end_process: bool = False) -> int:
    """Run `command` and flush standard output: its exit code, `ExitCode.IO_ERROR` with a
    one-line message if the output could not be written, its code (0 if it had none yet)
    when the reader went away, or `ExitCode.INTERRUPTED` on an interrupt.

    With `end_process` (the process's own entry point), the process ends here, at once
    (`os._exit`), instead of returning: nothing is left to do but free the memory, which
    Python would do one object at a time (a third of a second for a large mission, while a
    reading thread may still be running), and in which an interrupt would be a traceback."""
    previous = signal.getsignal(signal.SIGINT)
    try:
        try:
            if previous is signal.default_int_handler:
                signal.signal(signal.SIGINT, _interrupt)
            code = _run(command)
            if end_process:  # only the exit is left: an interrupt can stop nothing now
                signal.signal(signal.SIGINT, signal.SIG_IGN)
        except KeyboardInterrupt:
            code = _interrupted()
        if end_process:
            _end(code)
    finally:
        signal.signal(signal.SIGINT, previous)
    return code


def _run(command: Callable[[], int]) -> int:
    """`command`'s exit code, or the one for the output's failure (see `run_writing`)."""
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


def _interrupt(signum: int, frame: FrameType | None) -> None:
    """SIGINT's handler while a command runs: stop it where it is, once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def _interrupted() -> int:
    """The end of an interrupted command: what standard output still holds is dropped (its
    reader may have been interrupted too: the flush at exit must not block), one line."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    discard()
    with contextlib.suppress(OSError, ValueError):
        print("mission-timeline: interrupted", file=sys.stderr)
    return ExitCode.INTERRUPTED


def _end(code: int) -> NoReturn:
    """End the process with `code` now, its output written (see `run_writing`)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


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
