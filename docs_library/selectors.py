"""Reads of the library: what a person may see, search, snippets, related documents."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchRank
from django.db import connection
from django.db.models import F, Min, Prefetch, Q, QuerySet
from django.db.models.functions import Left
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from cities.models import FocusArea, Member
from docs_library.models import Document, DocumentPage, DocumentState
from docs_library.search import CONFIGS, fold, matches, ranking_query, wanted_words

# How much of a page the snippet is taken from (highlighting cost grows with the text).
SNIPPET_SOURCE_CHARACTERS = 20_000
# The stretch of it highlighting reads (ts_headline parses all it is given), placed just
# before the first place a wanted word's beginning appears.
SNIPPET_WINDOW = 4_000
_WORD = re.compile(r"\w+")
_START, _STOP, _BETWEEN = "\x02", "\x03", "\x04"
_HEADLINE_OPTIONS = (
    f"StartSel={_START}, StopSel={_STOP}, MaxWords=28, MinWords=12, "
    f"MaxFragments=2, FragmentDelimiter={_BETWEEN}"
)


def library(*, user) -> QuerySet[Document]:
    """Published documents the person may see, newest first, ready for a list."""
    return (
        Document.objects.published()
        .visible_to(user)
        .select_related("event")
        .prefetch_related(
            Prefetch("focus_areas", queryset=FocusArea.objects.order_by("order", "name")),
            Prefetch("members", queryset=Member.objects.published().only("name", "slug")),
        )
        .defer("indexed_text", "text_override", "extraction_error", "search_vector")
    )


def focus_areas_named(text: str) -> list[FocusArea]:
    """The focus areas whose name, in English, French or Spanish, the query asks for (an
    excluded word, "-housing", names nothing)."""
    words = " " + " ".join(_WORD.findall(fold(" ".join(wanted_words(text))).lower())) + " "
    if not words.strip():
        return []
    named = []
    for area in FocusArea.objects.order_by("order", "name"):
        for name in (area.name, area.name_fr, area.name_es):
            phrase = " ".join(_WORD.findall(fold(name).lower()))
            if phrase and f" {phrase} " in words:
                named.append(area)
                break
    return named


def search(documents: QuerySet[Document], *, text: str, sort: str = "relevance"):
    """``documents`` matching ``text`` in any of the languages' stemming (accents folded), plus
    those tagged with a focus area the text names in any language. Returns (documents, areas).

    Ranked by the title, summary and author (A > B) and then by date: scoring every match on
    its whole body would read every matching document's vector."""
    areas = focus_areas_named(text)
    condition = matches(text)
    if areas:
        tagged = Document.focus_areas.through.objects.filter(
            focusarea_id__in=[area.pk for area in areas]
        ).values_list("document_id", flat=True)
        # A list, not a subquery: PostgreSQL then ORs two index scans (GIN and primary key).
        condition |= Q(pk__in=list(tagged))
    found = documents.filter(condition)
    if sort == "date":
        return found.order_by("-published_on", "-id"), areas
    found = found.annotate(rank=SearchRank(F("head_vector"), ranking_query(text)))
    return found.order_by("-rank", "-published_on", "-id"), areas


@dataclass
class Snippet:
    html: SafeString
    page: int | None


def _lay_back(headline: str, original: str) -> str:
    """Put the highlighting computed on folded text back on the original (accents and all):
    folding keeps positions, so each fragment is found in the folded original and its marks
    copied onto the same characters."""
    folded = fold(original)
    pieces = []
    for fragment in headline.split(_BETWEEN):
        plain = fragment.replace(_START, "").replace(_STOP, "")
        at = folded.find(plain) if plain else -1
        if at < 0:
            pieces.append(_marked(fragment))
            continue
        source = original[at : at + len(plain)]
        rebuilt, position = [], 0
        for token in re.split(f"([{_START}{_STOP}])", fragment):
            if token in (_START, _STOP):
                rebuilt.append(token)
            else:
                rebuilt.append(source[position : position + len(token)])
                position += len(token)
        pieces.append(_marked("".join(rebuilt)))
    return " … ".join(piece for piece in pieces if piece)


def _marked(text: str) -> str:
    return escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>")


