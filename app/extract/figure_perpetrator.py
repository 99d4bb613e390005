"""Who did the killing, where the text counts the killer's death beside his victims.

A toll of victims usually leaves the killer out, and a report often tells his death in the
same sentence: "killed two people and then himself", "kills 3 co-workers, self", "four
people were killed by a man who was later shot dead by police", "killing two guards before
he was fatally shot", "the man who shot and killed five people is dead". The dead of the
event are then the victims and the killer (a derived figure in figure_derived); the
killer is found here:

- a word for the doer ("gunman", "suspect") or a reflexive ("himself");
- the doer of the verb that killed the victims, named again as the one who died;
- "he" or "she" who died after a single doer killed the victims in the same sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from spacy.tokens import Token

from app.extract.figure_cand import Cand
from app.extract.figure_lexicon import words
from app.extract.figure_measure import governing_measure, pobj_of
from app.extract.types import FoundFigure

REFLEXIVE = words("himself herself self")
PERPETRATORS = words("gunman shooter suspect attacker assailant killer") | REFLEXIVE
SUBJECT_PRONOUNS = words("he she")
_PRONOUNS = SUBJECT_PRONOUNS | words("him her")
_DOER_WORDS = SUBJECT_PRONOUNS | PERPETRATORS
_RELATIVE_TAGS = frozenset({"WP", "WDT"})
# Clauses whose doer is the doer of the clause they hang on: "wrestled a gun, killing two".
_SHARED_DOER = frozenset({"conj", "advcl", "xcomp"})
# What may stand between the victims and "himself": "two people, and then himself".
_BRIDGE = words(", and then also before finally")


def anchor(c: Cand) -> Token:
    return c.noun if c.noun is not None else c.head


def reflexive_victim(tok: Token) -> tuple[str, Token] | None:
    """ "kills 3 co-workers, self", "killed two people and then himself", where the parse
    does not make the reflexive an object of the verb: it follows the verb's object."""
    i = tok.i - 1
    doc = tok.doc
    while i >= tok.sent.start and doc[i].lower_ in _BRIDGE:
        i -= 1
    if i < tok.sent.start or i == tok.i - 1:
        return None
    node = doc[i]
    while node.dep_ not in ("dobj", "obj") and node.head.i != node.i and node.i - node.head.i < 8:
        node = node.head
    if node.dep_ not in ("dobj", "obj"):
        return None
    found = governing_measure(node.head)
    if found is not None and found[0] == "casualties" and says_murder_suicide(tok.sent):
        return "killed", found[1]  # "shot his son and then himself in a murder-suicide"
    return found if found is not None and found[0] == "killed" else None


def says_murder_suicide(tokens: Iterable[Token]) -> bool:
    """The words call the event a murder-suicide: the killer died, and so did those he
    shot ("a double murder-suicide", "in an apparent murder-suicide"); an attempted one
    says neither."""
    return any(
        t.lemma_.lower() == "suicide"
        and any(x.lemma_.lower() == "murder" for x in t.lefts)
        and not any(x.lower_ in ("attempted", "attempt", "failed") for x in t.lefts)
        for t in tokens
    )


_MURDER_SUICIDE = re.compile(
    r"(?<!attempted )(?<!attempted a )(?<!an attempted )\bmurders?[- ]suicides?\b", re.I
)


def suicide_told(text: str, figures: Sequence[FoundFigure]) -> None:
    """ "... Roe then shot himself." in a report (`text`, its body) that calls the event a
    murder-suicide: the shot he turned on himself killed him, though the sentence only
    says he fired it."""
    if not _MURDER_SUICIDE.search(text):
        return
    for f in figures:
        if (
            f.measure == "casualties"
            and f.value == 1
            and f.event == "this"
            and not f.derived
            and f.text.lower() in REFLEXIVE
        ):
            f.measure = "killed"


