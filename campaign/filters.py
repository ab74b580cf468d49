import django_filters
from django.utils.translation import gettext_lazy as _

from campaign.models import Pledge
from cities.models import FocusArea, MemberKind, Region


class PledgeFilter(django_filters.FilterSet):
    region = django_filters.ModelChoiceFilter(
        label=_("World region"),
        field_name="member__region",
        queryset=Region.objects.all(),
        to_field_name="slug",
        empty_label=_("Any region"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), field_name="member__kind", choices=MemberKind.choices,
        empty_label=_("Any kind"),
    )  # fmt: skip
    focus_area = django_filters.ModelChoiceFilter(
        label=_("Focus area"),
        field_name="focus_areas",
        queryset=FocusArea.objects.all(),
        to_field_name="slug",
        empty_label=_("Any focus area"),
    )

    class Meta:
        model = Pledge
        fields = ["region", "kind", "focus_area"]
