"""Shared fixtures: the seeds, a fresh database per test, one ingested database per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.pipeline import ingest_paths
from app.web.app import create_app
from tests.databases import db_url_for, drop_created

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


def settings_for(path: Path) -> Settings:
    return Settings(db_url=db_url_for(path))


def pytest_sessionfinish(session: pytest.Session) -> None:
    drop_created()


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


# One title starts with "+", which a spreadsheet would read as a formula.
REPORTS = {
    "ledger.txt": """title: +18 dead as floods hit Leeds
outlet: The Leeds Ledger
date: 2031-04-02
url: https://ledger.example/2031/04/02/floods

At least 18 people were killed when floods swept through Leeds on Tuesday, police said. \
Rescuers were still searching the river banks on Wednesday, and 30 people were injured.
""",
    "post.txt": """title: Leeds floods: toll rises
outlet: Valley Post
date: 2031-04-03
url: https://valleypost.example/floods

The death toll from the floods in Leeds rose to 21 on Wednesday, the mayor said. Officials \
said 30 people were injured when the river burst its banks on Tuesday.
""",
}


@pytest.fixture(scope="session")
def two_reports(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Two reports of one invented event, each with a header block (outlet, date, URL): the
    database of the export and facet tests."""
    folder = tmp_path_factory.mktemp("floods")
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    settings = settings_for(tmp_path_factory.mktemp("floods-db") / "floods.db")
    report = ingest_paths([str(folder)], settings)
    assert not report.failed and len(report.added) == 2
    return settings
