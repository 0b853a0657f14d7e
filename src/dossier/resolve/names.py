"""Name comparison robust to transliteration: Lukashenko/Lukashenka, Volfovich/Wolfovich,
Dmitry/Dimitri, Zelensky/Zelenskyy; and to the ways news shortens a name: titles
("President Nixon"), generational suffixes ("Comeaux Jr"), legal forms ("Microsoft
Corp."), acronyms ("IE" / "Internet Explorer"), and a part of the full name ("Saints" /
"New Orleans Saints")."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from dossier.nlp.gazetteer import fold

# Transliteration variants folded to one spelling (applied in order).
_FOLDS = (
    (r"w", "v"), (r"kh", "h"), (r"ck", "k"), (r"ph", "f"), (r"x", "ks"), (r"tz", "ts"), (r"zh", "j"),
    (r"sch", "sh"), (r"ch", "c"), (r"q", "k"), (r"ie", "i"), (r"y", "i"), (r"j", "i"), (r"ii+", "i"),
    (r"(.)\1", r"\1"), (r"([aeiou])[aeiou]+", r"\1"),
)
_FINAL_VOWEL = re.compile(r"[aeiou]$")
# Words before a person's name that are not part of it ("Attorney Mark Heller", "Miss Jenkin").
TITLES = {
    "mr", "mrs", "ms", "miss", "mister", "madam", "dr", "doctor", "prof", "professor", "sir", "dame", "lord", "lady",
    "gen", "general", "col", "colonel", "lt", "lieutenant", "maj", "major", "sgt", "sergeant", "capt", "captain",
    "cpl", "corporal", "pvt", "private", "adm", "admiral", "cmdr", "commander", "officer", "det", "detective",
    "insp", "inspector", "constable", "sheriff", "deputy", "agent", "attorney", "lawyer", "judge", "justice",
    "president", "vice", "prime", "minister", "chancellor", "secretary", "senator", "sen", "rep", "representative",
    "congressman", "congresswoman", "gov", "governor", "mayor", "ambassador", "rev", "reverend", "father", "pastor",
    "bishop", "cardinal", "pope", "rabbi", "imam", "sheikh", "king", "queen", "prince", "princess", "coach",
    "chief", "chairman", "ceo", "director", "actor", "actress", "singer", "star", "superintendent",
}
SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "junior", "senior"}
# Words that begin a surname ("Gaetano Lo Presti", "Vincent van Gogh"): a name made of them and the
# last word has no given name.
PARTICLES = {"lo", "la", "le", "de", "di", "da", "del", "della", "du", "van", "von", "der", "den", "ter", "ten",
             "al", "el", "bin", "ben", "ibn", "st", "san", "dos", "das"}
MALE, FEMALE = {"mr", "mister", "sir", "lord", "king", "prince", "father"}, \
    {"mrs", "ms", "miss", "madam", "dame", "lady", "queen", "princess", "sister"}
LEGAL_FORMS = {"inc", "corp", "corporation", "co", "ltd", "llc", "plc", "limited", "gmbh", "ag", "sa", "nv", "lp"}
_ACRONYM_SKIP = {"of", "the", "and", "for", "&", "de", "la", "du", "on", "in", "at"}


@lru_cache(maxsize=200_000)
def phonetic(token: str) -> str:
    """A spelling-insensitive key of one name token."""
    t = re.sub(r"[^a-z]", "", fold(token))
    for pattern, repl in _FOLDS:
        t = re.sub(pattern, repl, t)
    return _FINAL_VOWEL.sub("", t) if len(t) > 4 else t


def tokens(name: str) -> list[str]:
    return list(_tokens(name))


@lru_cache(maxsize=200_000)
def _tokens(name: str) -> tuple[str, ...]:
    return tuple(t for t in re.split(r"[\s\-]+", fold(name).replace("’", "'")) if t and t != "&")


def person_tokens(name: str) -> list[str]:
    """A person's name tokens without leading titles or trailing suffixes: 'Attorney Mark Heller Jr' -> mark heller."""
    return list(_person_tokens(name))


@lru_cache(maxsize=200_000)  # resolution asks for the same names again and again
def _person_tokens(name: str) -> tuple[str, ...]:
    toks = [t.removesuffix("'s") for t in tokens(name)]
    while len(toks) > 1 and toks[0].rstrip(".") in TITLES:
        toks.pop(0)
    while len(toks) > 1 and toks[-1].rstrip(".") in SUFFIXES:
        toks.pop()
    return tuple(toks)


def split_person(name: str) -> tuple[list[str], str]:
    """(given names, surname) of a person's name: 'W. Mark Felt Sr.' -> ([w, mark], felt)."""
    toks = person_tokens(name)
    if not toks:
        return [], ""
    k = len(toks) - 1
    while k > 0 and toks[k - 1] in PARTICLES:
        k -= 1
    return toks[:k], " ".join(toks[k:])


def gender(form: str, sentence: str = "") -> str | None:
    """'m' or 'f' where a name carries a gendered honorific ("Mr Jenkin", "Miss Jenkin"), in the form
    itself or right before it in its sentence; else None."""
    toks = tokens(form)
    first = toks[0].rstrip(".") if len(toks) > 1 else ""
    if not (first in MALE or first in FEMALE) and sentence and form:
        first = _word_before(form, sentence)
    return "m" if first in MALE else "f" if first in FEMALE else None


