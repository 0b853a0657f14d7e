"""The quotes stage (per article) and the statements stage (across outlets)."""

from __future__ import annotations

from collections.abc import Sequence

from dossier.model import Article, Mention, SourceLink
from dossier.nlp.sentences import split_sentences
from dossier.pipeline import ArticleOutput, Stage, profile_variant, register
from dossier.quotes.extract import extract_quotes, speaker_mention
from dossier.quotes.statements import link_statements
from dossier.store import Store


def article_quotes(article: Article, mentions: list[Mention]):
    """Quotes of one article with the speaker's mention and the chain ending at the outlet."""
    text = article.text or ""
    quotes = extract_quotes(article.id, text, split_sentences(text), mentions)
    for q in quotes:
        m = speaker_mention(q, mentions)
        if m is not None:
            q.speaker_mention_id = m.id
        if article.outlet and not any(link.role == "outlet" for link in q.chain):
            q.chain.append(SourceLink(name=article.outlet, role="outlet", stated=True))
    return quotes


@register
class QuotesStage(Stage):
    name = "quotes"
    version = "1"
    requires = ("entities",)

    @classmethod
    def variant(cls) -> str:
        return profile_variant()

    def process(self, articles: Sequence[Article]) -> list[ArticleOutput]:
        outputs = []
        for article in articles:
            mentions = self.store.annotations("mention", Mention, article_id=article.id)
            outputs.append(ArticleOutput(article, [("quote", q) for q in article_quotes(article, mentions)]))
        return outputs


@register
class StatementsStage(Stage):
    """Renderings of one statement across outlets linked (incrementally); stories date the undated articles."""

    name = "statements"
    version = "2"
    requires = ("quotes", "resolve", "dedupe", "stories")
    scope = "corpus"

    def run_corpus(self, store: Store, changed: Sequence[str]) -> None:
        link_statements(store, changed)
