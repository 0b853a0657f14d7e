"""Carriers: the intermediaries an outlet credits for a quote ("according to the state Belta news agency").

A carrier is stated in the quote's sentence as: "according to X" next to
another speaker, "X quoted Y as saying", "Y was quoted by X", "Y told X" or
"in an interview with X" where X names a news organisation, or a trailing
"..., X reported" by a news organisation.
"""

from __future__ import annotations

import re

from dossier.quotes.frames import Frame
from dossier.quotes.lexicon import OUTLET_WORDS
from dossier.quotes.speakers import np_after
from dossier.quotes.tokens import Sent

INTERVIEW = re.compile(r"\b(?:in|during)\s+an?\s+(?:\w+\s+)?interview\s+(?:with|to)\s+", re.IGNORECASE)
STATEMENT_TO = re.compile(r"\bin\s+a\s+statement\s+to\s+", re.IGNORECASE)
CAMEL_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")  # "GuardianArtyom": two words glued by scraping
REPORTING = {"report", "say", "write", "quote", "announce", "publish", "carry"}


def span_text(sent: Sent, span: tuple[int, int], text: str) -> str:
    return text[sent.toks[span[0]].start : sent.toks[span[1] - 1].end]


def is_outlet(name: str) -> bool:
    """Whether a phrase names a news organisation: "the state Belta news agency", "Reuters"."""
    return bool(OUTLET_WORDS.search(name))


def clean_name(name: str) -> str:
    """A carrier name without its article or glued tail: "the Guardian" -> "Guardian"."""
    name = re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.IGNORECASE)
    return CAMEL_GLUE.split(name, maxsplit=1)[0] if CAMEL_GLUE.search(name.split()[0] if name else "") else name


def carriers(sent: Sent, frame: Frame, frames: list[Frame], text: str) -> list[str]:
    """Names of the carriers of the statement framed by ``frame``, in order from the speaker outwards."""
    found: list[str] = []
    if frame.carrier:
        found.append(span_text(sent, frame.carrier, text))
    if frame.lemma == "tell":
        recipient = np_after(sent, frame.cue[1])
        if recipient and is_outlet(span_text(sent, recipient, text)):
            found.append(span_text(sent, recipient, text))
    found += _phrase_carriers(sent, text, INTERVIEW) + _phrase_carriers(sent, text, STATEMENT_TO)
    for other in frames:
        if other is frame or not other.speaker or other.speaker == frame.speaker:
            continue
        name = span_text(sent, other.speaker, text)
        according = other.cls == "according" and frame.cls != "according"
        reporting = other.lemma in REPORTING and is_outlet(name) and other.cue[0] > frame.cue[0]
        if according or reporting:
            found.append(name)
    return _unique([clean_name(n) for n in found if n.strip()])


def _phrase_carriers(sent: Sent, text: str, pattern: re.Pattern) -> list[str]:
    """The names right after a carrier phrase ("in an interview with ...") outside quotes."""
    out = []
    for m in pattern.finditer(text, sent.start, sent.end):
        i = sent.token_at(m.end())
        if i is not None and not sent.toks[i].inside:
            np = np_after(sent, i)
            if np:
                out.append(span_text(sent, np, text))
    return out


def _unique(names: list[str]) -> list[str]:
    """Names in order, each once whatever its case."""
    seen, out = set(), []
    for n in names:
        if n.lower() not in seen:
            seen.add(n.lower())
            out.append(n)
    return out
