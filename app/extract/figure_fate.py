"""The measure of a count: what happened to those counted (killed, injured, arrested,
deployed), read from the words that govern or modify the counted noun.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from app.extract import figure_lexicon as lex
from app.extract.figure_cand import Cand, bare, counted, is_troop_noun, next_word, singled_out
from app.extract.figure_care import care_measure
from app.extract.figure_group import group_of_noun
from app.extract.figure_lexicon import words
from app.extract.figure_measure import (
    REACH_VERBS,
    count_measure,
    counts_own_subject,
    fate_of,
    governing_measure,
    is_agent_subject,
    measure_word,
    measured_noun,
    subject_measure,
    word_parts,
)


def read_measure(c: Cand) -> None:
    """The measure of `c`, and whether the text denies it ("two others were not hurt")."""
    _read_measure(c)
    tok = c.measure_tok
    if tok is not None and c.measure in ("killed", "injured", "casualties", "arrested"):
        verb = tok if tok.pos_ in ("VERB", "AUX", "ADJ") else tok.head
        c.negated = any(x.dep_ == "neg" for x in verb.children)


def _read_measure(c: Cand) -> None:
    toks = c.tokens
    # The glued word of the noun token: `criminals»Killed`.
    if c.noun is not None and c.noun_part is not None:
        for part in word_parts(c.noun)[1:]:
            m = lex.MEASURE_OF_WORD.get(part)
            if m:
                c.measure, c.measure_tok = m, c.noun
                return
    # The word right after the number or its noun: "164 dead", "officers killed".
    last_pos = c.q.end - 1
    if c.noun is not None:
        last_pos = max(last_pos, c.noun.i - toks[0].i)
    nxt = next_word(toks, last_pos)
    if nxt is not None and nxt.pos_ in ("VERB", "ADJ", "NOUN") and nxt.tag_ not in ("NNS",):
        m = measure_word(nxt)
        if m == "casualties":
            sharper = fate_of(nxt)
            m = sharper[0] if sharper else m
        subj = c.noun if c.noun is not None else c.head
        if m and not is_agent_subject(subj, nxt) and nxt.lemma_.lower() not in ("body", "life"):
            c.measure, c.measure_tok = m, nxt
            return
        if nxt.lower_ in lex.OTHER_STATE_WORDS:
            c.measure, c.measure_tok = "other", nxt
            c.group = lex.state_group(nxt.lower_)
            return
    found = _measure_from_syntax(c)
    if found:
        c.measure, c.measure_tok = found
        return
    # The number leans on a measure word as its own head: "164 dead", "20 deaths".
    for tok in (c.noun, c.head.head if c.head.dep_ == "nummod" else None):
        if tok is not None:
            m = lex.MEASURE_OF_WORD.get(tok.lower_) or measure_word(tok)
            if m and tok.pos_ in ("NOUN", "ADJ") and tok.lemma_.lower() not in ("body", "life"):
                c.measure, c.measure_tok = m, tok
                return
    if c.noun is not None and c.noun.lemma_.lower() == "body" and c.noun.tag_ == "NNS":
        c.measure, c.measure_tok = "killed", c.noun  # "two bodies": the dead, whatever the verb
        return
    if c.noun is not None and c.noun.lemma_.lower() == "victim":
        c.measure, c.measure_tok = "casualties", c.noun  # "the four victims": hit, fate unsaid
        return
    if c.noun is not None and c.noun.lower_ == "lives":
        gov = c.noun.head
        if gov.lemma_.lower() in (
            "find",
            "recover",
            "claim",
            "take",
            "lose",
            "discover",
            "pull",
            "retrieve",
            "exhume",
            "unearth",
        ):
            c.measure, c.measure_tok = "killed", c.noun
            return
    if c.noun is not None and is_troop_noun(c.noun) and not singled_out(c, c.noun):
        c.measure, c.measure_tok = "troops", c.noun
        return
    found = _in_care(c)
    if found:
        c.measure, c.measure_tok = found


_PEOPLE = words("people persons others other victims men women children adults teens")


def _in_care(c: Cand) -> tuple[str, Token] | None:
    """People a hospital rates or lets go lived: "the three others are in stable
    condition", "four were treated and released", "seven are recovering"."""
    x = c.noun if c.noun is not None else c.head
    if c.noun is not None and c.noun.lower_ not in _PEOPLE:
        return None
    if x.dep_ not in ("nsubj", "nsubjpass"):
        return None
    return care_measure(x.head)


