"""Built next (placeholder while the pages are written)."""

from django.http import Http404


def document_list(request):
    raise Http404


def document_detail(request, slug):
    raise Http404
