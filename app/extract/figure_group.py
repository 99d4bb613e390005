"""Who a count counts (its group), and how the counts of one sentence share groups and
stand as parts of one another ("52 dead, including 30 in Lagos", "six of them children").
"""

from __future__ import annotations

import itertools

from spacy.tokens import Doc, Span, Token

from app.extract import figure_lexicon as lex
from app.extract.figure_cand import Cand, singled_out
from app.extract.figure_measure import QUOTES, measure_word
from app.extract.types import FoundFigure

SUBSET_PREPS = frozenset({"including", "among", "incl"})


def group_of_noun(tok: Token, text: str | None = None) -> str | None:
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


def _troop_group(c: Cand) -> str:
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


def read_group(c: Cand, earlier: list[Cand]) -> None:
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
            g = group_of_noun(c.who)
            if g:
                c.group = g
                return
    if c.noun is not None:
        g = group_of_noun(c.noun, c.noun_part)
        if g:
            c.group = g
            return
    if c.gapped_noun is not None:
        g = group_of_noun(c.gapped_noun)
        if g:
            c.group = g
            return
    # "wounded among the police", "killed among the demonstrators"; "the death toll for
    # the security forces" (the count noun the measure word names)
    count_noun = None
    if c.measure_tok is not None and c.measure_tok.dep_ in ("compound", "amod"):
        head = c.measure_tok.head
        count_noun = head if head.lemma_.lower() in lex.COUNT_NOUNS else None
    # ("put the toll for the police at 18": the phrase may hang on the count noun's verb)
    count_verb = None if count_noun is None else count_noun.head
    for anchor in (c.measure_tok, c.noun, c.head, count_noun, count_verb):
        if anchor is None:
            continue
        counting = anchor is count_noun or anchor is count_verb
        preps = ("among", "amongst", "for") if counting else ("among", "amongst")
        for prep in anchor.rights:
            if prep.dep_ == "prep" and prep.lower_ in preps:
                pobj = next((x for x in prep.children if x.dep_ == "pobj"), None)
                g = None if pobj is None else group_of_noun(pobj)
                if g:
                    c.group, c.group_from_pp = g, True
                    return
    # "the opponents, who would be at least thirty": the noun of the relative clause.
    h = c.head
    if h.dep_ in ("attr", "nsubj") and h.head.dep_ == "relcl":
        g = group_of_noun(h.head.head)
        if g:
            c.group = g
            return
    # "Of the dead, 12 were police officers": the noun after the copula.
    if c.noun is None and h.dep_ == "nsubj" and h.head.lemma_ == "be":
        attr = next((x for x in h.head.children if x.dep_ == "attr"), None)
        g = None if attr is None else group_of_noun(attr)
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


def joined(cands: list[Cand], doc: Doc) -> list[tuple[Cand, Cand]]:
    """Neighbouring figures joined by a bare "and": "31 dead and 60 wounded"."""
    out: list[tuple[Cand, Cand]] = []
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


def share_groups(cands: list[Cand], doc: Doc) -> None:
    """Coordinated figures share a group: "26 rebels killed and 18 injured",
    "16 killed and 1,300 wounded among the police"."""
    for prev, cur in joined(cands, doc):
        if prev.measure == "other" or cur.measure == "other":
            continue
        if cur.group is None and prev.group is not None:
            cur.group = prev.group
        elif prev.group is None and cur.group is not None and cur.group_from_pp:
            prev.group = cur.group


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


def keep_other(c: Cand) -> bool:
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
        noun.tag_ in ("NNS", "NNPS") and not singled_out(c, noun) and not _is_family(noun)
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


def read_parts(cands: list[Cand]) -> None:
    """Counts that the text gives as parts of the one before or around them take its
    measure: "52 dead, including 30 in Lagos", "eight people, six of them children"."""
    # A subset of another figure: "52 dead, including 30 in Lagos".
    for c in cands:
        x = c.noun if c.noun is not None else c.head
        while x.dep_ == "conj" and x.head.i != x.i:
            x = x.head
        if c.measure is None and x.dep_ == "pobj" and x.head.lower_ in SUBSET_PREPS:
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
                c.measure, c.part_of = parent.measure, parent
                if c.noun is None:
                    c.group = parent.group
    # "12 of them seriously", "two of them beheaded": a part of the figure before it.
    for prev, c in itertools.pairwise(cands):
        told = c.measure is None or (c.measure == prev.measure and c.part_of is None)
        if told and c.who is not None and c.who.lower_ in ("them", "whom", "those"):
            # "eight people, six of them children": the part names its own group.
            pred = c.head.head if c.head.dep_ == "nsubj" and c.head.head.pos_ == "NOUN" else None
            c.measure, c.part_of = prev.measure, prev
            c.group = (None if pred is None else group_of_noun(pred)) or prev.group


def list_line(span: Span) -> bool:
    """A line of a list with no verb of its own: "In Dorvik – 1,200 people.", "Taraz: 150"."""
    words = [t for t in span if not t.is_punct and not t.is_space]
    return 0 < len(words) <= 8 and not any(t.pos_ in ("VERB", "AUX") for t in words)


def carry_list(
    lead: FoundFigure,
    found: list[FoundFigure],
    offset: int,
    default_place: str | None,
) -> None:
    """Lines of a list under a count go on with its measure and group, each line a part of
    it with its own place: "5,000 people were detained. In Dorvik – 1,200 people."."""
    for i, figure in enumerate(found):
        plain = figure.group in _PLAIN_PEOPLE or figure.group == lex.TOTAL
        if figure.measure != "other" or not plain or figure.place in (None, default_place):
            continue
        figure.measure, figure.group = lead.measure, lead.group
        if figure.source == "unknown":
            figure.source = lead.source
        lead.parts.append(offset + i)


def manner_group(group: str, c: Cand) -> str:
    """ "two soldiers were beheaded": those killed in that manner are a group of their own
    within the dead ("security forces beheaded"), so that they meet other reports of the
    beheaded and sit inside the toll instead of contradicting it."""
    tok = c.measure_tok
    if c.measure != "killed" or tok is None or tok.lower_ not in lex.KILLING_MANNERS:
        return group
    manner = tok.lower_ if tok.lower_.endswith("ed") else tok.lemma_ + "ed"
    return manner if group == lex.TOTAL else f"{group} {manner}"


# "detained for 48 hours", "held for a week": how long, not what for.
_SPANS_OF_TIME = lex.words("hour hours day days week weeks month months year years night nights")


def charge_group(group: str, c: Cand) -> str:
    """ "850 were detained for looting": those held on a charge are a group within all the
    arrested ("for looting"), so they sit inside another report's total of arrests instead
    of contradicting it."""
    tok = c.measure_tok
    if c.measure != "arrested" or tok is None or tok.pos_ != "VERB":
        return group
    prep = next((t for t in tok.children if t.dep_ == "prep" and t.lower_ == "for"), None)
    obj = next((t for t in prep.children if t.dep_ == "pobj"), None) if prep else None
    if obj is None or obj.lower_ in _SPANS_OF_TIME or obj.like_num:
        return group
    words = [t.text for t in tok.doc[obj.left_edge.i : obj.i + 1] if t.is_alpha]
    if not words or any(t.like_num for t in tok.doc[obj.left_edge.i : obj.i + 1]):
        return group
    charge = "for " + " ".join(words).lower()
    return charge if group == lex.TOTAL else f"{group} {charge}"
