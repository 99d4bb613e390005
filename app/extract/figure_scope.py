"""The words that govern a figure: its own tokens, then the phrases and clauses above it.

Whether a count belongs to another event, or what the text says of its standing, is said
by words the figure hangs on ("another shooting that left two dead", "initially reported
that four were hurt"), not by words that merely share its sentence ("two were killed on
Saturday; another shooting last month left one hurt"). Both figure_event and figure_status
read the chain of a figure's governors, walked once per figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from app.extract.figure_lexicon import words
from app.extract.types import FoundFigure

# Reported speech: the figure's own clause ends where the report begins ("police said that
# two were killed in another shooting"): cues of the event stay below it, cues of standing
# ("initially reported that ...") sit above it.
SPEECH_DEPS = frozenset({"ccomp", "parataxis", "csubj"})
REPORT_LEMMAS = words(
    "say tell report state confirm announce add claim put estimate give count know list show "
    "indicate note"
)


@dataclass
class Scope:
    """A figure's tokens and the words above it: `event` ends at reported speech, `status`
    runs up to the sentence's root; `verbs` are the clause words along `event` and the
    clauses hanging on the figure's own noun ("five people shot in Chicago this year")."""

    tokens: Span
    event: list[Token]
    status: list[Token]
    verbs: list[Token]
    own: set[int]  # the figure's own token indices


def sentence_of(spans: Sequence[Span]) -> dict[int, int]:
    """Sentence index by its first character, to place a figure in its sentence."""
    return {sp.start_char: k for k, sp in enumerate(spans)}


def scope(doc: Doc, figure: FoundFigure) -> Scope | None:
    tokens = doc.char_span(figure.start, figure.end, alignment_mode="expand")
    if tokens is None or len(tokens) == 0:
        return None
    root = tokens.root
    own = {t.i for t in tokens}
    event: list[Token] = []
    status: list[Token] = []
    node = root
    # The event chain stays in the figure's own clause and the clauses that tell the same
    # happening: a gerund under a preposition ("served 10 years for killing two"), a
    # participle of result ("opened fire, killing two"), a "when" clause, a coordinated verb.
    # A relative clause reaches its noun ("another shooting that left two dead") and ends
    # there: "the gunman who shot two had bought the gun last year" dates the purchase.
    open_, last = True, False
    while True:
        # (No ancestor of the span's root lies inside the span.)
        status.append(node)
        if open_:
            event.append(node)
        if last:
            open_ = False
        if node.pos_ in ("VERB", "AUX") and open_:
            dep = node.dep_
            if dep in SPEECH_DEPS:
                open_ = False
            elif dep in ("relcl", "acl"):
                last = True
            elif dep == "advcl" and not _same_happening(node):
                open_ = False
        if node.head.i == node.i:
            break
        node = node.head
    # The verbs whose modifiers tell the figure's happening: those of its chain, those inside
    # the figure ("8 people killed"), clauses on its noun ("five people shot this year"), and
    # verbs coordinated without a subject of their own, which share the last one's modifiers
    # ("killing 12 and wounding 70 in a theater three years ago").
    verbs = [t for t in event if t.pos_ in ("VERB", "AUX")]
    verbs += [t for t in tokens if t.pos_ == "VERB" and t.i != root.i]
    for tok in tokens:
        verbs += [c for c in tok.children if c.dep_ in ("acl", "relcl") and c.i not in own]
    verbs += [
        c
        for v in verbs
        for c in v.children
        if c.dep_ == "conj" and c.pos_ == "VERB" and not _has_subject(c)
    ]
    verbs = list({t.i: t for t in verbs}.values())  # each verb once, first seen first
    return Scope(tokens, event, status, verbs, own)


def _has_subject(verb: Token) -> bool:
    # Narrower than figure_context.has_subject on purpose: an expletive or a clausal
    # subject leaves a coordinated verb sharing the last one's modifiers.
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _same_happening(clause: Token) -> bool:
    """An adverbial clause that tells the main clause's own happening: "opened fire,
    killing two", "the shooting happened at 9 p.m., when two were hit"."""
    if clause.tag_ == "VBG" and not _has_subject(clause):
        return True
    # "..., with 100 people killed": the absolute clause elaborates its main clause.
    return any(
        (c.dep_ == "advmod" and c.lower_ == "when") or (c.dep_ == "mark" and c.lower_ == "with")
        for c in clause.children
    )


def subtree_text(tok: Token, limit: int = 8) -> str:
    """The phrase a token heads, short: enough to read a date or a place."""
    sub = list(tok.subtree)
    if len(sub) > limit:
        return tok.text
    return " ".join(t.text for t in sub)
