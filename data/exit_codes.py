"""The process exit codes of every command, defined once (BSD sysexits where one fits)."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    USAGE = 64
    """A command line that cannot be understood, or no terminal for the TUI."""
    DATA = 65
    """A mission file that is not valid."""
    NO_INPUT = 66
    """A mission file that is missing or cannot be read."""
    UNAVAILABLE = 69
    """A service cannot start: `serve` cannot listen on its address and port."""
    CANNOT_CREATE = 73
    """An output file that exists (without --force) or cannot be made."""
    IO_ERROR = 74
    """Writing the output failed."""
    INTERRUPTED = 130
    """Interrupted (Ctrl-C, SIGINT): 128 + the signal's number, as a shell reports it."""
