"""The directory's and the map's filters (the same ones, kept in the URL)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cities.models import FocusArea, Member, MemberKind, Network, Region

SORTS = [
    ("name", _("Name (A–Z)")),
    ("-name", _("Name (Z–A)")),
    ("country", _("Country")),
    ("-inhabitants", _("Largest population")),
    ("-joined_on", _("Most recently joined")),
]


def focus_area_filter(field_name: str = "focus_areas") -> django_filters.ModelChoiceFilter:
    """The shared vocabulary as a filter, by slug in the URL (reused by other sections)."""
    return django_filters.ModelChoiceFilter(
        label=_("Focus area"),
        field_name=field_name,
        queryset=FocusArea.objects.all(),
        to_field_name="slug",
        empty_label=_("Any focus area"),
    )


def region_filter(field_name: str = "region") -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        label=_("World region"),
        field_name=field_name,
        queryset=Region.objects.all(),
        to_field_name="slug",
        empty_label=_("Any region"),
    )


class MemberFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search by name"), method="search", max_length=100)
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=MemberKind.choices, empty_label=_("Any kind")
    )
    region = region_filter()
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=countries, empty_label=_("Any country")
    )
    network = django_filters.ModelChoiceFilter(
        label=_("Network"),
        field_name="networks",
        queryset=Network.objects.all(),
        to_field_name="slug",
        empty_label=_("Any network"),
    )
    focus_area = focus_area_filter()
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("name", "name"),
            ("country", "country"),
            ("inhabitants", "inhabitants"),
            ("joined_on", "joined_on"),
        ),  # fmt: skip
        choices=SORTS,
        empty_label=None,
    )

    class Meta:
        model = Member
        fields = ["q", "kind", "region", "country", "network", "focus_area"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(slug__icontains=value))
