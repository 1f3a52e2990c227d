"""quotes: find quotations in French news articles and say who said them.

>>> from quotes import extract
>>> [q.speaker.name for q in extract("« Nous partons », a déclaré Jean Dupont.")]
['Jean Dupont']
"""

from .model import Article, Quote, Span, Speaker
from .extract import extract

__all__ = ["extract", "Quote", "Speaker", "Span", "Article"]
__version__ = "0.1.0"
