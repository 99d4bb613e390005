"""Figures: the counts a reader compares across outlets (killed, injured, arrested, troops).

Per sentence that holds a number: `numbers.scan_quantities` finds the quantities on the
token texts; the dependency parse then gives what each one counts. The path is
number -> counted noun -> governing word: "18 police officers killed", "arrest of more
than 200 people", "liquidated dozens of troublemakers", "26 killed and 18 injured".
Numbers that are dates, years, ages, times, units, labels or populations are dropped,
and so are bare numbers that count nothing a reader would compare.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from app.extract import figure_lexicon as lex
from app.extract.figure_context import (
    PlaceRef,
    clause_head,
    dated_group,
    past_years,
    ref_date,
    tie_place,
)
from app.extract.figure_lexicon import words
from app.extract.figure_measure import (
    QUOTES,
    REACH_VERBS,
    count_measure,
    governing_measure,
    is_agent_subject,
    measure_word,
    subject_measure,
    word_parts,
)
from app.extract.figure_sources import (
    ATTRIBUTION_LEMMAS,
    Attribution,
    choose,
    sentence_attributions,
)
from app.extract.nlp import doc_text
from app.extract.numbers import VAGUE, Quantity, scan_quantities
from app.extract.types import FoundFigure, FoundMention

_NON_COUNT_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL"})
_DEFINITE = frozenset({"the", "these", "those", "its", "their", "his", "her", "our", "this"})
_CURRENCY = words("$ € £ ¥ ₽ ₸ us$")
# Heads whose "of" phrase says who is counted ("members of the security forces").
_PARTITIVE_HEADS = words(
    """members member dozens hundreds thousands millions scores tens number group groups
    units ranks"""
)
_SUBSET_PREPS = frozenset({"including", "among", "incl"})


@dataclass
class _Cand:
    """A quantity being read, with the parse tokens that explain it."""

    q: Quantity
    tokens: list[Token]  # the sentence's tokens, q's indices point into it
    head: Token  # syntactic head of the number phrase
    noun: Token | None = None  # the counted noun
    noun_part: str | None = None  # counted noun read from a glued token ("criminals»Killed")
    who: Token | None = None  # noun of an "of" phrase that says who is counted
    # The counted noun of the clause a bare number repeats: "5 people were killed in A and
    # 3 in B" counts people in B too.
    gapped_noun: Token | None = None
    measure: str | None = None
    measure_tok: Token | None = None
    group: str | None = None
    group_from_pp: bool = False
    extent: list[int] = field(default_factory=list)  # token indices the figure spans

    @property
    def value(self) -> float | None:
        return self.q.value


def _is_troop_noun(tok: Token) -> bool:
    return tok.lower_ in lex.TROOP_NOUNS or tok.lemma_.lower() in lex.TROOP_NOUNS


def _number_head(tokens: Sequence[Token]) -> Token:
    idx = {t.i for t in tokens}
    outside = [t for t in tokens if t.head.i not in idx or t.head.i == t.i]
    return outside[-1] if outside else tokens[-1]


def _next_word(tokens: Sequence[Token], after: int) -> Token | None:
    """The next word after position `after`, skipping quote marks and adverbs ("still")."""
    for t in tokens[after + 1 :]:
        if t.text in QUOTES or (t.pos_ == "ADV" and t.lower_ not in ("as", "so")):
            continue
        return t
    return None


# ---------------------------------------------------------------------------- exclusion


def _metre_like(num: Sequence[Token], after: Token | None) -> bool:
    """Digits with a bare "m": "200m", "200 m"."""
    last = num[-1].lower_
    if re.fullmatch(r"[\d.,]+m", last):
        return True
    if last == "m":
        return len(num) > 1 and num[-2].text[:1].isdigit()
    return last[:1].isdigit() and after is not None and after.lower_ == "m"


def _excluded(c: _Cand) -> bool:
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
    if before is not None and before.lower_ in ("aged", "age"):
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
    if c.value == 1 and c.who is not None and c.noun is None:
        return True
    if _is_population(c):
        return True
    # A year: four plain digits in the range of years, not counting a noun.
    if (
        q.num_end - q.num_start == 1
        and re.fullmatch(r"1[0-9]{3}|20[0-9]{2}", first.text)
        and (c.noun is None or c.noun.pos_ != "NOUN")
    ):
        return True
    # Part of a name or a model: "Boeing 737", "Covid 19".
    if (
        c.noun is not None
        and c.noun.pos_ == "PROPN"
        and c.noun.ent_type_ != "NORP"
        and c.noun.lower_ not in lex.GROUP_OF_NOUN
        and not _is_troop_noun(c.noun)
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
            c.noun.lower_ in lex.GROUP_OF_NOUN or _is_troop_noun(c.noun)
        )
        if not counts_people and c.measure is None:
            return True
    del last
    return False


_PLACE_NOUNS = words(
    """city town village island country nation state province region district community
    capital municipality metropolis area"""
)


def _is_population(c: _Cand) -> bool:
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


# ------------------------------------------------------------------- noun and measure


def _read_noun(c: _Cand) -> None:
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
            c.noun = hh
    # An "of" phrase on the number or on a partitive noun says who is counted.
    holder = c.noun if c.noun is not None else h
    if c.noun is None or holder.lower_ in _PARTITIVE_HEADS or h.lower_ in VAGUE:
        for prep in holder.rights:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                pobj = next((x for x in prep.children if x.dep_ == "pobj"), None)
                if pobj is not None:
                    c.who = pobj
                break


def _measure_from_syntax(c: _Cand) -> tuple[str, Token] | None:
    """The measure named by the words that govern or modify the counted noun."""
    x = c.noun if c.noun is not None else c.head
    nodes = [x]
    if c.who is not None:
        nodes.append(c.who)
    # Modifiers: "people killed", "people who died", "officers arrested"; before the noun
    # only a participle or adjective: "12 detained activists", "shot dead 9 protesters".
    for node in nodes:
        for child in node.children:
            after = child.dep_ in ("acl", "amod", "relcl") and child.i > node.i
            before = child.dep_ == "amod" and child.i < node.i and child.tag_ in ("VBN", "JJ")
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


def _measure_from_governor(c: _Cand, x: Token) -> tuple[str, Token] | None:
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
            if _bare(c, node) and gov.pos_ in ("NOUN", "PROPN") and _counted(gov):
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
    if noun is None or _is_troop_noun(noun):
        return True
    group = _group_of_noun(noun)
    if group is not None:
        return group == lex.SECURITY
    word, lemma = noun.lower_, noun.lemma_.lower()
    if lemma == "member":  # "300 members of the elite unit"
        return True
    # "sent two battalions": formations are not a count of troops.
    things = lex.EVENT_THINGS | lex.FORMATION_NOUNS
    return word not in things and lemma not in things


def _bare(c: _Cand, node: Token) -> bool:
    """`node` is the candidate's own number, with no noun of its own."""
    return c.noun is None and node.i == c.head.i


