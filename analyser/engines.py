"""Running per-document tasks: in this process, in worker processes, or on a Dask cluster."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from itertools import islice

from analyser.config import Settings
from analyser.extract.document import Outcome, Task, process
from analyser.nlp import load_pipeline

IN_FLIGHT_PER_WORKER = 4  # tasks queued per worker: enough to keep it busy, few in memory


def _warm_worker(model: str | None) -> None:
    """Load the spaCy pipeline once when a worker process starts."""
    load_pipeline(model)


def run_local(tasks: list[Task], settings: Settings) -> Iterator[Outcome]:
    """Outcomes as tasks finish: in-process for one job, else in a pool of processes with a
    few tasks per worker in flight, so that memory does not grow with the corpus."""
    if settings.jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            yield process(task, settings)
        return
    with ProcessPoolExecutor(
        max_workers=min(settings.jobs, len(tasks)),
        initializer=_warm_worker,
        initargs=(settings.model,),
    ) as pool:
        queue = iter(tasks)
        window = IN_FLIGHT_PER_WORKER * settings.jobs
        pending = {pool.submit(process, task, settings) for task in islice(queue, window)}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                pending |= {pool.submit(process, task, settings) for task in islice(queue, 1)}
                yield future.result()


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
        workers = max(1, settings.jobs)
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    try:
        queue = iter(tasks)
        window = IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info()["workers"]))
        running = as_completed(
            [client.submit(process, task, settings, pure=False) for task in islice(queue, window)]
        )
        for future in running:
            for task in islice(queue, 1):
                running.add(client.submit(process, task, settings, pure=False))
            yield future.result()
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
