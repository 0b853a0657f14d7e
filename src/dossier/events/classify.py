"""Code one sentence: which PLOVER action it reports, where its actor and target stand, and its modality.

The action is the earliest trigger of the main clause (the trailing attribution "…, officials said"
is not the main clause, nor an opening adverbial "After the talks, …"). Later triggers are events of
their own, except inside what a speech act says ("accused X of preparing attacks" is one ACCUSE)
unless they are coordinated with it ("denied … and accused …"), have their own subject ("… and
Moscow blamed Kyiv") or a possessor ("Moscow's invasion of Ukraine"). Expressed intent turns
cooperation into AGREE and harm into THREATEN, as PLOVER codes them; a hostile plan a speaker
ascribes to someone else ("X said Y was preparing an attack") is the speaker's accusation.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from dossier.events.dictionaries import actor_code, verb_type
from dossier.events.plover import (
    ANNOUNCED,
    ATTRIBUTION,
    COMPILED,
    COOPERATIVE,
    HOSTILE,
    HYPOTHETICAL,
    INTENT,
    LEADING_ATTRIBUTION,
    NEGATION,
    REPORT_VERBS,
    Trigger,
)
from dossier.nlp.gazetteer import gazetteer

WINDOW_WORDS = 6  # how far back modality cues reach from a trigger
REPORTING = re.compile(
    r"\b(?:said|says|say|announced|announces|reiterated|stated|declared|insisted|insists|added|told|argued|"
    r"confirmed|claimed|reported|saying|quoted as saying)\b(?:\s+\w+){0,3}?\s+(?:that\s+)?")
EPISTEMIC = re.compile(r"\b(?:confirm|comment|say|know|disclose|reveal|specify|elaborate|explain|deny|rule out)\w*")
# "protesters", "investigators", "bombers": who acts, not the action (a one-word match only).
# ("inspectors", "monitors", "observers" are sent or received: that is an act; "surrender" is a verb)
AGENT_NOUN = re.compile(r"(?!inspectors|monitors|observers|surrender)[a-z]+(?:ers?|ors?|ists?)")
PASSIVE = re.compile(r"\b(?:be|been|being)$")
MODAL_AFTER = re.compile(r"(?:\s+[\w’'-]+){0,4}?\s+(?:could|might|may)\b")
FEAR = re.compile(r"\b(?:fears?|feared|fearing|afraid|warn(?:s|ed)? of the (?:risk|possibility))\b")
COORDINATED = re.compile(r"\band\s+(?:(?:has|have|had|was|were|is|are|also|then|later|\w+ly)\s+){0,2}$")
VERB_TOKEN = re.compile(r"\b[a-z]+(?:ed|es|s|ing)?\b")
DATELINE = re.compile(r"^[^\n]{2,60}?\((?:[a-z]{2,8})\)\s*[-–—]+\s*")
PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$")
PASSIVE_BY = re.compile(r"(?:\s+[\w-]+){0,4}?\s+by\b")
CLAUSE_BREAK = re.compile(r",\s+(?:\w+\s+){0,3}?(?:after|before|when|while|because|as|since|following|despite|amid|"
                          r"although|which|who|whom|where|but|and|saying|adding)\b|;|\s[-–—]\s")
POSSESSOR = re.compile(r"\b([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})['’]s\s+(?:[\w-]+\s+)?$")
# Words the verb dictionary codes that in running text are prepositions or nouns, not actions.
NOT_ACTIONS = {"according", "including", "regarding", "concerning", "following", "given", "training", "need",
               "pressure", "influence", "meeting", "taken", "support", "fail", "fails", "failed", "failing"}
# A dictionary verb that is part of a phrase meaning something else: "take part", "took place", "takes over".
PHRASAL_AFTER = re.compile(r"\s+(?:part|place|into account|note|office|charge of|care)\b")
GLUED = re.compile(r"[a-z][.!?][\"”’]?\s*[A-Z]")
PARTICIPLE = re.compile(r",\s*\w+ing\b[^,]*$")
VERBAL = {"ACCUSE", "REJECT", "THREATEN", "REQUEST", "AGREE", "CONSULT"}
INTRO = re.compile(r"\s*(?:after|before|following|during|since|despite|amid|while|as|when|with|at|in|on|if|unless|"
                   r"should|although|though|once|until|under|by|([a-z]+ing))\b[^,]{3,120},\s*", re.IGNORECASE)
CONDITION = re.compile(r"\W*(?:if|unless|should)\b", re.IGNORECASE)  # "Should the truce collapse, ..."
RELATIVE = re.compile(r",\s+(?:who|which|whose)\b[^,]*,")  # "Lavrov, who had also traveled to Minsk, found ..."
# A noun after a determiner or preposition ("the conflict", "its March meeting") is no verb of the dictionary's.
NOUN_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|our|my|your|this|that|these|those|of|in|on|at|for|with|"
                         r"by|from|into|during|after|before)\s+$")
# A plan ascribed to someone ("preparing", "the possibility of attacking"), not the speaker's guess ("could").
DELIBERATION = re.compile(r"\b(?:(?:possibility|option|prospect|idea)s? of|consider\w*|plan\w*|prepar\w*|plot\w*)")
OWN_SUBJECT = re.compile(r"\b(?:i|we|it|he|she|they|our|its|his|her|their|my)\b")
ALLEGED_KINDS = HOSTILE | {"ASSAULT", "THREATEN"}
CONJUNCTIONS = {"and", "but", "or", "then", "also", "later", "which", "who", "while", "so", "yet"}
NEW_SUBJECT = re.compile(r"\band\s+((?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})\s+(?:\w+\s+){0,2}$")


@dataclass
class Coding:
    """One action found in a sentence; spans are offsets into the sentence."""

    type: str
    mode: str | None
    trigger: tuple[int, int]
    source_region: tuple[int, int]
    target_region: tuple[int, int]
    negated: bool = False
    hypothetical: bool = False
    reported_by: str | None = None
    confidence: float = 0.8
    report_region: tuple[int, int] | None = None  # the attribution clause ("…, Lukashenko said")
    dictionary: bool = False  # coded from PETRARCH2's verb dictionary alone (no lexicon trigger)
    intent: bool = False  # the type is an expressed intent of the trigger's action ("ready to attack")


@dataclass
class _Match:
    start: int
    end: int
    trigger: Trigger
    dictionary: bool = False


def code_sentence(sentence: str, quoted: bool = False) -> list[Coding]:
    """The actions a sentence reports, the main one first (empty when it reports none). ``quoted``: the
    sentence is inside a direct quote whose speaker is known elsewhere (an allegation's source region
    is then empty, for the caller to fill with the speaker)."""
    lower = sentence.lower()
    lead = LEADING_ATTRIBUTION.match(sentence)
    attribution = ATTRIBUTION.search(sentence)
    main_end = attribution.start() if attribution and attribution.start() > 0 else len(sentence)
    begin = lead.end() if lead else _after_dateline(lower)
    matches = _matches(lower, begin, main_end)
    if all(m.dictionary for m in matches):  # a hand-lexicon verb in the attribution beats a dictionary guess
        matches = _attribution_matches(lower, main_end) or matches
    if not matches:
        return []
    reporter = lead.group(1).strip() if lead else _reporter(sentence, attribution)
    report = (main_end, len(sentence)) if attribution and main_end < len(sentence) else None
    said_by = report or ((0, 0) if quoted else None)  # who speaks, when the sentence is speech
    main, opening = _main(sentence, matches, begin)
    first = _coding(sentence, lower, main, main_end, reporter, first=True, begin=opening)
    out = [_allegation(sentence, lower, main, first, said_by, opening) or first]
    out += _later(sentence, lower, matches, main, main_end, reporter, begin)
    out += _background(sentence, lower, matches, main, (begin, opening), main_end, reporter)
    if not any(c.type == "ACCUSE" and c.mode == "allege" for c in out):
        out += _content_allegations(sentence, lower, matches, main, main_end, said_by, begin)
    for c in out:
        c.report_region = report
    return out


def _background(sentence: str, lower: str, matches: list[_Match], main: _Match, opening: tuple[int, int],
                main_end: int, reporter: str | None) -> list[Coding]:
    """Actions in an opening adverbial or an aside ("After Putin's visit, ..."): background, less sure;
    those of an opening condition ("If talks collapse, ...") are hypothetical."""
    begin, end = opening
    conditional = end > begin and CONDITION.match(sentence, begin) is not None
    out = []
    for m in matches:
        if m.start < main.start:
            c = _coding(sentence, lower, m, main_end, reporter, first=False, begin=begin)
            c.confidence = 0.6
            c.hypothetical |= conditional and m.start < end
            out.append(c)
    return out


def _later(sentence: str, lower: str, matches: list[_Match], main: _Match, main_end: int,
           reporter: str | None, begin: int) -> list[Coding]:
    """Events after the main one (see the module docstring for which count)."""
    out = []
    speech = main.trigger.type in VERBAL  # what follows a speech act is its content, not another event
    for prev, m in itertools.pairwise(matches):
        if m.start <= main.start:
            continue
        linked = bool(COORDINATED.search(lower[prev.end : m.start]) or PARTICIPLE.search(lower[prev.end : m.end]))
        glued = GLUED.search(sentence, prev.end, m.start)  # two sentences the splitter left as one
        own = (glued and (glued.end() - 1, m.start)) or _named_subject(sentence, prev.end, m.start) \
            or _possessor(sentence, prev.end, m.start)
        if speech and not (linked or own):
            continue
        c = _coding(sentence, lower, m, main_end, reporter, first=False, begin=begin)
        if linked:
            c.confidence = 0.75  # a verb sharing the main actor: "denied ... and accused ..."
        if own:
            c.source_region = own
        speech = c.type in VERBAL
        out.append(c)
    return out


def _allegation(sentence: str, lower: str, m: _Match, c: Coding, report: tuple[int, int] | None,
                begin: int) -> Coding | None:
    """A hostile plan or possibility that a speaker ascribes to someone else ("X claimed that Y was planning
    an attack", "“NATO is ready to attack us,” he says") is the speaker's accusation of aggression (CAMEO
    1123: ACCUSE, allege), not a threat by Y. A speaker announcing their own plan ("said it will") threatens."""
    if c.type not in ALLEGED_KINDS or c.negated or not (c.intent or DELIBERATION.search(_window(lower, m.start))):
        return None
    said = None
    for r in REPORTING.finditer(lower, begin, m.start):
        said = r
    if said is not None and said.start() > begin:
        speaker, content = (begin, said.start()), (said.end(), m.start)
    elif report is not None:
        speaker, content = report, (begin, m.start)
    else:
        return None
    if content[1] <= content[0] or not _names_another(sentence, *content):
        return None
    trigger = (said.start(), said.start() + len(said.group().split()[0])) if said is not None else c.trigger
    return Coding("ACCUSE", "allege", trigger, speaker, content, reported_by=c.reported_by,
                  confidence=c.confidence - 0.1)


def _content_allegations(sentence: str, lower: str, matches: list[_Match], main: _Match, main_end: int,
                         report: tuple[int, int] | None, begin: int) -> list[Coding]:
    """The first allegation inside what the main speech act says ("claimed ... that Y was planning an attack")."""
    for m in matches:
        if m.start > main.start:
            c = _coding(sentence, lower, m, main_end, None, first=False, begin=begin)
            found = _allegation(sentence, lower, m, c, report, begin)
            if found is not None:
                return [found]
    return []


def _main(sentence: str, matches: list[_Match], begin: int) -> tuple[_Match, int]:
    """The first trigger of the main clause, and where that clause starts: after an opening adverbial
    ("After Putin's meeting with Lukashenko, ...") and outside an aside ("Lavrov, who had also traveled
    to Minsk, found ...")."""
    opening = _opening(sentence, begin)
    asides = [a.span() for a in RELATIVE.finditer(sentence)]
    for m in matches:
        if m.start >= opening and not any(a <= m.start < b for a, b in asides):
            return m, opening
    return matches[0], begin


def _opening(sentence: str, begin: int) -> int:
    """The end of a sentence-initial adverbial clause or participle phrase ("Facing mass protests, ..."),
    else ``begin``. A capitalized '-ing' word that names a place or actor ("Beijing, ...") opens no clause."""
    m = INTRO.match(sentence, begin)
    if m is None:
        return begin
    word = m.group(1)
    if word and (len(word) < 6 or gazetteer().place(word) is not None or actor_code(word) is not None):
        return begin
    return m.end()


def _possessor(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """A named action ("Moscow's invasion of Ukraine") is an event of its own; its actor is the possessor."""
    m = POSSESSOR.search(sentence, start, end)
    return (m.start(1), m.end(1)) if m else None


def _named_subject(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """A new subject between two triggers ("... was bombed and Moscow blamed Ukraine"): its region."""
    m = NEW_SUBJECT.search(sentence, start, end)
    return (m.start(1), end) if m else None


def _matches(lower: str, start: int, end: int) -> list[_Match]:
    """Non-overlapping trigger matches in lower[start:end], left to right; longer wins at one place."""
    found = [_Match(m.start(), m.end(), t) for rx, t in COMPILED for m in rx.finditer(lower, start, end)
             if not AGENT_NOUN.fullmatch(m.group())]
    found += _dictionary_matches(lower, start, end, found)
    found.sort(key=lambda m: (m.start, m.dictionary, -(m.end - m.start)))
    out: list[_Match] = []
    for m in found:
        if not out or m.start >= out[-1].end:
            out.append(m)
    return out


def _dictionary_matches(lower: str, start: int, end: int, found: list[_Match]) -> list[_Match]:
    """Verbs of PETRARCH2's CAMEO dictionary the lexicon does not cover (only the first, as a fallback)."""
    if found:
        return []
    for m in VERB_TOKEN.finditer(lower, start, end):
        word = m.group()
        plover = verb_type(word)
        if plover and len(word) > 3 and word not in NOT_ACTIONS and not AGENT_NOUN.fullmatch(word) \
                and not NOUN_BEFORE.search(lower, 0, m.start()) and not PHRASAL_AFTER.match(lower, m.end()):
            return [_Match(m.start(), m.end(), Trigger(word, plover), dictionary=True)]
    return []


def _attribution_matches(lower: str, start: int) -> list[_Match]:
    """A sentence whose only action is its attribution verb ("…, a rights group protested"): verbal
    disapproval. Lexicon triggers only: the dictionary codes bare reporting verbs ("claimed") as accusations."""
    found = [(m.start(), m.end(), t) for rx, t in COMPILED for m in rx.finditer(lower, start)
             if t.type in ("PROTEST", "ACCUSE", "THREATEN", "REQUEST", "REJECT")]
    if not found:
        return []
    begin, end, t = min(found, key=lambda f: (f[0], f[0] - f[1]))
    return [_Match(begin, end, Trigger(t.pattern, "ACCUSE" if t.type == "PROTEST" else t.type, "disapprove"))]


def _coding(sentence: str, lower: str, m: _Match, main_end: int, reporter: str | None, first: bool,
            begin: int = 0) -> Coding:
    window = _window(lower, m.start)
    kind = m.trigger.type
    if INTENT.search(window) and kind != "REJECT" and not PASSIVE.search(window):
        kind = "AGREE" if kind in COOPERATIVE else "THREATEN" if kind in HOSTILE else kind
    elif kind in COOPERATIVE and ANNOUNCED.search(window):  # "announced continued cooperation"
        kind = "AGREE"
    negated = _negates(window) and kind != "REJECT" or (kind == "REJECT" and _double_negative(window))
    hypothetical = _hypothetical(lower, m, window)
    source, target = _regions(sentence, m, main_end, begin)
    return Coding(kind, m.trigger.mode, (m.start, m.end), source, target, negated, hypothetical, reporter,
                  confidence=(0.8 if first else 0.7) - (0.2 if m.dictionary else 0.0), dictionary=m.dictionary,
                  intent=kind != m.trigger.type)


def _hypothetical(lower: str, m: _Match, window: str) -> bool:
    """Feared, conditional or speculated: a cue in its clause, a modal right after it ("an offensive
    could come"), or fear expressed anywhere before it. A reported intent ("said he would") is not."""
    if HYPOTHETICAL.search(_clause(lower, m.start)) and "would" not in window.split()[-3:]:
        return True
    if MODAL_AFTER.match(lower, m.end):
        return True
    return bool(FEAR.search(lower, _clause_start(lower, m.start), m.start))


def _clause_start(lower: str, start: int) -> int:
    """Where the clause holding ``start`` begins (after the last ", after ..." style break before it)."""
    last = 0
    for b in CLAUSE_BREAK.finditer(lower, 0, start):
        last = b.start()
    return last


def _window(lower: str, start: int) -> str:
    """Up to WINDOW_WORDS words before the trigger, within its clause."""
    words = _clause(lower, start).split()
    return " ".join(words[-WINDOW_WORDS:])


def _clause(lower: str, start: int) -> str:
    before = lower[:start]
    cut = max(before.rfind(","), before.rfind(";"), before.rfind(" that "), before.rfind(" but "))
    return before[cut + 1 :]


def _negates(window: str) -> bool:
    """A negator governs the action unless a speech or knowledge verb stands between them
    ("did not confirm the strike" leaves the strike as reported, unconfirmed)."""
    last = None
    for last in NEGATION.finditer(window):
        pass
    return last is not None and not EPISTEMIC.search(window, last.end())


def _double_negative(window: str) -> bool:
    return bool(re.search(r"\b(?:not|never)\b|n[’']t\b", window))


def _regions(sentence: str, m: _Match, main_end: int, begin: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """Where the actor and target stand: before and after the trigger. After a reporting verb the actor
    is the speaker ("X said it will …") unless someone else is named ("X said Y will …"); a demand
    reported as "X said (that) Y must …" has its actor before the reporting verb and its target after it."""
    lower = sentence.lower()
    if m.start >= main_end:  # the attribution's own act ("…, a rights group protested") is done to the main clause
        return (main_end, len(lower)), (begin, main_end)
    report = None
    for r in REPORTING.finditer(lower, begin, m.start):
        report = r
    verb_end = _first_word_end(lower, m)  # "expelled two Russian diplomats": the target is in the object
    end = _clause_end(lower, verb_end, main_end)
    if report and (m.trigger.type == "REQUEST" and lower[m.start : m.end] in ("must", "should")):
        return (begin, report.start()), (report.end(), m.start)
    source = (begin, report.start()) if report else (begin, m.start)
    if report and _names_another(sentence, report.end(), m.start):
        source = (report.end(), m.start)
    agent = PASSIVE_BY.match(lower, m.end, end)
    if PASSIVE_BEFORE.search(lower, 0, m.start) and agent:  # "X was blown up by Y": Y did it to X
        return (agent.end(), end), source
    return source, (verb_end, end)


def _names_another(sentence: str, start: int, end: int) -> bool:
    """A subject other than the speaker: a capitalized name, and no pronoun pointing back to the speaker."""
    part = sentence[start:end]
    return bool(re.search(r"\b[A-Z]", part)) and not OWN_SUBJECT.search(part.lower())


def _first_word_end(lower: str, m: _Match) -> int:
    space = lower.find(" ", m.start, m.end)
    return m.end if space < 0 or m.trigger.type == "REQUEST" and "call" in lower[m.start : space] else space


def _after_dateline(lower: str) -> int:
    """Where the sentence starts after a wire dateline ("VESHTA, Oct 9 (NPA) - ")."""
    m = DATELINE.match(lower)
    return m.end() if m else 0


def _clause_end(lower: str, start: int, end: int) -> int:
    """The target stands before the next clause ("…, two days after the bridge at Drovna was …")."""
    m = CLAUSE_BREAK.search(lower, start, end)
    return m.start() if m else end


def _reporter(sentence: str, attribution: re.Match | None) -> str | None:
    """Who the sentence credits ("a Jordanian official", "Pentagon sources"), from its attribution clause."""
    if not attribution:
        return None
    text = attribution.group().strip(" ,.-–—\"”")
    m = re.match(r"according to\s+(.+)$", text, re.IGNORECASE)
    if m:
        return m.group(1).strip()
    m = re.match(r"(.+?)\s+(?:" + REPORT_VERBS + r")\b", text)
    if not m or m.group(1).split()[0].lower() in CONJUNCTIONS:
        return None  # "…, and announced a joint force": the actor's next act, not a source
    return m.group(1).strip()
