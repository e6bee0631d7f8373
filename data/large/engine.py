"""pyarrow as the engine uses it: with the system's allocator.

Arrow's own allocator (mimalloc) keeps the memory freed for later: after a million events
are read, a third of a gigabyte would stay with the process. The system's allocator gives it
back, so a loaded mission costs the memory of its store. Every module of the engine that
works with Arrow imports this first.
"""

from __future__ import annotations

import pyarrow as pa

pa.set_memory_pool(pa.system_memory_pool())