def _measure_from_syntax(c: Cand) -> tuple[str, Token] | None:
    """The measure named by the words that govern or modify the counted noun."""
    x = c.noun if c.noun is not None else c.head
    if c.who is not None and c.noun is None:
        # "one of the four people hospitalized has died": the one's own verb tells its fate.
        found = _measure_from_governor(c, x)
        if found is not None and found[0] == "killed":
            return found
    nodes = [x]
    if c.who is not None:
        nodes.append(c.who)
    # Modifiers: "people killed", "people who died", "officers arrested"; before the noun
    # only a participle or adjective: "12 detained activists", "shot dead 9 protesters".
    for node in nodes:
        for child in node.children:
            after = child.dep_ in ("acl", "amod", "relcl") and child.i > node.i
            before = child.dep_ == "amod" and child.i < node.i and child.tag_ in ("VBN", "JJ")
            if after and counts_own_subject(child):
                continue
            if after or (before and node is c.noun):
                m = measure_word(child)
                if m:
                    return m, child
    found = _measure_from_governor(c, x)
    if found is None and c.who is not None and c.who.tag_ not in ("NNS", "NNPS"):
        # "two of the injured were in critical condition": the part of a measured whole.
        m = measure_word(c.who)
        if m:
            return m, c.who
    return found


def _measure_from_governor(c: Cand, x: Token) -> tuple[str, Token] | None:
    """The measure named by the word that governs the counted noun `x`."""
    # Governing word, through coordination ("700 agents and a thousand civilians").
    node = x
    for _ in range(3):
        gov = node.head
        if gov.i == node.i:
            break
        if gov.dep_ in ("aux", "auxpass") and node.dep_ in ("nsubj", "nsubjpass"):
            gov = gov.head  # a subject parsed onto the auxiliary: "50 are missing"
        if node.dep_ in ("nsubj", "nsubjpass", "dobj", "obj", "attr", "oprd", "dative"):
            if node.dep_ in ("nsubj", "nsubjpass"):
                found = subject_measure(node, gov)
            else:
                found = governing_measure(gov)
                found = None if found and is_agent_subject(node, gov) else found
            if found:
                return found
            # "the dead include 18 officers", "the victims included two children"
            if node.dep_ in ("dobj", "obj") and gov.lemma_.lower() in ("include", "comprise"):
                subj = next((a for a in gov.children if a.dep_ == "nsubj"), None)
                return None if subj is None else measured_noun(subj)
            # "the death toll could reach 100", "the number of arrests passed 5,000"
            if node.dep_ in ("dobj", "obj") and gov.lemma_.lower() in REACH_VERBS:
                subj = next((a for a in gov.children if a.dep_ == "nsubj"), None)
                return None if subj is None else count_measure(subj)
            if (
                gov.lemma_.lower() in lex.DEPLOY_WORDS
                and node.dep_ in ("dobj", "nsubjpass")
                and _deployable(c.noun if c.noun is not None else c.who)
            ):
                return "troops", gov
            return None
        if node.dep_ == "pobj":
            prep = gov
            if prep.dep_ == "agent" or prep.lower_ == "by":
                return None
            target = prep.head
            if prep.lower_ == "with" and target.lower_ == "along" and target.dep_ == "prep":
                # "died at the scene along with his three children": those along with the
                # subject share the verb's fate (the parse hangs "with" on "along").
                target = target.head
            # "a total of 47 people were killed": the count noun stands for its number.
            if prep.lower_ == "of" and target.lemma_.lower() in lex.COUNT_NOUNS - {"toll"}:
                node = target
                continue
            # "in three countries", "during 2 days": where or when, not who.
            if prep.lower_ in _LOCATIVE_PREPS:
                return None
            m = measure_word(target)
            # "killed at 3 sites", "injuries from 12 shootings"; but "the toll at 50"
            if m and (
                prep.lower_ not in ("at", "from") or target.lemma_.lower() in lex.COUNT_NOUNS
            ):
                return m, target
            # "the toll rose to 50", "raising the death toll to 50", "the number of people
            # arrested stood at 3,200"
            if target.pos_ in ("VERB", "AUX"):
                for arg in target.children:
                    if arg.dep_ in ("nsubj", "nsubjpass", "dobj"):
                        found = count_measure(arg)
                        if found:
                            return found
            return None
        if node.dep_ == "conj":
            gapped = _gapped(c, node, gov)
            if gapped is not None:
                return gapped
            if bare(c, node) and gov.pos_ in ("NOUN", "PROPN") and counted(gov):
                c.gapped_noun = gov  # "5 villagers in A and 3 in B": villagers again
            node = gov
            continue
        if node.dep_ == "appos":
            node = gov
            continue
        break
    return None