def _counted(noun: Token) -> bool:
    return any(n.dep_ == "nummod" for n in noun.children)


def _gapped(c: _Cand, node: Token, verb: Token) -> tuple[str, Token] | None:
    """A bare number coordinated with a clause's verb, the verb left out ("5 people were
    killed in A and 3 in B"): it counts what the clause's own number counts."""
    if not _bare(c, node) or verb.pos_ not in ("VERB", "AUX"):
        return None
    counted = next(
        (
            x
            for x in verb.children
            if x.dep_ in ("nsubj", "nsubjpass", "dobj", "obj") and x.i < node.i and _counted(x)
        ),
        None,
    )
    if counted is None or is_agent_subject(counted, verb):
        return None
    found = governing_measure(verb)
    if found:
        c.gapped_noun = counted
    return found


def _read_measure(c: _Cand) -> None:
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
    nxt = _next_word(toks, last_pos)
    if nxt is not None and nxt.pos_ in ("VERB", "ADJ", "NOUN") and nxt.tag_ not in ("NNS",):
        m = measure_word(nxt)
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
            m = lex.MEASURE_OF_WORD.get(tok.lower_) or lex.MEASURE_OF_WORD.get(tok.lemma_.lower())
            if m and tok.pos_ in ("NOUN", "ADJ") and tok.lemma_.lower() not in ("body", "life"):
                c.measure, c.measure_tok = m, tok
                return
    if c.noun is not None and c.noun.lower_ in ("bodies", "lives"):
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
    if c.noun is not None and _is_troop_noun(c.noun) and not _singled_out(c, c.noun):
        c.measure, c.measure_tok = "troops", c.noun


def _singled_out(c: _Cand, noun: Token) -> bool:
    """ "the two soldiers", "one soldier": persons picked out, not a count of a force or
    of things."""
    if c.value is None:
        return False
    det = next((t for t in noun.lefts if t.dep_ in ("det", "poss")), None)
    return c.value < 2 or (det is not None and det.lower_ in _DEFINITE and c.value <= 2)


