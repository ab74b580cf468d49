"""Input forms of the events app (they validate; the services write)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cities.models import Member
from core.forms import InputForm
from events.models import ReportPractice, ReportQuote, SessionReport


class ReportForm(InputForm):
    class Meta:
        model = SessionReport
        fields = ["aim", "relation_to_theme", "key_messages", "commitments", "take_forward"]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in fields}


class QuoteForm(forms.ModelForm):
    class Meta:
        model = ReportQuote
        fields = ["text", "said_by", "language"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class PracticeForm(forms.ModelForm):
    member = forms.ModelChoiceField(
        label=_("Member"), queryset=Member.objects.published().order_by("name")
    )

    class Meta:
        model = ReportPractice
        fields = ["member", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


QuoteFormSet = forms.modelformset_factory(
    ReportQuote, form=QuoteForm, extra=1, can_delete=True, max_num=30, validate_max=True
)
PracticeFormSet = forms.modelformset_factory(
    ReportPractice, form=PracticeForm, extra=1, can_delete=True, max_num=30, validate_max=True
)


def formset_rows(formset, fields: tuple[str, ...]) -> list[dict]:
    """The filled, kept rows of a formset as plain values for a service."""
    return [
        {name: form.cleaned_data[name] for name in fields}
        for form in formset.forms
        if form.cleaned_data.get(fields[0]) and not form.cleaned_data.get("DELETE")
    ]
