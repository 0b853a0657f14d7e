"""Line shape: what a line looks like (prose, headline, snippet, name) without reading its meaning."""

from __future__ import annotations

import re
from functools import lru_cache

WORD = re.compile(r"\w+(?:['’.-]\w+)*")
# Closing quotes and brackets that may follow a sentence's last mark.
_CLOSERS = "'\"’”»)]*"
SENTENCE_END = re.compile(r"[.!?…][" + re.escape(_CLOSERS) + r"]*$")
ELLIPSIS_END = re.compile(r"(?:\.\.\.|…|\[…\]|\[\.\.\.\])[" + re.escape(_CLOSERS) + r"]*$")
SOFT_END = re.compile(r"[.,;:][" + re.escape(_CLOSERS) + r"]*$")
# The signature under an embedded post: "— Jane Doe (@jdoe) November 18, 2019".
POST_ATTRIBUTION = re.compile(r"^[—–-]\s*.{1,80}\(@\w{1,30}\)\s+\w+\.?\s+\d{1,2},?\s+\d{4}$")
# Words that make a capitalised phrase an organisation, section or product rather than a person.
NOT_NAME_WORDS = frozenset(
    """news newsletter newsletters podcast video videos live update updates daily weekly sports sport report times
    post magazine press media group staff team editor editors desk agency network radio tv channel online digital
    today world politics business opinion review reviews blog weather market markets images image photo photos
    pictures picture stock shutterstock getty file handout archive courtesy the a an of in on for to with at from by this
    that how why what who when where new more top our your my""".split()  # noqa: SIM905
)
NAME_PARTICLES = frozenset(
    """de da di del della der den van von la le du dos das bin ibn al el y e st""".split()  # noqa: SIM905
)

MAX_HEADLINE_WORDS = 25
MIN_PROSE_WORDS = 8
CACHE = 8192  # lines are looked at by several rules; their shape is computed once


@lru_cache(maxsize=CACHE)
def words(line: str) -> tuple[str, ...]:
    """The words of a line (letters and digits, inner apostrophes and hyphens kept)."""
    return tuple(WORD.findall(line))


def is_snippet(line: str) -> bool:
    """A line cut off with an ellipsis: the teaser text under a headline."""
    return bool(ELLIPSIS_END.search(line.strip()))


def ends_sentence(line: str) -> bool:
    """Ends like a sentence (., !, ? or …, optionally inside closing quotes)."""
    return bool(SENTENCE_END.search(line.strip()))


@lru_cache(maxsize=CACHE)
def is_prose(line: str) -> bool:
    """A body-like line: several words ending like a sentence, and not a cut-off snippet."""
    s = line.strip()
    return len(words(s)) >= MIN_PROSE_WORDS and ends_sentence(s) and not is_snippet(s)


@lru_cache(maxsize=CACHE)
def is_headline_like(line: str) -> bool:
    """A short line that does not end like a sentence: a title, dek, subheading or teaser headline."""
    s = line.strip()
    n = len(words(s))
    if n == 0 or n > MAX_HEADLINE_WORDS or is_snippet(s):
        return False
    return not SOFT_END.search(s) or s.endswith(("?", "!"))


def is_name_like(line: str) -> bool:
    """Two to four capitalised words and nothing else: how a byline or a signature looks."""
    tokens = line.strip().rstrip(".,").split()
    if not 2 <= len(tokens) <= 5:
        return False
    named = [t for t in tokens if t.lower() not in NAME_PARTICLES]
    if any(t.lower().strip(".,") in NOT_NAME_WORDS for t in named):
        return False
    return 2 <= len(named) <= 4 and all(_is_name_token(t) for t in named)


def _is_name_token(token: str) -> bool:
    """A capitalised word of letters (O'Neil, Jean-Luc, J.) with no digits."""
    core = token.replace("-", "").replace("'", "").replace("’", "").replace(".", "")
    if not core.isalpha() or not token[0].isupper():
        return False
    return len(core) == 1 or not core.isupper() or len(core) <= 3


def is_post_attribution(line: str) -> bool:
    """The signature line of an embedded social-media post (its text is the line above)."""
    return bool(POST_ATTRIBUTION.match(line.strip()))
