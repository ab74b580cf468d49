from django import forms
from django.utils.translation import gettext_lazy as _

from cities.models import FocusArea, Member
from cities.services import PROFILE_FIELDS
from core.forms import InputForm


class AffiliationRequestForm(forms.Form):
    member = forms.ModelChoiceField(
        label=_("Member (city, territory or organisation)"),
        queryset=Member.objects.published().order_by("name"),
    )
    role_title = forms.CharField(label=_("Your role or title"), max_length=200, required=False)
    is_focal_point = forms.BooleanField(
        label=_("I am the focal point: I speak for this member (its pledge and its profile)"),
        required=False,
    )


class MemberProfileForm(InputForm):
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Focus areas"),
        queryset=FocusArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Member
        fields = [*PROFILE_FIELDS, "focus_areas"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "political_structure": forms.Textarea(attrs={"rows": 4}),
        }
