"""A served process settles its heap once SIGAP is loaded (config.heap), through
gunicorn's hook after a worker loads the application."""

from __future__ import annotations

import gc
import runpy
from pathlib import Path

from config import heap

ROOT = Path(__file__).resolve().parent.parent


def test_settling_freezes_what_is_loaded_and_collects_the_rest():
    try:
        cycle = []
        cycle.append(cycle)
        del cycle
        frozen = heap.settle()
        assert frozen == gc.get_freeze_count() > 10_000
        # Nothing young is left to walk but what was made since.
        assert len(gc.get_objects()) < frozen
    finally:
        gc.unfreeze()


def test_each_gunicorn_worker_settles_after_loading_the_application():
    hooks = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    try:
        hooks["post_worker_init"](worker=None)
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
