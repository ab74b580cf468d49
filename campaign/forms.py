"""The pledge form, one step per section of the campaign's questionnaire."""

from django import forms
from django.utils.translation import gettext_lazy as _

from campaign.models import Pledge, PledgeInitiative
from cities.models import FocusArea
from core.forms import InputForm


class KeyInformationForm(InputForm):
    class Meta:
        model = Pledge
        fields = ["inhabitants", "kind", "representative_name", "representative_title",
                  "political_structure"]  # fmt: skip
        widgets = {"political_structure": forms.Textarea(attrs={"rows": 4})}


class VisionForm(InputForm):
    class Meta:
        model = Pledge
        fields = ["vision_essential", "vision_framework"]


class MotivationsForm(InputForm):
    class Meta:
        model = Pledge
        fields = ["motivations"]


class FocusAreasForm(InputForm):
    focus_areas = forms.ModelMultipleChoiceField(
        label=_("Main areas of focus"),
        queryset=FocusArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Pledge
        fields = ["focus_areas"]


class InitiativeForm(forms.ModelForm):
    class Meta:
        model = PledgeInitiative
        fields = ["title", "kind", "description", "link"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


InitiativeFormSet = forms.modelformset_factory(
    PledgeInitiative, form=InitiativeForm, extra=1, can_delete=True, max_num=20, validate_max=True
)


class StatementForm(InputForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The uploaded name is replaced by a random one: its length does not matter.
        self.fields["signed_statement"].max_length = None

    class Meta:
        model = Pledge
        fields = ["signatory_name", "signatory_title", "signed_on", "signed_statement"]
        widgets = {"signed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the member"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("What should the member change before submitting again?"),
    )
