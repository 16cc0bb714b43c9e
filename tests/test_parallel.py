"""Worker processes give the same results, in the same order, as doing the work in this process.

Workers are forked only from a process with no other threads, and the test process may have some
(pyzmq starts one), so each check that needs workers runs in a fresh Python process of its own.
"""
from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import threading
import time

import pytest

from conftest import SEEDS, copy_default_course
from coursekit.ingest import importer as ingest
from coursekit.site import parallel
from coursekit.site import generate as pipeline
from coursekit.archive import readers
from coursekit.ingest.topics import default_rules

HERE = pathlib.Path(__file__).parent
needs_fork = pytest.mark.skipif(not sys.platform.startswith("linux") or parallel.jobs() < 2,
                                reason="worker processes need Linux (fork) and two CPUs")


def in_fresh_process(check: str, *args: str) -> None:
    """Run `test_parallel.<check>(*args)` in a new interpreter, where forking is allowed."""
    code = f"import test_parallel; test_parallel.{check}(*{args!r})"
    env = {k: v for k, v in os.environ.items() if k != "COURSEKIT_JOBS"}
    result = subprocess.run([sys.executable, "-c", code], cwd=HERE, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr[-3000:]


def triple(shared: int, item: int) -> tuple[int, int]:
    return item, item * shared


def worker_pid(shared: None, item: int) -> int:
    time.sleep(0.005)  # long enough that every worker takes some of the chunks
    return os.getpid()


def inverse(shared: None, item: int) -> float:
    return 1 / item


def check_order_and_workers() -> None:
    assert parallel.can_fork()
    items = list(range(100))
    assert parallel.ordered_map(triple, items, shared=3) == [(i, 3 * i) for i in items]
    pids = set(parallel.ordered_map(worker_pid, items))
    assert os.getpid() not in pids and len(pids) >= 2, pids
    assert threading.active_count() == 1 and parallel.can_fork()  # the pool's threads have ended
    with parallel.started(triple, items, shared=2) as running:
        meanwhile = sum(items)  # this process is free while the workers run
        assert running.results() == [(i, 2 * i) for i in items] and meanwhile == 4950
    with parallel.started(worker_pid, items):
        pass  # leaving without collecting the results stops the workers
    assert threading.active_count() == 1 and parallel.can_fork()
    try:
        parallel.ordered_map(inverse, [1, 0, 2, 4])
    except ZeroDivisionError:
        pass
    else:
        raise AssertionError("a worker's error did not reach the caller")
    assert threading.active_count() == 1


def tree(root: pathlib.Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def check_generate(serial: str, forked: str) -> None:
    pipeline.PARALLEL_ENTRIES = readers.PARALLEL_FILES = 0  # this process only: workers for any size
    pipeline.generate(pathlib.Path(forked), force=True)
    assert tree(pathlib.Path(forked)) == tree(pathlib.Path(serial)) and tree(pathlib.Path(serial))


def check_ingest() -> None:
    pages = sorted(SEEDS.glob("*.txt"))
    serial = ingest.model_pages([ingest.read_page(p) for p in pages], default_rules())
    ingest.PARALLEL_PAGES = 0
    assert ingest.model_files(pages, default_rules()) == serial and len(serial.entries) == 30


@needs_fork
def test_ordered_map_keeps_the_order_uses_workers_and_passes_errors_on():
    in_fresh_process("check_order_and_workers")


def test_ordered_map_in_this_process_when_told_or_asked(monkeypatch):
    assert set(parallel.ordered_map(worker_pid, [1, 2, 3], parallel=False)) == {os.getpid()}
    monkeypatch.setenv("COURSEKIT_JOBS", "1")
    assert parallel.jobs() == 1
    assert set(parallel.ordered_map(worker_pid, list(range(20)))) == {os.getpid()}
    monkeypatch.setenv("COURSEKIT_JOBS", "3")
    assert parallel.jobs() == 3


def test_no_fork_while_other_threads_run():
    stop = threading.Event()
    helper = threading.Thread(target=stop.wait)
    helper.start()
    try:
        assert not parallel.can_fork()
        assert set(parallel.ordered_map(worker_pid, list(range(8)))) == {os.getpid()}
    finally:
        stop.set()
        helper.join()


@needs_fork
def test_generate_in_workers_writes_the_same_bytes(tmp_path):
    serial, forked = copy_default_course(tmp_path / "serial"), copy_default_course(tmp_path / "forked")
    pipeline.generate(serial, force=True)
    in_fresh_process("check_generate", str(serial), str(forked))


@needs_fork
@pytest.mark.skipif(not sorted(SEEDS.glob("*.txt")), reason="seed pages not available")
def test_ingest_in_workers_models_the_same_entries():
    in_fresh_process("check_ingest")
