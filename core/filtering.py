"""The one way a list page filters: a django-filter FilterSet bound to the query string."""

from __future__ import annotations

import hashlib
import json

from django.db.models import Model, QuerySet


def filter_results(filterset) -> QuerySet:
    """What the FilterSet selects, or nothing when a value is invalid (an unknown slug, say):
    the page shows the form's errors and an empty list, never a 500.

    Filters that cross a many-to-many relation are declared with ``distinct=True``, so a
    member with two matching focus areas is listed once."""
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.none()
    return filterset.qs


def filter_key(filterset) -> str:
    """A short, stable key of the filters in effect, from the cleaned values of the known
    filters only (unknown query parameters never make a new cache entry)."""
    if not filterset.is_valid():
        return "invalid"
    values = []
    for name, value in sorted(filterset.form.cleaned_data.items()):
        if value in (None, "", [], ()):
            continue
        if isinstance(value, Model):
            value = value.pk
        elif isinstance(value, (list, tuple)):
            value = [str(item) for item in value]
        else:
            value = str(value)
        values.append((name, value))
    if not values:
        return "all"
    return hashlib.sha256(json.dumps(values).encode()).hexdigest()[:24]
