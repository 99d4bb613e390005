"""Who one person in a sentence is, and which people the text lists together.

One victim is named or described ("a man", "Smith, 25,", "the toddler", "himself"); a list
of them is joined by "and" or commas, and the parse loses some joins: a name after another
one's age ("Smith, 36, Jones, 5, and Lee"), a headline's bare nouns ("Man, woman killed"),
"along with" ("two boys are dead along with their father"). Used by the readers of counts
without a numeral (figure_implicit) and of totals (figure_derived).
"""

from __future__ import annotations

from spacy.tokens import Token

from app.extract import figure_lexicon as lex
from app.extract.figure_lexicon import words
from app.extract.figure_measure import governing_measure, measure_word
from app.extract.figure_perpetrator import PERPETRATORS, REFLEXIVE, SUBJECT_PRONOUNS, doer

# Singular nouns of one person, as local news names a victim before naming them.
VICTIM_NOUNS = words(
    """man woman boy girl teen teenager child toddler baby infant person victim officer
    deputy trooper policeman policewoman student mother father son daughter wife husband
    brother sister grandmother grandfather grandson granddaughter uncle aunt nephew niece
    cousin friend girlfriend boyfriend fiance fiancee neighbor neighbour driver passenger
    resident customer employee worker clerk guard bystander youth juvenile adult male
    female suspect gunman shooter pedestrian motorist cyclist patron owner tenant classmate
    teacher soldier civilian protester journalist doctor nurse pastor priest housemate
    roommate coworker stepfather stepmother stepson stepdaughter stepbrother stepsister
    grandchild parent sibling spouse partner mom dad intruder robber burglar homeowner
    inmate prisoner passerby samaritan grader kindergartner invader"""
)


# Nouns of two people: "a young couple was found dead".
PAIRS = {"couple": 2.0, "pair": 2.0}


def both(tok: Token) -> bool:
    """Two people the text named before, whose fate the verb tells: "Both of them died",
    "both men were pronounced dead"."""
    if tok.lower_ == "both":
        return tok.pos_ == "PRON" and tok.dep_ in ("nsubj", "nsubjpass")
    return (
        tok.tag_ == "NNS"
        and tok.lemma_.lower() in VICTIM_NOUNS
        and any(x.dep_ in ("det", "predet") and x.lower_ == "both" for x in tok.children)
    )


_OBJECT_PRONOUNS = words("him her")


# Victim nouns whose group the lexicon knows ("officer": security forces).
_PERSON_GROUPS = {w: g for w, g in lex.GROUP_OF_NOUN.items() if g != lex.TOTAL}


_LIST_POS = frozenset({"NOUN", "PROPN", "PRON"})


def person_group(tok: Token, lo: int) -> str | None:
    """The group of one victim: the person as named ("darnell fisk"), so that reports of
    the same person meet and one victim is never a rival of another's toll; a described
    person by the noun's group ("a police officer": security forces) or the noun ("man")."""
    if tok.lower_ == "another":
        return "additional person"
    if tok.pos_ == "PRON":
        return "person named before"
    if named(tok):
        # "a 19-year-old Ana Pell" is Ana Pell, as where her age follows her name.
        age = _age_word(tok)
        lo = max(lo, age.i + 1) if age is not None else lo
        return " ".join(t.text for t in tok.doc[lo : tok.i + 1]).lower()
    if age_noun(tok):
        if tok.lower_ in lex.ORDINALS:
            return "person"
        return "".join(t.text for t in tok.doc[lo : tok.i + 1] if t.dep_ != "det").lower()
    if tok.lemma_.lower() in PERPETRATORS:
        return tok.lemma_.lower()  # one gunman is the killer, not a group of fighters
    return None if _PERSON_GROUPS.get(tok.lemma_.lower()) else tok.lemma_.lower()


def _killed_by_police(tok: Token) -> bool:
    found = governing_measure(tok.head) if tok.dep_ == "dobj" else None
    who = doer(tok.head) if found is not None and found[0] == "killed" else None
    # The doer's noun or a word before it: "officers", "a SWAT team".
    return who is not None and any(
        lex.GROUP_OF_NOUN.get(t.lower_) == lex.SECURITY or t.lower_ == "swat"
        for t in (who, *who.lefts)
    )


