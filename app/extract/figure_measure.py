"""What a figure counts: the words and phrases that name its measure.

A single word names a measure ("killed", "wounded", "arrests"); news copy as often names
it with a phrase on the verb: "crushed to death", "taken into custody", "rushed to
hospital", "rounded up", "lost their lives". A count noun names it through what it
counts: "the death toll", "the number of people arrested", "the tally of the dead".
The word that governs a counted noun gives its measure unless the noun is the doer of
the act ("gunmen killed 5": the gunmen are not killed).
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from app.extract import figure_lexicon as lex
from app.extract.figure_context import has_subject

QUOTES = "“”«»\"'‘’„"
_INNER_QUOTE = re.compile(r"[“”«»\"„]")

# Verbs whose "to death" is a sentence, not a death: "sentenced to death".
_NOT_DEATH = lex.words("sentence condemn")
# Verbs that put a person in hospital as a casualty: "rushed to hospital", "are in hospital".
_CARE_VERBS = lex.words(
    """take rush admit treat bring carry transport transfer ferry airlift fly hospitalize
    hospitalise be remain stay lie"""
)
# Phrasal verbs of a measure: (lemma, particle).
_PHRASAL: dict[tuple[str, str], str] = {
    ("round", "up"): "arrested",
    ("lock", "up"): "arrested",
    ("gun", "down"): "killed",
    ("mow", "down"): "killed",
}
DIE_LEMMAS = lex.words("die perish succumb")
# Verbs whose object is the new value of their subject count: "the toll reached 100".
REACH_VERBS = lex.words("reach hit top exceed pass surpass near approach")


def word_parts(tok: Token) -> list[str]:
    """A token's words, split where a quote mark is glued inside it (`criminals»Killed`)."""
    text = tok.text
    if _INNER_QUOTE.search(text.strip(QUOTES)):
        return [p.lower() for p in _INNER_QUOTE.split(text) if p]
    return [tok.lower_]


def measure_word(tok: Token) -> str | None:
    """The measure a single word names, by lemma or by form."""
    for word in (tok.lemma_.lower(), *word_parts(tok)):
        m = lex.MEASURE_OF_WORD.get(word)
        if m == "casualties" and tok.pos_ == "NOUN" and tok.lemma_.lower() == "shot":
            return None  # "47 shots were fired": shots, not people shot
        if m in ("killed", "injured") and _attempted(tok):
            return None  # "attempted murder": nobody died of it
        if m:
            return m
    return None


def _attempted(tok: Token) -> bool:
    return any(x.lower_ in ("attempted", "attempt") for x in tok.lefts) or (
        tok.dep_ == "pobj" and tok.head.head.lemma_.lower() == "attempt"
    )


