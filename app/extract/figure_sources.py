"""Who is said to have stated a figure: attribution from the dependency parse.

Three cues, strongest first: an "according to X" phrase; a reporting verb
(said, reported, announced, speak of ...) whose subject is X; a statement noun
("a statement by X", "reads a statement from X"). A pronoun subject ("it continues",
"he added") takes the last named source of the paragraph; a sentence without any
cue takes the source of the previous sentence when that one reported in indirect
speech ("X announced that ..."), since news copy goes on with the same report.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from app.extract.figure_lexicon import COUNT_NOUNS, PRONOUNS, words
from app.extract.nlp import doc_text

ATTRIBUTION_LEMMAS = words(
    """say tell report announce state add explain confirm write declare claim estimate speak
    give put cite indicate note assure insist tweet post publish update reveal disclose
    continue read quote count record register show stress specify detail inform warn"""
)
STATEMENT_NOUNS = words(
    """statement report communique communiqué release bulletin figures tally estimate
    estimates"""
)
# Verbs that state a count when their object is one: "raised the toll to 94".
REVISION_LEMMAS = words("raise revise lower upgrade downgrade")
_CLAIMED_THINGS = words("life victim casualty")
_SKIP_DEPS = frozenset(
    {"det", "punct", "appos", "relcl", "acl", "advcl", "cc", "case", "prep", "nummod", "quantmod"}
)
_KEEP_PREPS = frozenset({"of", "for"})


@dataclass(frozen=True)
class Attribution:
    token: int  # the cue token (verb, "according", statement noun)
    text: str  # the source as written, determiners dropped
    negated: bool = False
    pronoun: bool = False
    indirect: bool = False  # "X said that ...": the report may go on in the next sentence
    kind: str = "verb"  # verb | according | statement
    quoted: bool = False  # the cue stands inside quotation marks: speech, not attribution
    subject: int = -1  # the token of the source's head, where there is one


def source_text(head: Token, within: Span | None = None) -> str:
    """The noun phrase of a source without determiners, appositions or clauses."""
    keep: list[Token] = []
    lo, hi = (within.start, within.end) if within is not None else (0, len(head.doc))

    def walk(tok: Token) -> None:
        if not lo <= tok.i < hi:
            return
        for child in tok.lefts:
            if child.dep_ not in _SKIP_DEPS and child.tag_ != "POS":
                walk(child)
        keep.append(tok)
        for child in tok.rights:
            if child.dep_ == "prep" and child.lower_ in _KEEP_PREPS:
                keep.append(child)
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        walk(grand)
            elif child.dep_ in ("compound", "flat", "amod") and child.tag_ != "POS":
                walk(child)

    walk(head)
    keep.sort(key=lambda t: t.i)
    # A phrase does not run back over a comma: "swept away a minibus, police spokesman X".
    if keep:
        breaks = [t.i for t in head.doc[keep[0].i : head.i] if t.text in (",", ";", ":")]
        if breaks:
            keep = [t for t in keep if t.i > max(breaks)]
    words = [t.text.strip("“”«»\"'") for t in keep]
    return " ".join(w for w in words if w).strip()


def _is_pronoun(tok: Token) -> bool:
    return tok.lower_ in PRONOUNS or tok.pos_ == "PRON"


def _subject(verb: Token) -> Token | None:
    # A bare number is a count the parse strayed to, never who spoke: "Five people were
    # shot, two fatally, the chief said" gives "said" two subjects.
    subj = next(
        (
            c
            for c in verb.children
            if c.dep_ in ("nsubj", "nsubjpass") and not (c.like_num and c.pos_ == "NUM")
        ),
        None,
    )
    if (
        subj is not None
        and subj.dep_ == "nsubjpass"
        and verb.lemma_.lower() not in ("quote", "cite")
    ):
        # "Six people were confirmed killed": the passive subject is what is reported;
        # the reporter, if any, is the agent ("was confirmed by the ministry").
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        return (
            None if agent is None else next((c for c in agent.children if c.dep_ == "pobj"), None)
        )
    if subj is not None and subj.lower_ not in ("who", "which", "that"):
        return subj
    # Inverted reporting clause parsed as an object: `, explains the CSTO,`.
    for c in verb.rights:
        if c.dep_ in ("dobj", "attr") and (
            c.pos_ == "PROPN" or c.ent_type_ in ("ORG", "PERSON", "NORP") or c.text.isupper()
        ):
            return c
    # "police report": a reporting noun whose owner stands as a compound.
    if verb.pos_ == "NOUN":
        return next((c for c in verb.lefts if c.dep_ in ("compound", "poss", "nmod")), None)
    return subj


def _not_saying(verb: Token) -> bool:
    """A verb of saying in another sense: "the floods claimed 47 lives", "rescuers
    continued searching"."""
    lemma = verb.lemma_.lower()
    if lemma == "claim":
        return any(c.dep_ == "dobj" and c.lemma_.lower() in _CLAIMED_THINGS for c in verb.children)
    if lemma == "continue":
        return any(c.dep_ in ("xcomp", "dobj") for c in verb.children)
    return False


