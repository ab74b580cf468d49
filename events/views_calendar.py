"""Calendar files: one event's .ics, the public feed, a person's secret feed and its page."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core.visibility import Visibility
from events import calendar
from events.models import Event

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _calendar_response(body: bytes, *, filename: str, attachment: bool) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def event_ics_view(request, slug):
    event = Event.objects.select_related("host").filter(slug=slug).first()
    if event is None or not request.user.has_perm("events.see_event", event):
        raise Http404("No such event")
    response = _calendar_response(
        calendar.event_ics(event, site_url=settings.SITE_URL),
        filename=f"{event.slug}.ics",
        attachment=True,
    )
    if event.visibility != Visibility.PUBLIC:
        # Members-only: never kept by a shared cache.
        patch_cache_control(response, private=True)
    return response


@require_safe
def public_feed_view(request):
    events = calendar.public_feed_events(timezone.now())
    body = calendar.feed_ics(
        events, site_url=settings.SITE_URL, name=_("Human Rights Cities events")
    )
    return _calendar_response(body, filename="events.ics", attachment=False)


@require_safe
def personal_feed_view(request, token):
    user = calendar.calendar_feed_user(token)
    if user is None:
        raise Http404("No such calendar")
    body = calendar.feed_ics(
        calendar.personal_feed_events(user, timezone.now()),
        site_url=settings.SITE_URL,
        name=_("My Human Rights Cities events"),
    )
    response = _calendar_response(body, filename="my-events.ics", attachment=False)
    patch_cache_control(response, private=True)
    return response


def _feed_urls(token: str) -> tuple[str, str]:
    url = settings.SITE_URL + reverse("events:personal_feed", kwargs={"token": token})
    return url, "webcal://" + url.split("://", 1)[1]


@login_required
@require_http_methods(["GET", "POST"])
def my_calendar(request):
    """The person's secret calendar address: made (shown once), or stopped."""
    if not request.user.has_perm("events.subscribe_calendar"):
        raise PermissionDenied(_("Only approved members have a personal calendar address."))
    context = {}
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            token = calendar.calendar_feed_create(user=request.user)
            context["feed_url"], context["webcal_url"] = _feed_urls(token)
        elif action == "revoke":
            calendar.calendar_feed_revoke(user=request.user)
            messages.success(request, _("This address is stopped: calendars get nothing more."))
            return redirect("events:my_calendar")
        else:
            return redirect("events:my_calendar")
    context["feed"] = calendar.calendar_feed_live(user=request.user)
    response = render(request, "events/my_calendar.html", context)
    # The page with the address on it is never kept by a browser or a proxy.
    add_never_cache_headers(response)
    patch_cache_control(response, private=True, no_store=True)
    return response
