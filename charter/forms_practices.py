"""The local practices' filters (the list page) and the form a focal point fills in."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from charter.models import LocalPractice, PracticeStatus
from cities.filters import focus_area_filter
from cities.models import FocusArea, Member
from core.forms import InputForm
from core.widgets import QuickSelect


class PracticeFilter(django_filters.FilterSet):
    member = django_filters.ModelChoiceFilter(
        label=_("Member"),
        queryset=Member.objects.none(),
        to_field_name="slug",
        empty_label=_("Any member"),
        widget=QuickSelect,
    )
    focus_area = focus_area_filter()

    class Meta:
        model = LocalPractice
        fields = ["member", "focus_area"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only members with a published practice: nobody picks from a hundred to find nothing.
        self.filters["member"].queryset = (
            Member.objects.published()
            .filter(
                pk__in=LocalPractice.objects.filter(status=PracticeStatus.PUBLISHED).values(
                    "member"
                )
            )
            .only("pk", "slug", "name")
            .order_by("name")
        )


class RightChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.number}. {obj.title}"


class PracticeForm(InputForm):
    """What a focal point tells about a practice; ``rights`` are the current version's and
    come out as the rights' identities, which last from one version to the next."""

    rights = RightChoiceField(
        label=_("Rights of the Charter-Agenda it realises"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Focus areas"),
        queryset=FocusArea.objects.order_by("order"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = LocalPractice
        fields = ["member", "title", "description", "link", "rights", "focus_areas"]
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}
        help_texts = {
            "description": _("What the practice does, for whom and with whom. Markdown."),
            "link": _("A page about it, starting with https://"),
        }

    def __init__(self, *args, rights, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rights"].queryset = rights
        if members is None:
            del self.fields["member"]  # a focal point's practice is their own member's
        else:
            self.fields["member"].queryset = members  # the secretariat records any member's

    def clean_rights(self):
        return [text.right for text in self.cleaned_data["rights"]]
