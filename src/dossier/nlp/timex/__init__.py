"""Temporal expressions in English news: find them and normalize them to TimeML TIMEX3 values.

A rule-based extractor: a regex grammar (one rule per kind of expression, each
woken by its trigger words) proposes spans, the longest non-overlapping ones are
kept, and each is normalized against the anchor (the article's publication date)
with calendar arithmetic. Relative expressions follow news convention: "on
Monday" in a sentence about the past is the Monday on or before the anchor, in a
sentence about the future the one on or after it. Values keep the precision the
text gave ("in October" -> "2022-10", never a day).

    >>> [(t.text, t.value) for t in find_timexes("He said on Monday that it began two days ago.", "2022-10-10")]
    [('Monday', '2022-10-10'), ('two days ago', '2022-10-08')]

``infer_publication_date`` goes the other way: it dates an undated article from
the expressions in its own body. ``time_mentions`` gives the pipeline's
``TimeMention`` records for an article.

Modules: ``lexicon`` (words, regex pieces, trigger words), ``calendar`` (values
and arithmetic), ``context`` (anchor, earlier dates, tense), ``grammar*`` (the
rules), ``extract`` (running them), ``infer`` (dating an article).
"""

from dossier.nlp.timex.calendar import Cal, parse_anchor, parse_value, shift
from dossier.nlp.timex.context import Timex, tense_near
from dossier.nlp.timex.extract import find_timexes, time_mentions
from dossier.nlp.timex.infer import infer_publication_date

__all__ = ["Cal", "Timex", "find_timexes", "infer_publication_date", "parse_anchor", "parse_value", "shift",
           "tense_near", "time_mentions"]
