"""The library's public pages: the list (search and filters) and one document."""

from __future__ import annotations

from contextlib import nullcontext
from urllib.parse import urlsplit

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.functional import cached_property
from django.views.decorators.http import require_GET

from core.filtering import filter_results
from core.links import is_safe_link
from core.uploads import DOCUMENTS
from docs_library import selectors
from docs_library.filters import DocumentFilter
from docs_library.search import index_first

PAGE_SIZE = 20


class CappedPaginator(Paginator):
    """Counts at most ``cap`` + 1 results: "more than 1,000" is as useful as the exact number
    and costs a bounded read, whatever the number of matches."""

    cap = 1000

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()


# What people call a file's type ("PDF", "DOCX"), from the library's allow-list.
TYPE_LABELS = {file_type.content_type: file_type.label for file_type in DOCUMENTS}


@require_GET
def document_list(request):
    filterset = DocumentFilter(
        request.GET, queryset=selectors.library(user=request.user), request=request
    )
    documents = filter_results(filterset)
    text, areas = "", []
    if filterset.is_valid():
        text = (filterset.form.cleaned_data.get("q") or "").strip()
        if text:
            documents, areas = selectors.search(
                documents, text=text, sort=filterset.form.cleaned_data["sort"]
            )
    with index_first() if text else nullcontext():
        page = CappedPaginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
        on_page = list(page.object_list)
        # Highlighting reads the pages' text: only for the documents shown.
        found = selectors.snippets(on_page, text=text) if text else {}
    return render(
        request,
        "docs_library/document_list.html",
        {
            "filterset": filterset,
            "filters_invalid": not filterset.is_valid(),
            "page": page,
            "results": [
                {"document": document, "snippet": found.get(document.pk)} for document in on_page
            ],
            "text": text,
            # "Housing, Health": the areas the words name, in the reader's language.
            "areas_named": ", ".join(area.label for area in areas),
        },
    )


@require_GET
def document_detail(request, slug: str):
    document = selectors.document_detail(slug=slug, user=request.user)
    # The same answer whether the document is missing or hidden: its existence is not told.
    if document is None or not request.user.has_perm("docs_library.see_document", document):
        raise Http404("No such document")
    external_link = document.link if is_safe_link(document.link) else ""
    return render(
        request,
        "docs_library/document_detail.html",
        {
            "document": document,
            "file_type": TYPE_LABELS.get(document.content_type, document.content_type),
            "external_link": external_link,
            "external_host": urlsplit(external_link).hostname if external_link else "",
            "related": selectors.related_documents(document=document, user=request.user),
        },
    )
