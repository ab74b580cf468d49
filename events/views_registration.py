"""Registering for an event and giving the place up: one view per action, one service call."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events import services
from events.models import Event, RegistrationStatus


def _event(request, slug) -> Event:
    event = Event.objects.filter(slug=slug).first()
    if event is None or not request.user.has_perm("events.see_event", event):
        raise Http404("No such event")
    return event


@login_required
@require_POST
def register(request, slug):
    event = _event(request, slug)
    try:
        registration = services.registration_register(event=event, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if registration.status == RegistrationStatus.WAITING:
            messages.success(
                request,
                _("The event is full: you are on the waiting list. We will write to you if a "
                  "place frees."),
            )  # fmt: skip
        else:
            messages.success(request, _("You are registered. A confirmation is on its way."))
    return redirect(event.get_absolute_url() + "#registration")


@login_required
@require_POST
def cancel(request, slug):
    event = _event(request, slug)
    registration = services.registration_cancel(event=event, user=request.user)
    if registration is not None:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(event.get_absolute_url() + "#registration")
