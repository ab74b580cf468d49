import django_filters
from django.utils.translation import gettext_lazy as _

from cities.models import FocusArea, Member
from newsfeed.models import NewsItem, NewsKind


class NewsFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind of news"), choices=NewsKind.choices, empty_label=_("All news")
    )
    member = django_filters.ModelChoiceFilter(
        label=_("Member"),
        queryset=Member.objects.published(),
        to_field_name="slug",
        empty_label=_("Any member"),
    )
    focus_area = django_filters.ModelChoiceFilter(
        label=_("Focus area"),
        field_name="focus_areas",
        queryset=FocusArea.objects.all(),
        to_field_name="slug",
        empty_label=_("Any focus area"),
    )

    class Meta:
        model = NewsItem
        fields = ["kind", "member", "focus_area"]
