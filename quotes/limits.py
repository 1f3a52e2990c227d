"""Documented limits on what ``extract`` accepts.

``extract`` holds an article in memory and its running time grows with the article's
length (see ``docs/reliability.md`` for measured times on ordinary and hostile text). A
news article is a few thousand characters; ``MAX_CHARS`` is far above any real one and
stops a whole corpus or a runaway scrape passed as a single "article" before it ties up a
worker for minutes.
"""

from __future__ import annotations

# The longest text ``extract`` accepts, in characters (Python ``len``, code points).
MAX_CHARS = 5_000_000

TOO_LONG = (
    "article text of {size:,} characters exceeds the limit of {limit:,} "
    "(quotes.limits.MAX_CHARS); split it at paragraph breaks ('\\n') into pieces of at most "
    "{limit:,} characters, call extract() on each piece, and add each piece's start offset "
    "to the offsets of its quotes"
)


def check_size(text: str) -> None:
    """Raise ``ValueError`` if ``text`` is longer than ``MAX_CHARS`` characters."""
    if len(text) > MAX_CHARS:
        raise ValueError(TOO_LONG.format(size=len(text), limit=MAX_CHARS))
