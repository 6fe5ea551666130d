"""Run one function over many plans: in a process pool when it pays, always in input order."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TypeVar

J = TypeVar("J")
R = TypeVar("R")

# Below this many plans per core a pool costs more to start than it saves.
PLANS_PER_WORKER = 8


def run_all(
    work: Callable[[J], R],
    jobs: Sequence[J],
    *,
    parallel: bool = True,
    on_done: Callable[[int], None] | None = None,
) -> list[R]:
    """`[work(job) for job in jobs]`, the same results in the same order, across the cores.

    `work` must be a module-level function (it is pickled); `on_done(index)` is called in this
    process as each job finishes, in completion order (for a progress bar)."""
    workers = min(os.cpu_count() or 1, len(jobs) // PLANS_PER_WORKER)
    if not parallel or workers < 2:
        results = []
        for index, job in enumerate(jobs):
            results.append(work(job))
            if on_done:
                on_done(index)
        return results
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        if on_done is None:
            chunk = max(1, min(32, len(jobs) // (workers * 4)))
            return list(pool.map(work, jobs, chunksize=chunk))
        futures = {pool.submit(work, job): index for index, job in enumerate(jobs)}
        done: dict[int, R] = {}
        for future in as_completed(futures):
            done[futures[future]] = future.result()
            on_done(futures[future])
        return [done[index] for index in range(len(jobs))]
