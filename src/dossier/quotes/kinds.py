"""Whether a quoted span is a statement or a scare-quoted term.

A scare quote is a single word or a short label-like noun phrase ("false",
"refugees", "special military operation"): up to four words and no sign of a
verb. A fragment with a verb ("keep things calm", "to “monitor the situation”")
is a partial quote, a statement in the speaker's words.
"""

from __future__ import annotations

import re

MAX_SCARE_WORDS = 4
AUXILIARIES = set("""
is are was were be been being am do does did have has had will would can could shall should may might must not
n't no never let let's
""".split())
# Frequent verbs whose base form gives a fragment away as a clause ("keep things calm").
COMMON_VERBS = set("""
keep take make get give go come stop end start let put bring send hold win lose fight protect defend destroy
build listen look see know want need help open close leave stay move work try continue prevent support attack
aggravate monitor say tell ask think believe feel find show use pay play run turn begin call kill save change
lead follow allow fix cut raise lower ban block deliver meet join reach remain become rebuild restore respect
return pull push drop seek sign vote stand fall rise break carry face cause create deal fail force grow hurt
hit lie live love hate mean miss offer pass plan prove provide read release rule serve share solve spend
strike suffer talk teach travel treat trust understand unite wait walk watch wear wish worry write
""".split())
WORD = re.compile(r"[\w’'-]+")


def is_scare(content: str, before: str) -> bool:
    """Whether a quoted span is a term in scare quotes rather than a quoted statement."""
    words = WORD.findall(content)
    if not words or len(words) > MAX_SCARE_WORDS:
        return False
    if content.rstrip()[-1:] in "?!":
        return False
    return not _has_verb([w.lower() for w in words], before)


def _has_verb(words: list[str], before: str) -> bool:
    """Signs of a clause: an infinitive, an auxiliary or negation, a frequent verb or a pronoun subject first."""
    if re.search(r"\bto\s*$", before, re.IGNORECASE) or words[0] == "to":
        return len(words) > 1 or words[0] != "to"
    if any(w in AUXILIARIES or w.endswith(("n't", "’t")) for w in words):
        return True
    if words[0] in COMMON_VERBS and len(words) > 1:
        return True
    pronoun_start = words[0] in {"i", "we", "you", "he", "she", "they", "it"}
    return pronoun_start and len(words) > 1


def covers_sentence(sentence: str, content: str) -> bool:
    """A quote standing as a sentence of its own: no more than two narrated words around it."""
    outside = sentence.replace(content, " ", 1)
    return len(WORD.findall(outside)) <= 2