# Prepositions of place and time: a number under them says where or when ("killed in
# three provinces"), not who is counted. ("at" and "from" also give the value of a count:
# "the toll stood at 50", "rose from 20 to 30", read through the verb.)
_LOCATIVE_PREPS = words(
    "in on across during after since within throughout near inside outside into before"
)


def _deployable(noun: Token | None) -> bool:
    """Whether a noun sent somewhere can be a force: not things ("200 armoured vehicles
    have been sent") and not civilians ("sent 500 people")."""
    if noun is None or is_troop_noun(noun):
        return True
    group = group_of_noun(noun)
    if group is not None:
        return group == lex.SECURITY
    word, lemma = noun.lower_, noun.lemma_.lower()
    if lemma == "member":  # "300 members of the elite unit"
        return True
    # "sent two battalions": formations are not a count of troops.
    things = lex.EVENT_THINGS | lex.FORMATION_NOUNS
    return word not in things and lemma not in things


def _gapped(c: Cand, node: Token, verb: Token) -> tuple[str, Token] | None:
    """A bare number coordinated with a clause's verb, the verb left out ("5 people were
    killed in A and 3 in B"): it counts what the clause's own number counts."""
    if not bare(c, node) or verb.pos_ not in ("VERB", "AUX"):
        return None
    subject = next(
        (
            x
            for x in verb.children
            if x.dep_ in ("nsubj", "nsubjpass", "dobj", "obj") and x.i < node.i and counted(x)
        ),
        None,
    )
    if subject is None or is_agent_subject(subject, verb):
        return None
    found = governing_measure(verb)
    if found:
        c.gapped_noun = subject
    return found


def fallback_measure(c: Cand, claimed: set[int]) -> None:
    """A bare number in a sentence about one measure: "5,800, ... the people arrested",
    "the exact number of dead is unknown, ... in the hundreds"."""
    h = c.head
    if h.dep_ not in ("attr", "appos", "pobj", "ROOT", "npadvmod", "conj", "nsubj"):
        return
    # The subject of a verb of its own says what it did: "as thousands rallied".
    if h.dep_ == "nsubj" and h.head.pos_ == "VERB":
        return
    toks = c.tokens
    best: tuple[int, Token, str] | None = None
    for tok in toks:
        if tok.i in claimed:
            continue
        m = measure_word(tok)
        if m is None or tok.lemma_.lower() in ("life", "body"):
            continue
        dist = abs(tok.i - h.i)
        if best is None or dist < best[0]:
            best = (dist, tok, m)
    if best is not None:
        c.measure, c.measure_tok = best[2], best[1]


