"""Figure topics and matches: the same count in other articles of a story, and how they relate.

A topic is `measure|group|place`: figures of any article with the same three share it and
are linked whatever their values. Beside those, a figure is linked as `scope` to a figure
of the same measure whose topic is wider (a city's toll beside the country's, a subset of
people beside the total). Qualifiers are read as ranges, so "164" and "at least 164"
agree, and "5,800" and "nearly 6,000" do too.

A figure of another event (a roundup, an earlier incident) has a topic of its own and is
never joined to the story's counts. A casualties count (killed and injured together) sits
beside the killed and the injured of its place and group as `scope`, never as `same`. A part
its article names of a total of the same topic (two of the five killed) is no rival count of
another report's total: beside a whole it is `scope`, beside another part only `same`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import combinations

from app.extract.group_years import PAST_GROUP
from app.link.figure_groups import normalise_group

# How far a vague qualifier stretches a value, as a share of it.
_ABOUT = 0.1
_NEARLY = 0.1


OTHER_EVENT = " (other event)"
# Killed and injured together: beside either, a wider count, never the same one.
CASUALTIES = "casualties"
_WITHIN_CASUALTIES = frozenset({"killed", "injured"})


def topic_of(measure: str, group: str, place: str | None, event: str = "this") -> str:
    kept = normalise_group(group) + (OTHER_EVENT if event == "other" else "")
    return f"{measure}|{kept}|{place or 'unknown'}"


@dataclass(frozen=True)
class FigureRef:
    id: int
    article_id: int
    story_id: int | None
    measure: str
    group: str
    place: str | None
    value: float | None
    value_high: float | None
    qualifier: str
    day: dt.date | None  # the day the figure refers to, else its article's date
    day_stated: bool = False  # True when the text names the day of the figure
    event: str = "this"  # this | other
    piece: bool = False  # a part its own article names of a total of the same topic

    @property
    def topic(self) -> str:
        return topic_of(self.measure, self.group, self.place, self.event)


def interval(value: float, value_high: float | None, qualifier: str) -> tuple[float, float]:
    """What a qualified value admits, as a closed range."""
    if qualifier == "at_least":
        return value, math.inf
    if qualifier == "more_than":
        return value + 1e-9, math.inf
    if qualifier == "about":
        return value * (1 - _ABOUT), value * (1 + _ABOUT)
    if qualifier == "nearly":
        return value * (1 - _NEARLY), value
    if qualifier == "up_to":
        return 0.0, value
    if qualifier == "range" and value_high is not None:
        return value, value_high
    return value, value


def _show(f: FigureRef) -> str:
    words = {
        "at_least": "at least ",
        "more_than": "more than ",
        "about": "about ",
        "nearly": "nearly ",
        "up_to": "up to ",
    }
    if f.value is None:
        return "a vague amount"
    if f.qualifier == "range" and f.value_high is not None:
        return f"{f.value:,.0f}–{f.value_high:,.0f}"
    return f"{words.get(f.qualifier, '')}{f.value:,.0f}"


def relation(a: FigureRef, b: FigureRef) -> tuple[str, str]:
    """How b's value stands to a's, with a one-line reason in plain words.

    `same` is the same number ("18" and "at least 18"); different numbers are never the
    same, however their qualifiers overlap: `compatible` where both can be true at once
    ("at least 8" and 16), `earlier`/`later` where they were reported on different days,
    else `differs`."""
    if a.value is None or b.value is None:
        vague = _show(b) if b.value is None else _show(a)
        return "about", f"{vague} gives an order of size, not a number"
    lo_a, hi_a = interval(a.value, a.value_high, a.qualifier)
    lo_b, hi_b = interval(b.value, b.value_high, b.qualifier)
    compatible = lo_a <= hi_b and lo_b <= hi_a
    if compatible and a.value == b.value and a.value_high == b.value_high:
        if a.qualifier == b.qualifier:
            return "same", "the same number"
        return "same", f"{_show(a)} and {_show(b)}: the same number"
    if a.day and b.day and a.day != b.day:
        # Two days, two values: the count moved, even where the ranges would overlap.
        if b.day > a.day:
            return "later", f"{_show(b)} on {b.day} after {_show(a)} on {a.day}: the count moved"
        return "earlier", f"{_show(b)} on {b.day} before {_show(a)} on {a.day}: the count moved"
    if compatible:
        return "compatible", f"{_show(a)} and {_show(b)} can both be true"
    when = f"on {a.day}" if a.day else "with no day stated"
    return "differs", f"{_show(a)} against {_show(b)}, both {when}"


INVERSE = {"earlier": "later", "later": "earlier"}


def invert(rel: str) -> str:
    return INVERSE.get(rel, rel)


def _within(a: FigureRef, b: FigureRef, is_country: Callable[[str], bool]) -> bool:
    """a's set lies in b's (or is it): a city in its country, a group in the total."""
    if a.event != b.event:
        return False
    ga, gb = normalise_group(a.group), normalise_group(b.group)
    pa, pb = a.place or "", b.place or ""
    place_within = pa == pb or (is_country(pb) and not is_country(pa))
    # "security forces beheaded" lies in "security forces": a group told by more words.
    group_within = ga == gb or (
        not PAST_GROUP.search(ga) and (gb == "total" or ga.startswith(gb + " "))
    )
    return place_within and group_within


def _wider(a: FigureRef, b: FigureRef, is_country: Callable[[str], bool]) -> bool:
    """b counts a wider set than a: the country around a city, or a total around a group."""
    # Both may widen at once: "two workers killed in Philadelphia" beside "two killed" in
    # the United States.
    same_set = (a.place or "", normalise_group(a.group)) == (
        b.place or "",
        normalise_group(b.group),
    )
    return _within(a, b, is_country) and not same_set


def _scope_pair(a: FigureRef, b: FigureRef, is_country: Callable[[str], bool]) -> bool:
    """b is a wider count than a, of the same measure or of casualties around killed or injured."""
    if a.measure == b.measure:
        return _wider(a, b, is_country)
    return b.measure == CASUALTIES and a.measure in _WITHIN_CASUALTIES and _within(a, b, is_country)


@dataclass(frozen=True)
class FigureLink:
    a_id: int
    b_id: int
    relation: str  # how b stands to a
    reason: str


def link_figures(
    refs: Iterable[FigureRef],
    *,
    is_country: Callable[[str], bool],
    apart: Callable[[int, int], bool] = lambda _a, _b: False,
) -> list[FigureLink]:
    """Links between figures of different articles of the same story; never across stories,
    nor between two articles that `apart` says tell of different events (figure_victims.py,
    figure_undated.py)."""
    return list(iter_figure_links(refs, is_country=is_country, apart=apart))


def iter_figure_links(
    refs: Iterable[FigureRef],
    *,
    is_country: Callable[[str], bool],
    apart: Callable[[int, int], bool] = lambda _a, _b: False,
) -> Iterator[FigureLink]:
    """`link_figures` a story at a time: a large corpus has millions of links, written as
    they come rather than held all at once."""
    by_story: dict[int | None, list[FigureRef]] = defaultdict(list)
    for r in refs:
        if r.story_id is not None:
            by_story[r.story_id].append(r)
    for figures in by_story.values():
        yield from _link_story(figures, is_country, apart)


# Beyond this many figures of one topic on either side, a figure links to the nearest ones in
# time only: a story of hundreds of copies must not write a quadratic number of links.
MAX_PARTNERS = 40


def _order(f: FigureRef) -> tuple[int, int]:
    return (f.day.toordinal() if f.day else 0, f.article_id)


def _near_pairs(members: Sequence[FigureRef]) -> Iterable[tuple[FigureRef, FigureRef]]:
    ordered = sorted(members, key=_order)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 : i + 1 + MAX_PARTNERS]:
            yield a, b


def _near_across(
    narrow: Sequence[FigureRef], wide: Sequence[FigureRef]
) -> Iterable[tuple[FigureRef, FigureRef]]:
    ordered = sorted(wide, key=_order)
    keys = [_order(w) for w in ordered]
    for a in narrow:
        at = bisect.bisect_left(keys, _order(a))
        lo = max(0, at - MAX_PARTNERS // 2)
        for b in ordered[lo : lo + MAX_PARTNERS]:
            yield a, b


def _link_story(
    figures: Sequence[FigureRef],
    is_country: Callable[[str], bool],
    apart: Callable[[int, int], bool],
) -> list[FigureLink]:
    out: list[FigureLink] = []
    by_topic: dict[str, list[FigureRef]] = defaultdict(list)
    for f in figures:
        by_topic[f.topic].append(f)
    for members in by_topic.values():
        for a, b in _near_pairs(members):
            if _across(a, b, apart) and (found := _same_topic_link(a, b)):
                out.append(found)
    # Scope: only between topics of one measure (and casualties beside killed and injured),
    # so this stays small.
    by_measure: dict[str, list[str]] = defaultdict(list)
    for topic, members in by_topic.items():
        by_measure[members[0].measure].append(topic)
    for measure, topics in by_measure.items():
        pairs = list(combinations(topics, 2))
        if measure in _WITHIN_CASUALTIES:
            pairs += [(t, c) for t in topics for c in by_measure.get(CASUALTIES, [])]
        for ta, tb in pairs:
            a0, b0 = by_topic[ta][0], by_topic[tb][0]
            if _scope_pair(a0, b0, is_country):
                narrow, wide = ta, tb
            elif _scope_pair(b0, a0, is_country):
                narrow, wide = tb, ta
            else:
                continue
            for a, b in _near_across(by_topic[narrow], by_topic[wide]):
                if _across(a, b, apart):
                    out.append(FigureLink(a.id, b.id, "scope", _scope_reason(a, b)))
    return out


def _across(a: FigureRef, b: FigureRef, apart: Callable[[int, int], bool]) -> bool:
    """Figures of two articles that may tell of one event."""
    return a.article_id != b.article_id and not apart(a.article_id, b.article_id)


_MEASURE_WORDS = {"casualties": "killed or injured", "troops": "deployed", "other": ""}


def _counted(f: FigureRef) -> str:
    """ "164 killed in Dorvik", "2 police officers beheaded": a figure in words."""
    group = normalise_group(f.group)
    who = "" if group == "total" else f" {group}"
    # A group told by its fate ("beheaded") says the measure already.
    said = who.endswith("ed") or not _MEASURE_WORDS.get(f.measure, f.measure)
    what = "" if said else " " + _MEASURE_WORDS.get(f.measure, f.measure)
    where = f" in {f.place}" if f.place else ""
    return f"{_show(f)}{who}{what}{where}"


def _scope_reason(a: FigureRef, b: FigureRef) -> str:
    """Why b is the wider count around a, in words."""
    if a.measure != b.measure:
        return f"{_counted(b)} counts killed and injured together; {_counted(a)} is among them"
    return f"{_counted(a)} is part of {_counted(b)}"


def _same_topic_link(a: FigureRef, b: FigureRef) -> FigureLink | None:
    """Two figures of one topic; a part its article names of a total stands apart."""
    rel, reason = relation(a, b)
    if a.piece == b.piece:
        if a.piece and rel != "same":
            return None  # two different parts of a total: neither contradicts the other
        return FigureLink(a.id, b.id, rel, reason)
    piece = a if a.piece else b
    return FigureLink(
        a.id, b.id, "scope", f"{_counted(piece)}: a part its report names of a total"
    )


def own_time(group: str, story_year: int | None) -> str:
    """A group dated to a past year ("total in 2010") is the story's own count when the
    story's reports reach back to that year (a trial two years on); else it stays apart."""
    past = PAST_GROUP.search(group)
    if past is None or story_year is None:
        return group
    if int(past.group()[-4:]) >= story_year:
        return group[: past.start()]
    return group


# What decides whether a named part stands apart from its whole: its article, topic and value.
PieceKey = tuple[int, str, float | None]


def piece_ids(keys: Mapping[int, PieceKey], parts: Iterable[tuple[int, int]]) -> set[int]:
    """The parts that an article names of a total of the same topic in it: a part no larger
    than its whole (a derived figure's inputs may be a whole and a part of it)."""
    pieces: set[int] = set()
    for whole_id, part_id in parts:
        whole, part = keys.get(whole_id), keys.get(part_id)
        if whole is None or part is None or whole[0] != part[0] or whole[1] != part[1]:
            continue
        if whole[2] is not None and part[2] is not None and part[2] > whole[2]:
            continue
        pieces.add(part_id)
    return pieces


def mark_pieces(refs: list[FigureRef], parts: Iterable[tuple[int, int]]) -> list[FigureRef]:
    """Flag the parts that an article names of a total of the same topic in it."""
    pieces = piece_ids({r.id: (r.article_id, r.topic, r.value) for r in refs}, parts)
    return [replace(r, piece=True) if r.id in pieces else r for r in refs]
