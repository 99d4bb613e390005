"""Shared fixtures: the seeds, a fresh database per test, one ingested database per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.pipeline import ingest_paths
from app.web.app import create_app

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


def settings_for(path: Path) -> Settings:
    return Settings(db_url=f"sqlite:///{path}")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return settings_for(tmp_path / "test.db")


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five seeds ingested once: the fixture database of unit and browser tests."""
    path = tmp_path_factory.mktemp("seeded") / "seeds.db"
    report = ingest_paths([str(SEEDS)], settings_for(path))
    assert not report.failed, report.failed
    return path


@pytest.fixture(scope="session")
def spellings_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five invented reports: one minister written two ways, one city by its old name."""
    path = tmp_path_factory.mktemp("spellings") / "spellings.db"
    report = ingest_paths([str(DATA / "spellings")], settings_for(path))
    assert not report.failed, report.failed
    return path


@pytest.fixture(scope="session")
def seeded_settings(seeded_db: Path) -> Settings:
    return settings_for(seeded_db)


@pytest.fixture(scope="session")
def client(seeded_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(seeded_settings)) as c:
        c.headers["Accept"] = "text/html"
        yield c