# ------------------------------------------------------------------------------ group


def _group_of_noun(tok: Token, text: str | None = None) -> str | None:
    word = (text or tok.lower_).strip(QUOTES)
    mods = {c.lower_ for c in tok.children if c.dep_ in ("compound", "amod")}
    generic = ("forces", "force", "personnel", "officials", "officers", "members", "units")
    if word in generic and mods & lex.SECURITY_MODIFIERS:
        return lex.SECURITY
    group = lex.GROUP_OF_NOUN.get(word) or lex.GROUP_OF_NOUN.get(tok.lemma_.lower())
    if group:
        return group
    if mods & lex.SECURITY_MODIFIERS and tok.lemma_.lower() in ("member", "unit", "official"):
        return lex.SECURITY
    return None


def _troop_group(c: _Cand) -> str:
    noun = c.noun if c.noun is not None else c.who
    if noun is not None:
        for child in noun.children:
            if child.dep_ in ("amod", "compound", "nmod", "poss") and child.ent_type_ in (
                "NORP",
                "GPE",
            ):
                return f"{child.text.removesuffix('’s').removesuffix(chr(39) + 's')} troops"
    return "troops"


def _noun_phrase(noun: Token, after: int = -1) -> str:
    """ "five former Soviet republics" -> "former Soviet republics"; keeps an "of" phrase.
    Words up to `after` (the number and its qualifier) are left out."""
    words = [
        t
        for t in noun.lefts
        if t.dep_ in ("amod", "compound", "nmod")
        and t.pos_ != "NUM"
        and t.text not in QUOTES
        and t.i > after
    ]
    out = [t.text for t in words] + [noun.text]
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            pobj = next((x for x in prep.children if x.dep_ == "pobj"), None)
            if pobj is not None:
                inner = [
                    t.text for t in pobj.lefts if t.dep_ in ("amod", "compound") and t.pos_ != "NUM"
                ]
                out += ["of", *inner, pobj.text]
            break
    return " ".join(out).strip(QUOTES)


_PLAIN_PEOPLE = frozenset({"people", "persons", "individuals"})


def _verb_of(noun: Token) -> Token | None:
    """The verb a counted noun is the subject or object of, or a participle after it."""
    head = noun.head
    if (
        noun.dep_ in ("nsubj", "nsubjpass", "dobj", "obj")
        and head.pos_ == "VERB"
        and head.lemma_.lower() not in ("be", "have")
    ):
        return head
    if noun.dep_ == "pobj" and head.dep_ == "agent" and head.head.pos_ == "VERB":
        return head.head  # "watched by 40 million people"
    for child in noun.children:
        if child.dep_ == "acl" and child.tag_ == "VBN":
            return child  # "three people shot"
    return None


def _read_group(c: _Cand, earlier: list[_Cand]) -> None:
    if c.group is not None:
        return
    if c.measure == "troops":
        c.group = _troop_group(c)
        return
    if c.measure == "other":
        # Counts of other things keep their own noun: "checkpoints", "gunmen".
        if c.measure_tok is not None and c.measure_tok.lower_ in lex.OTHER_STATE_WORDS:
            c.group = lex.state_group(c.measure_tok.lower_)
        else:
            noun = c.who if c.who is not None and c.who.pos_ != "PRON" else c.noun
            last = c.tokens[c.q.end - 1].i
            c.group = None if noun is None else _noun_phrase(noun, last).lower()
            if noun is not None and c.group in _PLAIN_PEOPLE:
                # "people" alone says nothing of what is counted; what they did or had done
                # to them does: "people watched", "people freed".
                verb = _verb_of(noun)
                if verb is not None:
                    c.group = f"{c.group} {verb.lower_}"
        return
    if c.who is not None:
        if c.who.lower_ in ("them", "those", "whom", "these"):
            prior = next((e for e in reversed(earlier) if e.group), None)
            if prior is not None:
                c.group = prior.group
                return
        else:
            g = _group_of_noun(c.who)
            if g:
                c.group = g
                return
    if c.noun is not None:
        g = _group_of_noun(c.noun, c.noun_part)
        if g:
            c.group = g
            return
    if c.gapped_noun is not None:
        g = _group_of_noun(c.gapped_noun)
        if g:
            c.group = g
            return
    # "wounded among the police", "killed among the demonstrators"
    for anchor in (c.measure_tok, c.noun, c.head):
        if anchor is None:
            continue
        for prep in anchor.rights:
            if prep.dep_ == "prep" and prep.lower_ in ("among", "amongst"):
                pobj = next((x for x in prep.children if x.dep_ == "pobj"), None)
                g = None if pobj is None else _group_of_noun(pobj)
                if g:
                    c.group, c.group_from_pp = g, True
                    return
    # "the opponents, who would be at least thirty": the noun of the relative clause.
    h = c.head
    if h.dep_ in ("attr", "nsubj") and h.head.dep_ == "relcl":
        g = _group_of_noun(h.head.head)
        if g:
            c.group = g
            return
    # "Of the dead, 12 were police officers": the noun after the copula.
    if c.noun is None and h.dep_ == "nsubj" and h.head.lemma_ == "be":
        attr = next((x for x in h.head.children if x.dep_ == "attr"), None)
        g = None if attr is None else _group_of_noun(attr)
        if g:
            c.group = g
            return
    # A people noun outside the lexicon names its own group: "miners", "Palestinians".
    noun = c.noun if c.noun is not None else c.gapped_noun
    if (
        noun is not None
        and (noun.tag_ in ("NNS", "NNPS") or noun.ent_type_ == "NORP")
        and measure_word(noun) is None
    ):
        c.group = ((c.noun_part if noun is c.noun else None) or noun.text).strip(QUOTES).lower()


