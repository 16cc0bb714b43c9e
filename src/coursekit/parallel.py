"""The per-entry stages of a large archive spread over the machine's cores.

`ordered_map(function, items, shared)` is `[function(shared, item) for item in items]`, run in
worker processes when the caller has enough work to pay for starting them. Workers are forked, so
`shared` (rules, a whole plan) reaches them without being copied through a pipe; only the items
and the results are. The results are the same either way, in the same order (tests compare both).

COURSEKIT_JOBS=1 turns it off; COURSEKIT_JOBS=N sets the number of workers (default: the CPUs).
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
from typing import Any, Callable, Sequence, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_shared: Any = None  # set once in each worker process, before its first task


def jobs() -> int:
    """How many worker processes to use: COURSEKIT_JOBS, else the CPUs this process may run on."""
    setting = os.environ.get("COURSEKIT_JOBS", "").strip()
    if setting.isdigit() and int(setting) > 0:
        return int(setting)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def can_fork() -> bool:
    """Forking is safe on Linux in a process with no other threads (a thread's locks would be copied)."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def ordered_map(function: Callable[[Any, Item], Result], items: Sequence[Item], shared: Any = None,
                parallel: bool = True) -> list[Result]:
    """`function(shared, item)` for every item, in order; in worker processes if `parallel` and possible."""
    workers = min(jobs(), len(items))
    if not parallel or workers < 2 or not can_fork():
        return [function(shared, item) for item in items]
    chunk = max(1, len(items) // (workers * 4))
    # Objects made so far are left out of the workers' garbage collection: a collection would write to
    # every one of them, and each page written is copied into the worker (the parent's memory is
    # shared with a forked worker only until either writes to it).
    gc.freeze()
    pool = multiprocessing.get_context("fork").Pool(workers, initializer=_start, initargs=(shared,))
    try:
        results = pool.map(_call, [(function, item) for item in items], chunksize=chunk)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()  # the pool's own threads end too, so the next call may fork again
        gc.unfreeze()
    return results


def _start(shared: Any) -> None:
    global _shared
    _shared = shared


def _call(task: tuple[Callable[[Any, Item], Result], Item]) -> Result:
    function, item = task
    return function(_shared, item)
