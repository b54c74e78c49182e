"""A served process's heap, settled once SIGAP is loaded.

Python's cyclic garbage collector walks every container object it tracks on each full
collection. Once SIGAP is loaded a worker holds about 180,000 of them (modules,
settings, translations, compiled templates), none of which will ever be garbage, and
each full collection walked them all: about 80 ms, landing now and then in the middle
of a request (it was most of the slowest twentieth of the staff pages at a million
cases). Frozen after loading, they are left out of every collection: a full one then
takes about 10 ms. The interpreter's documentation advises the same for a process that
serves after a long start.

gunicorn.conf.py settles each worker after it has loaded the application, and
bench/staff_pages.py settles itself at the same point, so it measures what a worker
serves.
"""

from __future__ import annotations

import gc


def settle() -> int:
    """Collect what loading left behind, then freeze the rest out of the collector's
    walks; returns how many objects are frozen."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