def _revises_count(verb: Token) -> bool:
    """ "Officials raised the death toll to 94": who revises a count states it."""
    return verb.lemma_.lower() in REVISION_LEMMAS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in COUNT_NOUNS | {"estimate"} for c in verb.children
    )


def _statement_source(noun: Token) -> Token | None:
    for prep in noun.rights:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in ("by", "from"):
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and (pobj.pos_ == "PROPN" or pobj.ent_type_ or pobj.pos_ == "NOUN"):
                return pobj
    return None


_OPEN = "“«„"
_CLOSE = "”»"


def _quoted_tokens(span: Span) -> set[int]:
    """Tokens inside quotation marks opened in this sentence."""
    inside = False
    out: set[int] = set()
    for tok in span:
        if inside:
            out.add(tok.i)
        for ch in tok.text:
            if ch in _OPEN:
                inside = True
            elif ch in _CLOSE:
                inside = False
            elif ch == '"':
                inside = not inside
    return out


def sentence_attributions(span: Span) -> list[Attribution]:
    """Every attribution cue in one sentence."""
    found: list[Attribution] = []
    quoted = _quoted_tokens(span)
    for tok in span:
        lemma = tok.lemma_.lower()
        if lemma == "accord" or tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            pobj = None if to is None else next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                found.append(Attribution(tok.i, source_text(pobj, span), kind="according"))
            continue
        if lemma in STATEMENT_NOUNS and tok.pos_ == "NOUN":
            src = _statement_source(tok)
            if src is None and tok.dep_ == "dobj":
                # "issued a statement by X": the phrase may hang on the verb.
                src = _statement_source(tok.head)
            if src is not None and not _is_pronoun(src):
                found.append(Attribution(tok.i, source_text(src, span), kind="statement"))
                continue
        if tok.pos_ not in ("VERB", "NOUN", "AUX") or not (
            (lemma in ATTRIBUTION_LEMMAS and not _not_saying(tok)) or _revises_count(tok)
        ):
            continue
        if tok.pos_ == "NOUN" and tok.dep_ not in ("ROOT", "parataxis"):
            continue
        subj = _subject(tok)
        if subj is None:
            # "reads a statement from the presidency"
            obj = next((c for c in tok.rights if c.dep_ in ("dobj", "nsubj")), None)
            src = None if obj is None else _statement_source(obj)
            if src is not None:
                found.append(Attribution(tok.i, source_text(src, span), kind="statement"))
            continue
        negated = any(c.dep_ == "neg" for c in tok.children)
        indirect = any(
            c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
            for c in tok.children
        )
        found.append(
            Attribution(
                tok.i,
                source_text(subj, span),
                negated=negated,
                pronoun=_is_pronoun(subj),
                indirect=indirect,
                quoted=tok.i in quoted,
                subject=subj.i,
            )
        )
    return found


def is_ancestor(anc: Token, tok: Token) -> bool:
    return anc.i == tok.i or any(a.i == anc.i for a in tok.ancestors)


_CONTRAST = words("but yet whereas")


