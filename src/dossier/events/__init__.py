"""Who did what to whom: PLOVER event coding of sentences, actor coding, cross-article deduplication."""
