"""Built next (placeholder while the pages are written)."""

from django.http import Http404


def document_download(request, slug):
    raise Http404


def document_preview(request, slug):
    raise Http404
