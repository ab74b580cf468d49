"""Full-text search on PostgreSQL in the community's three languages, accent-insensitive
without any extension (the embedded PostgreSQL has no ``unaccent``).

Accents are folded by ``translate()``, one character for one character, on both sides: in the
stored vectors (a generated column) and on the query (in Python, with the same table). As the
folding keeps every character's position, a snippet computed on folded text is laid back on
the original text to show it with its accents."""

from __future__ import annotations

import re
from contextlib import contextmanager

from django.contrib.postgres.search import SearchQuery
from django.db import connection, models, transaction
from django.db.models import Case, F, Func, Q, Value, When

# Each accented letter and the plain letter it folds to (same length: positions are kept).
ACCENTED = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿŒœÆæ’"
PLAIN = "AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYyyOoAa'"
assert len(ACCENTED) == len(PLAIN)
_FOLD_TABLE = str.maketrans(ACCENTED, PLAIN)

# The text search configuration of each document language; "other" is not stemmed.
CONFIGS = {"en": "english", "fr": "french", "es": "spanish", "other": "simple"}

# What a tsvector holds is bounded (1 MB); a body longer than this is indexed in part. At most
# a byte of lexeme, four of entry and two of position per character stays well under the bound.
INDEXED_CHARACTERS = 150_000


@contextmanager
def index_first():
    """Queries run inside find their matches through the GIN indexes. PostgreSQL's planner
    does not count what a sequential scan costs here — decompressing every document's vector
    (a few kilobytes each, stored apart) to test it — so, left alone, it reads them all for a
    common word (80 ms over 10,000 documents) where the index answers in 6 ms."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        try:
            yield
        finally:
            cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")


def fold(text: str) -> str:
    return text.translate(_FOLD_TABLE)


class Fold(Func):
    """SQL ``translate(text, accented, plain)``: immutable, so it may feed a generated column."""

    function = "translate"
    output_field = models.TextField()

    def __init__(self, expression, **extra):
        super().__init__(expression, Value(ACCENTED), Value(PLAIN), **extra)


class RegConfig(Func):
    """A text search configuration as a typed constant (``'french'::regconfig``): immutable,
    where a cast of text at run time would not be."""

    template = "%(expressions)s::regconfig"
    output_field = models.TextField()

    def __init__(self, name: str):
        super().__init__(Value(name))


def config_of(language_field: str) -> Case:
    return Case(
        *(
            When(**{language_field: language}, then=RegConfig(config))
            for language, config in CONFIGS.items()
        ),
        default=RegConfig("simple"),
        output_field=models.TextField(),
    )


class ToTsvector(Func):
    function = "to_tsvector"
    output_field = models.TextField()


class SetWeight(Func):
    function = "setweight"
    output_field = models.TextField()


class Concat(Func):
    arg_joiner = " || "
    template = "(%(expressions)s)"
    output_field = models.TextField()


def weighted_vector(*, language_field: str, weighted: list[tuple[str, str]]):
    """setweight(to_tsvector(config, fold(field)), weight) || ... for a generated column."""
    from django.contrib.postgres.search import SearchVectorField

    parts = [
        SetWeight(
            ToTsvector(
                config_of(language_field), Fold(Func(F(field), Value(""), function="COALESCE"))
            ),
            Value(weight),
        )
        for field, weight in weighted
    ]
    return Concat(*parts, output_field=SearchVectorField()) if len(parts) > 1 else parts[0]


def query_for(text: str, language: str) -> SearchQuery:
    return SearchQuery(fold(text), config=CONFIGS[language], search_type="websearch")


def query_in_every_language(text: str):
    """The query stemmed by each language's rules, OR-ed (``q_en || q_fr || q_es || q_simple``):
    "droits" matches a French document's "droit", "derechos" a Spanish one's "derecho". One
    condition the GIN index answers exactly, without reading any document's vector."""
    queries = [query_for(text, language) for language in CONFIGS]
    combined = queries[0]
    for query in queries[1:]:
        combined = combined | query
    return combined


def matches(text: str, *, vector: str = "search_vector") -> Q:
    return Q(**{vector: query_in_every_language(text)})


# A websearch query's words: "quoted phrases", -excluded words, and "or".
_TOKEN = re.compile(r'-?"[^"]*"?|\S+')
MAX_RANKED_WORDS = 8


def wanted_words(text: str) -> list[str]:
    """The words a person asks for (not the excluded ones), for ranking and highlighting."""
    words = []
    for token in _TOKEN.findall(text):
        if token.startswith("-") or token.lower() == "or":
            continue
        words.extend(re.findall(r"\w+", token))
    return words[:MAX_RANKED_WORDS]


def ranking_query(text: str):
    """Any of the wanted words, in every language's stemming: phrases and exclusions decide what
    matches; what ranks is how many of the words appear, and where (cheap to score)."""
    words = wanted_words(text)
    if not words:
        return query_in_every_language(text)
    combined = None
    for word in words:
        for config in CONFIGS.values():
            query = SearchQuery(fold(word), config=config, search_type="plain")
            combined = query if combined is None else combined | query
    return combined
