"""Extraction on a Dask cluster (`parallax ingest --scheduler ADDRESS`).

The workers of a Dask scheduler run the same per-article work as the local pool
(`extract_or_error`); what comes back is stored by ingest exactly as the pool's results are.
Every machine of the cluster runs the same Parallax install: the workers import this module
and load the spaCy pipeline themselves, by the name the settings give.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import CancelledError, ThreadPoolExecutor
from typing import Any

from app.extract.nlp import get_nlp
from app.extract.run import Extracting, Extraction, Job, Results, extract_or_error


class ClusterError(Exception):
    """The cluster cannot take the work: no scheduler answers, it has no workers, or its
    workers cannot run Parallax."""


# A worker started with several threads would run two parses at once in one process: spaCy's
# pipeline is not made to be shared so, and its parse holds the GIL, so threads gain nothing.
_ONE_AT_A_TIME = threading.Lock()


def extract_on_worker(job: Job, model: str) -> Extraction | Exception:
    with _ONE_AT_A_TIME:
        return extract_or_error(job, model)


def load_pipeline(model: str) -> str:
    """Run on every worker before the first article, as the local pool's initializer is: the
    pipeline is loaded by all of them at once, and a worker that cannot load it says so now
    rather than once per article."""
    get_nlp(model)
    return model


def parallax_here() -> bool:
    """Run on the scheduler: it could load this module, hence the tasks that name it."""
    return True


class ClusterExtractor(Extracting):
    def __init__(self, address: str, model: str, *, timeout: float) -> None:
        try:
            from distributed import Client
        except ImportError as exc:
            raise ClusterError(
                "Dask is not installed: install Parallax with its cluster extra,"
                " pip install 'parallax[cluster]'"
            ) from exc
        self.model = model
        _probe(address, timeout)
        # The client logs a lost scheduler with its tracebacks; the ingest says it in one line.
        logging.getLogger("distributed.client").setLevel(logging.CRITICAL)
        try:
            self._client: Any = Client(address, timeout=timeout, set_as_default=False)
        except OSError:  # gone between the probe and now
            raise ClusterError(f"no Dask scheduler answered within {timeout:g} s") from None
        self.timeout = timeout
        try:
            start = f"; start one: dask worker {address}"
            self._need_workers("the scheduler has had no worker", start)
        except ClusterError:
            self.close()
            raise
        # The scheduler unpickles the tasks it is sent, so it needs Parallax's code too.
        self._ready(
            lambda: self._client.run_on_scheduler(parallax_here),
            "the scheduler cannot load Parallax's code",
        )
        self._ready(
            lambda: self._client.run(load_pipeline, model),
            "a worker cannot run Parallax's extraction",
        )

    def _ready(self, check: Callable[[], object], says: str) -> None:
        try:
            check()
        except Exception as exc:
            self.close()
            raise ClusterError(
                f"{says} ({exc!r}); every machine of the cluster needs Parallax installed,"
                " with the same spaCy pipeline"
            ) from None

    def submit(self, jobs: Sequence[Job]) -> Results:
        futures = self._client.map(extract_on_worker, list(jobs), model=self.model, pure=False)

        def results() -> list[Extraction | Exception]:
            out = [self._result(f) for f in futures]
            futures.clear()  # the workers may forget them
            return out

        return results

    def _result(self, future: Any) -> Extraction | Exception:
        """An article's extraction. A worker lost while it held the article hands it to
        another; one that the cluster gives up on (its workers killed by it, over and over)
        fails alone, as a bad text does. With no worker left the wait would never end, and
        without the scheduler no answer comes: then the ingest stops."""
        while True:
            try:
                result: Extraction | Exception = future.result(timeout=self.timeout)
            except TimeoutError:
                self._need_workers("the cluster has lost all its workers: none")
                continue
            except CancelledError as exc:  # every article's: the client lost its scheduler
                why = getattr(exc, "reason", None) or "cancelled"
                raise ClusterError(f"the cluster dropped the work ({why})") from None
            except Exception as exc:
                return exc
            return result

    def _need_workers(self, says: str, then: str = "") -> None:
        try:
            self._client.wait_for_workers(1, timeout=self.timeout)
        except TimeoutError:
            raise ClusterError(f"{says} for {self.timeout:g} s{then}") from None
        except OSError:
            raise ClusterError("the scheduler stopped answering") from None

    def close(self) -> None:
        self._client.close()


def _probe(address: str, timeout: float) -> None:
    """Reach the scheduler once before a client is made: a client that fails to connect is
    left to the garbage collector, whose attempt to close it at exit prints a traceback."""
    from distributed.comm import connect

    async def reach() -> None:
        comm = await connect(address, timeout=timeout)
        await comm.close()

    try:
        # The whole exchange is bounded: a server that accepts but speaks no Dask (a web
        # server on that port) would otherwise keep the handshake waiting for ever.
        # On a thread of its own: the caller may run an event loop already (a notebook).
        with ThreadPoolExecutor(1) as thread:
            thread.submit(asyncio.run, asyncio.wait_for(reach(), timeout)).result()
    except ValueError as exc:  # not an address: no scheme, no port, an unknown scheme
        raise ClusterError(f"not a scheduler address: {exc}") from None
    except OSError:
        raise ClusterError(f"no Dask scheduler answered within {timeout:g} s") from None
