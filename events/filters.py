"""The events list's filters, kept in the URL (?kind=workshop&focus_area=housing&from=...)."""

from datetime import date, datetime, time, timedelta

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cities.filters import focus_area_filter
from cities.models import Member
from core.timezones import viewer_zone
from core.widgets import QuickSelect
from events.models import Event, EventFormat, EventKind, Participation

# Far enough for any calendar; beyond, a date would overflow on the way to UTC.
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)


class EventFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        for name in ("from", "to"):
            value = cleaned.get(name)
            if value and not EARLIEST <= value <= LATEST:
                self.add_error(name, _("Choose a date between the years 1900 and 2999."))
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and start > end:
            self.add_error("to", _("The end of the period comes before its start."))
        return cleaned


class EventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=EventKind.choices, empty_label=_("Any kind"), widget=QuickSelect
    )
    format = django_filters.ChoiceFilter(
        label=_("Format"),
        choices=EventFormat.choices,
        empty_label=_("Any format"),
        widget=QuickSelect,
    )
    # Reached from a member's profile (?member=<slug>): a select of every member would be long.
    member = django_filters.ModelChoiceFilter(
        label=_("Member"),
        queryset=Member.objects.published(),
        to_field_name="slug",
        method="hosted_or_spoken_by",
        widget=forms.HiddenInput,
    )
    focus_area = focus_area_filter("focus_areas")

    class Meta:
        model = Event
        fields = ["kind", "format", "member", "focus_area"]
        form = EventFilterForm

    def hosted_or_spoken_by(self, queryset, name, member):
        # A subquery rather than a join through the speakers: each event is listed once.
        spoken = Participation.objects.filter(speaker__member=member).values("event")
        return queryset.filter(Q(host=member) | Q(pk__in=spoken))

    def _zone(self):
        request = getattr(self, "request", None)
        return (viewer_zone(request) if request is not None else None) or (
            timezone.get_current_timezone()
        )

    def on_or_after(self, queryset, name, day):
        """Events still going on at the start of that day, in the viewer's zone."""
        return queryset.filter(ends_at__gt=datetime.combine(day, time.min, tzinfo=self._zone()))

    def on_or_before(self, queryset, name, day):
        """Events that start by the end of that day, in the viewer's zone."""
        following = datetime.combine(day + timedelta(days=1), time.min, tzinfo=self._zone())
        return queryset.filter(starts_at__lt=following)


# The parameters people read in the URL are "from" and "to"; "from" is a Python keyword, so
# these two are added by name.
_DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
EventFilter.base_filters["from"] = django_filters.DateFilter(
    label=_("From"), method="on_or_after", widget=_DATE_WIDGET
)
EventFilter.base_filters["to"] = django_filters.DateFilter(
    label=_("To"), method="on_or_before", widget=_DATE_WIDGET
)
