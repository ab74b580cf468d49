"""Input forms: read and validate what a person typed, for a service to write."""

from __future__ import annotations

import copy

from django import forms


class InputForm(forms.ModelForm):
    """A ModelForm that only reads input: its fields, labels and validation come from the
    model, its initial values from ``instance``, but it never writes to that instance.

    Django's ModelForm copies the posted values onto its instance while it validates; an input
    form does that on a copy, so the caller's object stays as stored whatever was posted, and
    the service, not the form, decides what is saved. Views pass ``form.answers`` on::

        form = MemberProfileForm(request.POST or None, instance=member)
        if request.method == "POST" and form.is_valid():
            services.member_update_profile(member=member, by=request.user, **form.answers)
    """

    def __init__(self, data=None, files=None, *, instance=None, **kwargs):
        super().__init__(data, files, instance=copy.copy(instance), **kwargs)

    @property
    def answers(self) -> dict:
        """The cleaned values of the form's own fields (after ``is_valid()``)."""
        return {name: self.cleaned_data[name] for name in self.fields if name in self.cleaned_data}

    def save(self, commit=True):
        raise NotImplementedError("An input form does not save: pass form.answers to a service.")
