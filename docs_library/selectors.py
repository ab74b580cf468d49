"""Reads of the library: what a person may see, search, snippets, related documents."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchRank
from django.db.models import F, Func, Min, Prefetch, QuerySet, TextField, Value
from django.db.models.functions import Left
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from cities.models import FocusArea, Member
from docs_library.models import Document, DocumentPage, DocumentState
from docs_library.search import Fold, config_of, fold, matches, query_in_own_language

# How much of a page the snippet is taken from (highlighting cost grows with the text).
SNIPPET_SOURCE_CHARACTERS = 20_000
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
    """The focus areas whose name, in English, French or Spanish, the query contains."""
    words = " " + " ".join(_WORD.findall(fold(text).lower())) + " "
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
    """``documents`` matching ``text`` (each in its own language, accents folded), plus those
    tagged with a focus area the text names in any language. Returns (documents, areas)."""
    areas = focus_areas_named(text)
    condition = matches(text)
    if areas:
        condition |= Q_focus(areas)
    found = documents.filter(condition).annotate(
        rank=SearchRank(F("search_vector"), query_in_own_language(text))
    )
    if areas:
        found = found.distinct()
    if sort == "date":
        return found.order_by("-published_on", "-id"), areas
    return found.order_by("-rank", "-published_on", "-id"), areas


def Q_focus(areas):  # noqa: N802 - reads as the Q it returns
    from django.db.models import Exists, OuterRef, Q

    tagged = Document.focus_areas.through.objects.filter(
        document_id=OuterRef("pk"), focusarea_id__in=[area.pk for area in areas]
    )
    return Q(Exists(tagged))


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


def snippets(documents: list[Document], *, text: str) -> dict[int, Snippet]:
    """For the documents on the page only: the first page whose text matches, with the
    matched words marked (two queries whatever the number of documents)."""
    if not documents or not text.strip():
        return {}
    ids = [document.pk for document in documents]
    first_pages = (
        DocumentPage.objects.filter(document_id__in=ids)
        .filter(matches(text))
        .values("document_id")
        .annotate(first=Min("number"))
    )
    wanted = {row["document_id"]: row["first"] for row in first_pages}
    results: dict[int, Snippet] = {}
    if wanted:
        from django.db.models import Q

        pick = Q()
        for document_id, number in wanted.items():
            pick |= Q(document_id=document_id, number=number)
        pages = (
            DocumentPage.objects.filter(pick)
            .annotate(
                source=Left("text", SNIPPET_SOURCE_CHARACTERS),
                headline=Func(
                    config_of("language"),
                    Fold(Left("text", SNIPPET_SOURCE_CHARACTERS)),
                    query_in_own_language(text),
                    Value(_HEADLINE_OPTIONS),
                    function="ts_headline",
                    output_field=TextField(),
                ),
            )
            .values_list("document_id", "number", "source", "headline")
        )
        paged = {document.pk: document.page_count for document in documents}
        for document_id, number, source, headline in pages:
            results[document_id] = Snippet(
                html=mark_safe(_lay_back(headline, source)),  # noqa: S308 - escaped in _marked
                page=number if paged.get(document_id) else None,
            )
    return results


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
    return Document.objects.filter(uploaded_by=user, state=DocumentState.SUBMITTED).only(
        "title", "slug", "created_at", "extraction_state"
    )
