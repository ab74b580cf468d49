import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from cities.filters import focus_area_filter
from cities.models import Member
from core.widgets import QuickSelect
from newsfeed.models import NewsItem, NewsKind


class NewsFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind of news"),
        choices=NewsKind.choices,
        empty_label=_("All news"),
        widget=QuickSelect,
    )
    # Reached from a member's profile (?member=<slug>): a select of every member would be long.
    member = django_filters.ModelChoiceFilter(
        label=_("Member"),
        queryset=Member.objects.published(),
        to_field_name="slug",
        widget=forms.HiddenInput,
    )
    focus_area = focus_area_filter()

    class Meta:
        model = NewsItem
        fields = ["kind", "member", "focus_area"]