def pobj_of(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def phrase_measure(verb: Token) -> tuple[str, Token] | None:
    """The measure a verb names with its particle, phrase or object: "rounded up",
    "beaten to death", "held in custody", "taken to hospital", "lost their lives"."""
    lemma = verb.lemma_.lower()
    for child in verb.children:
        if child.dep_ == "prt":
            m = _PHRASAL.get((lemma, child.lower_))
            if m:
                return m, verb
        elif child.dep_ == "prep":
            pobj = pobj_of(child)
            if pobj is None:
                continue
            prep, noun = child.lower_, pobj.lemma_.lower()
            if prep == "to" and noun == "death" and lemma not in _NOT_DEATH:
                return "killed", pobj
            if prep in ("in", "into") and noun in ("custody", "detention"):
                return "arrested", pobj
            if prep in ("to", "in", "into") and noun == "hospital" and lemma in _CARE_VERBS:
                return "injured", pobj
        elif child.dep_ == "dobj" and lemma == "lose" and child.lemma_.lower() == "life":
            return "killed", child
        elif child.dep_ == "dobj" and lemma in _SUFFER_VERBS:
            found = _suffered(child)
            if found is not None:
                return found, child
    return None


# "suffered minor injuries", "sustained a fatal wound": the object tells the harm.
_SUFFER_VERBS = frozenset({"suffer", "sustain"})
_FATAL = frozenset({"fatal", "mortal", "deadly", "lethal"})
_MILD = frozenset({"minor", "non-life-threatening", "superficial", "slight", "light"})


def _suffered(harm: Token) -> str | None:
    """An injury suffered is one lived with unless called fatal; a wound alone leaves the
    fate open (a later clause may tell it)."""
    noun = harm.lemma_.lower()
    if noun not in ("injury", "wound"):
        return None
    mods = {x.lower_ for x in harm.children if x.dep_ in ("amod", "compound")}
    if mods & _FATAL:
        return "killed"
    if noun == "injury" or mods & _MILD:
        return "injured"
    return "casualties"


def count_measure(noun: Token) -> tuple[str, Token] | None:
    """What a count noun counts: "the death toll", "the injury toll", "the number of
    dead", "the number of people arrested"."""
    own = measure_word(noun)
    if noun.lemma_.lower() not in lex.COUNT_NOUNS:
        return (own, noun) if own else None
    for child in noun.lefts:
        m = measure_word(child) if child.dep_ in ("compound", "amod") else None
        if m:
            return m, child
    if own:
        return own, noun
    for prep in noun.rights:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        pobj = pobj_of(prep)
        if pobj is None:
            return None
        m = measure_word(pobj)
        if m:
            return m, pobj
        for child in pobj.children:
            if child.dep_ in ("acl", "relcl", "amod"):
                m = measure_word(child)
                if m:
                    return m, child
        return None
    return None


# Words that make a later clause a possibility, not a fate: "where she could die".
_MAYBE = frozenset({"could", "may", "might", "would", "expected"})


def later_fate(verb: Token) -> tuple[str, Token] | None:
    """ "was taken to a hospital, where he later died": the fate a clause under the verb
    tells of its subject."""
    for node in verb.subtree:
        # "... but the coroner said she died": a clause that reports the fate.
        if node.dep_ not in ("relcl", "advcl", "conj", "ccomp") or node.i == verb.i:
            continue
        subj = next((x for x in node.children if x.dep_ in ("nsubj", "nsubjpass")), None)
        # "the attack that left two dead": a clause on a thing tells no one's fate.
        if subj is not None and (subj.pos_ != "PRON" or subj.tag_ == "WDT"):
            continue
        # "a boy was shot along with his coach, who died": "who" tells the fate of the
        # noun it hangs on, the subject's only where that noun is the subject.
        if (
            node.dep_ == "relcl"
            and subj is not None
            and subj.tag_ == "WP"
            and not _subject_of(node.head, verb)
        ):
            continue
        if node.dep_ == "ccomp" and subj is None:
            continue
        if any(x.lower_ in _MAYBE for x in node.children):
            continue  # "where she could die" tells no fate
        if any(
            x.dep_ in ("dobj", "obj")
            and (x.like_num or any(n.dep_ == "nummod" for n in x.children))
            for x in node.children
        ):
            continue  # "shot six men, killing two of them": the fate of some, a split
        if node.lemma_.lower() in DIE_LEMMAS or (
            not has_subject(node) and measure_word(node) == "killed"
        ):
            return "killed", node
        if any(x.lower_ == "dead" for x in node.children):
            return "killed", node  # "where he was pronounced dead", "and pronounced dead"
        if node.lemma_.lower() == "survive" and any(x.dep_ == "neg" for x in node.children):
            # "but did not survive": the "not" is the fate, no denial of the count, so
            # the fate stands on the verb that took them to care.
            return "killed", verb
    return None


def _subject_of(tok: Token, verb: Token) -> bool:
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i == verb.i


def governing_measure(gov: Token) -> tuple[str, Token] | None:
    """The measure of `gov`, where a later clause may tell the fate: "were taken to a
    hospital, where they died" counts the dead."""
    found = _governing_measure(gov)
    if found is not None and found[0] == "injured":
        # "was fatally wounded": the adverb tells the fate the verb leaves open.
        fatal = next(
            (
                x
                for x in gov.children
                if x.dep_ == "advmod"
                and lex.FATE_WORDS.get(x.lower_) == "killed"
                and not any(n.like_num for n in x.children)
            ),
            None,
        )
        if fatal is not None:
            return "killed", fatal
    if found is not None and found[0] in ("injured", "casualties"):
        return later_fate(gov) or found
    return found


def _governing_measure(gov: Token) -> tuple[str, Token] | None:
    """What a governing word measures: "killed"; "shot dead", "feared dead"; "remain
    missing"; "confirmed killed", "feared to have drowned"; "crushed to death", "taken
    into custody"; "among the dead were ...", "among those injured"."""
    m = measure_word(gov)
    if m == "casualties":
        return fate_of(gov) or (m, gov)
    if m:
        return m, gov
    if gov.lower_ in lex.OTHER_STATE_WORDS:
        return "other", gov
    found = phrase_measure(gov)
    if found:
        return found
    for child in gov.children:
        if child.dep_ in ("acomp", "oprd", "xcomp", "advmod", "dobj", "attr"):
            if child.lower_ == "dead":
                return "killed", child
            if child.lower_ in lex.OTHER_STATE_WORDS:
                return "other", child
            # A participle complement: "were confirmed killed", "are feared to have
            # drowned", "were reported injured" (not an infinitive: "sent to arrest").
            m = measure_word(child) if child.tag_ in ("VBN", "JJ") else None
            if m and child.dep_ in ("acomp", "oprd", "xcomp"):
                # "found shot to death": the complement's own fate decides.
                return (fate_of(child) or (m, child)) if m == "casualties" else (m, child)
        if gov.lemma_ == "be" and child.dep_ == "prep" and child.lower_ in ("among", "of"):
            pobj = pobj_of(child)
            if pobj is None:
                continue
            m = measure_word(pobj)
            if m:
                return m, pobj
            found = measured_noun(pobj)
            if found:
                return found
    return None


def measured_noun(noun: Token) -> tuple[str, Token] | None:
    """What a noun of people says happened to them: "the dead", "the victims", "those
    injured", "the people killed", "those who lost their lives"."""
    m = measure_word(noun)
    if m:
        return m, noun
    if noun.lemma_.lower() == "victim":
        return "casualties", noun
    for mod in noun.children:
        if mod.dep_ not in ("acl", "relcl", "amod"):
            continue
        if counts_own_subject(mod):
            continue
        m = measure_word(mod)
        if m:
            return m, mod
        if mod.dep_ == "relcl":
            found = phrase_measure(mod)
            if found:
                return found
    return None


def fate_of(verb: Token) -> tuple[str, Token] | None:
    """Whether those a verb of hitting hit lived or died, where its own clause says so:
    "shot dead", "fatally shot", "shot to death", "shot and killed", "shot and wounded".
    An adverb that carries its own number is a split, not a fate: "shot, three fatally"."""
    active = not any(x.dep_ == "auxpass" for x in verb.children)
    for child in verb.children:
        word = child.lower_
        if child.dep_ in ("advmod", "acomp", "oprd", "xcomp") and word in lex.FATE_WORDS:
            if not any(x.like_num for x in child.children) and not _after_number(child):
                return lex.FATE_WORDS[word], child
        elif child.dep_ == "conj" and child.pos_ == "VERB" and not has_subject(child):
            # "shot five and killed two": an act on its own object (not a time), no fate of all
            own = active and any(
                x.dep_ == "dobj" and x.ent_type_ not in ("DATE", "TIME") for x in child.children
            )
            m = None if own else measure_word(child)
            if m in ("killed", "injured"):
                return m, child
    found = phrase_measure(verb)
    return found if found and found[0] == "killed" else None


def counts_own_subject(clause: Token) -> bool:
    """ "Five shot, 1 killed": a clause with a number for subject counts that number, not
    the noun it hangs on."""
    return any(x.like_num and x.dep_ in ("nsubj", "nsubjpass") for x in clause.children)


def _after_number(adv: Token) -> bool:
    """ "shot, 2 of them fatally": a number between the verb and the adverb takes it as its
    own; "two men were fatally shot" is the fate of all."""
    doc = adv.doc
    verb = adv.head
    return verb.i < adv.i and any(t.like_num and t.pos_ == "NUM" for t in doc[verb.i + 1 : adv.i])


def subject_measure(node: Token, gov: Token) -> tuple[str, Token] | None:
    """The measure of a subject's verb, or of a verb coordinated with it that shares the
    subject ("six people were shot and wounded"), the doer of an active verb left out."""
    for verb in (gov, *(c for c in gov.children if c.dep_ == "conj")):
        if verb is not gov and (verb.pos_ != "VERB" or has_subject(verb)):
            continue
        found = governing_measure(verb)
        if found and not is_agent_subject(node, verb):
            return found
        if found and verb is gov:
            return None
    return None


def is_agent_subject(noun: Token, verb: Token) -> bool:
    """`noun` does the action of an active transitive verb ("gunmen killed 5 people",
    "police took 40 people into custody")."""
    if noun.dep_ != "nsubj":
        return False
    if verb.lemma_.lower() not in lex.TRANSITIVE_MEASURE_LEMMAS and phrase_measure(verb) is None:
        return False
    if verb.lemma_.lower() in _SUFFER_VERBS:
        return False  # who suffers an injury has it
    # "shot and killed his neighbor": the verbs joined to this one share its subject and
    # the object the last of them takes.
    verbs = (verb, *(c for c in verb.children if c.dep_ == "conj" and not has_subject(c)))
    # The object of "lost their lives" is the cue, not a victim.
    return any(
        c.dep_ in ("dobj", "obj") and c.lemma_.lower() != "life" and not _place_object(v, c)
        for v in verbs
        for c in v.children
    )


# Words of place a headline's parse may glue to the noun after them as an adjective.
_PLACE_WORDS = lex.words("outside inside near behind")


def _place_object(verb: Token, obj: Token) -> bool:
    """ "Four people shot outside bar": a headline's dropped "were" leaves "bar" parsed as
    the object of "shot"; a word of place right after the verb makes it where, not whom."""
    doc = verb.doc
    return verb.i + 1 < obj.i and doc[verb.i + 1].lower_ in _PLACE_WORDS
