"""Reading a count: what noun a number counts, and which numbers are no counts at all.

Years, dates, clock times, ages, labels, units, money, percentages and populations are
numbers a reader never compares; they are dropped here before any measure is read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Token

from app.extract import figure_lexicon as lex
from app.extract.figure_cand import Cand, is_troop_noun
from app.extract.figure_lexicon import words
from app.extract.figure_measure import measure_word, word_parts
from app.extract.numbers import VAGUE

_NON_COUNT_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL"})


_CURRENCY = words("$ € £ ¥ ₽ ₸ us$")
_CLOCK = words("a.m. p.m. a.m p.m")
# Who an age is told of, as a bare number after a comma ("her sons, 7 and 8,").
_PERSON_LEMMAS = words(
    """man woman boy girl child teen teenager son daughter brother sister victim person
    people adult juvenile male female student friend cousin officer deputy"""
)


# Heads whose "of" phrase says who is counted ("members of the security forces").
_PARTITIVE_HEADS = words(
    """members member dozens hundreds thousands millions scores tens number group groups
    units ranks"""
)


# Words before a "one" that make it a pronoun: "a second one", "the same one".
_PRONOUN_ONE_BEFORE = set(lex.ORDINALS) | words(
    "first next last same new old earlier later previous this that which each"
)


def _metre_like(num: Sequence[Token], after: Token | None) -> bool:
    """Digits with a bare "m": "200m", "200 m"."""
    last = num[-1].lower_
    if re.fullmatch(r"[\d.,]+m", last):
        return True
    if last == "m":
        return len(num) > 1 and num[-2].text[:1].isdigit()
    return last[:1].isdigit() and after is not None and after.lower_ == "m"


def _sizes_a_thing(toks: list[Token], end: int) -> bool:
    if end + 2 >= len(toks) or toks[end - 1].whitespace_ or toks[end].text != "-":
        return False
    word, thing = toks[end + 1], toks[end + 2]
    return not toks[end].whitespace_ and word.tag_ == "NN" and thing.pos_ == "NOUN"


def excluded(c: Cand) -> bool:
    """Years, dates, times, ages, labels, units, money and percentages are not figures."""
    toks = c.tokens
    q = c.q
    num = toks[q.num_start : q.num_end]
    first, last = num[0], num[-1]
    before = toks[q.num_start - 1] if q.num_start > 0 else None
    after = toks[q.num_end] if q.num_end < len(toks) else None
    if before is not None and (
        before.lower_ in lex.LABEL_BEFORE
        or before.lower_ in _CURRENCY
        or before.lower_ in lex.MONTHS
    ):
        return True
    if after is not None and (after.lower_ in lex.MONTHS or after.lower_ in ("%", "percent")):
        return True
    if before is not None and before.lower_ in ("aged", "age", "ages"):
        return True
    # "two men, ages 26 and 36": every number of a list of ages.
    if _in_age_list(toks, q.num_start):
        return True
    if c.noun is None and c.who is None and _age_aside(toks, q.num_start, q.num_end):
        return True
    # "about 6 a.m.": a clock time.
    if after is not None and after.lower_ in _CLOCK:
        return True
    # "a 15-bed jail", "a 12-story building": the number sizes a thing named after it.
    if _sizes_a_thing(toks, q.num_end):
        return True
    # "hit during a second one", "the last one": "one" stands for a thing named before.
    if (
        first.lower_ == "one"
        and before is not None
        and before.lower_ in _PRONOUN_ONE_BEFORE
        and (after is None or after.pos_ != "NOUN")
    ):
        return True
    # "two men, one 19 and the other 23": "one" picks a person out by age; no count.
    if c.noun is None and _one_and_other(toks, q.num_start, after):
        return True
    # "fell 200m": a bare "m" after digits is metres as often as millions; millions of people
    # are written out or name who they are ("1m people").
    if c.noun is None and c.who is None and _metre_like(num, after):
        return True
    if c.noun is not None and (
        c.noun.lower_ in lex.UNIT_NOUNS or c.noun.lemma_.lower() in lex.UNIT_NOUNS
    ):
        return True
    if c.noun is not None and c.noun.lower_ in lex.MONTHS:
        return True
    if _counts_no_victim(c):
        return True
    # "any one of two wounds — one near the spine — was enough": a bare number set beside a
    # count of things picks out one of its items, no count of its own.
    if c.noun is None and c.who is None and c.head.dep_ == "appos" and _item_of(c.head.head):
        return True
    # Ages and other appositions on a name: "Mandela, 94,", "the actress, 26,".
    if c.noun is None and c.head.dep_ == "appos" and c.head.head.pos_ == "PROPN":
        return True
    if (
        c.noun is None
        and c.who is None
        and (c.value or 0) < 120
        and before is not None
        and before.text == ","
        and (after is None or after.text in (",", ".", ";"))
        and c.head.head.pos_ in ("NOUN", "PROPN")
    ):
        return True
    if c.noun is None and c.who is None and c.head.dep_ == "pobj":
        prep = c.head.head
        # "a mother of two", but "the deaths of 12"
        if (
            prep.lower_ == "of"
            and prep.head.pos_ in ("NOUN", "PROPN")
            and measure_word(prep.head) is None
        ):
            return True
        # "dies at 75": an age
        if prep.lower_ == "at" and prep.head.lemma_.lower() in ("die", "pass", "retire"):
            return True
    # "one of the victims": a single person singled out, not a count.

    if _is_population(c):
        return True
    # A year: four plain digits in the range of years, not counting a noun.
    if (
        q.num_end - q.num_start == 1
        and re.fullmatch(r"1[0-9]{3}|20[0-9]{2}", first.text)
        and (c.noun is None or c.noun.pos_ != "NOUN" or c.noun.tag_ != "NNS")
    ):
        return True  # "in 2004", "the 2013 double murder"; but "1200 soldiers"
    # Codes, phone numbers and ids: "39-13-202", "555-0199", "(800) 555".
    if _in_code(toks, q.num_start, q.num_end):
        return True
    # "Image 4 of 10", "Photo 3 of 12": the second number of a gallery counter.
    if (
        q.num_start >= 3
        and toks[q.num_start - 1].lower_ == "of"
        and toks[q.num_start - 2].like_num
        and toks[q.num_start - 3].lower_ in lex.LABEL_BEFORE
    ):
        return True
    # "one of nine people killed": the one is a member of the count, not a count.
    if (
        c.value == 1
        and c.who is not None
        and c.noun is None
        and (c.measure is None or c.measure_tok in set(c.who.subtree))
    ):
        return True
    # Part of a name or a model: "Boeing 737", "Covid 19".
    if (
        c.noun is not None
        and c.noun.pos_ == "PROPN"
        and c.noun.ent_type_ != "NORP"
        and c.noun.lower_ not in lex.GROUP_OF_NOUN
        and not is_troop_noun(c.noun)
    ):
        return True
    if (
        before is not None
        and before.pos_ == "PROPN"
        and c.noun is None
        and before.ent_type_ in ("PRODUCT", "ORG", "WORK_OF_ART", "LAW", "EVENT", "FAC")
    ):
        return True
    ents = {t.ent_type_ for t in num} - {""}
    if ents & _NON_COUNT_ENTS:
        # spaCy may tag a count beside a day as a date; keep it when it counts people.
        counts_people = c.noun is not None and (
            c.noun.lower_ in lex.GROUP_OF_NOUN or is_troop_noun(c.noun)
        )
        if not counts_people and c.measure is None:
            return True
    del last
    return False


def _in_age_list(toks: Sequence[Token], start: int) -> bool:
    """The number stands in a list that "ages" or "aged" opens: "ages 19, 22 and 40"."""
    for j in range(start - 1, max(-1, start - 8), -1):
        word = toks[j].lower_
        if word in ("ages", "aged"):
            return True
        if not (toks[j].like_num or word in (",", "and", "&")):
            return False
    return False


def _item_of(tok: Token) -> bool:
    """A count of things that are no persons ("three wounds", "one of three wounds"): a
    bare number set beside it tells one of its items ("One dead, four wounded" is two
    counts)."""
    if tok.like_num:
        return any(
            x.dep_ == "prep" and x.lower_ == "of" and any(_item_of(o) for o in x.children)
            for x in tok.children
        )
    return tok.lower_ in lex.NOT_VICTIM_NOUNS and any(x.dep_ == "nummod" for x in tok.children)


def _counts_no_victim(c: Cand) -> bool:
    """ "two gunshot wounds", "one of the dogs": the number counts no person; but "16
    suffering gunshot wounds" counts people (a verb stands between)."""
    # By the word as written: "the wounded" has the lemma of "wounds".
    if c.who is not None and c.who.lower_ in lex.NOT_VICTIM_NOUNS:
        return True
    noun = c.noun
    if noun is None or noun.lower_ not in lex.NOT_VICTIM_NOUNS:
        return False
    last = c.tokens[c.q.num_end - 1]
    return all(t.pos_ != "VERB" for t in noun.doc[last.i + 1 : noun.i])


