"""Speaker noun phrases next to a cue, and what kind of speaker they are.

No parser: the subject of a cue is the noun phrase that ends right before it
(adverbs and auxiliaries skipped), or, in inverted frames ("said Trump"), the
one right after it. An appositive or relative clause between commas
("Shraibman, a Belarusian analyst, noted") is stepped over to the name.
"""

from __future__ import annotations

from dossier.quotes.lexicon import (
    ADVERBS,
    FUNCTION_WORDS,
    NOT_ADVERBS,
    NP_STOP,
    PRONOUNS,
    QUANTIFIERS,
    UNNAMED_HEADS,
    cue_lemma,
)
from dossier.quotes.tokens import Sent, Tok

MAX_NP = 9
MAX_APPOSITIVE = 24
APPOSITIVE_OPENERS = {"a", "an", "the", "who", "which", "whose", "himself", "herself", "now", "then", "once",
                      "formerly", "also"}
BARE_CUES = {"say", "tell", "think", "know", "believe", "want", "add", "ask", "write", "claim", "argue", "insist"}
DEFINITE = {"the", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your"}
POSSESSIVE = {"'s", "’s", "'", "’"}
TIME_WORDS = set("""
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december week weekend month year morning afternoon evening night day days weeks
months years
""".split())
TIME_OPENERS = {"on", "in", "last", "this", "earlier", "late", "early", "next", "that", "during", "over"}
JOINERS = {"of", "the", "and", "&", "-", "for", "de", "al", "bin", "van", "von", "la", "le", "du", "da"}


def is_adverb(tok: Tok) -> bool:
    low = tok.low
    if low in ADVERBS:
        return True
    return low.endswith("ly") and len(low) > 4 and low not in NOT_ADVERBS and not tok.is_cap


def skip_adverbs_left(toks: list[Tok], j: int) -> int:
    while j >= 0 and is_adverb(toks[j]) and not toks[j].inside:
        j -= 1
    return j


def skip_time_left(toks: list[Tok], j: int, floor: int = 0) -> int:
    """Step left over a time phrase between a subject and its cue ("Sanders on Tuesday said", "she last
    week told"): index of the token before it, else ``j``."""
    k = j
    while k >= floor and (toks[k].low in TIME_WORDS or toks[k].text[:1].isdigit()) and not toks[k].inside:
        k -= 1
    if k == j or k < floor or toks[k].low not in TIME_OPENERS:
        return j
    return skip_adverbs_left(toks, k - 1)


def subject_before(sent: Sent, cue: int, floor: int = 0) -> tuple[int, int] | None:
    """Token range of the subject of the cue at index ``cue``, looking left no further than ``floor``."""
    toks = sent.toks
    j = skip_time_left(toks, skip_adverbs_left(toks, cue - 1), floor)
    if j < floor or toks[j].inside:
        return None
    if toks[j].low in PRONOUNS:
        return (j, j + 1)
    if toks[j].text == ",":
        return _before_appositive(sent, j, floor)
    if toks[j].low in {"who", "which"}:
        return (j, j + 1)  # "Trump, who said ...": the relative pronoun stands for the speaker
    return np_before(sent, j, floor)


def _before_appositive(sent: Sent, comma: int, floor: int) -> tuple[int, int] | None:
    """ "Artyom Shraibman, a Belarusian analyst at X, noted" -> the name before the commas;
    "The chairman of the council, Aleksandr Volfovich, said" -> the name between them."""
    toks = sent.toks
    for k in range(comma - 1, max(floor, comma - MAX_APPOSITIVE) - 1, -1):
        if toks[k].inside:
            return None
        if toks[k].text == ",":
            segment = toks[k + 1 : comma]
            if segment and all(t.is_cap or t.low in JOINERS | POSSESSIVE for t in segment) and segment[0].is_cap:
                return (k + 1, comma)
            return np_before(sent, k - 1, floor)
    return None


def _np_word(tok: Tok, at_start: bool) -> bool:
    """Whether a token may sit inside a speaker noun phrase."""
    if tok.inside or not (tok.is_word or tok.low in POSSESSIVE or tok.text in {"-", "&", "%"}):
        return False
    low = tok.low
    if tok.is_cap:
        return not (at_start and low in FUNCTION_WORDS and low not in {"the", "a", "an", "this", "his", "her",
                                                                      "their", "its", "our", "some", "many",
                                                                      "most", "all", "one", "two", "three"})
    if low in JOINERS or low in POSSESSIVE or low in UNNAMED_HEADS:
        return True
    if low in NP_STOP or low in PRONOUNS or is_adverb(tok):
        return False
    lemma = cue_lemma(low)
    return lemma is None or (low == lemma[0] and low not in BARE_CUES)


def np_before(sent: Sent, j: int, floor: int = 0) -> tuple[int, int] | None:
    """The noun phrase ending at token ``j`` (inclusive), as a token range."""
    toks = sent.toks
    if j < floor or not _np_word(toks[j], j == 0) or toks[j].low in JOINERS - {"-"}:
        return None
    k = j
    while k - 1 >= floor and j - k + 1 < MAX_NP and _np_word(toks[k - 1], k - 1 == 0):
        if toks[k - 1].low == "and" and not (toks[k - 2].is_cap if k - 2 >= floor else False):
            break
        k -= 1
    while k < j and toks[k].low in (JOINERS | POSSESSIVE) - {"the"}:
        k += 1
    k = _trim_lowercase_head(toks, k, j)
    group = k - 2
    if group >= floor and toks[k - 1].low in GROUP_PREPOSITIONS and toks[group].low in UNNAMED_HEADS:
        outer = np_before(sent, group, floor)  # "Diplomats in Geneva": the group, placed
        if outer is not None:
            return (outer[0], j + 1)
    return (k, j + 1)


def _trim_lowercase_head(toks: list[Tok], k: int, j: int) -> int:
    """Keep a long lower-case run only from its determiner: 'officials familiar the president' -> 'the president'."""
    for i in range(j, k - 1, -1):
        if toks[i].low in {"the", "a", "an"} and i > k and not any(t.is_cap for t in toks[k:i]):
            return i
    return k


def np_after(sent: Sent, i: int) -> tuple[int, int] | None:
    """The noun phrase starting at token ``i``: 'said [Whit Ayres], who was ...'."""
    toks = sent.toks
    if i >= len(toks) or toks[i].inside:
        return None
    if toks[i].low in PRONOUNS:
        return (i, i + 1)
    k = i
    while k < len(toks) and k - i < MAX_NP and _np_word(toks[k], False) and toks[k].low not in {"and"}:
        k += 1
    if k == i or toks[k - 1].low in JOINERS:
        return None
    if not any(t.is_cap or t.low in {"the", "a", "an"} or t.low in UNNAMED_HEADS for t in toks[i:k]):
        return None
    return (i, k)


def speaker_kind(words: list[str]) -> str:
    """name | pronoun | role | unnamed for a speaker phrase as written (its head decides)."""
    words = [w for w in words if w.lower() not in POSSESSIVE]
    if not words:
        return "none"
    lows = [w.lower() for w in words]
    if len(words) == 1 and (lows[0] in PRONOUNS or lows[0] in {"who", "which"}):
        return "pronoun"
    head = lows[-1]
    if lows[0] in QUANTIFIERS - {"a", "an", "one"} or (lows[0] in {"a", "an", "one"} and head in UNNAMED_HEADS):
        return "unnamed"
    if _group_head(lows) in UNNAMED_HEADS and lows[0] not in DEFINITE and not any(w in POSSESSIVE for w in lows):
        return "unnamed"  # "Officials", "Diplomats in Geneva": capitalized by the sentence or the place, still a group
    if words[-1][:1].isupper() and not (len(words) == 1 and head in FUNCTION_WORDS):
        return "name"
    head = lows[lows.index("of") - 1] if "of" in lows[1:] else head  # "residents of the district"
    definite = lows[0] in DEFINITE or any(w in POSSESSIVE for w in lows)
    if not definite and (head in UNNAMED_HEADS or _bare_plural(head)):
        return "unnamed"  # "officials", "residents of the district": a group, not someone to pin down
    return "role"


GROUP_PREPOSITIONS = {"of", "in", "at", "from", "for", "with", "on", "close", "near", "inside", "within", "across"}


def _group_head(lows: list[str]) -> str:
    """The head of a speaker phrase: the word before its first preposition ("diplomats in Geneva",
    "sources close to the talks"), else its last word."""
    cut = next((i for i, w in enumerate(lows[1:], 1) if w in GROUP_PREPOSITIONS), len(lows))
    return lows[cut - 1]


def _bare_plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))
