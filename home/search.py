"""Chinese-aware search.

Neither SQLite FTS5 nor PostgreSQL's text search splits Chinese into words, so a
word inside a sentence is never found. Like Lucene's CJK analyser, Canyu indexes
runs of Chinese characters as overlapping two-character grams (plus each single
character), and turns a query into the same grams, all of which must match. Latin
words and numbers are kept whole. Works the same on SQLite and PostgreSQL.

Why no library: Wagtail's search backends and the databases' own text search do
not segment Chinese; the options that do (jieba and its dictionary, PostgreSQL's
zhparser or pg_bigm extensions, Elasticsearch with an analysis plugin) add a
dictionary or a server extension and would not work on SQLite. Bigrams need none
of that, in about thirty lines.
"""

import re

# CJK Unified Ideographs (+ extension A) and the compatibility block.
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[A-Za-z0-9]+")


def _grams(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_text(text: str) -> str:
    """The text as space-separated terms for the search index."""
    terms: list[str] = []
    for run in _CJK_RUN.findall(text or ""):
        terms.extend(_grams(run))
        terms.extend(run)
    terms.extend(word.lower() for word in _WORD.findall(text or ""))
    return " ".join(terms)


def query_terms(query: str) -> list[str]:
    """The terms a query must all match."""
    terms: list[str] = []
    for run in _CJK_RUN.findall(query or ""):
        terms.extend(_grams(run))
    terms.extend(word.lower() for word in _WORD.findall(query or ""))
    return list(dict.fromkeys(terms))
