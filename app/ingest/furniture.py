"""Page furniture: what a copied web page carries that is not the article.

Kinds told apart, by patterns that hold across news sites:
- tail markers ("ALSO ON MSN", "Suggested videos", "Leave a Comment"): the rest
  of the page from there on is furniture (unless no article came yet: then the marker
  only heads a list);
- single furniture lines (audio players, "source site-59", logo lines, "RELATED: <headline>",
  a gallery's bare counter "Image 4 of 8");
- lists of other pages: a marker ("Related:", "More stories", "Trending now") and the
  headline-like lines under it; a video playlist, lines of a duration and a title
  ("1:55 Man walks free after …"), two or more in a row;
- tip lines: a paragraph that only asks readers to call the police or Crime Stoppers;
- photo credits and captions, which are kept apart from the body, not lost (a gallery's
  "Image 4 of 8 <caption>" is a caption).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

_TAIL = re.compile(
    r"""^(also\ on\ \w+\b.*
        |(suggested|recommended|related|more|popular|latest)
         \ (videos?|articles?|stories|posts?|reading|news)\b.*
        |next\ video
        |leave\ a\ (comment|reply)
        |read\ (more|also|next)\s*:?
        |you\ (may|might)\ (also\ )?like.*
        |this\ site\ uses\ akismet.*
        |comments?\s*\(\d+\)
        )$""",
    re.I | re.X,
)
_LINE = re.compile(
    r"""^(listen\ to\ (the\ )?(audio\ version|this\ article|the\ article).*
        |source\ site-\d+
        |advertisement|sponsored|advert
        |(share|tweet|email)(\ (this|on)\b.*)?
        |(sign\ up|subscribe)\b.{0,80}
        |follow\ us\ on\b.*
        |(\d+\ )?min(ute)?s?\ read
        |.{1,60}\ logo
        )$""",
    re.I | re.X,
)
_LOGO = re.compile(r"^(?P<outlet>.{1,60}) logo$", re.I)
_RELATED_WORDS = r"(?:related|see\ also|also\ read|read\ more|more\ on\ this)"
_RELATED_KINDS = (
    r"(?:\s+(?:coverage|stories|story|articles?|links?|content|headlines?|videos?|photos?))*"
)
# "RELATED: Man charged in …", "READ MORE | …": a link to another page, on one line.
_RELATED_LINE = re.compile(rf"^{_RELATED_WORDS}{_RELATED_KINDS}\s*[:|»]\s*\S", re.I)
# "STORY: 1 dead in crash", "[PHOTOS: Crews at the fire]", ">> RAW VIDEO: …": a link to
# another page under a label in capitals, its headline without a sentence's end. A label
# before a sentence ("PREVIOUS STORY: Police responded … on Sunday.") heads text.
_LABEL_LINE = re.compile(
    r"^(?:\[|>>\s*|\+\s*)?(?:(?:RAW|RELATED|PREVIOUS|ORIGINAL|TOP)\s+)?"
    r"(?:STORY|STORIES|MORE|READ\ MORE|PHOTOS?|VIDEOS?|WATCH|SLIDESHOW|GALLERY|ALSO|LISTEN)"
    r"\s*:\s*(?P<rest>.+?)\]?$"
)
# A marker alone on its line, with the list of headlines it heads after it.
_LIST_MARKER = re.compile(
    rf"""^(?:{_RELATED_WORDS}{_RELATED_KINDS}
        |(?:more|top|latest|popular)\ (?:stories|news|headlines|videos?)(?:\ from\b.{{0,40}})?
        |more\ from\ .{{1,40}}
        |(?:read\ more\ )?(?:top\ )?trending(?:\ now|\ stories|\ videos?)?(?:\ on\ .{{1,40}})?
        |you\ (?:may|might)\ also\ (?:like|be\ interested\ in).{{0,40}}
        )\s*:?$""",
    re.I | re.X,
)
# A listed headline: short, no sentence's end; or a bulleted line.
_LISTED = re.compile(r"^(?:[+•▪►-]\s+.{3,200}|[^.!?]{8,160}[^.!?:;,]|.{3,160}[?!][\"'”’]?)$")
# "1:55 Man walks free after …": a clip's duration, then its title (a time of day says a.m.).
_CLIP = re.compile(r"^\d{1,2}:\d{2}\s+(?!(?:a|p)\.?m\b)\S", re.I)
_GALLERY = re.compile(
    r"^(?:image|photo|picture|slide)s?\s+\d+\s*(?:of|/)\s*/?\s*\d+\b(?P<rest>.*)$", re.I
)
_GALLERY_LEFTOVER = re.compile(r"^[\s|·:-]*(?:caption|close|expand|enlarge|\s)*$", re.I)
_TIP = re.compile(
    r"""\b(?:anyone|those|people|residents|whoever)\ (?:with|who\ has|who\ have)
          \ (?:any\ )?information
        |crime\ ?stoppers|\btips?\b|\btipsters?\b|anonymous(?:ly)?
        |\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}|\b\d{3}-[A-Z]{4}\b""",
    re.I | re.X,
)
# What a tip line asks readers to do: a lead that appeals without it reports the event.
_ASK = re.compile(r"\b(?:call|calls|calling|contact|text|reach|submit|report|dial)\b", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")
_CREDIT = re.compile(
    r"""^(©|(?i:\(?credits?\s*:|\(photo|photo\s*:|on\ the\ cover\b|(image|picture)\s*:)
        |(?i:photos?)\ [A-Z]{2,})""",
    re.X,
)
# A credit line in the La Presse/AP style ("PHOTO NAME, AGENCY") introduces a caption.
_CAPTION_FOLLOWS = re.compile(r"^(?i:photos?)\ [A-Z]{2,}", re.X)
_SHOUTED_WORD = re.compile(r"\b[A-Z][A-Z'-]{2,}\b")


@dataclass
class Sorted:
    body: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)

    def outlet_from_logos(self) -> str | None:
        """The outlet a page names in its own logo lines, if any."""
        names = Counter(
            m.group("outlet").strip() for line in self.furniture if (m := _LOGO.match(line))
        )
        return names.most_common(1)[0][0] if names else None


def _is_byline(line: str) -> bool:
    """ "Firstname SURNAME": a short line that shouts a name, as photo and byline credits do."""
    words = line.split()
    if not 2 <= len(words) <= 4 or line[-1] in '.!?:;,"”»':
        return False
    shouted = _SHOUTED_WORD.findall(line)
    return bool(shouted) and len(shouted) < len(words) and all(w[0].isupper() for w in words)


def _is_label_link(line: str) -> bool:
    m = _LABEL_LINE.match(line)
    return m is not None and bool(_LISTED.match(m.group("rest").strip()))


def _is_tip(line: str) -> bool:
    """Every sentence of the paragraph asks readers for tips ("Anyone with information is
    asked to call … 555-0100 or Crime Stoppers"): a paragraph that also reports stays."""
    sentences = _SENTENCE_END.split(line)
    first = sentences[0]
    return bool(_TIP.search(first) and _ASK.search(first)) and all(
        _TIP.search(s) for s in sentences
    )


def _playlist(lines: list[str]) -> set[int]:
    """Lines of a video playlist: clips in a row, or one whose player says "Pause"."""
    clips = [bool(_CLIP.match(x)) and len(x.split()) <= 30 for x in lines]
    return {
        i
        for i, clip in enumerate(clips)
        if clip
        and (
            (i > 0 and clips[i - 1])
            or (i + 1 < len(clips) and clips[i + 1])
            or lines[i].endswith(" Pause")
        )
    }


def _gallery_caption(line: str) -> str | None:
    """The caption of a gallery line ("Image 4 of 8 Police at the scene"); "" for a bare counter."""
    m = _GALLERY.match(line)
    if m is None:
        return None
    rest = m["rest"].strip()
    return "" if _GALLERY_LEFTOVER.match(rest) else rest


def sort_lines(lines: list[str]) -> Sorted:
    """Split stripped, non-empty lines into body, captions and furniture."""
    out = Sorted()
    counts = Counter(lines)
    caption_next = False
    after_credit = False
    in_list = False
    playlist = _playlist(lines)
    for i, line in enumerate(lines):
        tail = _TAIL.match(line) is not None
        if tail and out.body:
            out.furniture.extend(lines[i:])
            break
        if in_list and _LISTED.match(line):
            out.furniture.append(line)  # a headline under a "Related" marker
            continue
        in_list = False
        if tail or _LIST_MARKER.match(line):
            out.furniture.append(line)  # before any article: a list, not the page's tail
            in_list = True
            continue
        caption = _gallery_caption(line)
        if (
            _LINE.match(line)
            or _RELATED_LINE.match(line)
            or _is_label_link(line)
            or i in playlist
            or _is_tip(line)
            or caption == ""
        ):
            out.furniture.append(line)
            caption_next = after_credit = False
            continue
        if caption is not None:
            out.captions.append(caption)
            continue
        if _CREDIT.match(line) or _is_byline(line):
            out.captions.append(line)
            caption_next = bool(_CAPTION_FOLLOWS.match(line))
            after_credit = True
            continue
        if caption_next or (counts[line] > 1 and len(line.split()) < 40):
            # A caption follows its credit, or stands twice beside the image it describes.
            if line not in out.captions:
                out.captions.append(line)
            caption_next = False
            continue
        if after_credit and len(line.split()) <= 4 and line[-1] not in '.!?"”»':
            out.captions.append(line)  # an agency name under a byline
            continue
        after_credit = False
        out.body.append(line)
    return out
