"""The mission-timeline terminal app (Textual) and its command line."""

__version__ = "0.1.0"
