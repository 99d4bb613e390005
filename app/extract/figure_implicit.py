"""Counts the text gives without a numeral.

One victim has no number: "A man was killed", "Smith, 25, was pronounced dead", "killing a
father of two", "a body was found", "claimed the life of a teenager", "turned the gun on
himself". And none is a count too: "No one was hurt", "no other injuries were reported"
give zero, not nothing. Each becomes a candidate like a numbered one (value 1 or 0) so it
gets a group, place and source the same way, and can be a part of a total ("a man and two
children were found dead").
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from app.extract import figure_lexicon as lex
from app.extract.figure_cand import Cand
from app.extract.figure_care import care_measure
from app.extract.figure_lexicon import words
from app.extract.figure_measure import (
    DIE_LEMMAS,
    governing_measure,
    measure_word,
    phrase_measure,
    subject_measure,
)
from app.extract.figure_people import (
    PAIRS,
    VICTIM_NOUNS,
    age_noun,
    aged_before,
    both,
    left_edge,
    list_role,
    one_person,
    parent_is,
    person_group,
)
from app.extract.figure_perpetrator import (
    REFLEXIVE,
    SUBJECT_PRONOUNS,
    reflexive_victim,
)
from app.extract.numbers import Quantity

# Who is hit by "claimed the life of", "took the life of".
_LIFE_VERBS = words("claim take end")


_FIND_VERBS = words("find discover recover locate pull")


# Verbs that put their object in a condition a hospital rates ("left a guard in critical
# condition"): the object was hurt.
_CONDITION_VERBS = words("leave put send place")


_ZERO_DETS = words("no")


_HARMS = words("shooting attack wound injury gunshot blast crash stabbing ambush")


# Degree words that make a denial partial: "no one was seriously hurt" says nothing of
# how many were hurt.
_DEGREE = words("seriously critically severely gravely badly fatally")


# "a double murder", "a triple shooting": a count in one word.
MULTIPLES = {"double": 2.0, "triple": 3.0, "quadruple": 4.0, "quintuple": 5.0}


_MULTIPLE_NOUNS = {
    "murder": "killed",
    "homicide": "killed",
    "killing": "killed",
    "slaying": "killed",
    "fatality": "killed",
    "shooting": "casualties",
    "stabbing": "casualties",
    "suicide": "killed",
}


_ZERO_WORDS = words("nobody none")


# Nouns of a death whose "of" names the dead.
_DEATH_NOUNS = words("death killing murder slaying homicide")


def implicit_cands(tokens: list[Token], taken: set[int]) -> list[Cand]:
    """Candidates of one sentence with no numeral: a single victim (value 1) or a denied
    count (value 0). `taken` holds the tokens numbered candidates already stand on."""
    out: list[Cand] = []
    for tok in tokens:
        if tok.i in taken or (tok.pos_ not in ("NOUN", "PROPN", "PRON") and not age_noun(tok)):
            continue
        if any(x.dep_ == "nummod" for x in tok.children):
            continue
        zero = _is_zero(tok)
        if not zero and not one_person(tok):
            continue
        found = _measure_of_victim(tok)
        role = list_role(tok)
        if found is None and role.dep_ in ("nsubj", "nsubjpass"):
            found = care_measure(role.head)  # "a woman is in stable condition"
        if found is None or found[0] not in lex.HARM_MEASURES:
            continue
        measure, mtok = found
        if tok.lower_ in SUBJECT_PRONOUNS and measure != "killed":
            continue  # "he was shot" repeats a victim; only a death tells his fate
        if both(tok) and measure != "killed":
            # "both were in good condition" repeats two of the victims, a part of those
            # hit; only their deaths are a count of their own, as with "he".
            continue
        verb = _predicate(mtok)
        if not zero and any(x.dep_ == "neg" for x in verb.children):
            continue  # "the boy was not hurt"
        if _unreal(verb):
            continue  # "he could hurt himself", "came to hurt my child": no harm done
        if zero and any(x.lower_ in _DEGREE for x in verb.children):
            continue
        value = 0.0 if zero else 2.0 if both(tok) else PAIRS.get(tok.lemma_.lower(), 1.0)
        c = person_cand(tokens, tok, value, measure, mtok)
        if zero:
            c.group = None
        out.append(c)
    # "A woman was taken to a hospital, where she died": the pronoun is the woman again;
    # "He was taken to a hospital, where he died": one person, told twice.
    if len(out) > 1:
        named = [c for c in out if c.head.lower_ not in SUBJECT_PRONOUNS]
        out = named or out[:1]
    return out


def multiple_cands(tokens: list[Token], taken: set[int]) -> list[Cand]:
    """ "a double homicide" (2 killed), "a triple shooting" (3 hit)."""
    out: list[Cand] = []
    first, last = tokens[0].i, tokens[-1].i
    for tok in tokens:
        value = MULTIPLES.get(tok.lower_)
        noun = tok.head
        if noun.dep_ == "compound" and noun.lemma_.lower() == "murder":
            noun = noun.head if noun.head.lemma_.lower() == "suicide" else noun
        measure = _MULTIPLE_NOUNS.get(noun.lemma_.lower())
        if (
            value is None
            or measure is None
            or tok.i in taken
            or tok.dep_ not in ("amod", "compound")
            # The parser may hang the word on a noun past the sentence being read (a
            # headline run into the text, capitals throughout): that noun is not this
            # sentence's, and the count's span must stay inside it.
            or not tok.i < noun.i <= last
        ):
            continue
        if _murder_suicide(noun):
            value += 1  # "a double murder-suicide": two victims and the killer
        at = tok.i - first
        q = Quantity(start=at, end=noun.i - first + 1, num_start=at, num_end=at + 1, value=value)
        c = Cand(q, tokens, tok, noun=noun, measure=measure, measure_tok=noun)
        c.extent = [tok.i, noun.i]
        out.append(c)
    return out


_UNREAL_AUX = words("could would might may should will to")


def _unreal(verb: Token) -> bool:
    """An active verb under a modal or "to": a harm feared or meant, not done."""
    kids = list(verb.children)
    return not any(x.dep_ == "auxpass" for x in kids) and any(
        x.dep_ == "aux" and x.lower_ in _UNREAL_AUX for x in kids
    )


def person_cand(tokens: list[Token], tok: Token, value: float, measure: str, mtok: Token) -> Cand:
    """A candidate for the person(s) `tok` names, with no numeral."""
    # The parse may hang words of the sentence before onto the noun (the two sentence
    # splitters disagree): the phrase starts in this sentence at the earliest.
    first = tokens[0].i
    lo = max(left_edge(tok), first)
    at = lo - first
    q = Quantity(start=at, end=tok.i - first + 1, num_start=at, num_end=at, value=value)
    c = Cand(q, tokens, tok, noun=tok, measure=measure, measure_tok=mtok)
    c.group, c.extent = person_group(tok, lo), [lo, tok.i]
    return c


def counted_noun(tok: Token) -> bool:
    return any(x.dep_ == "nummod" for x in tok.children)


def _murder_suicide(noun: Token) -> bool:
    return noun.lemma_.lower() == "suicide" and any(
        x.lemma_.lower() == "murder" for x in noun.lefts
    )


def deny(c: Cand) -> None:
    """ "no one was hurt" counts none; "not one was hurt" and "no one was seriously hurt"
    deny without counting."""
    toks = c.tokens
    before = toks[c.q.num_start - 1].lower_ if c.q.num_start > 0 else ""
    if c.value != 1 or before not in ("no", "not") or c.measure_tok is None:
        return
    verb = _predicate(c.measure_tok)
    if before == "not" or any(x.lower_ in _DEGREE for x in verb.children):
        c.negated = True
    else:
        c.q = replace(c.q, value=0.0)


def _predicate(tok: Token) -> Token:
    return tok if tok.pos_ in ("VERB", "AUX", "ADJ") else tok.head


def _is_zero(tok: Token) -> bool:
    """ "No one", "nobody", "no injuries", "no other officers"."""
    if tok.lower_ in _ZERO_WORDS:
        return True
    return any(x.dep_ == "det" and x.lower_ in _ZERO_DETS for x in tok.children)


def _participle_measure(tok: Token) -> tuple[str, Token] | None:
    """ "the officer killed in the line of duty", "the mother and toddler killed in the
    shooting": a participle after the person, or after the last of a list, tells the fate."""
    for node in (tok, *(x for x in tok.children if parent_is(x, tok))):
        for x in node.children:
            # Right after the person or the list: "the suspect arrested ..., injured 5" is
            # a parse gone astray.
            after = list_role(x.doc[x.i - 1]).i == list_role(node).i
            if x.lower_ == "dead" and x.dep_ == "amod" and x.i == node.i + 1:
                return "killed", x  # a headline's "Four shot, man dead"
            who = next((w for w in x.children if w.tag_ == "WP"), None)
            if x.dep_ == "relcl" and who is not None:
                # "Donte Jones, 19, who was killed Saturday", "a man who died"; not the doer
                # of "the man who killed two people".
                told = (
                    ("killed", x)
                    if who.dep_ == "nsubj" and x.lemma_.lower() in DIE_LEMMAS
                    else governing_measure(x)
                    if who.dep_ == "nsubjpass"
                    else None
                )
                if told is not None and told[0] in ("killed", "injured"):
                    return told
            if x.dep_ == "acl" and x.tag_ == "VBN" and after:
                said = measure_word(x) or (phrase_measure(x) or ("",))[0]  # "gunned down"
                if said not in lex.HARM_MEASURES:
                    continue  # "the suspect arrested in the shooting that killed two"
                found = governing_measure(x)
                if found is not None and found[0] in lex.HARM_MEASURES:
                    return found
    return None


