"""Sentence and word segmentation by rule, with character spans.

No model and no dependency: the splitter handles quotes, abbreviations
("Mr.", "U.S."), initials, and lines without final punctuation (headlines,
subheadings), which stand as sentences of their own. The word tokenizer
follows the CoNLL/Penn Treebank conventions the NER models were trained on
(clitics such as "'s" and "n't" split off, hyphenated words kept whole).
"""

from __future__ import annotations

import re

# Titles before a name: a period after them never ends a sentence.
TITLES = frozenset(
    "mr mrs ms messrs mme mlle dr prof rev fr sr st gen col lt maj capt cmdr adm sgt cpl pvt gov sen rep "
    "pres amb hon supt insp det brig atty".split()
)
# Other abbreviations: a period after them ends a sentence only before a word that usually starts one.
ABBREVIATIONS = frozenset(
    "jr inc corp co ltd plc llc bros dept univ assn est approx vs etc al vol pp fig ft mt ave blvd rd "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun "
    "e.g i.e a.m p.m u.s u.k u.n e.u u.s.a".split()
)
# Capitalised words that usually open a sentence; after "Inc." or "U.S." they signal a boundary.
STARTERS = frozenset(
    "the a an he she it they we i you his her its their our this that these those there here but and or so "
    "yet in on at for from with by as if when while after before since although though however meanwhile "
    "also still then now what who why how where which some many most all no not one two three".split()
)

_END = re.compile(r"[.!?]+|…")
_CLOSERS = "\"'”’»)]}"
_OPENERS = "\"'“‘«([{"
_WORD_BEFORE = re.compile(r"([\w.&'’-]+)$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``, whitespace trimmed, in order."""
    spans: list[tuple[int, int]] = []
    for start, end in _blocks(text):
        spans.extend(_split_block(text, start, end))
    return spans


def _blocks(text: str) -> list[tuple[int, int]]:
    """Runs of lines that belong together: a line break ends a block unless the next line continues it."""
    blocks, start = [], 0
    lines = text.split("\n")
    pos = 0
    for i, line in enumerate(lines):
        pos_end = pos + len(line)
        nxt = lines[i + 1].lstrip() if i + 1 < len(lines) else ""
        if not _continues(line.rstrip(), nxt):
            blocks.append((start, pos_end))
            start = pos_end + 1
        pos = pos_end + 1
    return blocks


def _continues(line: str, nxt: str) -> bool:
    """A hard-wrapped line: the next line starts in lower case, or this one stops mid-phrase."""
    if not line.strip() or not nxt:
        return False
    return nxt[0].islower() or line[-1] in ",;-–(" or nxt[0] in ",;)"


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, sent_start = [], start
    for match in _END.finditer(text, start, end):
        cut = match.end()
        while cut < end and text[cut] in _CLOSERS:
            cut += 1
        if _is_boundary(text, match.start(), match.group(), cut, end) and not _is_enumerator(text, sent_start, match.start()):
            spans.append((sent_start, cut))
            sent_start = cut
    spans.append((sent_start, end))
    return [s for s in (_trim(text, a, b) for a, b in spans) if s]


def _is_boundary(text: str, mark: int, punct: str, cut: int, end: int) -> bool:
    """Whether the punctuation at ``mark`` (its closers end at ``cut``) ends a sentence."""
    if cut < end and not text[cut].isspace():
        return False  # "3.5", "Yahoo!'s", "a.m.," - no space after
    rest = text[cut:end].lstrip()
    if not rest:
        return True
    nxt = rest[0]
    if nxt in _OPENERS:
        nxt = rest[1:2] or "a"  # a lone quote mark at the end closes this sentence
    if not (nxt.isupper() or nxt.isdigit()):
        return False  # "Yahoo! said", "the U.S. and", "p.m. yesterday"
    if punct != ".":
        return True
    before = _WORD_BEFORE.search(text, max(0, mark - 40), mark)
    word = before.group(1).strip("'’").lower() if before else ""
    if not word:
        return True
    next_word = re.match(r"[\w']+", rest.lstrip(_OPENERS))
    starter = bool(next_word) and next_word.group(0).lower() in STARTERS
    if word in TITLES:
        return False
    if len(word) == 1 and word.isalpha():
        return starter and word != "i" and text[mark - 1].islower()  # initials: "John F. Kennedy"
    if word in ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
        return starter  # "Acme Inc. The company ..." vs "U.S. President"
    return True


def _is_enumerator(text: str, start: int, mark: int) -> bool:
    """A list number or letter ("1.", "b.") at the start of a sentence does not end it."""
    head = text[start:mark].strip()
    return len(head) <= 3 and head.isalnum() and (head.isdigit() or len(head) == 1)


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


# Word tokens: URLs and e-mails, dotted acronyms ("U.S."), numbers with separators,
# words with inner hyphens/apostrophes/ampersands ("Anglo-Dutch", "O'Neill", "AT&T"),
# runs of the same punctuation ("...", "--"), any other single character.
_TOKEN = re.compile(
    r"""https?://\S+[^\s.,;:!?)\]"'”’]|www\.\S+[^\s.,;:!?)\]"'”’]|[\w.+-]+@[\w-]+\.[\w.-]*\w
    |(?:[A-Za-z]\.){2,}(?=[^\w]|$)
    |\d+(?:[.,:/]\d+)+
    |\w+(?:[-'’&]\w+)*
    |(?i:n['’]t|['’](?:s|re|ve|ll|d|m))\b
    |([^\w\s])\1*
    """,
    re.VERBOSE,
)
_CLITIC = re.compile(r"(?i)(n['’]t|['’](?:s|re|ve|ll|d|m))$")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Character spans of the word tokens of ``text[start:end]`` (CoNLL-like conventions)."""
    spans: list[tuple[int, int]] = []
    for match in _TOKEN.finditer(text, start, len(text) if end is None else end):
        a, b = match.span()
        clitic = _CLITIC.search(text, a, b) if b - a > 2 else None
        if clitic and clitic.start() > a:
            spans += [(a, clitic.start()), (clitic.start(), b)]
        else:
            spans.append((a, b))
    return _attach_periods(text, spans)


def _attach_periods(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Glue a period to the word before it when that word is a title, abbreviation or initial."""
    out: list[tuple[int, int]] = []
    for i, (a, b) in enumerate(spans):
        if out and text[a:b] == "." and out[-1][1] == a:
            word = text[out[-1][0] : out[-1][1]]
            is_last = i + 1 == len(spans)
            if _abbreviation(word) and not (is_last and word.lower() in ABBREVIATIONS and len(word) > 1):
                out[-1] = (out[-1][0], b)
                continue
        out.append((a, b))
    return out


def _abbreviation(word: str) -> bool:
    low = word.lower()
    return low in TITLES or low in ABBREVIATIONS or (len(word) == 1 and word.isupper())
