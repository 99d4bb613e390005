"""Page furniture that is not the article: playlists, gallery counters, lists of other pages,
tip lines; and what stays body text beside them."""

from __future__ import annotations

import pytest

from app.ingest.furniture import sort_lines

REPORT = "Two men were wounded outside a shop in Fenwick on Friday, police said."


@pytest.mark.parametrize(
    ("lines", "body"),
    [
        # A video playlist: durations and clip titles, two or more in a row.
        (
            ["0:42 Fenwick council votes on budget Pause", "2:17 Harbor fire crews train", REPORT],
            [REPORT],
        ),
        (["3:05 Fenwick festival returns", "01:12 Storm hits coast", REPORT], [REPORT]),
        # A time of day in a live report is text: one line, with a.m. or p.m.
        (["9:40 p.m. Police closed the road.", REPORT],
         ["9:40 p.m. Police closed the road.", REPORT]),
        (["7:15 a.m.", REPORT], ["7:15 a.m.", REPORT]),
        # A gallery's counter alone; its caption goes with the captions.
        (["Image 3 of 9", REPORT], [REPORT]),
        (["Photo 2/14", REPORT], [REPORT]),
        (["Image 1 of / 6 Caption Close", REPORT], [REPORT]),
        # Lists of other pages: the marker and the headlines under it, until text resumes.
        (
            [REPORT, "Related:", "Fenwick man hurt in crash", "Bridge closes for repairs",
             "The two were taken to hospital, where one was in stable condition."],
            [REPORT, "The two were taken to hospital, where one was in stable condition."],
        ),
        ([REPORT, "RELATED COVERAGE", "+ Harbor City ferry delayed"], [REPORT]),
        ([REPORT, "RELATED: Man charged after Fenwick robbery", "Police are investigating."],
         [REPORT, "Police are investigating."]),
        ([REPORT, "Read more: Two hurt in Fenwick fire - Fenwick News"], [REPORT]),
        ([REPORT, "See also: Bridge closes for repairs"], [REPORT]),
        # A link under a label in capitals; a label before a sentence heads text.
        ([REPORT, "STORY: 2 dead in crash on Harbor Road"], [REPORT]),
        ([REPORT, "[PHOTOS: Crews at the Fenwick fire]"], [REPORT]),
        ([REPORT, ">> RAW VIDEO: Shots fired near Fenwick park"], [REPORT]),
        ([REPORT, "MORE: Man dies after crash, fire in Fenwick"], [REPORT]),
        ([REPORT, "PREVIOUS STORY: Police went to a shop on Main Street around 2 a.m."],
         [REPORT, "PREVIOUS STORY: Police went to a shop on Main Street around 2 a.m."]),
        ([REPORT, "Story: the clerk said more than she could tell."],
         [REPORT, "Story: the clerk said more than she could tell."]),
        ([REPORT, "Trending Now on WXYZ.com", "Police are investigating."],
         [REPORT, "Police are investigating."]),
        # "More stories" before any article heads a list; it is not the page's tail.
        (["More Stories", "Fenwick shop owner speaks out", REPORT], [REPORT]),
        # Tip lines, when that is all the paragraph says.
        ([REPORT, "Anyone with information is asked to call Fenwick police at 555-201-3344."],
         [REPORT]),
        ([REPORT, "Those with information can call Crime Stoppers at (555) 555-8477. Tips can"
          " be left anonymously."], [REPORT]),
        (
            [REPORT, "No one was arrested. Anyone with information should call 555-201-3344."],
            [REPORT, "No one was arrested. Anyone with information should call 555-201-3344."],
        ),
        # A lead that appeals for help but asks nobody to call reports the event.
        (["Fenwick police and Crime Stoppers want the public's help after a man was shot.",
          REPORT],
         ["Fenwick police and Crime Stoppers want the public's help after a man was shot.",
          REPORT]),
        # Text that merely names a relation or information stays.
        (["Related to the victim, she said she had no information.", REPORT],
         ["Related to the victim, she said she had no information.", REPORT]),
    ],
)  # fmt: skip
def test_ingest_furniture_not_body(lines: list[str], body: list[str]) -> None:
    assert sort_lines(lines).body == body


def test_ingest_furniture_gallery_caption_kept_apart() -> None:
    out = sort_lines(["Image 4 of 8 Officers outside the Fenwick shop on Friday.", REPORT])
    assert out.body == [REPORT]
    assert out.captions == ["Officers outside the Fenwick shop on Friday."]


@pytest.mark.parametrize(
    ("text", "body"),
    [
        # A gallery and nothing else: its captions are the text.
        ("Image 1 of 2 Crews at the Fenwick fire.\n\nImage 2 of 2 The burnt roof.",
         "Crews at the Fenwick fire.\n\nThe burnt roof."),
        # A playlist and nothing else is stored as it came, not lost.
        ("0:42 Fenwick council votes Pause\n\n2:17 Harbor fire crews train",
         "0:42 Fenwick council votes Pause\n\n2:17 Harbor fire crews train"),
    ],
)  # fmt: skip
def test_ingest_furniture_never_empties_an_article(text: str, body: str) -> None:
    from app.ingest.readers import article_from_text

    article = article_from_text(text, "g.txt", header={"title": "Fenwick"})
    assert article.body == body and article.captions == []