def _measure_of_victim(tok: Token) -> tuple[str, Token] | None:
    """What happened to the person `tok` names, from the clause it is an argument of."""
    role = list_role(tok)
    told = _participle_measure(tok) or _participle_measure(role)
    if told is not None:
        return told
    verb = role.head
    if tok.lemma_.lower() == "body" and role.dep_ in ("nsubjpass", "dobj"):
        return ("killed", tok) if verb.lemma_.lower() in _FIND_VERBS else None
    if role.dep_ == "nsubjpass":
        return governing_measure(verb)
    if role.dep_ == "nsubj":
        if any(x.dep_ == "nsubj" and x.i != role.i for x in verb.children):
            # "man arrested after officer killed, 2 deputies hurt": a verb given two
            # subjects is a headline the parse ran together; neither is sure to be its own.
            return None
        if verb.lemma_.lower() in DIE_LEMMAS:
            return None if _natural(verb) else ("killed", verb)
        if _took_own_life(verb):
            return "killed", verb
        if (
            verb.lemma_.lower() == "survive"
            and any(x.dep_ == "dobj" and x.lemma_.lower() in _HARMS for x in verb.children)
            # "the 69-year-old minister survived the attack": a person the age alone makes
            # one (no victim's noun) escaped it, hurt or not.
            and (tok.lemma_.lower() in VICTIM_NOUNS or not aged_before(tok))
        ):
            return "injured", verb  # "survived the shooting", not "her uncle survived"
        return subject_measure(role, verb)
    if role.dep_ == "dobj" and verb.pos_ == "VERB":
        if verb.lemma_.lower() in _CONDITION_VERBS:
            # "put a fifth in critical condition", "left a guard in serious condition"
            cared = care_measure(verb)
            if cared is not None:
                return cared
        if verb.lemma_.lower() in ("leave", "find"):
            # "left a mother and a grandmother dead"
            dead = next((x for x in verb.children if x.lower_ == "dead"), None)
            return None if dead is None else ("killed", dead)
        if verb.lemma_.lower() in lex.TRANSITIVE_MEASURE_LEMMAS:
            return governing_measure(verb)
        return None
    if role.dep_ == "pobj" and role.head.lower_ == "of":
        life = role.head.head
        if life.lemma_.lower() == "life" and life.head.lemma_.lower() in _LIFE_VERBS:
            return "killed", life
        if (
            life.lemma_.lower() in _DEATH_NOUNS
            and measure_word(life) == "killed"
            and not any(x.ent_type_ == "DATE" for x in life.children)  # "the 2019 death of"
        ):
            return "killed", life  # "the deaths of a baby and a man", not "attempted murder"
    if role.dep_ == "pobj" and role.head.lower_ == "on" and tok.lower_ in REFLEXIVE:
        # "turned the gun on himself"
        turn = role.head.head
        if turn.lemma_.lower() == "turn" and any(x.lemma_ == "gun" for x in turn.children):
            return "killed", turn
    if tok.lower_ in REFLEXIVE:
        return reflexive_victim(tok)
    return None


def _took_own_life(verb: Token) -> bool:
    """ "committed suicide", "took his own life"."""
    lemma = verb.lemma_.lower()
    for x in verb.children:
        if x.dep_ != "dobj":
            continue
        if lemma == "commit" and x.lemma_.lower() == "suicide":
            return True
        if (
            lemma == "take"
            and x.lemma_.lower() == "life"
            and any(a.lower_ == "own" for a in x.children)
        ):
            return True
    return False


def _natural(die: Token) -> bool:
    """ "dies at 75", "died of cancer at 80": an age at death tells of a life, not an event's
    toll."""
    return any(
        prep.dep_ == "prep" and prep.lower_ == "at" and any(x.like_num for x in prep.children)
        for prep in die.children
    )
