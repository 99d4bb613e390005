"""Real `parallax` processes for tests: a server on a free port, a command whose output is
watched as it comes, and the processes a process started."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from tests.databases import db_url_for

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_server(db: Path, log: Path | None = None, *, workers: int = 1) -> Iterator[str]:
    """A real `parallax serve` over `db` on a free port, stopped afterwards.

    Its log goes to `log` (a temporary file when not given): a pipe nobody reads would stop
    the server once its buffer is full of access lines.
    """
    port = free_port()
    out = open(log, "w+b") if log else tempfile.TemporaryFile()  # noqa: SIM115
    proc = subprocess.Popen(
        [
            *(sys.executable, "-m", "app.cli", "serve", "--port", str(port)),
            *("--db", db_url_for(db), "--workers", str(workers)),
        ],
        cwd=ROOT,
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=2)
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                proc.wait()
                out.seek(0)
                text = out.read().decode(errors="replace")
                out.close()
                raise RuntimeError(f"parallax serve did not start:\n{text}") from None
            time.sleep(0.2)
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        out.close()


def wait_until(ready: Callable[[], bool], timeout: float, what: str, every: float = 0.05) -> None:
    """Poll `ready` until it holds; fail naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(every)


class Command:
    """A `parallax` command running in the background, its stderr collected as it comes."""

    def __init__(self, *args: str, env: dict[str, str] | None = None) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "app.cli", *args],
            cwd=ROOT,
            env={**os.environ, **(env or {})},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self._chunks: list[bytes] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        while chunk := self.proc.stderr.read1(65536):
            self._chunks.append(chunk)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def stderr(self) -> str:
        return b"".join(self._chunks).decode("utf-8", errors="replace")

    def says(self, word: str) -> bool:
        return word in self.stderr()

    def wait(self, timeout: float) -> int:
        code = self.proc.wait(timeout=timeout)
        self._reader.join(timeout=10)
        return code

    def kill(self) -> None:
        """SIGKILL, as the OOM killer or a pulled plug would: no handler runs."""
        os.kill(self.proc.pid, signal.SIGKILL)
        self.wait(timeout=30)


# A process is known by its pid and its start time: a pid may be given again to another.
Proc = tuple[int, int]


def _stat(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name, in parentheses, may itself hold spaces and parentheses.
    return raw[raw.rindex(")") + 2 :].split()


def children_of(parent: int) -> set[Proc]:
    """The live processes whose parent is `parent` (Linux: read from /proc)."""
    found: set[Proc] = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        fields = _stat(int(entry.name))
        if fields and int(fields[1]) == parent and fields[0] != "Z":
            found.add((int(entry.name), int(fields[19])))
    return found


def alive(proc: Proc) -> bool:
    """Still running: not gone, not a zombie waiting to be reaped, not another process."""
    fields = _stat(proc[0])
    return fields is not None and fields[0] != "Z" and int(fields[19]) == proc[1]


def end(procs: set[Proc]) -> None:
    """SIGKILL what is left of processes a test started, so that a failure leaves none."""
    for proc in procs:
        if alive(proc):
            with suppress(ProcessLookupError):
                os.kill(proc[0], signal.SIGKILL)
