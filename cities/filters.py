"""The directory's and the map's filters (the same ones, kept in the URL)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from cities.models import FocusArea, Member, MemberKind, Network, Region
from core.widgets import QuickSelect

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
        distinct=True,  # a many-to-many relation: list each match once
        widget=QuickSelect,
    )


def region_filter(field_name: str = "region") -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        label=_("World region"),
        field_name=field_name,
        queryset=Region.objects.all(),
        to_field_name="slug",
        empty_label=_("Any region"),
        widget=QuickSelect,
    )


def member_countries() -> list[tuple[str, str]]:
    """The countries of published members, by name (queried when the choices are used)."""
    codes = Member.objects.published().order_by().values_list("country", flat=True).distinct()
    # Translate the few names needed, not all 250 (a third of the page's time).
    return sorted(((code, countries.name(code) or code) for code in codes), key=lambda c: c[1])


class MemberFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search by name"), method="search", max_length=100)
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=MemberKind.choices, empty_label=_("Any kind"), widget=QuickSelect
    )
    region = region_filter()
    # Countries, networks and regions: only those of published members (set in __init__), so
    # nobody picks from 250 countries to find nothing.
    country = django_filters.ChoiceFilter(
        label=_("Country"), empty_label=_("Any country"), widget=QuickSelect
    )
    network = django_filters.ModelChoiceFilter(
        label=_("Network"),
        field_name="networks",
        queryset=Network.objects.none(),
        to_field_name="slug",
        empty_label=_("Any network"),
        distinct=True,
        widget=QuickSelect,
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
        widget=QuickSelect,
    )

    class Meta:
        model = Member
        fields = ["q", "kind", "region", "country", "network", "focus_area"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        published = Member.objects.published()
        self.filters["country"].extra["choices"] = member_countries
        self.filters["network"].queryset = Network.objects.filter(
            pk__in=published.values("networks")
        ).order_by("acronym", "name")
        self.filters["region"].queryset = Region.objects.filter(
            pk__in=published.values("region")
        ).order_by("order")

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(slug__icontains=value))
