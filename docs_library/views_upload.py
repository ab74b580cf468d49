"""Built next (placeholder while the pages are written)."""

from django.http import Http404


def document_upload(request):
    raise Http404
