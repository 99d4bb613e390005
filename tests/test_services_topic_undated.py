"""The figures a date filter cannot place: counted once for every range under the same other
filters, and counted again when the data changes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlmodel import Session

from app.config import Settings
from app.db import get_engine
from app.pipeline import ingest_paths
from app.services.topic_undated import count_undated
from app.services.topics import TopicFilters

UNDATED = "Flooding on the river road left three people dead, the county sheriff said.\n"
DATED = "date 2031-05-02\n\nA bridge collapse killed seven people, the transport minister said.\n"


def _week(day: int) -> TopicFilters:
    start = dt.date(2031, 5, day)
    return TopicFilters(date_from=start, date_to=start + dt.timedelta(days=6))


def test_services_topic_undated_same_count_for_every_range_and_new_after_ingest(
    tmp_path: Path, settings: Settings
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "undated.txt").write_text(UNDATED, encoding="utf-8")
    (folder / "dated.txt").write_text(DATED, encoding="utf-8")
    assert not ingest_paths([str(folder)], settings).failed
    engine = get_engine(settings.db_url)
    with Session(engine) as s:
        first = count_undated(s, filters=_week(1))
        assert first >= 1
        assert count_undated(s, filters=_week(20)) == first
        assert count_undated(s, filters=TopicFilters()) == 0  # no range: nothing left out
    more = tmp_path / "more"
    more.mkdir()
    (more / "later.txt").write_text(
        "A fire at the old mill killed two workers, the fire chief said.\n", encoding="utf-8"
    )
    assert not ingest_paths([str(more)], settings).failed
    with Session(engine) as s:
        assert count_undated(s, filters=_week(1)) > first
