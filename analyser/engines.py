"""Running per-document tasks: in this process, in worker processes, or on a Dask cluster."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed

from analyser.config import Settings
from analyser.extract.document import Outcome, Task, process
from analyser.nlp import load_pipeline


def _warm_worker(model: str | None) -> None:
    """Load the spaCy pipeline once when a worker process starts."""
    load_pipeline(model)


def run_local(tasks: list[Task], settings: Settings) -> Iterator[Outcome]:
    """Outcomes as tasks finish: in-process for one job, else in a pool of processes."""
    if settings.jobs <= 1 or len(tasks) <= 1:
        for task in tasks:
            yield process(task, settings)
        return
    with ProcessPoolExecutor(
        max_workers=min(settings.jobs, len(tasks)),
        initializer=_warm_worker,
        initargs=(settings.model,),
    ) as pool:
        futures = [pool.submit(process, task, settings) for task in tasks]
        for future in as_completed(futures):
            yield future.result()


def run_tasks(tasks: list[Task], settings: Settings) -> Iterator[Outcome]:
    """Outcomes of ``tasks`` on the engine the settings name."""
    if settings.engine == "local":
        yield from run_local(tasks, settings)
    else:
        raise ValueError(f"unknown engine {settings.engine!r}; use 'local' or 'dask'")