def _joined(cands: list[_Cand], doc: Doc) -> list[tuple[_Cand, _Cand]]:
    """Neighbouring figures joined by a bare "and": "31 dead and 60 wounded"."""
    out: list[tuple[_Cand, _Cand]] = []
    for prev, cur in itertools.pairwise(cands):
        prev_end = max(prev.extent + ([prev.measure_tok.i] if prev.measure_tok else []))
        cur_start = min(cur.extent + ([cur.measure_tok.i] if cur.measure_tok else []))
        gap = list(doc[prev_end + 1 : cur_start])
        if (
            gap
            and all(t.lower_ in ("and", ",") for t in gap)
            and any(t.lower_ == "and" for t in gap)
        ):
            out.append((prev, cur))
    return out


def _share_groups(cands: list[_Cand], doc: Doc) -> None:
    """Coordinated figures share a group: "26 rebels killed and 18 injured",
    "16 killed and 1,300 wounded among the police"."""
    for prev, cur in _joined(cands, doc):
        if prev.measure == "other" or cur.measure == "other":
            continue
        if cur.group is None and prev.group is not None:
            cur.group = prev.group
        elif prev.group is None and cur.group is not None and cur.group_from_pp:
            prev.group = cur.group


# -------------------------------------------------------------------------- the driver


def _counts_event_noun(tok: Token) -> bool:
    """A noun of the people or things that reports of unrest and disasters count."""
    word, lemma = tok.lower_, tok.lemma_.lower()
    return (
        word in lex.GROUP_OF_NOUN
        or lemma in lex.GROUP_OF_NOUN
        or word in lex.EVENT_THINGS
        or lemma in lex.EVENT_THINGS
        or tok.ent_type_ == "NORP"
    )


def _keep_other(c: _Cand) -> bool:
    """Counts of other things: plural nouns of people or of event things ("checkpoints",
    "buildings", "inquiries"), not of anything at all ("pixels", "home runs")."""
    if c.measure_tok is not None and c.measure_tok.lower_ in lex.OTHER_STATE_WORDS:
        return True
    noun = c.noun if c.noun is not None else c.who
    if noun is None or noun.pos_ not in ("NOUN", "PROPN"):
        return False
    nouns = [noun] + ([c.who] if c.who is not None and c.who is not noun else [])
    if not any(_counts_event_noun(n) for n in nouns):
        return False
    if noun.lower_ in lex.UNIT_NOUNS or noun.lemma_.lower() in lex.UNIT_NOUNS:
        return False
    # A count of 2 or more of a plural noun: not "the two buildings", "he has two children".
    return c.value is None or (
        noun.tag_ in ("NNS", "NNPS") and not _singled_out(c, noun) and not _is_family(noun)
    )


