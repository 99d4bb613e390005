"""A real `parallax serve` on a free port, and Debian's Chromium to drive it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.real_processes import running_server

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM", "/usr/bin/chromium"),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def server(seeded_db: Path) -> Iterator[str]:
    with running_server(seeded_db) as url:
        yield url


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def shoot_pages(page: Any, base: str, shots: dict[str, str], folder: Path, width: int) -> None:
    """Each page at this width: it shows its heading, is no wider than the screen, and is
    saved as `{name}-{width}.png` to be looked at."""
    from playwright.sync_api import expect

    page.set_viewport_size({"width": width, "height": 900})
    for name, path in shots.items():
        page.goto(base + path)
        expect(page.locator("h1")).to_be_visible()
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} overflows by {overflow}px at {width}"
        page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)
