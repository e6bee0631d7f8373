"""A synthetic mission of any size for the benchmarks and the tests that need a large one.

`write_mission(out, count, form, seed)` writes it; `bench/generate.py` is its command line.
"""

from .mission import write_mission

__all__ = ["write_mission"]
