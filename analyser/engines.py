"""Running per-document tasks: in this process, in worker processes, or on a Dask cluster."""

from __future__ import annotations

import math
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from itertools import islice

from analyser.config import Settings
from analyser.extract.document import process_batch
from analyser.nlp import load_pipeline
from analyser.tasks import Outcome, Task

IN_FLIGHT_PER_WORKER = 4  # batches queued per worker: enough to keep it busy, few in memory
DOCUMENTS_PER_BATCH = 8  # files whose paragraphs are parsed in one stream


def batches(tasks: list[Task], workers: int) -> list[list[Task]]:
    """``tasks`` in batches of up to ``DOCUMENTS_PER_BATCH``, small enough that each of
    ``workers`` gets some."""
    size = max(1, min(DOCUMENTS_PER_BATCH, math.ceil(len(tasks) / max(1, workers))))
    return [tasks[start : start + size] for start in range(0, len(tasks), size)]


def _warm_worker(model: str | None) -> None:
    """Load the spaCy pipeline once when a worker process starts."""
    load_pipeline(model)


def run_local(tasks: list[Task], settings: Settings) -> Iterator[Outcome]:
    """Outcomes as tasks finish: in-process for one job, else in a pool of processes with a
    few tasks per worker in flight, so that memory does not grow with the corpus."""
    if settings.jobs <= 1 or len(tasks) <= 1:
        for batch in batches(tasks, 1):
            yield from process_batch(batch, settings)
        return
    with ProcessPoolExecutor(
        max_workers=min(settings.jobs, len(tasks)),
        initializer=_warm_worker,
        initargs=(settings.model,),
    ) as pool:
        queue = iter(batches(tasks, settings.jobs))
        window = IN_FLIGHT_PER_WORKER * settings.jobs
        pending = {pool.submit(process_batch, batch, settings) for batch in islice(queue, window)}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                pending |= {pool.submit(process_batch, b, settings) for b in islice(queue, 1)}
                yield from future.result()


def run_dask(tasks: list[Task], settings: Settings) -> Iterator[Outcome]:
    """Outcomes from a Dask cluster: the scheduler at ``settings.scheduler``, else a local one.

    Workers of a remote cluster need analyser installed; the files must be readable from
    the workers at the same paths.
    """
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if settings.scheduler:
        client = Client(settings.scheduler)
    else:
        cluster = LocalCluster(
            n_workers=max(1, settings.jobs),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
        client = Client(cluster)
    try:
        workers = max(1, len(client.scheduler_info()["workers"]))
        queue = iter(batches(tasks, workers))
        running = as_completed(
            [
                client.submit(process_batch, batch, settings, pure=False)
                for batch in islice(queue, IN_FLIGHT_PER_WORKER * workers)
            ]
        )
        for future in running:
            for batch in islice(queue, 1):
                running.add(client.submit(process_batch, batch, settings, pure=False))
            yield from future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


ENGINES = {"local": run_local, "dask": run_dask}


def run_tasks(tasks: list[Task], settings: Settings) -> Iterator[Outcome]:
    """Outcomes of ``tasks`` on the engine the settings name."""
    engine = ENGINES.get(settings.engine)
    if engine is None:
        raise ValueError(f"unknown engine {settings.engine!r}; use one of: {', '.join(ENGINES)}")
    if tasks:
        yield from engine(tasks, settings)