def _window(source: str, stems: list[str]) -> str:
    folded = fold(source).lower()
    places = [at for at in (folded.find(stem) for stem in stems if stem) if at >= 0]
    start = max(0, min(places) - SNIPPET_WINDOW // 4) if places else 0
    if start:
        # From the beginning of a word.
        space = source.find(" ", start)
        start = space + 1 if 0 <= space < start + 40 else start
    return source[start : start + SNIPPET_WINDOW]


def snippets(documents: list[Document], *, text: str) -> dict[int, Snippet]:
    """For the documents on the page only: the first page whose text matches, with the
    wanted words marked (two queries whatever the number of documents). The text is folded
    here rather than in SQL, where ``translate()`` over 20 pages is the slow part."""
    if not documents or not text.strip():
        return {}
    ids = [document.pk for document in documents]
    first_pages = (
        DocumentPage.objects.filter(document_id__in=ids)
        .filter(matches(text))
        .order_by()
        .values("document_id")
        .annotate(first=Min("number"))
    )
    wanted = {row["document_id"]: row["first"] for row in first_pages}
    if not wanted:
        return {}
    pick = Q()
    for document_id, number in wanted.items():
        pick |= Q(document_id=document_id, number=number)
    stems = [fold(word).lower()[:5] for word in wanted_words(text)]
    pages = [
        (document_id, number, language, _window(source, stems))
        for document_id, number, language, source in DocumentPage.objects.filter(pick)
        .order_by()
        .annotate(source=Left("text", SNIPPET_SOURCE_CHARACTERS))
        .values_list("document_id", "number", "language", "source")
    ]
    query = ranking_query(text)
    compiler = DocumentPage.objects.none().query.get_compiler(connection=connection)
    query_sql, query_params = query.as_sql(compiler, connection)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT ts_headline(
                CASE page.language {
                " ".join(
                    f"WHEN '{language}' THEN '{config}'::regconfig"
                    for language, config in CONFIGS.items()
                )
            } ELSE 'simple'::regconfig END,
                page.folded, {query_sql}, %s)
            FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS page(language, folded, n)
            ORDER BY page.n
            """,
            [
                *query_params,
                _HEADLINE_OPTIONS,
                [language for _id, _n, language, _source in pages],
                [fold(source) for _id, _n, _language, source in pages],
            ],
        )
        headlines = [row[0] for row in cursor.fetchall()]
    paged = {document.pk: document.page_count for document in documents}
    return {
        document_id: Snippet(
            html=mark_safe(_lay_back(headline, source)),  # noqa: S308 - escaped in _marked
            page=number if paged.get(document_id) else None,
        )
        for (document_id, number, _language, source), headline in zip(pages, headlines, strict=True)
    }


def document_detail(*, slug: str, user) -> Document | None:
    """The document, whatever its state, for the view to check ``see_document`` on."""
    return (
        Document.objects.select_related("event", "uploaded_by")
        .prefetch_related(
            Prefetch("focus_areas", queryset=FocusArea.objects.order_by("order", "name")),
            Prefetch("members", queryset=Member.objects.published().only("name", "slug")),
        )
        .defer("indexed_text", "search_vector")
        .filter(slug=slug)
        .first()
    )


def related_documents(*, document: Document, user, limit: int = 4) -> QuerySet[Document]:
    """Published documents sharing a focus area, a member or the event, most shared first."""
    from django.db.models import Count, Q

    areas = [area.pk for area in document.focus_areas.all()]
    members = [member.pk for member in document.members.all()]
    shared = Q(focus_areas__in=areas) | Q(members__in=members)
    if document.event_id:
        shared |= Q(event_id=document.event_id)
    return (
        Document.objects.published()
        .visible_to(user)
        .exclude(pk=document.pk)
        .filter(shared)
        .annotate(shared=Count("pk"))
        .order_by("-shared", "-published_on")
        .only("title", "slug", "kind", "language", "published_on", "visibility")[:limit]
    )


def latest_documents(*, user, limit: int = 5) -> QuerySet[Document]:
    return (
        Document.objects.published()
        .visible_to(user)
        .only("title", "slug", "kind", "language", "published_on", "visibility")
        .order_by("-published_on", "-id")[:limit]
    )


def documents_of_member(*, member: Member, user, limit: int = 10) -> QuerySet[Document]:
    return (
        Document.objects.published()
        .visible_to(user)
        .filter(members=member)
        .only("title", "slug", "kind", "language", "published_on", "visibility")
        .order_by("-published_on", "-id")[:limit]
    )


def submitted_by(*, user) -> QuerySet[Document]:
    """What the person uploaded and the secretariat has not published yet."""
    return (
        Document.objects.filter(uploaded_by=user, state=DocumentState.SUBMITTED)
        .only("title", "slug", "created_at")
        .order_by("-created_at", "-id")
    )
