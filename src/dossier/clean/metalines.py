"""Lines that carry metadata rather than body: source credits, bylines, author bios, mastheads.

Each reader returns the value it found (an outlet, a name) or None; the junk
finder removes the line and the metadata step uses the value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from rapidfuzz import fuzz

from dossier.clean.shape import is_headline_like, is_name_like, words

_SOURCE = re.compile(
    r"^[\W_]*(?:source|sources|quelle|quellen|fuente|fuentes|fonte|fonti)\s*[:：]\s*(.+?)[\W_]*$",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^[\W_]*(?:by|written by|words by|story by|posted by|von|por|par|di|door|av|af)[:\s]+(.+?)\s*$", re.IGNORECASE
)
_NAME_JOINER = re.compile(r"\s*(?:,|\band\b|&|\bund\b|\by\b|\bet\b|\be\b)\s*", re.IGNORECASE)
_ROLE_TAIL = re.compile(r"\s*(?:[,|•·–—(]|\s-\s|\s(?:on|at|in|for)\s).*$")
_BIO_VERB = re.compile(r"^(?P<name>.{3,60}?)\s+(?:is|was|has been|writes|covers|reports)\b(?P<rest>.*)$")
_BIO_ROLE = re.compile(
    r"\b(?:reporter|journalist|correspondent|writer|editor|columnist|contributor|author|freelancer|freelance|"
    r"producer|blogger|critic|analyst|staff|intern|bureau chief|covers|covering|writes|reports)\b",
    re.IGNORECASE,
)
_BIO_OUTLET = re.compile(
    r"\b(?:for|at|with)\s+((?:the\s+)?[^\W\d_][\w&'’.-]*(?:\s+(?:of\s+|the\s+)?[^\W\d_][\w&'’.-]*){0,5})"
)
_SYNDICATION = re.compile(
    r"^[\W_]*(?:this (?:article|story|post|piece) (?:was |is )?(?:first |originally )?(?:appeared|published|republished)|"
    r"(?:first|originally) (?:appeared|published)|republished|read (?:the )?(?:original|full) (?:article|story)|"
    r"continue reading)\s+(?:on|in|by|at|from|with permission from)\s+(.{2,60}?)[\W_]*$",
    re.IGNORECASE,
)
_POST_APPEARED = re.compile(r"^[\W_]*the post .{3,300} appeared first on (.{2,60}?)[\W_]*$", re.IGNORECASE)
_DISCLAIMED_OUTLET = re.compile(
    r"\breflect the (?:views|opinions?|position|editorial policy) of\s+(.{2,60}?)[\W_]*$", re.IGNORECASE
)
_APPEAL_OUTLET = re.compile(r"^[\W_]*a (?:message|note|word) from (.{1,60}?)\s*[:.!]?\s*$", re.IGNORECASE)
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
MAX_SOURCE_WORDS = 8
MAX_ORG_BYLINE_WORDS = 4
CALENDAR_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december today tomorrow yesterday""".split()  # noqa: SIM905
)
MAX_NAME_CHARS = 40
SAME_PERSON_RATIO = 60  # a byline and a bio of one person, one spelling garbled
TYPO_RATIO = 85
MAX_BIO_WORDS = 60


@dataclass(frozen=True)
class Bio:
    name: str
    outlet: str | None


def source_credit(line: str) -> str | None:
    """The outlet credited by a "Source: X" line, or None."""
    m = _SOURCE.match(line.strip())
    if not m:
        return None
    value = m.group(1).strip()
    if _URL.match(value):
        return _host(value)
    if not 1 <= len(words(value)) <= MAX_SOURCE_WORDS or not value[0].isalnum() or value.endswith("..."):
        return None
    return value


def syndication_credit(line: str) -> str | None:
    """The outlet a republished text credits ("Originally published on X", "The post ... appeared first on X")."""
    s = line.strip()
    m = _SYNDICATION.match(s) or _POST_APPEARED.match(s)
    if not m:
        return None
    value = m.group(1).strip()
    return value if 1 <= len(words(value)) <= MAX_SOURCE_WORDS else None


