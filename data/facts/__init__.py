"""Facts derived from a mission, computed once for every surface: times, durations, people."""
