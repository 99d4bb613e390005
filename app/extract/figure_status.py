"""What the text says of a figure's standing: `preliminary`, `revised`, `retracted` or
`disputed`; `reported` when it says nothing.

The status is that of the figure the words are about, read along the words it hangs on
(figure_scope):
- preliminary: "initially reported that four were hurt", "initial reports said five",
  "a preliminary toll of 12", "at first"; "the toll could rise" for the tolls it follows;
- revised: "revised the toll to 5", "that number was later raised to five", "corrected";
  "police later said six" beside an initial figure;
- retracted: "the figure was later retracted", "withdrew the report of 5 deaths", "reports
  that 5 died were false";
- disputed: "denied that 40 were killed", "rejected the claim of 40 dead", "a figure the
  government disputed", "claims that ..., which officials deny".

A change of a count names two figures: "raised the toll from 3 to 5". The new one (5) is
`revised`. The old one (3) was true as a report of its hour, so it is not retracted; but the
article no longer holds it as the count, and a reader comparing this article with another
must not take it for the article's toll: it is `preliminary`, an early figure since replaced.
The same holds for "rose from 3 to 5" (3 is preliminary, 5 stays `reported`: the toll grew,
nobody revised it) and for a figure a later sentence says was revised ("The toll was later
revised.").

A sentence that states no figure may speak of those just before it: "The ministry disputed
the figure.", "The death toll is expected to rise." Its status goes to the figures of the
sentence before, if it names them by a word such as figure, toll, number or claim.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from app.extract.figure_lexicon import COUNT_NOUNS, HARM_MEASURES, words
from app.extract.figure_scope import REPORT_LEMMAS, Scope, sentence_of
from app.extract.types import FoundFigure

_RANK = {"reported": 0, "preliminary": 1, "revised": 2, "disputed": 3, "retracted": 4}

_PRELIM_ADVS = words("initially originally earlier previously")
# "first said three, but later six"; "first reported by CNN" is a scoop, not an early count.
_CONTRASTS = words("later but then since now")
_TALLIED = words("homicide murder crime shooting")
_REVISED_AMODS = words("updated revised corrected amended")
_PRELIM_AMODS = words("initial early preliminary first unconfirmed earlier provisional original")
_REPORT_NOUNS = COUNT_NOUNS | words(
    "report estimate information account indication assessment claim data"
)
_ANAPHORS = COUNT_NOUNS | words("report estimate claim claims it that which this figures reports")
_COUNTED = COUNT_NOUNS | {"it"}  # what a count is said of ("number" is a count noun)
_LATER_ADVS = words("later subsequently since now")
_REVISE = words("revise update correct amend adjust")
_REVISE_BY = words("raise lower increase reduce upgrade downgrade cut")
_GROW = words("rise climb jump grow increase mount fall drop decline")
_CHANGE = _REVISE | _REVISE_BY | _GROW
_MODALS = words("could may might")
_LIKELY = words("expect likely fear set poise certain")
_RETRACT = words("retract withdraw rescind recant")
_WRONG = words("wrong incorrect erroneous mistaken false inaccurate untrue error")
_DISPUTE = words("dispute deny refute reject contest challenge question dismiss")
CUE_WORDS = (
    _PRELIM_ADVS | _PRELIM_AMODS | _REVISE | _REVISE_BY | _GROW | _RETRACT | _WRONG | _DISPUTE
)


def _raise(figure: FoundFigure, status: str) -> None:
    if _RANK[status] > _RANK[figure.status]:
        figure.status = status


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _chain_status(sc: Scope) -> str | None:
    """The status the words above a figure give it, or None."""
    found: list[str] = []
    below: Token | None = None
    spoken = False  # a report verb stands between the figure and this word
    for node in sc.status:
        lemma = _lemma(node)
        via = below
        below = node
        if node.pos_ in ("NOUN", "PROPN") and lemma in _REPORT_NOUNS:
            found += _noun_status(node)
        if node.pos_ not in ("VERB", "AUX"):
            continue
        prep = via.lower_ if via is not None and via.dep_ == "prep" else ""
        if prep == "from" and _to_value(sc.tokens.root):
            prep = "to"  # "from eight to six", read as one phrase on six
        if lemma in _RETRACT:
            found.append("retracted")
        elif lemma in _DISPUTE and not spoken and _disputes(via):
            found.append("disputed")
        elif lemma in _CHANGE and prep in ("from", "to") and _names_count(node):
            # "raised the toll from 3 to 5": 3 is the earlier count, 5 the revised one; a toll
            # that rose by itself is no revision ("the toll rose to 11").
            if prep == "from":
                found.append("preliminary")
            elif lemma not in _GROW:
                found.append("revised")
        for child in node.children:
            if child.dep_ == "acomp" and child.lower_ in _WRONG:
                found.append("retracted")
            if child.dep_ in ("nsubj", "nsubjpass") and _lemma(child) in _REPORT_NOUNS:
                found += _noun_status(child)
        if lemma in REPORT_LEMMAS:
            if any(
                (c.dep_ == "advmod" and c.lower_ in _PRELIM_ADVS)
                or (
                    c.dep_ == "advmod"
                    and c.lower_ == "first"
                    and any(t.lower_ in _CONTRASTS for t in node.sent)
                )
                or (
                    c.dep_ == "prep"
                    and c.lower_ == "at"
                    and any(g.lower_ == "first" for g in c.children)
                )
                for c in node.children
            ):
                found.append("preliminary")
            spoken = True
            if node.dep_ == "conj":
                break  # "first said three were hurt, but later said six": a report of its own
    # Words on the figure's own noun: "the six injured police initially knew about".
    for tok in sc.tokens:
        for clause in tok.children:
            if clause.dep_ in ("relcl", "acl") and any(
                c.dep_ == "advmod" and c.lower_ in ("initially", "originally")
                for c in clause.children
            ):
                found.append("preliminary")
    if not found:
        return None
    return max(found, key=lambda s: _RANK[s])


def _noun_status(noun: Token) -> list[str]:
    """ "initial reports", "a preliminary toll", "the updated count"."""
    out = []
    for c in noun.children:
        if c.dep_ in ("amod", "compound"):
            if c.lower_ in _PRELIM_AMODS:
                out.append("preliminary")
            elif c.lower_ in _REVISED_AMODS:
                out.append("revised")
    return out


def _to_value(tok: Token) -> bool:
    """ "from eight to six" parsed as a phrase on six: six is the new value."""
    return any(c.lower_ == "to" and c.i < tok.i for c in tok.children)


def _later(sc: Scope) -> bool:
    """ "police later said six": a report given after an earlier one."""
    return any(
        _lemma(node) in REPORT_LEMMAS
        and any(c.dep_ == "advmod" and c.lower_ in _LATER_ADVS for c in node.children)
        for node in sc.status
    )


def _names_count(verb: Token) -> bool:
    """The verb changes a count ("raised the toll", "the number was lowered", "the toll
    rose"), not a running tally ("raise the city's homicide total to 104")."""
    args = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "nsubj")]
    tally = any(_lemma(t) in _TALLIED for c in args for t in (c, *c.children) if t.dep_ != "nummod")
    toll = any(_lemma(c) == "toll" for c in args)
    return (toll or not tally) and any(_lemma(c) in _COUNTED for c in args)