def one_person(tok: Token) -> bool:
    """One person named or described: "a man", "the victim", "John Smith", "himself"."""
    if tok.lower_ in REFLEXIVE:
        return True
    if tok.lower_ in SUBJECT_PRONOUNS:
        return tok.dep_ in ("nsubj", "nsubjpass")
    if tok.lower_ in _OBJECT_PRONOUNS:
        # "killing her and another woman": only as one of several named victims; "before
        # police killed him": the one the police killed.
        return (
            tok.dep_ == "conj"
            or any(x.dep_ == "conj" for x in tok.children)
            or _killed_by_police(tok)
        )
    if tok.lower_ == "another":
        # "two remain hospitalized and another was released": one more victim.
        return tok.dep_ in ("nsubj", "nsubjpass")
    if both(tok):
        return True
    if tok.pos_ == "PRON" or tok.dep_ in ("compound", "poss"):
        return False
    if age_noun(tok):
        return True
    if tok.dep_ == "appos" and list_parent(tok) is None and not _dead_in_headline(tok):
        return False
    if named(tok):
        return tok.pos_ == "PROPN" and tok.tag_ == "NNP"
    if tok.lemma_.lower() == "body" and tok.tag_ == "NN":
        # "a body was found", "an elderly man's body was found"
        return any(
            (x.dep_ == "det" and x.lower_ in ("a", "an"))
            or (x.dep_ == "poss" and x.lemma_.lower() in VICTIM_NOUNS and _indefinite(x))
            for x in tok.children
        )
    dets = [x.lower_ for x in tok.children if x.dep_ in ("det", "poss")]
    # "a good Samaritan": a person noun the tagger takes for a name, after an article.
    tagged = tok.tag_ == "NN" or (tok.tag_ == "NNP" and any(d in ("a", "an") for d in dets))
    known = tok.lemma_.lower() in VICTIM_NOUNS | PERPETRATORS | set(PAIRS)
    if not tagged or not (known or (tok.tag_ == "NN" and aged_before(tok))):
        return False
    return not any(d in ("every", "each", "any", "no") for d in dets)


def age_noun(tok: Token) -> bool:
    """ "the 4-year-old", "a 19-year-old": an age standing for the person, as news names
    someone before naming them; "a fifth died": an ordinal standing for one more victim
    (the parse leaves both adjectives)."""
    if tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "conj", "pobj") or not any(
        d.dep_ == "det" for d in tok.children
    ):
        return False
    if tok.lower_ in lex.ORDINALS:
        # "a third were hurt", "a fifth of them": a share, not one person.
        verb = tok.head
        plural = verb.tag_ == "VBP" or any(
            x.dep_ in ("aux", "auxpass") and x.lower_ in ("were", "are", "have")
            for x in verb.children
        )
        # "put a fifth in critical condition", "wounded a third": one more person, as the
        # object of a harm too.
        placed = tok.dep_ == "dobj" and (
            tok.head.lemma_.lower() in ("put", "leave")
            or measure_word(tok.head) in lex.HARM_MEASURES
        )
        return (
            (tok.dep_ in ("nsubj", "nsubjpass") or placed)
            and tok.pos_ in ("ADJ", "NOUN")
            and not plural
            and not any(x.lower_ == "of" for x in tok.children)
        )
    return tok.lower_ == "old" and any(
        x.lemma_.lower() in ("year", "month") and any(n.like_num for n in x.children)
        for x in tok.children
    )


def _aged(tok: Token) -> bool:
    """ "Smith, 22," "Jones, 23 months,": a name with an age in apposition is a person's,
    whatever entity the model took it for."""
    for x in tok.children:
        if x.dep_ != "appos" or x.i < tok.i:
            continue
        if x.like_num and x.pos_ == "NUM":
            return True
        if x.lemma_.lower() in ("month", "year") and any(n.like_num for n in x.children):
            return True
    return False


def _age_word(tok: Token) -> Token | None:
    """The "old" of "a 19-year-old Ana Pell" before `tok`."""
    for x in tok.lefts:
        if (
            x.dep_ == "amod"
            and x.lower_ == "old"
            and any(
                y.lemma_.lower() in ("year", "month") and any(n.like_num for n in y.children)
                for y in x.children
            )
        ):
            return x
    return None


def aged_before(tok: Token) -> bool:
    """ "a 19-year-old Ana Pell", "a 77-year-old deacon": only a person or an animal has an
    age told before its noun, so the noun is a person's, whatever the tagger or the entity
    took it for, unless it or a word of it names an animal ("a 3-year-old dog")."""
    if _age_word(tok) is None:
        return False
    return not any(
        t.lower_ in lex.NOT_VICTIM_NOUNS
        for t in (tok, *tok.lefts)
        if t.dep_ in ("compound", "amod") or t is tok
    )


