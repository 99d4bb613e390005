"""Worker processes end with the process that started them.

An ingest's workers each hold a language model (~300 MB). Killed, their parent leaves them
waiting for work on a pipe they hold both ends of, which never closes: without this they
would live, and hold their memory, until the machine restarts.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def die_with_parent(parent: int, *, every: float = 1.0) -> None:
    """End this process when `parent` (its parent's pid) ends.

    On Linux the kernel sends SIGKILL at once. It does so when the *thread* that started this
    process ends: the pool of workers must be made and closed by one thread, as
    app.extract.run.Extractor is. Elsewhere a thread looks every `every` seconds whether the
    process has been handed to another parent.
    """
    if not _kernel_watches():
        threading.Thread(target=_watch, args=(parent, every), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the watch began
        os._exit(1)


def _kernel_watches() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _watch(parent: int, every: float) -> None:
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(1)
