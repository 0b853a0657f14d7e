"""Name comparison robust to transliteration: Lukashenko/Lukashenka, Volfovich/Wolfovich,
Dmitry/Dimitri, Zelensky/Zelenskyy."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from dossier.nlp.gazetteer import fold

# Transliteration variants folded to one spelling (applied in order).
_FOLDS = (
    (r"w", "v"), (r"kh", "h"), (r"ck", "k"), (r"ph", "f"), (r"x", "ks"), (r"tz", "ts"), (r"zh", "j"),
    (r"sch", "sh"), (r"ch", "c"), (r"q", "k"), (r"ie", "i"), (r"y", "i"), (r"j", "i"), (r"ii+", "i"),
    (r"(.)\1", r"\1"), (r"([aeiou])[aeiou]+", r"\1"),
)
_FINAL_VOWEL = re.compile(r"[aeiou]$")


def phonetic(token: str) -> str:
    """A spelling-insensitive key of one name token."""
    t = re.sub(r"[^a-z]", "", fold(token))
    for pattern, repl in _FOLDS:
        t = re.sub(pattern, repl, t)
    return _FINAL_VOWEL.sub("", t) if len(t) > 4 else t


def tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[\s\-]+", fold(name)) if t]


def surname_similarity(a: str, b: str) -> float:
    """0..1 similarity of the last tokens of two person names."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    pa, pb = phonetic(ta[-1]), phonetic(tb[-1])
    if pa == pb:
        return 1.0
    return fuzz.ratio(pa, pb) / 100 if min(len(pa), len(pb)) >= 5 else 0.0


def first_names_compatible(a: str, b: str) -> bool:
    """True when either name lacks a first name, or the first names can be the same person's."""
    ta, tb = tokens(a), tokens(b)
    if len(ta) < 2 or len(tb) < 2:
        return True
    fa, fb = ta[0].rstrip("."), tb[0].rstrip(".")
    if len(fa) == 1 or len(fb) == 1:
        return fa[0] == fb[0]
    pa, pb = phonetic(fa), phonetic(fb)
    return pa == pb or fuzz.ratio(pa, pb) >= 70 or pa.startswith(pb) or pb.startswith(pa)


def name_similarity(a: str, b: str) -> float:
    """0..1 similarity of two non-person names (organizations, places)."""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return 1.0
    if _acronym(a) == fb.replace(" ", "") or _acronym(b) == fa.replace(" ", ""):
        return 0.95
    pa, pb = " ".join(phonetic(t) for t in tokens(a)), " ".join(phonetic(t) for t in tokens(b))
    if pa == pb:
        return 0.97
    if min(len(fa), len(fb)) < 4:
        return 0.0
    return max(fuzz.ratio(pa, pb), fuzz.ratio(fa, fb)) / 100


def _acronym(name: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z][\w]*", name) if w.lower() not in {"of", "the", "and", "for"}]
    return "".join(w[0] for w in words).lower() if len(words) >= 2 else ""
