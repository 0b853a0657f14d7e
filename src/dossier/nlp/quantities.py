"""Numbers and quantities with what they count, normalized to a value or a range.

"more than 1,000 people" -> 1001..inf people; "thousands of Russian soldiers" ->
2,000..inf troops, qualified "Russian"; "three years" -> a duration of 3 years;
"not a large number" -> no figure but a *framing* ("small"). Rules, no model:
a number phrase (digits, number words, vague amounts such as "dozens of"), an
optional modifier ("at least", "nearly"), and the noun phrase after it. What a
bare "people" counts is read from its sentence: people killed are deaths,
people in a sentence about troops are troops. Dates, clock times and years are
left to the time stage.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from dossier.model import Evidence, Quantity

INF = math.inf


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
         "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# Vague amounts: "dozens of" is 24..99, "thousands of" 2,000..9,999 (a lower bound is what it asserts).
VAGUE = {"dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2_000, 9_999),
         "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999),
         "millions": (2_000_000, 9_999_999)}
SEVERAL = {"several": (3, 9), "a few": (2, 5), "few": (2, 5), "some": (2, 9)}
# Modifier -> how it turns a value v into a range.
MODIFIERS = {
    "more than": "above", "over": "above", "upwards of": "above", "in excess of": "above",
    "at least": "min", "no fewer than": "min", "no less than": "min",
    "fewer than": "below", "less than": "below", "under": "below",
    "at most": "max", "up to": "max", "no more than": "max",
    "nearly": "near_below", "almost": "near_below", "close to": "near_below", "just under": "near_below",
    "about": "approx", "around": "approx", "roughly": "approx", "some": "approx", "approximately": "approx",
    "an estimated": "approx", "estimated": "approx", "just over": "near_above",
}

_WORD_NUM = "|".join(sorted((re.escape(w) for w in UNITS), key=len, reverse=True))
_SCALE = "|".join(SCALES)
_NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?:\s+(?:{_SCALE}))?"
    rf"|(?:{_WORD_NUM})(?:[\s-]+(?:{_WORD_NUM}))?(?:\s+(?:{_SCALE}))?"
    rf"|(?:a|one)\s+(?:{_SCALE})"
)
_VAGUE = "|".join(sorted((re.escape(w) for w in VAGUE), key=len, reverse=True))
_SEVERAL = r"several|a\s+few|a\s+couple\s+of"
_MOD = "|".join(sorted((re.escape(w) for w in MODIFIERS), key=len, reverse=True))
_SIZES = "small|large|huge|big|limited|significant|considerable|substantial|sizeable|sizable"
_FRAMING = (rf"(?:a|an)\s+(?:(?:very|relatively|fairly|comparatively)\s+)?(?P<size>{_SIZES})"
            r"\s+(?:number|amount|contingent|force|group)")
_PHRASE = re.compile(
    rf"(?i)(?<![\w.,-])(?:(?P<only>only|just|merely)\s+)?(?:(?P<mod>{_MOD})\s+)?"
    rf"(?:(?P<vague>{_VAGUE})(?:\s+of)?|(?P<several>{_SEVERAL})\s+(?P<sevscale>{_SCALE})s?|"
    rf"(?P<framing>{_FRAMING})|(?P<num>{_NUMBER}))(?![\w])"
)
_NEGATION = re.compile(r"(?i)(?:\bnot|n['’]t|\bno|\bnever|\bhardly)\b(?:\s+\w+){0,3}\s*$")
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
           "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_DATEISH_AFTER = re.compile(
    rf"(?i)^\s*(?:{_MONTHS})\b|^\s*(?:a\.?m\b|p\.?m\b|:\d|gmt\b|utc\b|[ecmp][sd]t\b|bst\b|cet\b)|^(?:st|nd|rd|th)\b"
)
_DATEISH_BEFORE = re.compile(rf"(?i)(?:\b(?:{_MONTHS})\.?\s*|\b(?:page|no\.|number|article|section|chapter)\s*)$")
_PERCENT = re.compile(r"(?i)^\s*(?:%|per\s*cent|percent)")
_STOP = _wordset(
    "of the a an and or but from in on at to for with by as that which who whom whose this these those is "
    "are was were be been being will would could should can may might has have had do does did said says "
    "say than into across near per each every since after before during while when where about over under "
    "between among it its their his her our your they he she we i you there here not no so too very died "
    "killed perished told remain remained"
)
TROOP_WORDS = _wordset(
    "troops troop soldiers soldier servicemen servicemembers service personnel forces force army armed "
    "military contingent battalions battalion brigades brigade units unit fighters reservists conscripts "
    "mobilized"
)
DEATH_WORDS = _wordset(
    "killed dead died deaths death toll bodies fatalities lives perished victims"
)
_CATEGORY = {  # head noun -> what it counts, where that is a well-known thing
    **{w: "troops" for w in TROOP_WORDS - {"armed", "military", "service"}},
    "dead": "deaths", "deaths": "deaths", "bodies": "deaths", "fatalities": "deaths", "lives": "deaths",
    "victims": "deaths", "killed": "deaths",
    "missing": "missing", "injured": "injured", "wounded": "injured", "injuries": "injured",
    "refugees": "refugees", "displaced": "displaced", "evacuated": "evacuated", "evacuees": "evacuated",
    "arrested": "arrests", "arrests": "arrests", "detained": "arrests",
}
DURATION_UNITS = {"years": "year", "year": "year", "months": "month", "month": "month", "weeks": "week",
                  "week": "week", "days": "day", "day": "day", "hours": "hour", "hour": "hour",
                  "decades": "decade", "decade": "decade", "minutes": "minute", "minute": "minute"}
MEASURE_UNITS = {w: u for u, ws in {
    "kilometre": "kilometre kilometres kilometer kilometers km", "metre": "metre metres meter meters m",
    "mile": "mile miles", "tonne": "tonne tonnes ton tons", "kilogram": "kilogram kilograms kg",
    "hectare": "hectare hectares", "litre": "litre litres liter liters", "centimetre": "centimetres cm"}.items()
    for w in ws.split()}
CURRENCY_WORDS = _wordset(
    "dollars euros pounds roubles rubles yuan yen valdars francs hryvnias"
)
CURRENCY_SIGNS = {"$": "dollars", "€": "euros", "£": "pounds", "¥": "yen", "₽": "roubles"}
_CURRENCY_SIGN = re.compile(r"[$€£¥₽]\s*$")
_VERB_BEFORE = re.compile(r"(?i)\b(killed|injured|wounded|arrested|detained|evacuated)\s+"
                          r"(?:(?:at\s+least|some|about|nearly|more\s+than)\s+)?$")
_PRONOUNS = _wordset(
    "them us you those these whom which what"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*")


@dataclass
class Found:
    start: int
    end: int
    low: float | None
    high: float | None
    value: float | None
    framing: str | None
    approximate: bool
    counted: str | None  # the noun phrase as written ("Russian soldiers")
    head: str | None


def number_value(text: str) -> float | None:
    """'1,000' -> 1000, 'two million' -> 2e6, 'twenty-five' -> 25, 'a hundred' -> 100; None if not a number."""
    words = re.split(r"[\s-]+", text.strip().lower().replace(",", ""))
    total, current = 0.0, None
    i = 0
    while i < len(words):
        w = words[i]
        if w in ("a", "one") and i + 1 < len(words) and words[i + 1] in SCALES:
            current = 1.0
        elif w == "a" and i + 1 < len(words) and words[i + 1] == "dozen":
            current, i = 12.0, i + 1
        elif re.fullmatch(r"\d+(?:\.\d+)?", w):
            current = (current or 0) + float(w)
        elif w in UNITS:
            current = (current or 0) + UNITS[w]
        elif w in SCALES:
            total += (current if current is not None else 1) * SCALES[w]
            current = None
        else:
            return None
        i += 1
    value = total + (current or 0)
    return value if (total or current is not None) else None


def _range(mod: str | None, value: float) -> tuple[float, float, bool]:
    """The interval a modified figure asserts: 'more than 1,000' -> (1001, inf)."""
    kind = MODIFIERS.get((mod or "").lower())
    step = 1 if value == int(value) else 0.1
    if kind == "above":
        return value + step, INF, False
    if kind == "min":
        return value, INF, False
    if kind == "below":
        return 0, value - step, False
    if kind == "max":
        return 0, value, False
    if kind == "near_below":
        return round(value * 0.85), value, True
    if kind == "near_above":
        return value, round(value * 1.15), True
    if kind == "approx":
        return round(value * 0.8), round(value * 1.2), True
    return value, value, False


def _counted(text: str, end: int, limit: int = 4) -> tuple[str | None, str | None, int]:
    """The noun phrase after a number: ('Russian soldiers', 'soldiers', end offset), skipping 'of the'."""
    pos, words, last_end = end, [], end
    skipped_of = False
    hyphen = text[end : end + 1] == "-"  # "two-day", "340-kilometre": the unit is the next word only
    for m in _WORD.finditer(text, end):
        gap = text[pos : m.start()]
        if re.search(r"[.,;:!?()\"“”]", gap) or len(gap) > 3 or (gap == "-" and not hyphen):
            break
        w = m.group()
        lw = w.lower()
        if not words and lw in ("of", "from") and not skipped_of:
            skipped_of, pos = True, m.end()
            continue
        if not words and lw == "the" and skipped_of:
            pos = m.end()
            continue
        if lw in _STOP or lw in _PRONOUNS or lw[0].isdigit():
            break
        if words and w[0].islower() and lw.endswith("ed"):  # "two presidents agreed": a verb ends the phrase
            break
        words.append(w)
        pos = last_end = m.end()
        if len(words) >= limit or (hyphen and len(words) == 1):
            break
        if w[0].islower() and lw.endswith("s") and not lw.endswith("ss"):  # a plural noun is the head
            break
    if not words:
        return None, None, end
    return " ".join(words), words[-1].lower(), last_end


def _framing_size(size: str, negated: bool) -> str:
    small = size.lower() in ("small", "limited")
    return "large" if small == negated else "small"


def find_quantities(text: str) -> list[Found]:
    """Every quantity phrase of ``text`` with its range, framing and counted noun phrase."""
    out = []
    for m in _PHRASE.finditer(text):
        start, end = m.start(), m.end()
        before, after = text[max(0, start - 25) : start], text[end : end + 12]
        negated = bool(_NEGATION.search(text[max(0, start - 40) : start]))
        low = high = value = None
        framing, approx = None, False
        if m["framing"]:
            framing = _framing_size(m["size"], negated)
        elif m["vague"]:
            low, high = VAGUE[re.sub(r"\s+", " ", m["vague"].lower())]
            framing, approx = "large" if low >= 1000 else None, True
        elif m["several"]:
            lo, hi = SEVERAL.get(re.sub(r"\s+", " ", m["several"].lower()), (2, 9))
            scale = SCALES[m["sevscale"].lower()]
            low, high, approx = lo * scale, hi * scale, True
            framing = "large" if low >= 1000 else None
        else:
            raw = m["num"]
            if _DATEISH_AFTER.match(after) or _DATEISH_BEFORE.search(before):
                continue
            if re.fullmatch(r"1[89]\d\d|20\d\d", raw):  # a year
                continue
            if re.fullmatch(r"(?i)one", raw) and not m["mod"]:  # "one of them", "one day": rarely a count
                continue
            value = number_value(raw)
            if value is None:
                continue
            low, high, approx = _range(m["mod"], value)
        counted, head, phrase_end = _counted(text, end)
        currency = _CURRENCY_SIGN.search(text[max(0, start - 2) : start])
        if currency and head not in CURRENCY_WORDS:
            counted, head, phrase_end = CURRENCY_SIGNS[currency[0]], CURRENCY_SIGNS[currency[0]], end
        elif head is None:
            verb = _VERB_BEFORE.search(text[max(0, start - 30) : start])
            if verb:  # "the quake killed 12", "police arrested 40"
                counted, head, phrase_end = None, verb[1].lower(), end
        if _PERCENT.match(after):
            counted, head, phrase_end = "percent", "percent", end + len(_PERCENT.match(after).group())
        if m["only"] and framing is None and value is not None:
            framing = "small"
        if head is None and value is None and framing is None and low is None:
            continue
        out.append(Found(start, phrase_end, low, high, value, framing, approx, counted, head))
    return out


def _context_category(sentence: str, neighbours: str) -> str | None:
    words = set(re.findall(r"[a-z]+", sentence.lower()))
    if words & DEATH_WORDS or "death toll" in sentence.lower():
        return "deaths"
    if "missing" in words:
        return "missing"
    if words & TROOP_WORDS or set(re.findall(r"[a-z]+", neighbours.lower())) & TROOP_WORDS:
        return "troops"
    return None


def category_of(found: Found, sentence: str, neighbours: str = "") -> tuple[str, str]:
    """(kind, thing): kind is count | duration | percent | money | measure; thing is what is counted ("troops")."""
    head = found.head
    if head in DURATION_UNITS:
        return "duration", DURATION_UNITS[head]
    if head == "percent":
        return "percent", "percent"
    if head in CURRENCY_WORDS:
        return "money", head
    if head in MEASURE_UNITS:
        return "measure", MEASURE_UNITS[head]
    if head and head.endswith("-old"):  # "a 23-year-old student"
        return "measure", "age"
    if head in _CATEGORY:
        return "count", _CATEGORY[head]
    if head in ("people", "persons", "civilians", "residents", "men", "women", "children") or head is None:
        for word in re.findall(r"[a-z]+", sentence[found.end :].lower())[:4]:
            # "12 people were killed", "nine are missing", "3,000 had been evacuated"
            if word in _CATEGORY and word not in TROOP_WORDS:
                return "count", _CATEGORY[word]
            if word in DEATH_WORDS and word not in ("toll", "lives", "victims"):
                return "count", "deaths"
        if head is None and re.search(r"(?i)death toll\W+(?:\w+\W+){0,3}$", sentence[: found.start]):
            return "count", "deaths"
        if head in (None, "people") and _context_category(sentence, neighbours) == "troops":
            return "count", "troops"
        return "count", head or "unspecified"
    return "count", _lemma(head)


def _lemma(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def qualifier_of(counted: str | None, text: str, end: int) -> str | None:
    """A capitalised word that qualifies what is counted: 'Russian' soldiers, troops 'from Ostrenia'."""
    if counted:
        for w in counted.split()[:-1]:
            if w[0].isupper():
                return w
    m = re.match(r"\s+(?:from|of)\s+(?:the\s+)?([A-Z][a-z]+)", text[end : end + 40])
    return m[1] if m else None


def qualifier_key(name: str | None) -> str | None:
    """Demonym and country name to one key: 'Russian' / 'Russia' -> 'russi'."""
    return name.lower()[:5] if name else None


def describe(q: Quantity) -> str:
    """A short reading of a quantity: 'more than 1,000', '2,000-9,999', 'small (framing)'."""
    if q.low is None and q.high is None:
        return f"{q.framing} (framing)" if q.framing else q.text
    if q.low == q.high:
        return f"{q.low:,.0f}"
    if q.high is None:
        return f"at least {q.low:,.0f}"
    return f"{q.low:,.0f}-{q.high:,.0f}"


def article_quantities(article_id: str, text: str, sentences: Sequence[tuple[int, int]]) -> list[Quantity]:
    """The quantities of one article, each with its sentence as evidence."""
    out = []
    for index, (s_start, s_end) in enumerate(sentences):
        sentence = text[s_start:s_end]
        prev = text[sentences[index - 1][0] : sentences[index - 1][1]] if index else ""
        for f in find_quantities(sentence):
            kind, thing = category_of(f, sentence, prev)
            start, end = s_start + f.start, s_start + f.end
            qualifier = qualifier_of(f.counted, sentence, f.end)
            low, high = f.low, f.high
            qid = hashlib.sha1(f"{article_id}:{start}:{end}".encode()).hexdigest()[:16]
            out.append(Quantity(
                id=f"qty_{qid}", article_id=article_id, start=start, end=end, text=text[start:end],
                kind=kind, thing=thing, counted=f.counted, qualifier=qualifier,
                value=f.value, low=low, high=None if high == INF else high, framing=f.framing,
                approximate=f.approximate,
                evidence=Evidence(article_id=article_id, start=start, end=end, text=text[start:end],
                                  sentence_index=index, sentence=sentence),
            ))
    return out