# Words that say those hit lived: "were shot and are in stable condition", "received
# non-life-threatening injuries", "are expected to recover", "remain hospitalized".
_SURVIVED = re.compile(
    r"\b(?:non-?\s?life[- ]threatening|(?:stable|serious|critical|fair|good) condition|"
    r"(?:listed|reported|is|was|were|are) (?:as )?stable|"
    r"expected to (?:survive|recover|be ok)|treated and released|survived|"
    # Still in a hospital at the time of the report: "shot and are in the hospital".
    r"(?:is|are|remains?) (?:still |now )?(?:hospitalized|in (?:the |a )?hospital))\b",
    re.I,
)
_DIED = re.compile(r"\b(?:died|dies|dead|killed|fatal(?:ly)?|death|deceased|murder(?:ed)?)\b", re.I)


def survivors(sentence: str) -> bool:
    """Whether a sentence says of those hit that they lived, and of none that they died:
    its count of people shot is then a count of the injured."""
    return bool(_SURVIVED.search(sentence)) and not _DIED.search(sentence)


def others_than_dead(cands: list[Cand]) -> None:
    """ "left one dead and 11 others shot": the others hit, set against the dead, lived;
    a count of them is of the injured."""
    dead_seen = False
    for c in cands:
        if c.measure == "killed" and c.part_of is None:
            dead_seen = True
            continue
        if not dead_seen or c.measure != "casualties" or c.noun is None:
            continue
        other = c.noun.lower_ == "others" or any(
            x.dep_ == "amod" and x.lower_ == "other" for x in c.noun.children
        )
        # "three others were shot, one of them fatally": a part tells its own fate.
        split = any(
            p.part_of is c
            or (p.who is not None and p.who.lower_ in ("them", "whom") and p.q.start > c.q.start)
            for p in cands
        )
        if other and not split:
            c.measure = "injured"


def rest_of_dead(cands: list[Cand]) -> None:
    """ "One of the four died; the other three were taken to a hospital": the rest of a
    whole some of whom died, told apart by "the other", lived; a count of them is of the
    injured, whatever the verb of their own clause."""
    for c in cands:
        if c.measure is not None or c.value is None:
            continue
        x = c.noun if c.noun is not None else c.head
        if not any(k.lower_ == "other" for k in x.children) or not any(
            k.lower_ == "the" for k in x.children
        ):
            continue
        for p in cands:
            if p.measure != "killed" or p.value is None or p.who is None:
                continue
            whole = next((w for w in cands if w.head.i == p.who.i), None)
            if whole is not None and whole.value == p.value + c.value:
                c.measure, c.measure_tok = "injured", next(
                    k for k in x.children if k.lower_ == "other"
                )
                break


# Causes of a hospital visit that are no wound: "treated for smoke inhalation", "taken to a
# hospital for chest pains", "hospitalized for observation".
_NO_WOUND = words(
    "inhalation shock anxiety pain pains exhaustion dehydration evaluation observation stress"
)
_NO_WOUND_ATTACKS = words("panic anxiety heart asthma")


def _no_wound(noun: Token) -> bool:
    lemma = noun.lemma_.lower()
    if lemma == "attack":
        return any(x.lower_ in _NO_WOUND_ATTACKS for x in noun.children)
    return lemma in _NO_WOUND or noun.lower_ in _NO_WOUND


def not_wounded(cands: list[Cand]) -> None:
    """People a hospital saw for something else than a wound ("three officers were taken
    to a hospital for smoke inhalation", "a woman was treated for shock") are no injured of
    the shooting: their count is of `other`."""
    for c in cands:
        if c.measure not in ("injured", "casualties") or c.measure_tok is None:
            continue
        # "taken to a hospital for ...": the reason hangs on the verb or on the hospital.
        tok = c.measure_tok
        verb = tok if tok.pos_ in ("VERB", "AUX", "ADJ") else tok.head
        if any(measure_word(v) in lex.HARM_MEASURES for v in verb.conjuncts):
            continue  # "shot in the leg and hospitalized for observation": he was shot
        preps = [x for v in {verb, tok} for x in v.children if x.dep_ == "prep"]
        if any(p.lower_ == "for" and any(_no_wound(o) for o in p.children) for p in preps):
            c.measure = "other"