def _age_aside(toks: Sequence[Token], start: int, end: int) -> bool:
    """Bare numbers set off by commas right after a person: "her sons, 7 and 8, were
    hurt", "the other, 25, was shot", "the two victims, 19 and 22,": their ages."""
    lo = start
    while lo > 0 and (toks[lo - 1].like_num or toks[lo - 1].lower_ in ("and", "&")):
        lo -= 1
    hi = end
    while hi < len(toks) and (
        toks[hi].like_num or toks[hi].lower_ in ("and", "&") or toks[hi].text == ","
    ):
        if toks[hi].text == ",":
            break
        hi += 1
    if lo < 2 or toks[lo - 1].text != "," or hi >= len(toks) or toks[hi].text != ",":
        return False
    person = toks[lo - 2]
    if any(
        not t.like_num or float(_digits(t) or 999) >= 120
        for t in toks[lo:hi]
        if t.lower_ not in ("and", "&")
    ):
        return False
    return person.lower_ in ("one", "other") or (
        person.pos_ in ("NOUN", "PROPN") and person.lemma_.lower() in _PERSON_LEMMAS
    )


def _one_and_other(toks: Sequence[Token], start: int, after: Token | None) -> bool:
    """ "one 19 and the other 23": the "one" and both ages."""
    if toks[start].lower_ == "one":
        return after is not None and after.like_num
    if start >= 2 and toks[start - 1].lower_ == "one" and toks[start - 2].text == ",":
        return True
    w = [t.lower_ for t in toks[max(0, start - 5) : start]]
    return (
        len(w) == 5
        and w[0] == "one"
        and toks[start - 4].like_num
        and w[2:]
        == [
            "and",
            "the",
            "other",
        ]
    )


