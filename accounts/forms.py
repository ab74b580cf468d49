import zoneinfo

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import NAME_MAX_LENGTH, User
from core.forms import InputForm


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form."""

    name = forms.CharField(
        label=_("Full name"),
        max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def signup(self, request, user):
        user.name = self.cleaned_data["name"]
        user.language = getattr(request, "LANGUAGE_CODE", "en") or "en"
        user.save(update_fields=["name", "language"])


def time_zone_choices():
    return [(tz, tz.replace("_", " ")) for tz in sorted(zoneinfo.available_timezones())]


class SettingsForm(InputForm):
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices)

    class Meta:
        model = User
        fields = ["name", "language", "time_zone", "digest_frequency"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "digest_frequency": forms.RadioSelect,
        }
        help_texts = {
            "digest_frequency": _("A summary of the community's news, by e-mail."),
        }
