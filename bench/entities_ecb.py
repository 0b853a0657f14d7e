"""Cross-document entity resolution on ECB+: dossier's resolver against an exact-string baseline.

    python bench/entities_ecb.py                 # dev topics (the reported figures)
    python bench/entities_ecb.py --split train   # the topics rules are tuned on

Items are the gold entity mentions of ECB+ that are proper names (the rule is
``is_name`` below). Gold clusters are ECB+'s cross-document instances (one-mention
instances included) and within-document chains. ECB+ coded coreference only for
the participants of its seminal events, so a name in no relation at all has no
gold identity: it is not scored (``--unlinked`` scores it as a singleton), though
both systems see it. Each document's names go through dossier's per-article path
(``build_mentions``: typing by gazetteer, roles, ``link_short_names``), then
``resolve`` runs over the chains of all documents of a topic ("per topic", the
usual ECB+ setting where the topic is known) and once over all documents of the
split ("whole split", where topics may be confused). The baseline calls two
names one entity when their folded strings are equal (within the same scope).
Scores: MUC, B-cubed, CEAF-e, CoNLL F1 (their mean) and pairwise, with the CoNLL
reference scorer's definitions (bench/coref_metrics.py).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))

from coref_metrics import score, table  # noqa: E402

from dossier.nlp.entities import Sentences, build_mentions  # noqa: E402
from dossier.nlp.gazetteer import fold, gazetteer  # noqa: E402
from dossier.nlp.ner import is_demonym  # noqa: E402
from dossier.nlp.roles import TITLE  # noqa: E402
from dossier.resolve.cluster import chains_from_mentions, resolve  # noqa: E402

ECB = ROOT.parent / "shared" / "bench" / "stories" / "ecbplus-train-dev"

# ECB+ entity tags -> the NER label dossier's per-article path expects (it refines LOC to GPE by gazetteer).
LABELS = {
    "HUMAN_PART_PER": "PER", "HUMAN_PART_ORG": "ORG", "HUMAN_PART_MET": "ORG", "HUMAN_PART_GPE": "GPE",
    "HUMAN_PART_FAC": "LOC", "HUMAN_PART_VEH": "MISC", "LOC_GEO": "LOC", "LOC_FAC": "LOC", "LOC_OTHER": "LOC",
    "NON_HUMAN_PART": "MISC",
}
# Words stripped from the front of a span ("in the Gulf of Aden" -> "Gulf of Aden").
LEADING = {"the", "a", "an", "in", "at", "on", "to", "from", "near", "of", "into", "inside", "outside", "by",
           "for", "with", "across", "toward", "towards", "around", "between", "through", "over", "under", "off"}
CONNECTORS = {"of", "the", "and", "&", "de", "du", "del", "della", "da", "la", "le", "les", "von", "van", "der",
              "den", "al", "el", "bin", "y", "for", "on", "upon", "-", ".", "'", "'s"}
PRONOUNS = {"i", "me", "my", "mine", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "it",
            "its", "they", "them", "their", "who", "whom", "whose", "which", "that", "this", "these", "those",
            "himself", "herself", "itself", "themselves", "here", "there", "where"}
OPENERS = {"``", '"', "'", ":", "(", "-", "--"}
POSSESSIVE = re.compile(r"(?<=\w)(?:'s|')$")
NO_SPACE_BEFORE = {",", ".", ":", ";", "?", "!", ")", "%", "'s", "'", "n't", "'re", "'m", "'ve", "'d", "'ll"}


@dataclass
class GoldMention:
    item: str  # "<document>#<m_id>"
    start: int  # character offsets of the name (leading function words and a trailing "'s" cut)
    end: int
    label: str
    chain: str  # ECB+ instance id, within-document chain, or the item itself when unlinked
    linked: bool  # in a coreference relation; unlinked names were not annotated for coreference


@dataclass
class Doc:
    name: str
    topic: str
    text: str
    sentences: list[tuple[int, int]]
    mentions: list[GoldMention] = field(default_factory=list)


@dataclass
class Token:
    text: str
    sentence: int
    number: int
    start: int = 0
    end: int = 0
    initial: bool = False  # first word of its sentence, or right after an opening quote or colon


def read_tokens(root: ET.Element) -> tuple[dict[str, Token], str, list[tuple[int, int]]]:
    """Tokens with character offsets into a detokenized text, one line per sentence."""
    tokens = {t.get("t_id"): Token(t.text or "", int(t.get("sentence")), int(t.get("number"))) for t in root.iter("token")}
    parts, spans, pos, current, sent_start, previous = [], [], 0, None, 0, ""
    for tok in tokens.values():
        tok.initial = tok.sentence != current or previous in OPENERS
        previous = tok.text
        if tok.sentence != current:
            if current is not None:
                spans.append((sent_start, pos))
                parts.append("\n")
                pos += 1
            current, sent_start = tok.sentence, pos
        elif tok.text not in NO_SPACE_BEFORE and not _initialism(parts, tok.text):
            parts.append(" ")
            pos += 1
        tok.start, tok.end = pos, pos + len(tok.text)
        parts.append(tok.text)
        pos = tok.end
    spans.append((sent_start, pos))
    return tokens, "".join(parts), spans


def _initialism(parts: list[str], word: str) -> bool:
    """Whether ``word`` continues an initialism the tokenizer split: "U" "." "K" -> "U.K"."""
    return len(parts) >= 2 and parts[-1] == "." and len(parts[-2]) == 1 and parts[-2].isupper() \
        and len(word) == 1 and word.isupper()


def gold_chains(root: ET.Element, doc: str) -> dict[str, str]:
    """m_id -> chain label: the cross-document instance id, or a within-document chain id."""
    chains = {}
    for rel in root.find("Relations") or []:
        label = rel.get("note") if rel.tag == "CROSS_DOC_COREF" else f"{doc}:intra:{rel.get('r_id')}"
        for src in rel.findall("source"):
            chains[src.get("m_id")] = label
    return chains


def read_doc(path: Path, lexicon: Lexicon) -> Doc:
    root = ET.parse(path).getroot()
    tokens, text, sentences = read_tokens(root)
    doc = Doc(path.stem, path.parent.name, text, sentences)
    chains = gold_chains(root, doc.name)
    titles = title_sentences(tokens)
    for m in root.find("Markables"):
        anchors = [tokens[a.get("t_id")] for a in m.findall("token_anchor")]
        if m.tag not in LABELS or not anchors:
            continue
        name = is_name(anchors, lexicon, titles)
        if name:
            item, mid = f"{doc.name}#{m.get('m_id')}", m.get("m_id")
            end = name[-1].end - len(name[-1].text) + len(POSSESSIVE.sub("", name[-1].text))
            doc.mentions.append(GoldMention(item, name[0].start, end, LABELS[m.tag], chains.get(mid, item), mid in chains))
    return doc


def is_name(span: list[Token], lexicon: Lexicon, titles: set[int]) -> list[Token] | None:
    """The tokens of a span that form a proper name, or None. The rule:

    1. cut leading function words (prepositions, articles: "in the Gulf of Aden", "IN MILLOM") and a
       trailing possessive ("Microsoft 's");
    2. every remaining token starts with a capital (or is camel-case: "iPhone"), except name-internal
       connectors ("of", "de", "&", "-", "."), which may not start or end the name;
    3. no token is a pronoun ("He", "Who", "There", "I'm");
    4. capitals that position alone explains (sentence-initial tokens, title-case headlines) do not
       count: there, at least one token must be a word the corpus writes capitalized more often than
       not mid-sentence ("Thompson" yes, "Police" no);
    5. the name is not only a title or a nationality word ("President", "CEO", "Australian", "Jews"):
       those describe an entity rather than name it.
    """
    toks = list(span)
    while toks and toks[0].text.lower() in LEADING:
        toks.pop(0)
    while toks and toks[-1].text in {"'s", "'"}:
        toks.pop()
    if not toks or any(t.text.lower().split("'")[0] in PRONOUNS for t in toks):
        return None
    if not (_capital(toks[0].text) and _capital(toks[-1].text)):
        return None
    if not all(_capital(t.text) or t.text.lower() in CONNECTORS for t in toks):
        return None
    positional = all(t.initial or t.sentence in titles for t in toks if _capital(t.text))
    if positional and not any(lexicon.proper(t.text) for t in toks if _capital(t.text)):
        return None
    words = " ".join(POSSESSIVE.sub("", t.text) for t in toks)
    if TITLE.fullmatch(words) or is_demonym(words) or gazetteer().country_of_demonym(words):
        return None
    return toks


def _capital(word: str) -> bool:
    return word[:1].isupper() or (word[:1].islower() and any(c.isupper() for c in word[1:]))


def title_sentences(tokens: dict[str, Token]) -> set[int]:
    """Sentences written in title case (headlines): most of their words capitalized."""
    words: dict[int, list[str]] = defaultdict(list)
    for t in tokens.values():
        if t.text[:1].isalpha():
            words[t.sentence].append(t.text)
    return {s for s, ws in words.items() if len(ws) >= 3 and sum(w[0].isupper() for w in ws) / len(ws) >= 0.6}


class Lexicon:
    """How the corpus writes each word mid-sentence (outside headlines): capitalized or not."""

    def __init__(self, paths: list[Path]):
        self.upper: Counter = Counter()
        self.lower: Counter = Counter()
        for path in paths:
            tokens, _, _ = read_tokens(ET.parse(path).getroot())
            titles = title_sentences(tokens)
            for t in tokens.values():
                if not t.initial and t.sentence not in titles and t.text[:1].isalpha():
                    (self.upper if t.text[0].isupper() else self.lower)[t.text.lower()] += 1

    def proper(self, word: str) -> bool:
        w = word.lower()
        return self.upper[w] >= self.lower[w]


def load(split: str, folder: Path = ECB) -> list[Doc]:
    """The documents of the ``train`` or ``dev`` topics (or ``all``)."""
    splits = json.loads((folder / "splits.json").read_text())
    topics = splits["train_topics"] + splits["dev_topics"] if split == "all" else splits[f"{split}_topics"]
    everything = sorted(folder.glob("*/*.xml"))
    lexicon = Lexicon(everything)  # word statistics of the whole text, no labels
    return [read_doc(p, lexicon) for p in everything if p.parent.name in set(topics)]


def gold(docs: list[Doc], unlinked: bool = False) -> dict[str, str]:
    """item -> gold entity; names outside any relation only with ``unlinked`` (then as singletons)."""
    return {m.item: m.chain for d in docs for m in d.mentions if m.linked or unlinked}


def doc_mentions(doc: Doc):
    """dossier mentions of one document from its gold name spans, and the gold item of each."""
    spans = [(m.start, m.end, m.label) for m in doc.mentions]
    mentions = build_mentions(doc.name, doc.text, spans, Sentences(doc.sentences, doc.text))
    items = {}
    for m in mentions:
        if m.kind != "name":
            continue  # role mentions ("the actress") are dossier's own additions, not gold names
        overlap = [(min(m.end, g.end) - max(m.start, g.start), -abs(g.end - g.start - m.end + m.start), g.item)
                   for g in doc.mentions if g.start < m.end and m.start < g.end]
        if overlap:  # build_mentions may trim a span ("Mr. LaRue" -> "LaRue"): the gold span it lies in
            items[m.id] = max(overlap)[2]
    return mentions, items


def dossier_clusters(docs: list[Doc], per_topic: bool) -> dict[str, str]:
    """item -> predicted entity id from dossier's resolver."""
    groups: dict[str, list[Doc]] = defaultdict(list)
    for d in docs:
        groups[d.topic if per_topic else "all"].append(d)
    pred = {}
    for scope, members in groups.items():
        mentions, items = [], {}
        for d in members:
            ms, its = doc_mentions(d)
            mentions += ms
            items.update(its)
        for entity, chains in resolve(chains_from_mentions(mentions)):
            for chain in chains:
                for mid in chain.mention_ids:
                    if mid in items:
                        pred[items[mid]] = f"{scope}:{entity.id}"
    return pred


