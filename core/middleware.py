"""Activate the signed-in user's language and time zone for each request."""

import zoneinfo

from django.conf import settings
from django.utils import timezone, translation


class UserLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # An explicit choice in the language switcher (cookie) wins over the profile.
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            language = chosen or user.language
            if language and language in dict(settings.LANGUAGES):
                translation.activate(language)
                request.LANGUAGE_CODE = language
            if user.time_zone:
                try:
                    timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
                except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                    timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)
