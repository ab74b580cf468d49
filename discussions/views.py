"""Placeholder while the pages are written."""

from django.http import Http404


def _missing(request, *args, **kwargs):
    raise Http404


board_list = thread_detail = reply = follow = post_edit = flag_post = board_detail = _missing
thread_new = board_mark_read = _missing
