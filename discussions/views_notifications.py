"""The one-click "unfollow" link of the board's e-mails: no login, a signed token."""

from django.core import signing
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from discussions import notifications, selectors, services
from discussions.models import NotificationLevel


@csrf_exempt  # RFC 8058 one-click: mail clients POST without a session or CSRF token
@require_http_methods(["GET", "POST"])
def unfollow(request, token):
    try:
        link = notifications.unfollow_link_read(token=token)
    except signing.BadSignature:  # tampered, foreign, expired, or the thread is gone
        return render(request, "discussions/unfollow.html", {"state": "invalid"}, status=400)
    if request.method == "GET":
        # A page with a button: link scanners that follow GET links mute nothing.
        level = selectors.notification_level(thread=link.thread, user=link.user)
        state = "muted" if level == NotificationLevel.MUTED else "confirm"
        return render(
            request,
            "discussions/unfollow.html",
            {"state": state, "token": token, "thread": link.thread},
        )
    services.subscription_set(user=link.user, level=NotificationLevel.MUTED, thread=link.thread)
    if request.POST.get("List-Unsubscribe") == "One-Click":
        return HttpResponse(status=200)
    return render(request, "discussions/unfollow.html", {"state": "done", "thread": link.thread})
