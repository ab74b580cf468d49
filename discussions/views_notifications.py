"""Placeholder while the pages are written."""

from django.http import Http404


def unfollow(request, token):
    raise Http404