def _is_family(noun: Token) -> bool:
    """ "He has two children", "she leaves three sons": a person's family, not a count of
    the event."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in ("have", "leave", "raise"):
        return False
    subj = next((x for x in verb.children if x.dep_ == "nsubj"), None)
    return subj is not None and (
        subj.lower_ in ("he", "she", "i", "you", "we") or subj.ent_type_ == "PERSON"
    )


def _extent(c: _Cand, numbers: set[int]) -> list[int]:
    """Token indices the figure's text spans; it never runs over another number."""
    toks = c.tokens
    idx = [toks[c.q.start].i, toks[c.q.end - 1].i]

    def clear(upto: int) -> bool:
        return not any(i in numbers for i in range(idx[1] + 1, upto))

    if c.noun is not None and c.noun.i > idx[0] and c.noun.i - idx[1] <= 6 and clear(c.noun.i):
        idx.append(c.noun.i)
    if c.who is not None and c.who.i - idx[-1] <= 8 and c.who.i > idx[0] and clear(c.who.i):
        idx.append(c.who.i)
    if c.measure_tok is not None and 0 < c.measure_tok.i - max(idx) <= 1:
        idx.append(c.measure_tok.i)
    return idx


def _fallback_measure(c: _Cand, claimed: set[int]) -> None:
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


def _mentions_by_token(doc: Doc, places: Sequence[FoundMention]) -> dict[int, PlaceRef]:
    out: dict[int, PlaceRef] = {}
    for m in places:
        if m.kind not in ("city", "country", "region"):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        for t in span:
            out[t.i] = (m.key, m.kind)
    return out


class _Sources:
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
            carried = [a for a in self.at(prev) if a.indirect and not a.negated and not a.quoted]
            if carried:
                a = carried[-1]
                if a.pronoun:
                    named = self._named_before(prev, a.token)
                    return named.text if named else "unknown"
                return self._fuller(a.text, prev)
        return "unknown"


def find_figures(
    doc: Doc,
    sentences: Sequence[tuple[int, int]],
    *,
    places: Sequence[FoundMention] = (),
    default_place: str | None = None,
    article_date: dt.date | None = None,
) -> list[FoundFigure]:
    """Every figure in an article body parsed as `doc`, sentence by sentence."""
    spans: list[Span] = []
    for s, e in sentences:
        span = doc.char_span(s, e, alignment_mode="expand")
        spans.append(span if span is not None else doc[0:0])
    # One pass over the tokens: which sentences hold a number at all.
    starts = [sp.start for sp in spans]
    with_numbers: set[int] = set()
    for tok in doc:
        if tok.like_num or tok.lower_ in VAGUE or tok.lower_ == "dozen":
            k = bisect.bisect_right(starts, tok.i) - 1
            if k >= 0 and tok.i < spans[k].end:
                with_numbers.add(k)
    if not with_numbers:
        return []
    place_tokens = _mentions_by_token(doc, places)
    sources = _Sources(doc, spans)
    out: list[FoundFigure] = []
    for k in sorted(with_numbers):
        out.extend(
            _sentence_figures(spans[k], k, sources, place_tokens, default_place, article_date)
        )
    text = doc_text(doc)
    for figure in out:
        if _is_increment(text, figure):
            figure.group = f"additional {figure.group}"
    return out


_TOLLS = frozenset({"killed", "injured", "arrested"})
_MORE_AFTER = re.compile(
    r"^\S+(?:\s+\S+)?\s+(?:more|additional|further|other)\s+(?!than\b)[a-z]", re.I
)
_ANOTHER_BEFORE = re.compile(r"\b(?:another|a\s+further|an\s+additional)\s+$", re.I)


def _is_increment(text: str, figure: FoundFigure) -> bool:
    """ "three more bodies", "another 40 people": an addition to a count, not the count."""
    # Tolls are cumulative, so an increment must not pass for one; troop numbers are reported
    # as additions as often as not, and stay as they are.
    if (
        figure.measure not in _TOLLS
        or figure.value is None
        or figure.group.startswith("additional")
    ):
        return False
    before = text[max(0, figure.start - 20) : figure.start]
    return bool(_MORE_AFTER.match(figure.text) or _ANOTHER_BEFORE.search(before))


