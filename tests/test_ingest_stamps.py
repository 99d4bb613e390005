"""The date a page stamps on itself, and never one its story mentions."""

from __future__ import annotations

import datetime as dt

import pytest

from app.ingest.stamps import find_stamp, strip_stamps, without_stamps


@pytest.mark.parametrize(
    ("lines", "day"),
    [
        # a first posting wins over the update on the same line
        (
            [
                "Bridge reopens after repairs Posted: Tuesday, March 4, 2019 8:18 PM EST "
                "Updated: Friday, April 4, 2019 8:27 PM EST",
                "",
                "The bridge reopened.",
            ],
            dt.date(2019, 3, 4),
        ),
        (["Updated: Friday, June 7, 2019 6:23 PM EDT", "", "The bridge."], dt.date(2019, 6, 7)),
        (["A clip of the crossing. (Published Monday, Aug. 26, 2019)"], dt.date(2019, 8, 26)),
        (
            ["Published: 15:41 GMT, 16 December 2019 | Updated: 16:01 GMT, 17 December 2019"],
            dt.date(2019, 12, 16),
        ),
        (["Posted: Sunday, March 31st 2019 at 9:17pm"], dt.date(2019, 3, 31)),
        (["Posted 3:57 AM, May 27, 2019, by A. Writer"], dt.date(2019, 5, 27)),
        (["Posted by A. Writer on 05 Jan 2019"], dt.date(2019, 1, 5)),
        (["Updated at 5:17 pm, March 29th, 2019 By: staff"], dt.date(2019, 3, 29)),
        (["Published: Saturday, 2/23/2019 - Updated: 2 months ago"], dt.date(2019, 2, 23)),
        (["posted on 01/08/2019 06:00"], dt.date(2019, 1, 8)),
        # a line that is a date alone, under the headline
        (["Bridge reopens", "Tue Jul 2, 2019 1: 28PM GMT", "The bridge."], dt.date(2019, 7, 2)),
        (["Bridge reopens", "14:25 Sun Sep 15 2019"], dt.date(2019, 9, 15)),
        (["Bridge reopens", "9/10/2019 @ 1: 19PM"], dt.date(2019, 9, 10)),
        (["Bridge reopens", "4 October 2019, 18:07 (GMT+05: 00)"], dt.date(2019, 10, 4)),
        (["Bridge reopens", "Monday 5 August 2019 08.33 BST"], dt.date(2019, 8, 5)),
        (["Bridge reopens", "NOVEMBER 12, 2019"], dt.date(2019, 11, 12)),
        (["Bridge reopens", "May 3, 2019 at 7:31 AM ET"], dt.date(2019, 5, 3)),
        (["Bridge reopens", "Sat Nov 16 2019, 01:19 hrs"], dt.date(2019, 11, 16)),
        (["Bridge reopens", "on Tuesday, 17 December 2019 13:45."], dt.date(2019, 12, 17)),
        (["Bridge reopens", "Published on: Fri, 15 Nov 2019 at 09:56 IST"], dt.date(2019, 11, 15)),
        (["updated 8:41 p. m. EST, Tue March 5, 2019", "Bridge reopens"], dt.date(2019, 3, 5)),
        # dates the story mentions are not stamps
        (["A video posted on May 3, 2019 shows the bridge."], None),
        (["Jan 5, 2019 was the day the bridge closed."], None),
        (["Bridge reopens", "Jan 5, 2019 at the old crossing"], None),
        (["The bridge closed on Saturday, January 5, 2019, after a storm."], None),
    ],
)
def test_stamps_find_the_page_date(lines: list[str], day: dt.date | None) -> None:
    stamp = find_stamp(lines)
    assert (stamp.date if stamp else None) == day


def test_stamps_caption_of_a_video_inside_the_story_is_no_stamp() -> None:
    story = [f"Paragraph {i} of the story ends here." for i in range(4)]
    video = "Another clip about something else. (Published Friday, Sept. 20, 2019)"
    assert find_stamp([*story, "Other news", video]) is None
    # at the top it is the lead video's caption: the page's own date
    assert find_stamp([video, *story]) is not None


def test_stamps_date_line_far_below_the_top_is_no_stamp() -> None:
    lines = [f"Paragraph {i} of the story ends here." for i in range(8)] + ["May 3, 2019"]
    assert find_stamp(lines) is None


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        (
            "Bridge reopens Posted: Tuesday, March 4, 2019 8:18 PM EST "
            "Updated: Friday, April 4, 2019 8:27 PM EST",
            "Bridge reopens",
        ),
        ("A clip of the crossing. (Published Monday, Aug. 26, 2019)", "A clip of the crossing."),
        ("PUBLISHED Mon, March 25, 2019 - 7:13pm EDT Credit: A. Lens", "Credit: A. Lens"),
        ("A line  with  no stamp", "A line  with  no stamp"),
    ],
)
def test_stamps_strip_keeps_the_text_around(line: str, kept: str) -> None:
    assert strip_stamps(line) == kept


def test_stamps_removed_lines_keep_their_places() -> None:
    lines = ["Bridge reopens", "NOVEMBER 12, 2019", "The bridge reopened."]
    stamp = find_stamp(lines)
    assert stamp is not None
    assert without_stamps(lines, stamp) == ["Bridge reopens", "", "The bridge reopened."]
