"""Two writers on one database: the second waits for the first, however long it writes."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from sqlalchemy import text
from sqlmodel import Session, select

from app.db import get_engine
from app.models import Story
from tests.databases import db_url_for, sqlite_only

HOLD = 6.0  # seconds: longer than Python's own busy timeout (5 s)


@sqlite_only("its one writer at a time waits past Python's busy timeout (BEGIN IMMEDIATE)")
def test_db_writer_waits_for_a_long_write_instead_of_failing(tmp_path: Path) -> None:
    engine = get_engine(db_url_for(tmp_path / 'w.db'))
    holding = threading.Event()

    def long_writer() -> None:  # as a linking of many articles: one long transaction
        with engine.connect() as conn:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            conn.execute(text("INSERT INTO story (id, title) VALUES (1, 'first')"))
            holding.set()
            time.sleep(HOLD)
            conn.exec_driver_sql("COMMIT")

    first = threading.Thread(target=long_writer)
    first.start()
    assert holding.wait(timeout=30)
    start = time.monotonic()
    with Session(engine) as session:
        session.add(Story(id=2, title="second"))
        session.commit()  # "database is locked" here after 5 s without a longer timeout
    waited = time.monotonic() - start
    first.join()
    with Session(engine) as session:
        assert sorted(s.title for s in session.exec(select(Story))) == ["first", "second"]
    assert waited > HOLD - 2.0  # it did wait for the first writer