def _disputes(via: Token | None) -> bool:
    """ "denied that 40 were killed", "rejected the claim of 40": the figure is what is
    denied; "denied killing two men" denies a deed, not a figure."""
    if via is None:
        return False
    if via.dep_ in ("ccomp", "xcomp"):
        return any(c.dep_ in ("nsubj", "nsubjpass") for c in via.children)
    # "the teen was denied bond", "suspects were questioned": a refusal, not a dispute.
    return via.dep_ in ("dobj", "nsubjpass") and _lemma(via) in _REPORT_NOUNS


def _anaphoric(tok: Token, cue: Token) -> bool:
    """A word that stands for figures said elsewhere: "the figure", "which", "it"; not "the
    claim that 30 died", which holds its own figure."""
    if _lemma(tok) not in _ANAPHORS and tok.lower_ not in _ANAPHORS:
        return False
    return not any(
        c.dep_ in ("prep", "acl", "relcl", "ccomp") and c.i != cue.i for c in tok.children
    )


def _sentence_cues(span: Span) -> tuple[set[str], set[int]]:
    """Statuses a sentence gives the figures it speaks of by an anaphor, with the token
    indices of the verbs that give them (a figure under that verb is read by its chain)."""
    out: set[str] = set()
    verbs: set[int] = set()
    for tok in span:
        lemma = _lemma(tok)
        if lemma not in CUE_WORDS or tok.pos_ not in ("VERB", "AUX", "ADJ"):
            continue
        args = [c for c in tok.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
        if tok.dep_ == "relcl":
            args.append(tok.head)
        anaphor = any(_anaphoric(a, tok) for a in args)
        if lemma in _GROW and (grows := _will_grow(tok)):
            out.add(grows)
            verbs.add(tok.i)
        elif anaphor and lemma in _RETRACT:
            out.add("retracted")
        elif anaphor and lemma in _DISPUTE:
            out.add("disputed")
        elif anaphor and lemma in _REVISE:
            out.add("preliminary")
        elif (
            lemma in _WRONG
            and tok.dep_ == "acomp"
            and any(_anaphoric(c, tok) for c in tok.head.children if c.dep_ == "nsubj")
        ):
            out.add("retracted")
        else:
            continue
        verbs.add(tok.i)
    return out, verbs


def _will_grow(tok: Token) -> str | None:
    """ "the toll could rise", "is expected to climb": a count said to be still moving;
    "toll" for every toll of the sentence, "death toll" for its dead only."""
    modal = any(c.dep_ == "aux" and c.lower_ in _MODALS for c in tok.children)
    likely = tok.dep_ in ("xcomp", "ccomp") and _lemma(tok.head) in _LIKELY
    subjects = [c for c in (*tok.children, *tok.head.children) if c.dep_ in ("nsubj", "nsubjpass")]
    counted = [s for s in subjects if _lemma(s) in _COUNTED]
    if not (modal or likely) or not counted:
        return None
    dead = any(_lemma(c) in ("death", "dead") for s in counted for c in s.children)
    return "death toll" if dead else "toll"


def mark_status(
    spans: Sequence[Span],
    figures: list[FoundFigure],
    scopes: Sequence[Scope | None],
) -> None:
    """Set each figure's status from the words above it and from its sentence's anaphors."""
    where = sentence_of(spans)
    by_sentence: dict[int, list[int]] = {}
    for n, figure in enumerate(figures):
        k = where.get(figure.sentence_start)
        if k is not None and not figure.in_title:
            by_sentence.setdefault(k, []).append(n)
    for k, members in by_sentence.items():
        for j in (k, k + 1):
            if j >= len(spans) or (j == k + 1 and j in by_sentence):
                continue
            span = spans[j]
            if not any(t.lemma_.lower() in CUE_WORDS for t in span):
                continue
            _mark_sentence(span, j == k, [(figures[n], scopes[n]) for n in members])


def _mark_sentence(span: Span, own: bool, members: list[tuple[FoundFigure, Scope | None]]) -> None:
    if own:
        for figure, sc in members:
            if sc is not None and (status := _chain_status(sc)):
                _raise(figure, status)
        if any(f.status == "preliminary" for f, _ in members):
            for figure, sc in members:
                if sc is not None and figure.status == "reported" and _later(sc):
                    _raise(figure, "revised")
    cues, verbs = _sentence_cues(span)
    for figure, sc in members:
        if sc is not None and any(t.i in verbs for t in sc.status):
            continue  # the verb is the figure's own: read by its chain
        for cue in cues:
            if cue in ("toll", "death toll"):
                measures = HARM_MEASURES if cue == "toll" else {"killed", "casualties"}
                if figure.measure in measures and figure.status == "reported":
                    _raise(figure, "preliminary")
            elif figure.measure != "other":
                _raise(figure, cue)
