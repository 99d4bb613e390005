"""Care as a fate: those a hospital rates, treats and lets go, or sees mend, lived — unless a
later clause says otherwise ("in critical condition, where she later died")."""

from __future__ import annotations

from spacy.tokens import Token

from app.extract.figure_measure import later_fate, pobj_of

# How a hospital rates those it treats: "in stable condition".
_CONDITIONS = frozenset({"stable", "critical", "serious", "fair", "good", "grave", "guarded"})
# What a hospital treats a casualty for: "treated for gunshot wounds".
_WOUNDS = frozenset({"wound", "injury", "wounds", "injuries"})


def care_measure(verb: Token) -> tuple[str, Token] | None:
    """The verb of those a hospital rates, lets go or sees mend: "are in stable condition",
    "were treated and released", "are recovering" tell that they lived, unless a later
    clause tells otherwise ("in critical condition, where she later died")."""
    found = _care_measure(verb)
    return (later_fate(verb) or found) if found is not None else None


def _care_measure(verb: Token) -> tuple[str, Token] | None:
    lemma = verb.lemma_.lower()
    kids = list(verb.children)
    # "are recovering", but "a body was recovered" and "police recovered a gun"
    if lemma == "recover" and not any(x.dep_ in ("dobj", "obj", "auxpass") for x in kids):
        return "injured", verb
    for child in kids:
        pobj = pobj_of(child) if child.dep_ == "prep" and child.lower_ == "in" else None
        if (
            pobj is not None
            and pobj.lemma_.lower() == "condition"
            and any(a.lower_ in _CONDITIONS for a in pobj.children)
        ):
            return "injured", pobj
        if lemma == "treat" and child.dep_ == "conj" and child.lemma_.lower() == "release":
            return "injured", child
        # "were treated for gunshot wounds", "is being treated for injuries"
        if lemma == "treat" and child.dep_ == "prep" and child.lower_ == "for":
            pobj = pobj_of(child)
            if pobj is not None and pobj.lemma_.lower() in _WOUNDS:
                return "injured", pobj
    return None
