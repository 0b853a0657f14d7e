"""The entities stage: sentences and entity mentions (typed, with roles, resolved in-article)."""

from __future__ import annotations

from collections.abc import Sequence

from dossier import settings
from dossier.model import Article, Sentence
from dossier.nlp.entities import Sentences, build_mentions
from dossier.nlp.ner import load_ner
from dossier.nlp.sentences import split_sentences
from dossier.pipeline import ArticleOutput, Stage, profile_variant, register


def article_sentences(article: Article) -> Sentences:
    text = article.text or ""
    return Sentences(split_sentences(text), text)


@register
class EntitiesStage(Stage):
    name = "entities"
    version = "1"
    requires = ("clean",)

    @classmethod
    def variant(cls) -> str:
        return profile_variant()

    @property
    def ner(self):
        return load_ner(settings.get("profile"))

    def process(self, articles: Sequence[Article]) -> list[ArticleOutput]:
        texts = [a.text or "" for a in articles]
        predictions = self.ner.predict(texts)
        outputs = []
        for article, text, spans in zip(articles, texts, predictions):
            sents = Sentences(split_sentences(text), text)
            sentence_items = [
                ("sentence", Sentence(article_id=article.id, index=i, start=s, end=e, text=text[s:e]))
                for i, (s, e) in enumerate(sents.spans)
            ]
            mentions = build_mentions(article.id, text, spans, sents)
            outputs.append(ArticleOutput(article, sentence_items + [("mention", m) for m in mentions]))
        return outputs