def baseline_clusters(docs: list[Doc], per_topic: bool) -> dict[str, str]:
    """Exact string match: the same folded name is the same entity."""
    return {m.item: f"{d.topic if per_topic else 'all'}:{fold(d.text[m.start:m.end])}" for d in docs for m in d.mentions}


def evaluate(docs: list[Doc], per_topic: bool = True, unlinked: bool = False) -> dict[str, dict]:
    """Scores of dossier and of the baseline on the gold items, and dossier's run time in seconds.

    Both systems see every name of every document; only names in a gold relation are scored
    (``unlinked``: all names, the unlinked ones as gold singletons).
    """
    started = time.time()
    pred = dossier_clusters(docs, per_topic)
    elapsed = time.time() - started
    truth = gold(docs, unlinked)
    missing = set(truth) - set(pred)
    pred.update({item: f"unmapped:{item}" for item in missing})  # a name dossier lost stays alone
    base = baseline_clusters(docs, per_topic)
    return {"dossier": score(truth, {i: pred[i] for i in truth}),
            "exact-match baseline": score(truth, {i: base[i] for i in truth}),
            "seconds": elapsed, "unmapped": len(missing)}


def describe(docs: list[Doc], unlinked: bool = False) -> str:
    truth = gold(docs, unlinked)
    chains = Counter(truth.values())
    kinds = Counter(m.label for d in docs for m in d.mentions if m.item in truth)
    names = sum(len(d.mentions) for d in docs)
    return (f"{len(docs)} documents in {len({d.topic for d in docs})} topics; {names} names, {len(truth)} scored "
            f"({', '.join(f'{k} {n}' for k, n in kinds.most_common())}) in {len(chains)} gold entities, "
            f"{sum(n == 1 for n in chains.values())} of them singletons")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["dev", "train", "all"], default="dev")
    parser.add_argument("--unlinked", action="store_true",
                        help="also score names outside any gold relation, as singletons")
    args = parser.parse_args(argv)
    started = time.time()
    docs = load(args.split)
    print(f"ECB+ {args.split}: {describe(docs, args.unlinked)} (read in {time.time() - started:.1f}s)")
    for per_topic in (True, False):
        result = evaluate(docs, per_topic, args.unlinked)
        print(f"\n== {'per topic' if per_topic else 'whole split at once'} (dossier's mentions and resolution "
              f"in {result['seconds']:.1f}s; {result['unmapped']} names not mapped back)")
        print(table({k: v for k, v in result.items() if isinstance(v, dict)}))
        gain = 100 * (result["dossier"]["conll_f1"] - result["exact-match baseline"]["conll_f1"])
        print(f"dossier - baseline: {gain:+.1f} CoNLL F1 points")
    print(f"\ntotal run time {time.time() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
