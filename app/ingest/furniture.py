"""Page furniture: what a copied web page carries that is not the article.

Three kinds are told apart, by patterns that hold across news sites:
- tail markers ("ALSO ON MSN", "Suggested videos", "Leave a Comment"): the rest
  of the page from there on is furniture;
- single furniture lines (audio players, "source site-59", logo lines);
- photo credits and captions, which are kept apart from the body, not lost.
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


def sort_lines(lines: list[str]) -> Sorted:
    """Split stripped, non-empty lines into body, captions and furniture."""
    out = Sorted()
    counts = Counter(lines)
    caption_next = False
    after_credit = False
    for i, line in enumerate(lines):
        if _TAIL.match(line):
            out.furniture.extend(lines[i:])
            break
        if _LINE.match(line):
            out.furniture.append(line)
            caption_next = after_credit = False
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