def byline(line: str, organisations: bool = False) -> str | None:
    """The author named by a "By X" line ("By Jane Doe and John Roe, Reuters" -> "Jane Doe and John Roe").

    ``organisations`` also accepts "By Reuters": only where a byline stands, as "By The Numbers" may head a section.
    """
    m = _BYLINE.match(line.strip())
    if not m or len(words(line)) > 14:
        return None
    names = _ROLE_TAIL.sub("", m.group(1)).strip()
    parts = [p for p in _NAME_JOINER.split(names) if p]
    if parts and all(is_name_like(p) for p in parts):
        return names
    return m.group(1).strip() if organisations and _is_organisation_byline(m.group(1)) else None


def _is_organisation_byline(value: str) -> bool:
    """ "By Reuters", "By The Associated Press": a whole line of a few capitalised words, not a weekday or month."""
    tokens = value.strip().rstrip(".").split()
    if not 1 <= len(tokens) <= MAX_ORG_BYLINE_WORDS or any(not t[:1].isupper() for t in tokens):
        return False
    return not any(t.lower().strip(",.") in CALENDAR_WORDS for t in tokens) and value.strip()[-1:] not in ",;:"


def bare_name(line: str) -> str | None:
    """A line that is only a person's name, as a signature or byline is printed."""
    s = line.strip()
    return s.rstrip(".,") if is_name_like(s) else None


def is_author_line(line: str) -> bool:
    """A line that is only a person's name (a signature or a byline without "By")."""
    name = bare_name(line)
    return name is not None and len(name) <= MAX_NAME_CHARS


def bio(line: str) -> Bio | None:
    """An author bio ("Jane Doe is a reporter covering Europe for The Daily"): the name and the outlet."""
    s = line.strip()
    if len(words(s)) > MAX_BIO_WORDS:
        return None
    m = _BIO_VERB.match(s)
    if not m or not is_name_like(m.group("name")):
        return None
    if not _BIO_ROLE.search(" ".join(s.split()[:20])):
        return None
    outlet = _BIO_OUTLET.search(m.group("rest"))
    return Bio(m.group("name").strip(), _clean_outlet(outlet.group(1)) if outlet else None)


def disclaimer_outlet(line: str) -> str | None:
    """The outlet named by an opinion disclaimer ("... do not necessarily reflect the views of The Daily.")."""
    m = _DISCLAIMED_OUTLET.search(line.strip())
    if not m:
        return None
    value = _clean_outlet(m.group(1))
    return value if value and value[0].isupper() and len(words(value)) <= MAX_SOURCE_WORDS else None


def appeal_outlet(line: str) -> str | None:
    """The outlet named in an appeal heading ("A Message from The Daily:" -> "The Daily")."""
    m = _APPEAL_OUTLET.match(line.strip())
    if not m:
        return None
    value = m.group(1).strip()
    return value if value[:1].isupper() and len(words(value)) <= 6 else None


def is_masthead_shape(line: str) -> bool:
    """Short enough to be a site name printed above or below the article."""
    return is_headline_like(line) and len(words(line)) <= 6 and len(line) <= 60


def _host(url: str) -> str | None:
    """The host of a URL without "www." ("https://www.example.org/a" -> "example.org")."""
    host = urlsplit(url if "://" in url else f"http://{url}").hostname or ""
    return host.removeprefix("www.") or None


def _clean_outlet(value: str) -> str | None:
    """An outlet name cut before words that continue the sentence (lower-case words)."""
    kept = []
    for token in value.split():
        if kept and token[:1].islower() and token.lower() not in ("of", "the", "and", "for"):
            break
        kept.append(token)
    while kept and kept[-1].lower() in ("of", "the", "and", "for"):
        kept.pop()
    name = " ".join(kept).rstrip(".,;:")
    return name or None


def same_person(a: str, b: str) -> bool:
    """Two spellings of one name: a close match, or the same first name and a similar whole."""
    ratio = fuzz.ratio(a.casefold(), b.casefold())
    if ratio >= TYPO_RATIO:
        return True
    first_a, first_b = a.split()[0].casefold(), b.split()[0].casefold()
    return first_a == first_b and ratio >= SAME_PERSON_RATIO
