"""The reader's processes stay small: serving pages loads no language model and no linking
library (each `parallax serve` worker would carry them, about 120 MB, for nothing)."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("spacy", "thinc", "numpy", "scipy", "sklearn", "datasketch", "dask")


def test_web_imports_the_app_without_heavy_libraries() -> None:
    probe = (
        "import sys; from app.web.app import create_app; create_app(); "
        f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == [], done.stdout
