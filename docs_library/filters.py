"""The library's search and filters, kept in the URL (?q=housing&kind=report&event=<slug>)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from cities.filters import focus_area_filter
from cities.models import Member
from core.widgets import QuickSelect
from docs_library.models import Document, DocumentKind, DocumentLanguage
from events.models import Event

RELEVANCE, DATE = "relevance", "date"
SORTS = [(RELEVANCE, _("Best match")), (DATE, _("Newest first"))]


def years_of(documents):
    """The years that have documents, newest first, as choices: read when first needed (the
    value is checked, then the select is drawn) and only once."""
    read = []

    def choices() -> list[tuple[str, str]]:
        if not read:
            dates = documents.prefetch_related(None).dates("published_on", "year", "DESC")
            read.append([(str(day.year), str(day.year)) for day in dates])
        return read[0]

    # A plain function: the form deep-copies its fields, and a bound method would drag the
    # filterset (and the request) along.
    return choices


class DocumentFilter(django_filters.FilterSet):
    # The words and the order are applied by the view through selectors.search, which also
    # names the focus areas the words mention; here they are only read and checked.
    q = django_filters.CharFilter(
        label=_("Search the library"),
        method="applied_by_the_view",
        max_length=200,
        widget=forms.SearchInput(attrs={"aria-describedby": "search-help"}),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=DocumentKind.choices,
        empty_label=_("Any kind"),
        widget=QuickSelect,
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=DocumentLanguage.choices,
        empty_label=_("Any language"),
        widget=QuickSelect,
    )
    focus_area = focus_area_filter("focus_areas")
    # Only the years that have documents (set in __init__).
    year = django_filters.ChoiceFilter(
        label=_("Year"),
        field_name="published_on",
        lookup_expr="year",
        empty_label=_("Any year"),
        widget=QuickSelect,
    )
    # Reached from a member's profile and an event's page: a select of every member or event
    # would be long, so the page names the one chosen instead.
    member = django_filters.ModelChoiceFilter(
        label=_("Member"),
        field_name="members",
        queryset=Member.objects.published(),
        to_field_name="slug",
        distinct=True,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("No member has this address.")},
    )
    event = django_filters.ModelChoiceFilter(
        label=_("Event"),
        queryset=Event.objects.none(),
        to_field_name="slug",
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("No event has this address.")},
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=SORTS,
        empty_label=None,
        method="applied_by_the_view",
        widget=QuickSelect,
    )

    class Meta:
        model = Document
        fields = ["q", "kind", "language", "focus_area", "year", "member", "event", "sort"]

    def __init__(self, data=None, *args, **kwargs):
        # The order people expect: the best match for words, else the newest first.
        if data is not None and not data.get("sort"):
            data = data.copy()
            data["sort"] = RELEVANCE if (data.get("q") or "").strip() else DATE
        super().__init__(data, *args, **kwargs)
        request = kwargs.get("request")
        user = getattr(request, "user", None)
        # A members-only event is neither named nor found for someone who may not see it.
        self.filters["event"].queryset = Event.objects.visible_to(user)
        self.filters["year"].extra["choices"] = years_of(self.queryset)

    def applied_by_the_view(self, queryset, name, value):
        return queryset
