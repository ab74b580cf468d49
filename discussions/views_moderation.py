"""Placeholder while the pages are written."""

from django.http import Http404


def _missing(request, *args, **kwargs):
    raise Http404


queue = review_flag = undo = hide_post = unhide_post = moderate_thread = _missing