def named(tok: Token) -> bool:
    """A person's name: tagged so, or a proper name with an age, or joined by "and" to a
    person's name ("Darnell Mackey and Ishmael Hayes, 20,", the first taken for a firm)."""
    if tok.ent_type_ == "PERSON":
        return True
    if tok.pos_ != "PROPN":
        return False
    return (
        _aged(tok)
        or aged_before(tok)
        or _named_before(tok)
        or any(
            x.dep_ == "conj" and x.pos_ == "PROPN" and (x.ent_type_ == "PERSON" or _aged(x))
            for x in tok.children
        )
    )


def _indefinite(tok: Token) -> bool:
    return any(x.dep_ == "det" and x.lower_ in ("a", "an") for x in tok.children)


def _named_before(tok: Token) -> bool:
    """ "Ada Voss was shot." ... "Ada died on Sunday.": a word of a person's name the text
    gave before stands for that person, though the tagger misses it the second time."""
    return any(
        e.label_ == "PERSON" and e.end <= tok.i and len(e) > 1 and tok.text in (t.text for t in e)
        for e in tok.doc.ents
    )


def _dead_in_headline(tok: Token) -> bool:
    """ "Four shot, man dead": a bare person with his fate right after him is no aside."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return bare_victim(tok) and nxt is not None and nxt.lower_ == "dead"


def list_parent(tok: Token) -> Token | None:
    """The member of a list of people before `tok`, if `tok` goes on a list: a conjunct, or
    a named person after another one's age ("Smith, 36, Jones, 5, and Lee": the parse makes
    Jones an apposition of Smith, but nobody is renamed right after their age)."""
    head = tok.head
    if head.i == tok.i:
        return None
    if tok.dep_ == "conj" and head.pos_ in _LIST_POS:
        return head
    if tok.dep_ == "appos" and named(tok) and head.pos_ == "PROPN" and _aged(head):
        return head
    if tok.dep_ == "appos" and bare_victim(tok) and bare_victim(head) and head.i < tok.i:
        return head  # a headline's "Man, woman killed in crash"
    if tok.dep_ == "pobj" and head.lower_ == "with" and _along(head):
        # "two boys are dead along with their father": one more of the clause's subject
        clause = head.head.head if head.head.lower_ == "along" else head.head
        subject = next((x for x in clause.children if x.dep_ in ("nsubj", "nsubjpass")), None)
        # "mourned a man gunned down along with his son": the noun of the participle
        if subject is None and clause.dep_ == "acl":
            return clause.head
        if subject is None and clause.dep_ == "advcl" and clause.tag_ == "VBN":
            return _person_before(clause)  # "mourned a man they knew, gunned down along ..."
        return subject
    return None


def _person_before(participle: Token) -> Token | None:
    """The person a participle set off after the main clause tells of: the nearest one
    before it ("mourned the death of a man they called a friend, gunned down ...")."""
    for i in range(participle.i - 1, participle.sent.start - 1, -1):
        tok = participle.doc[i]
        person = tok.lemma_.lower() in VICTIM_NOUNS or named(tok)
        if tok.dep_ != "compound" and tok.pos_ in ("NOUN", "PROPN") and person:
            return tok
    return None


def parent_is(tok: Token, parent: Token) -> bool:
    found = list_parent(tok)
    return found is not None and found.i == parent.i


def bare_victim(tok: Token) -> bool:
    """A person noun with no determiner: how a headline lists victims."""
    return tok.lemma_.lower() in VICTIM_NOUNS and not any(
        x.dep_ in ("det", "poss") for x in tok.children
    )


def list_role(tok: Token) -> Token:
    """The first of a list of victims carries the list's place in the clause."""
    node = tok
    while (parent := list_parent(node)) is not None:
        node = parent
    return node


def _along(with_: Token) -> bool:
    prev = with_.doc[with_.i - 1] if with_.i > 0 else None
    return prev is not None and prev.lower_ == "along"


def left_edge(tok: Token) -> int:
    """Where the phrase naming the person starts: "a 44-year-old man", "John Smith"."""
    if tok.ent_type_ == "PERSON" and tok.ent_iob_ != "B":
        i = tok.i
        while i > 0 and tok.doc[i].ent_iob_ == "I":
            i -= 1
        return i
    lo = tok.i
    for x in tok.lefts:
        if x.dep_ in ("det", "amod", "compound", "nummod", "poss", "nmod", "npadvmod"):
            lo = min(lo, x.left_edge.i)
    return lo
