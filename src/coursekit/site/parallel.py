"""The per-entry stages of a large archive spread over the machine's cores.

`ordered_map(function, items, shared)` is `[function(shared, item) for item in items]`, run in
worker processes when the caller has enough work to pay for starting them. `started(...)` is the
same work begun, so that the caller's own process can do something else before it collects the
results. Workers are forked, so `shared` (rules, a whole plan) reaches them without being copied
through a pipe; only the items and the results are. The results are the same either way, in the
same order (tests compare both).

COURSEKIT_JOBS=1 turns it off; COURSEKIT_JOBS=N sets the number of workers (default: the CPUs).
"""
from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import sys
import threading
from typing import Any, Callable, Iterator, Sequence, TypeVar

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
    with started(function, items, shared, parallel) as running:
        return running.results()


class Running:
    """Work handed to worker processes (or left to `results`, when there are none)."""

    def __init__(self, compute: Callable[[], list]):
        self._compute = compute

    def results(self) -> list:
        """The results in the order of the items; waits for the workers, and raises what a task raised."""
        return self._compute()


@contextlib.contextmanager
def started(function: Callable[[Any, Item], Result], items: Sequence[Item], shared: Any = None,
            parallel: bool = True) -> Iterator[Running]:
    """`ordered_map`, started: the caller's process may do other work while the workers run, then
    collect `results()`. Leaving the block ends the workers (those still busy are stopped)."""
    workers = min(jobs(), len(items))
    if not parallel or workers < 2 or not can_fork():
        yield Running(lambda: [function(shared, item) for item in items])
        return
    chunk = max(1, len(items) // (workers * 4))
    # Objects made so far are left out of the workers' garbage collection: a collection would write to
    # every one of them, and each page written is copied into the worker (the parent's memory is
    # shared with a forked worker only until either writes to it).
    gc.freeze()
    pool = multiprocessing.get_context("fork").Pool(workers, initializer=_start, initargs=(shared,))
    try:
        pending = pool.map_async(_call, [(function, item) for item in items], chunksize=chunk)
        yield Running(pending.get)
        pool.close()
    finally:
        pool.terminate()  # nothing left to stop after close(); stops the workers after an error
        pool.join()  # the pool's own threads end too, so the next call may fork again
        gc.unfreeze()


def _start(shared: Any) -> None:
    global _shared
    _shared = shared


def _call(task: tuple[Callable[[Any, Item], Result], Item]) -> Result:
    function, item = task
    return function(_shared, item)