_WORD_BEFORE = re.compile(r"(\w+)\.?\s+$")


def _word_before(form: str, sentence: str) -> str:
    """The word right before the first whole-word occurrence of ``form`` that follows a word, lower-cased."""
    at = sentence.find(form)
    while at >= 0:
        end = at + len(form)
        if end == len(sentence) or not (sentence[end].isalnum() or sentence[end] == "_") or not form[-1:].isalnum():
            found = _WORD_BEFORE.search(sentence, max(0, at - 60), at)
            if found:
                return found.group(1).lower()
        at = sentence.find(form, at + 1)
    return ""


def core_tokens(name: str) -> list[str]:
    """Tokens of an organization or place without a leading article or trailing legal form."""
    return list(_core_tokens(name))


@lru_cache(maxsize=200_000)
def _core_tokens(name: str) -> tuple[str, ...]:
    toks = tokens(name)
    while len(toks) > 1 and toks[-1].rstrip(".,") in LEGAL_FORMS:
        toks.pop()
    return tuple(toks)


def surname_similarity(a: str, b: str) -> float:
    """0..1 similarity of the last tokens of two person names."""
    ta, tb = person_tokens(a), person_tokens(b)
    if not ta or not tb:
        return 0.0
    pa, pb = phonetic(ta[-1]), phonetic(tb[-1])
    if pa == pb:
        return 1.0 if pa else 0.0
    return fuzz.ratio(pa, pb) / 100 if min(len(pa), len(pb)) >= 5 else 0.0


def first_names_compatible(a: str, b: str) -> bool:
    """True when either name lacks a given name, or the first names can be the same person's; a first
    name may also be the other's middle name ("Mark Felt" / "W. Mark Felt")."""
    ga, gb = split_person(a)[0], split_person(b)[0]
    if not ga or not gb:
        return True
    if _given_match(ga[0], gb[0]):
        return True
    return any(_given_match(ga[0], g) for g in gb[1:] if len(g.rstrip(".")) > 1) or \
        any(_given_match(gb[0], g) for g in ga[1:] if len(g.rstrip(".")) > 1)


def _given_match(a: str, b: str) -> bool:
    fa, fb = a.rstrip("."), b.rstrip(".")
    if len(fa) == 1 or len(fb) == 1:
        return fa[0] == fb[0]
    pa, pb = phonetic(fa), phonetic(fb)
    return pa == pb or fuzz.ratio(pa, pb) >= 70 or pa.startswith(pb) or pb.startswith(pa)


def numbers_agree(a: str, b: str) -> bool:
    """Names with different numbers are different things: IE8 / IE9, Apollo 11 / Apollo 13."""
    return _numbers(a) == _numbers(b)


@lru_cache(maxsize=200_000)
def _numbers(name: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\d+", name))


@lru_cache(maxsize=200_000)
def _forms(name: str) -> tuple[str, str, str]:
    """(folded, core tokens, their sounds) of a name: what comparing it with others needs."""
    core = core_tokens(name)
    return fold(name), " ".join(core), " ".join(phonetic(t) for t in core)


def name_similarity(a: str, b: str) -> float:
    """0..1 similarity of two non-person names (organizations, places)."""
    if not numbers_agree(a, b):
        return 0.0
    (fa, ca, pa), (fb, cb, pb) = _forms(a), _forms(b)
    if fa == fb:
        return 1.0
    if ca == cb:
        return 0.98
    if is_acronym_of(a, b) or is_acronym_of(b, a):
        return 0.97 if min(len(fa), len(fb)) >= 3 else 0.95  # "CEC" is specific enough, "IE" needs context
    if pa == pb:
        return 0.97
    if min(len(fa), len(fb)) < 4:
        return 0.0
    return max(fuzz.ratio(pa, pb), fuzz.ratio(ca, cb)) / 100


def acronyms(name: str) -> set[str]:
    """Initials a multi-word name may be abbreviated to: with and without its function words."""
    return set(_acronyms(name))


@lru_cache(maxsize=200_000)
def _acronyms(name: str) -> frozenset[str]:
    words = [w for w in re.findall(r"[^\W\d_][\w']*", name.replace(".", " "))]
    if len(words) < 2:
        return frozenset()
    content = [w for w in words if w.lower() not in _ACRONYM_SKIP]
    out = {"".join(w[0] for w in words).casefold()}
    if len(content) >= 2:
        out.add("".join(w[0] for w in content).casefold())
    return frozenset(out)


@lru_cache(maxsize=200_000)
def acronym_form(name: str) -> str | None:
    """The letters of a name written as an acronym ("IE", "U.S.", "NYPD"), else None."""
    letters = re.sub(r"[.\s]", "", name)
    if 2 <= len(letters) <= 6 and letters.isalpha() and (letters.isupper() or "." in name):
        return letters.casefold()
    return None


def is_acronym_of(short: str, long: str) -> bool:
    """'CEC' / 'Central Election Commission'; an initial T may stand for a dropped 'The' ('THR')."""
    form, full = acronym_form(short), _acronyms(long)
    return bool(form) and (form in full or (len(form) >= 3 and form[0] == "t" and form[1:] in full))