def _digits(tok: Token) -> str:
    return tok.text if tok.text.isdigit() else ""


def _in_code(toks: Sequence[Token], start: int, end: int) -> bool:
    """A number glued by hyphens or slashes to other digits, or in parentheses alone: a
    code, a phone number or an id, not a count ("39-13-202", "(800) 555-0199")."""
    before = toks[start - 1].text if start > 0 else ""
    after = toks[end].text if end < len(toks) else ""
    before2 = toks[start - 2].text if start > 1 else ""
    after2 = toks[end + 1].text if end + 1 < len(toks) else ""
    if before in ("-", "/") and before2[-1:].isdigit():
        return True
    if after in ("-", "/") and after2[:1].isdigit():
        return True
    text = toks[start].text
    if re.search(r"\d[-/]\d", text) and not re.fullmatch(r"\d{1,3}-\d{1,3}", text):
        return True  # a code or phone number; "20-30" is a range
    return before == "(" and after == ")" and toks[start].text.isdigit()


_PLACE_NOUNS = words(
    """city town village island country nation state province region district community
    capital municipality metropolis area"""
)


def _is_population(c: Cand) -> bool:
    """ "a city of 500,000 people", "home to 100,000 people", "the island has 200,000
    residents": how many live somewhere, not a figure of the event."""
    noun = c.noun
    if noun is None or noun.lower_ not in ("people", "residents", "inhabitants", "persons"):
        return False
    gov = noun.head
    if noun.dep_ == "pobj" and gov.lower_ == "of":
        return gov.head.lemma_.lower() in _PLACE_NOUNS or gov.head.ent_type_ == "GPE"
    if noun.dep_ == "pobj" and gov.lower_ == "to":
        return gov.head.lower_ == "home"
    if noun.dep_ == "dobj" and gov.lemma_ == "have":
        subj = next((x for x in gov.children if x.dep_ == "nsubj"), None)
        if subj is not None and (subj.lemma_.lower() in _PLACE_NOUNS or subj.ent_type_ == "GPE"):
            return True
        return subj is not None and subj.lower_ in ("which", "that")
    return False


def _hyphen_end(tok: Token) -> Token:
    """The last part of a word the tokenizer split at its hyphens: "co-workers" counts
    workers, whatever the parse made of the pieces."""
    doc = tok.doc
    i = tok.i
    if i == 0 or not doc[i - 1].whitespace_:
        return tok  # "an 11-month-old": the number is part of the word, an age
    while (
        i + 2 < len(doc)
        and not doc[i].whitespace_
        and doc[i + 1].text == "-"
        and not doc[i + 1].whitespace_
        and doc[i + 2].is_alpha
        and doc[i + 2].pos_ in ("NOUN", "PROPN")
        and not doc[i + 2].is_stop
    ):
        i += 2
    return doc[i]


def read_noun(c: Cand) -> None:
    """The counted noun, and for "dozens of X" / "two of them" who is counted."""
    h = c.head
    num_idx = {t.i for t in c.tokens[c.q.num_start : c.q.num_end]}
    hh = h.head
    in_sentence = c.tokens[0].i <= hh.i <= c.tokens[-1].i
    if (
        h.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod")
        and hh.i not in num_idx
        and hh.i > h.i
        and in_sentence
    ):
        parts = word_parts(hh)
        if len(parts) > 1:
            c.noun, c.noun_part = hh, parts[0]
        elif hh.pos_ in ("NOUN", "PROPN"):
            c.noun = _hyphen_end(hh)
    # An "of" phrase on the number or on a partitive noun says who is counted.
    holder = c.noun if c.noun is not None else h
    if c.noun is None or holder.lower_ in _PARTITIVE_HEADS or h.lower_ in VAGUE:
        for prep in holder.rights:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                pobj = next((x for x in prep.children if x.dep_ == "pobj"), None)
                if pobj is not None:
                    c.who = pobj
                break
