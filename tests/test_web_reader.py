"""The reader's pages through the test client: article highlights, panels, side by side."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.config import Settings
from app.db import get_engine
from app.models import Article, Figure, Link, Statement
from app.pipeline import ingest_paths
from app.services.reader import PANEL_ROWS
from app.web.app import create_app
from tests.databases import db_url_for
from tests.test_services_reader import story_db  # noqa: F401  (the hand-made story fixture)

HTMX = {"HX-Request": "true"}


def seeded_figure(settings: Settings, text: str) -> Figure:
    with Session(get_engine(settings.db_url)) as s:
        return s.exec(select(Figure).where(Figure.text == text)).one()


@pytest.fixture
def story_client(story_db: Session) -> Iterator[TestClient]:  # noqa: F811
    url = str(story_db.get_bind().url)
    with TestClient(create_app(Settings(db_url=url))) as c:
        c.headers["Accept"] = "text/html"
        yield c


# --- the article ---------------------------------------------------------------------------------


def test_web_reader_article_highlights_link_to_panels(
    client: TestClient, seeded_settings: Settings
) -> None:
    f = seeded_figure(seeded_settings, "164 people killed")
    html = client.get(f"/articles/{f.article_id}").text
    link = re.search(rf'<a class="hl fig m-killed[^"]*"[^>]*href="/figures/{f.id}"[^>]*>', html)
    assert link, "the killed figure is a real link"
    tag = link.group(0)
    assert f'id="fig-{f.id}"' in tag and f'hx-get="/figures/{f.id}"' in tag
    assert 'hx-target="#reader-panel"' in tag
    assert f">{f.text}</a>" in html
    assert 'id="reader-panel"' in html and "data-panel" in html
    assert 'class="legend"' in html and "m-arrested" in html
    assert "/compare?ids=" in html


def test_web_reader_article_names_the_size_of_its_story(story_client: TestClient) -> None:
    html = story_client.get("/articles/2").text
    assert "its coverage</a>" in html
    assert "(3 articles: outlets, headlines, figures)" in html
    assert "All 3 articles of this story" in html


def test_web_reader_article_text_is_the_body_exactly(
    client: TestClient, seeded_settings: Settings
) -> None:
    """Stripped of the highlight tags, the text is the stored body, paragraph by paragraph."""
    import html as htmllib

    f = seeded_figure(seeded_settings, "164 people killed")
    page = client.get(f"/articles/{f.article_id}").text
    body = page.split('<div class="body" data-reader-text>')[1].split("</div>")[0]
    text = htmllib.unescape(re.sub(r"<sup[^>]*>.*?</sup>|<[^>]+>", "", body))
    with Session(get_engine(seeded_settings.db_url)) as s:
        article = s.get(Article, f.article_id)
        assert article is not None
    for para in article.body.split("\n\n")[:5]:
        assert para.strip() in text


def test_web_reader_script_in_text_and_figures_is_escaped(tmp_path: Path) -> None:
    settings = Settings(db_url=db_url_for(tmp_path / 'x.db'))
    (tmp_path / "evil.txt").write_text(
        "title: Floods <b>bold</b>\n\n"
        "Officials said <script>alert('x')</script> 40 people were killed in the floods.\n"
    )
    assert not ingest_paths([str(tmp_path / "evil.txt")], settings).failed
    with TestClient(create_app(settings)) as c:
        page = c.get("/articles/1", headers={"Accept": "text/html"}).text
        figure = c.get("/figures/1", headers={"Accept": "text/html"})
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#39;x&#39;)" in page
    assert "<b>bold" not in page
    if figure.status_code == 200:
        assert "<script>alert" not in figure.text


def test_web_reader_article_unknown_id_404(client: TestClient) -> None:
    r = client.get("/articles/987654")
    assert r.status_code == 404 and "no article with id 987654" in r.text


# --- the figure panel ----------------------------------------------------------------------------


def test_web_reader_figure_panel_full_page_and_fragment(
    client: TestClient, seeded_settings: Settings
) -> None:
    f = seeded_figure(seeded_settings, "164 people killed")
    full = client.get(f"/figures/{f.id}")
    assert full.status_code == 200 and "<html" in full.text
    assert full.headers["vary"] == "HX-Request"
    part = client.get(f"/figures/{f.id}", headers=HTMX)
    assert "<html" not in part.text and 'class="panel fig-panel"' in part.text
    # The other outlets' figure of this topic, with its relation and the sentence marked.
    assert '<mark class="hl fig m-killed">At least 164 dead</mark>' in part.text
    assert re.search(r'class="rel rel-(same|differs|earlier|later|about)"', part.text)
    assert "distinct source" in part.text and "health ministry" in part.text
    assert re.search(rf"/compare\?ids={f.article_id},\d+#fig-\d+", part.text)


def test_web_reader_figure_panel_rows_and_summary(story_client: TestClient) -> None:
    html = story_client.get("/figures/1", headers=HTMX).text
    assert html.count('class="row"') == 2
    assert "rel rel-same" in html and "rel rel-later" in html
    assert "compatible" in html and "the count moved" in html
    assert "38 to 45" in html and "spread 7" in html
    assert "3 distinct sources: mine company; officials; regional governor" in html
    assert "unknown outlet" not in html  # article 2 has none: named by its date and title
    assert "/compare?ids=1,3#fig-3" in html


def test_web_reader_figure_panel_long_list_shows_its_first_rows(
    story_db: Session,  # noqa: F811
    story_client: TestClient,
) -> None:
    # Thirty more reports of the flood's toll: the panel lists its first rows, counts all.
    extra = PANEL_ROWS + 5
    for i in range(10, 10 + extra):
        body = f"Officials said {i} miners died."
        story_db.add(
            Article(id=i, source_file=f"{i}.txt", content_hash=f"more-{i}", title=f"Report {i}",
                    body=body, story_id=1)
        )  # fmt: skip
        story_db.add(
            Figure(id=100 + i, article_id=i, start=14, end=16 + len("miners died"),
                   text=f"{i} miners died", sentence_start=0, sentence_end=len(body),
                   value=float(i), measure="killed", topic="killed|miners|unknown")
        )  # fmt: skip
        story_db.add(Link(kind="figure", a_id=1, b_id=100 + i, relation="differs", reason="x"))
    story_db.commit()
    total = 2 + extra  # the two of the story, and the new ones
    first = story_client.get("/figures/1", headers=HTMX).text
    assert f"In the other articles <span class=\"count\">({total})</span>" in first
    assert first.count('class="row"') == PANEL_ROWS
    assert f'href="/figures/1?rows=all">show all {total}</a>' in first
    assert f"{total + 1} articles" in first  # the agreement counts every report
    every = story_client.get("/figures/1?rows=all").text
    assert every.count('class="row"') == total and "show all" not in every
    assert f"{total + 1} articles" in every
    # Every row shown has its sentence, its figure marked.
    assert every.count('<mark class="hl fig m-killed">') == total + 1


def test_web_reader_figure_panel_empty_state(story_client: TestClient) -> None:
    html = story_client.get("/figures/5", headers=HTMX).text
    assert "Only this article reports this figure." in html


def test_web_reader_figure_panel_unknown_and_malformed(client: TestClient) -> None:
    r = client.get("/figures/987654")
    assert r.status_code == 404 and "no figure with id 987654" in r.text
    assert client.get("/figures/x1").status_code in (404, 422)


# --- the statement panel -------------------------------------------------------------------------


def test_web_reader_statement_panel_filled_and_empty(story_client: TestClient) -> None:
    filled = story_client.get("/statements/1", headers=HTMX)
    assert filled.headers["vary"] == "HX-Request" and "<html" not in filled.text
    assert "At least 38 miners were killed" in filled.text
    assert "near-identical wording · 80%" in filled.text and "shared: miners, kill" in filled.text
    assert "/compare?ids=1,2#st-2" in filled.text
    empty = story_client.get("/statements/3").text
    assert "<html" in empty and "No other article is linked to this statement yet." in empty
    assert story_client.get("/statements/99").status_code == 404


def test_web_reader_linked_statement_is_marked_quietly(story_client: TestClient) -> None:
    html = story_client.get("/articles/1").text
    assert re.search(r'<a class="hl st"[^>]*href="/statements/1"', html)
    assert 'hx-get="/statements/1"' in html
    assert 'href="/statements/3"' not in story_client.get("/articles/3").text


def test_web_reader_rejected_statement_link_is_not_shown(
    story_client: TestClient,
    story_db: Session,  # noqa: F811
) -> None:
    link = story_db.exec(select(Link).where(Link.kind == "statement")).one()
    link.rejected = True
    story_db.add(link)
    story_db.commit()
    assert "No other article is linked" in story_client.get("/statements/1").text
    assert story_db.get(Statement, 1) is not None


# --- side by side --------------------------------------------------------------------------------


def test_web_reader_compare_columns_and_joins(story_client: TestClient) -> None:
    r = story_client.get("/compare?ids=1,2,3")
    assert r.status_code == 200
    html = r.text
    assert html.count('<article class="column"') == 3
    assert 'data-claim="fig-1" data-links="fig-2 fig-3"' in html
    assert 'id="fig-3"' in html and 'id="st-2"' in html
    assert html.count('class="claim-no"') >= 3  # one shared number in each column
    assert 'name="ids" value="1" checked' in html and 'name="ids" value="4"' not in html


def test_web_reader_compare_accepts_form_checkboxes(story_client: TestClient) -> None:
    r = story_client.get("/compare?ids=1&ids=3")
    assert r.status_code == 200 and r.text.count('<article class="column"') == 2


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("", 422, "ids is required"),
        ("?ids=1", 400, "choose 2 to 4 articles"),
        ("?ids=1,2,3,4,5", 400, "not 5"),
        ("?ids=1,one", 400, "not &#39;one&#39;"),
        ("?ids=1,1", 400, "listed twice"),
        ("?ids=1,0", 400, "whole numbers"),
        ("?ids=1,77,78", 404, "no article with ids 77, 78"),
    ],
)
def test_web_reader_compare_validates_ids(
    story_client: TestClient, query: str, status: int, message: str
) -> None:
    r = story_client.get("/compare" + query)
    assert r.status_code == status
    assert message in r.text


def test_web_reader_compare_seeds(client: TestClient, seeded_settings: Settings) -> None:
    f = seeded_figure(seeded_settings, "164 people killed")
    other = seeded_figure(seeded_settings, "At least 164 dead")
    html = client.get(f"/compare?ids={f.article_id},{other.article_id}").text
    assert f'id="fig-{other.id}"' in html
    links = re.search(rf'data-claim="fig-{f.id}" data-links="([^"]+)"', html)
    assert links and f"fig-{other.id}" in links.group(1).split()