def _contrasted(cue: Token, head: Token) -> bool:
    """The cue and the figure stand in clauses set against each other ("the official toll
    stands at 19, but local media put it at 40"): the cue is not the figure's source."""
    up = {head.i, *(a.i for a in head.ancestors)}
    below_cue: Token | None = None
    node = cue
    while node.i not in up:
        if node.head.i == node.i:
            return False
        below_cue, node = node, node.head
    lca = node
    below_head = next((a for a in [head, *head.ancestors] if a.head.i == lca.i != a.i), None)
    if not any(c.dep_ == "cc" and c.lower_ in _CONTRAST for c in lca.children):
        return False
    return any(b is not None and b.dep_ == "conj" for b in (below_cue, below_head))


def choose(
    atts: list[Attribution], head: Token, doc_tokens: Span, own: Collection[int] = ()
) -> Attribution | None:
    """The attribution of a figure whose syntactic head is `head`; `own` are the figure's
    tokens."""
    # A figure is not its own source ("Two witnesses said ..."), and words inside quotation
    # marks are speech, not attribution.
    doc = doc_tokens.doc
    atts = [
        a
        for a in atts
        if not a.quoted and a.text and a.subject not in own and not _contrasted(doc[a.token], head)
    ]
    if not atts:
        return None
    according = [a for a in atts if a.kind == "according"]
    ancestors = [a for a in atts if is_ancestor(doc[a.token], head)]
    for pool in (
        [a for a in according if is_ancestor(doc[a.token].head, head)],
        ancestors,
        according,
        atts,
    ):
        if pool:
            return min(pool, key=lambda a: abs(a.token - head.i))
    return None


class Sources:
    """Attributions per sentence, computed when a figure needs them."""

    def __init__(self, doc: Doc, spans: list[Span]) -> None:
        self.doc = doc
        self.spans = spans
        self.cache: dict[int, list[Attribution]] = {}
        text = doc_text(doc)
        # A paragraph starts where a line break separates two sentences.
        self.para_start: list[int] = []
        start = 0
        for k, span in enumerate(spans):
            if k and "\n" in text[spans[k - 1].end_char : span.start_char]:
                start = k
            self.para_start.append(start)

    def at(self, k: int) -> list[Attribution]:
        if k not in self.cache:
            self.cache[k] = sentence_attributions(self.spans[k])
        return self.cache[k]

    def _named_before(self, k: int, token: int) -> Attribution | None:
        for j in range(k, self.para_start[k] - 1, -1):
            for att in reversed(self.at(j)):
                if j == k and att.token >= token:
                    continue
                if not att.pronoun and not att.negated and not att.quoted:
                    return att
        return None

    def _fuller(self, text: str, k: int) -> str:
        """ "the ministry" -> the fuller name met earlier ("Interior Ministry")."""
        words = text.lower().split()
        if len(words) != 1:
            return text
        for j in range(k - 1, -1, -1):
            for att in self.at(j) if j >= self.para_start[k] else []:
                if words[0] in att.text.lower().split() and len(att.text.split()) > 1:
                    return att.text
        return text

    def source(self, k: int, head: Token, own: set[int]) -> str:
        atts = self.at(k)
        att = choose(atts, head, self.spans[k], own)
        if att is not None:
            if att.negated:
                return "unknown"
            if att.pronoun:
                named = self._named_before(k, att.token)
                return named.text if named else "unknown"
            return self._fuller(att.text, k)
        prev = k - 1
        if prev >= self.para_start[k] and prev >= 0:
            # "X said that ...", "According to X, the toll has risen.": the report goes on.
            # (An "according to" only where it opens the sentence and so frames it.)
            opens = self.spans[prev].start
            carried = [
                a
                for a in self.at(prev)
                if (a.indirect or (a.kind == "according" and a.token == opens))
                and not a.negated
                and not a.quoted
            ]
            if carried:
                a = carried[-1]
                if a.pronoun:
                    named = self._named_before(prev, a.token)
                    return named.text if named else "unknown"
                return self._fuller(a.text, prev)
        return "unknown"
