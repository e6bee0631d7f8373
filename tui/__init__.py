"""The mission-timeline terminal app (Textual) and its command line."""
