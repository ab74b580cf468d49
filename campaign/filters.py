import django_filters
from django.utils.translation import gettext_lazy as _

from campaign.models import Pledge
from cities.filters import focus_area_filter, region_filter
from cities.models import MemberKind
from core.widgets import QuickSelect


class PledgeFilter(django_filters.FilterSet):
    region = region_filter("member__region")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), field_name="member__kind", choices=MemberKind.choices,
        empty_label=_("Any kind"), widget=QuickSelect,
    )  # fmt: skip
    focus_area = focus_area_filter()

    class Meta:
        model = Pledge
        fields = ["region", "kind", "focus_area"]
