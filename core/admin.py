"""Admin building blocks every app's admin uses."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError


def run_for_each(modeladmin, request, objects: Iterable, *, write: Callable, done: str) -> None:
    """An admin action's loop: call a service for each object and report each outcome.

    ``write(obj)`` calls the service; ``done`` names the success, with ``%(object)s``. A
    refusal (ValidationError, PermissionDenied) is reported for that object and the others go
    on; each service call is its own transaction."""
    for obj in objects:
        try:
            write(obj)
        except (ValidationError, PermissionDenied) as error:
            text = " ".join(getattr(error, "messages", None) or [str(error)])
            modeladmin.message_user(request, f"{obj}: {text}", level=messages.ERROR)
        else:
            modeladmin.message_user(request, done % {"object": obj}, level=messages.SUCCESS)


class ConstraintCheckingForm(forms.ModelForm):
    """An admin form that checks every constraint of the model, including those on fields it
    shows read-only (a pledge's status): Django's ModelForm skips those, and the database
    would answer with an IntegrityError (a 500) instead of a message."""

    def validate_unique(self):
        super().validate_unique()
        try:
            self.instance.validate_constraints()
        except ValidationError as error:
            self._update_errors(error)
