import django_filters
from django.utils.translation import gettext_lazy as _

from cities.filters import focus_area_filter
from cities.models import Member
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
    focus_area = focus_area_filter()

    class Meta:
        model = NewsItem
        fields = ["kind", "member", "focus_area"]
