"""Full-text search over article titles and bodies and statements: SQLite FTS5 tables, or
PostgreSQL tsvector columns with GIN indexes.

The FTS tables are external-content tables: they index the rows of `article` and
`statement` without storing the text twice, and triggers keep them in step with every
insert, update and delete — including the cascades of a deleted article and the
clear-and-refill of a reprocess — so no pipeline step has to remember them.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Engine

# unicode61 with diacritics removed: "Malmo" finds "Malmö"-style spellings of any place.
_TOKENIZE = "unicode61 remove_diacritics 2"

_TABLES = {
    "article_fts": (
        f"CREATE VIRTUAL TABLE article_fts USING fts5("
        f"title, body, content='article', content_rowid='id', tokenize='{_TOKENIZE}')"
    ),
    "statement_fts": (
        f"CREATE VIRTUAL TABLE statement_fts USING fts5("
        f"text, content='statement', content_rowid='id', tokenize='{_TOKENIZE}')"
    ),
}

# Only a change of the indexed columns touches the index: relinking rewrites
# `article.story_id` of every article, which must not re-index every body.
_TRIGGERS = {
    "article_fts_ai": """
        CREATE TRIGGER article_fts_ai AFTER INSERT ON article BEGIN
          INSERT INTO article_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
        END""",
    "article_fts_ad": """
        CREATE TRIGGER article_fts_ad AFTER DELETE ON article BEGIN
          INSERT INTO article_fts(article_fts, rowid, title, body)
          VALUES ('delete', old.id, old.title, old.body);
        END""",
    "article_fts_au": """
        CREATE TRIGGER article_fts_au AFTER UPDATE OF title, body ON article BEGIN
          INSERT INTO article_fts(article_fts, rowid, title, body)
          VALUES ('delete', old.id, old.title, old.body);
          INSERT INTO article_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
        END""",
    "statement_fts_ai": """
        CREATE TRIGGER statement_fts_ai AFTER INSERT ON statement BEGIN
          INSERT INTO statement_fts(rowid, text) VALUES (new.id, new.text);
        END""",
    "statement_fts_ad": """
        CREATE TRIGGER statement_fts_ad AFTER DELETE ON statement BEGIN
          INSERT INTO statement_fts(statement_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END""",
    "statement_fts_au": """
        CREATE TRIGGER statement_fts_au AFTER UPDATE OF text ON statement BEGIN
          INSERT INTO statement_fts(statement_fts, rowid, text) VALUES ('delete', old.id, old.text);
          INSERT INTO statement_fts(rowid, text) VALUES (new.id, new.text);
        END""",
}


# PostgreSQL: a tsvector column the database computes from the row itself (a generated
# column), so every insert, update and reprocess keeps it in step with no trigger; the title
# weighs as A, the body as D (ranked in app/services/search_postgres.py).
_POSTGRES = {
    "article": "setweight(to_tsvector('simple', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('simple', coalesce(body, '')), 'D')",
    "statement": "to_tsvector('simple', coalesce(text, ''))",
}


def _ensure_postgres(engine: Engine) -> None:
    # Looked up first: ALTER TABLE locks the table even when the column is there, and would
    # then queue behind (and hold up) every reader of a server already running.
    with engine.begin() as conn:
        have = {
            (row.table_name, row.column_name)
            for row in conn.execute(
                text(
                    "SELECT table_name, column_name FROM information_schema.columns "
                    "WHERE column_name = 'search_doc' AND table_schema = current_schema()"
                )
            )
        }
        indexes = {
            row[0]
            for row in conn.execute(
                text("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")
            )
        }
        for table, document in _POSTGRES.items():
            if (table, "search_doc") in have and f"ix_{table}_search_doc" in indexes:
                continue
            conn.execute(
                text(
                    f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS search_doc tsvector "
                    f"GENERATED ALWAYS AS ({document}) STORED"
                )
            )
            conn.execute(
                text(
                    f"CREATE INDEX IF NOT EXISTS ix_{table}_search_doc "
                    f"ON {table} USING gin (search_doc)"
                )
            )


def ensure_fts(engine: Engine) -> None:
    """Create the FTS tables and triggers when missing; index rows stored before them."""
    if engine.dialect.name == "postgresql":
        _ensure_postgres(engine)
        return
    if engine.dialect.name != "sqlite":
        return  # search falls back to nothing on other databases
    with engine.begin() as conn:
        existing = {
            row[0]
            for row in conn.execute(
                text("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
            )
        }
        for name, ddl in _TABLES.items():
            if name not in existing:
                conn.execute(text(ddl))
                # A database made before search existed: index what it holds now.
                conn.execute(text(f"INSERT INTO {name}({name}) VALUES ('rebuild')"))
        for name, ddl in _TRIGGERS.items():
            if name not in existing:
                conn.execute(text(ddl))