def murder_suicide_fates(cands: Sequence[Cand]) -> None:
    """ "A man shot his wife and two sons and then himself in a murder-suicide": those the
    man shot are the dead the word tells, where the sentence tells no fate apart (no one
    killed, hurt or of a count of those shot)."""
    if not cands or not says_murder_suicide(cands[0].tokens):
        return
    shot = [c for c in cands if c.measure == "casualties"]
    told = [
        c for c in cands if c.measure in ("killed", "injured") and anchor(c).lower_ not in REFLEXIVE
    ]
    if told or any(c.part_of is not None for c in cands):
        return
    for c in shot:
        if c.measure_tok is not None and c.measure_tok.lemma_.lower() == "shoot":
            c.measure = "killed"


def doer(verb: Token) -> Token | None:
    """Who did what `verb` says: its subject, the "by" of a passive, the subject of the
    clause it hangs on, or the noun a relative clause describes ("the man who killed")."""
    node = verb
    for _ in range(4):
        subj = next((x for x in node.children if x.dep_ == "nsubj"), None)
        if subj is not None:
            return node.head if subj.tag_ in _RELATIVE_TAGS and node.dep_ == "relcl" else subj
        agent = next((x for x in node.children if x.dep_ == "agent"), None)
        if agent is not None:
            return pobj_of(agent)
        if node.dep_ == "relcl":
            return node.head
        if node.dep_ not in _SHARED_DOER or node.head.i == node.i:
            return None
        node = node.head
    return None


# Verbs that name the one held for a killing: "suspected of killing five", "charged in
# the deaths of".
_ACCUSE = words("suspect accuse charge arrest convict want indict")


def accused(tok: Token) -> Token | None:
    """The one held for the killing `tok` tells: "a man suspected of killing five people",
    "Roe, who is accused of killing two", "the man suspected in the deaths of his wife"."""
    prep = tok.head
    if tok.dep_ not in ("pcomp", "pobj") or prep.lower_ not in ("of", "in", "with"):
        return None
    verb = prep.head
    if verb.lemma_.lower() not in _ACCUSE or verb.pos_ != "VERB":
        return None
    held = next((x for x in verb.children if x.dep_ == "nsubjpass"), None)
    if held is not None:
        return verb.head if held.tag_ in _RELATIVE_TAGS and verb.dep_ == "relcl" else held
    return verb.head if verb.dep_ in ("acl", "relcl") else None


def _one_doer(tok: Token) -> bool:
    return tok.tag_ in ("NN", "NNP") or tok.lower_ in _DOER_WORDS


def is_killer(c: Cand, victims: Sequence[Cand]) -> bool:
    """`c` (one person killed) is the one who killed `victims`."""
    me = anchor(c)
    if me.lower_ in PERPETRATORS:
        return True
    for v in victims:
        if v.measure_tok is None:
            continue
        verb = v.measure_tok if v.measure_tok.pos_ in ("VERB", "AUX") else v.measure_tok.head
        who = accused(v.measure_tok) or doer(verb)
        if who is None or who.i == anchor(v).i:
            continue
        if who.i == me.i:
            return True
        if me.lower_ in _PRONOUNS and _one_doer(who) and (me.i > who.i or _ahead(me)):
            return True
    return False


# Words that open a clause put before the main one: "Before police shot him, Roe had ...".
_OPENERS = words("before after when until once as")


def _ahead(pronoun: Token) -> bool:
    """A pronoun in a clause put before its main clause names the main clause's doer ahead
    of him: "By the time police shot him, Roe had killed six people"."""
    if any(a.dep_ in ("advcl", "ccomp") and a.i < a.head.i for a in pronoun.ancestors):
        return True
    # The parse may not hang the clause on the main one: it opens the sentence with a
    # word of time and closes with a comma before the pronoun's referent comes.
    sent = pronoun.sent
    opener = [t.lower_ for t in sent[:3]]
    if not (opener[0] in _OPENERS or opener == ["by", "the", "time"]):
        return False
    comma = next((t.i for t in sent if t.text == ","), None)
    return comma is not None and pronoun.i < comma