def _sentence_figures(
    span: Span,
    k: int,
    sources: _Sources,
    place_tokens: dict[int, PlaceRef],
    default_place: str | None,
    article_date: dt.date | None,
) -> list[FoundFigure]:
    tokens = list(span)
    words = [t.text for t in tokens]
    cands: list[_Cand] = []
    for q in scan_quantities(words):
        c = _Cand(q, tokens, _number_head(tokens[q.num_start : q.num_end]))
        _read_noun(c)
        _read_measure(c)
        if _excluded(c):
            continue
        cands.append(c)
    if not cands:
        return []
    # A subset of another figure: "52 dead, including 30 in Lagos".
    for c in cands:
        x = c.noun if c.noun is not None else c.head
        while x.dep_ == "conj" and x.head.i != x.i:
            x = x.head
        if c.measure is None and x.dep_ == "pobj" and x.head.lower_ in _SUBSET_PREPS:
            holder = x.head.head
            parent = next(
                (
                    p
                    for p in cands
                    if p is not c
                    and holder.i
                    in {p.head.i, getattr(p.noun, "i", -1), getattr(p.measure_tok, "i", -1)}
                ),
                None,
            )
            if parent is not None and parent.measure is not None:
                c.measure = parent.measure
                if c.noun is None:
                    c.group = parent.group
    # "12 of them seriously": a part of the figure before it.
    for prev, c in itertools.pairwise(cands):
        if c.measure is None and c.who is not None and c.who.lower_ in ("them", "whom", "those"):
            # "eight people, six of them children": the part names its own group.
            pred = c.head.head if c.head.dep_ == "nsubj" and c.head.head.pos_ == "NOUN" else None
            c.measure = prev.measure
            c.group = (None if pred is None else _group_of_noun(pred)) or prev.group
    claimed = {c.measure_tok.i for c in cands if c.measure_tok is not None}
    for c in cands:
        if c.measure is None and c.noun is None and c.who is None:
            _fallback_measure(c, claimed)
            if c.measure_tok is not None:
                claimed.add(c.measure_tok.i)
    kept: list[_Cand] = []
    numbers = {tokens[i].i for c in cands for i in range(c.q.num_start, c.q.num_end)}
    for c in cands:
        if c.measure is None:
            if c.noun is None and c.who is None:
                continue
            c.measure = "other"
        _read_group(c, kept)
        if c.measure == "other" and not _keep_other(c):
            continue
        c.extent = _extent(c, numbers)
        kept.append(c)
    _share_groups(kept, span.doc)
    blocked_by: dict[int, set[int]] = {}
    for c in kept:
        blocked_by[id(c)] = {t.i for o in kept if o is not c for t in _phrase_roots(o, c)}
    tied: dict[int, PlaceRef | None] = {}
    for c in kept:
        anchors = [c.head] + [t for t in (c.noun, c.who, c.measure_tok) if t is not None]
        tied[id(c)] = tie_place(anchors, place_tokens, blocked_by[id(c)], ATTRIBUTION_LEMMAS)
    # "31 dead and 60 wounded in Beirut": the place of the clause holds for both.
    for prev, cur in _joined(kept, span.doc):
        if tied[id(prev)] is None:
            tied[id(prev)] = tied[id(cur)]
        elif tied[id(cur)] is None:
            tied[id(cur)] = tied[id(prev)]
    figures: list[FoundFigure] = []
    doc = span.doc
    for c in kept:
        place = tied[id(c)]
        lo, hi = min(c.extent), max(c.extent)
        start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
        day = ref_date(span, c.head, article_date)
        group = c.group or lex.TOTAL
        years = None if day is not None else past_years(span, c.head, article_date)
        if years:
            # "170,000 died in the 2004 tsunami": a past event's count, not this one's.
            group = dated_group(group, years)
        figures.append(
            FoundFigure(
                start=start,
                end=end,
                text=doc_text(doc)[start:end],
                sentence_start=span.start_char,
                sentence_end=span.end_char,
                value=c.q.value,
                value_high=c.q.value_high,
                qualifier=c.q.qualifier,
                measure=c.measure or "other",
                group=group,
                place=place[0] if place else default_place,
                source=sources.source(
                    k,
                    _source_anchor(c),
                    {c.head.i, *(t.i for t in (c.noun, c.who) if t is not None)},
                ),
                ref_date=day,
            )
        )
    return figures


def _source_anchor(c: _Cand) -> Token:
    """The token whose clause says who stated the figure: its measure word where that
    stands in the number's clause, else the number ("the toll stands at 19, but local
    media put it at 40": 40 is the media's)."""
    tok = c.measure_tok
    if tok is None or clause_head(tok).i != clause_head(c.head).i:
        return c.head
    return tok


def _phrase_roots(other: _Cand, me: _Cand) -> list[Token]:
    """Tokens whose subtrees hold `other` figure but not `me`: a place under them is
    `other`'s, not mine."""
    mine = {me.head.i, *(t.i for t in (me.noun, me.who, me.measure_tok) if t is not None)}
    roots: list[Token] = []
    node = other.head
    while node.head.i != node.i:
        if node.i in mine or any(a.i == node.i for t in [me.head] for a in t.ancestors):
            break
        roots.append(node)
        node = node.head
    return roots
