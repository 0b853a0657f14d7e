"""The time stage: temporal expressions of each article, and a publication date inferred when none was found.

Registered by importing this module (the pipeline's built-in stage list does so).
"""

from __future__ import annotations

from collections.abc import Sequence

from dossier.model import Article
from dossier.nlp.timex.extract import time_mentions
from dossier.nlp.timex.infer import infer_publication_date
from dossier.pipeline import ArticleOutput, Stage, register

# An inferred date becomes the article's publication date (and the anchor of its
# relative expressions) only from this confidence on, and only at a single
# precision: an interval such as "2022-10/2022-12" is no anchor.
MIN_INFERRED_CONFIDENCE = 0.5


def date_article(article: Article) -> Article:
    """The article with a publication date inferred from its body when cleaning found none."""
    if article.published or not article.text:
        return article
    inferred = infer_publication_date(article.text)
    if inferred is None:
        return article
    value, precision, confidence = inferred
    if confidence < MIN_INFERRED_CONFIDENCE or precision not in ("day", "month", "year"):
        return article
    return article.model_copy(update={"published": value, "published_precision": precision,
                                      "published_how": "inferred", "published_confidence": confidence})


@register
class TimeStage(Stage):
    name = "time"
    version = "1"
    requires = ("clean",)
    writes_article = True

    def process(self, articles: Sequence[Article]) -> list[ArticleOutput]:
        outputs = []
        for article in articles:
            dated = date_article(article)
            outputs.append(ArticleOutput(dated, [("time", m) for m in time_mentions(dated)]))
        return outputs
