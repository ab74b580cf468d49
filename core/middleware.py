"""Per-request middleware: the signed-in user's language and time zone, and the security
headers (Content-Security-Policy, Permissions-Policy, Cache-Control for signed-in pages)."""

import zoneinfo

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.utils import timezone, translation
from django.utils.cache import cc_delim_re, patch_cache_control


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


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with a nonce on every policy: a template that needs an inline
    script writes nonce="{{ request.csp_nonce }}" and needs no other change."""

    def process_request(self, request):
        super().process_request(request)
        self._make_nonce(request)


class PermissionsPolicyMiddleware:
    """Turn off the browser features the portal never uses, for every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = ", ".join(f"{feature}=()" for feature in settings.PORTAL_DISABLED_FEATURES)

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.policy)
        return response


class PrivateCacheForSignedInUsersMiddleware:
    """A signed-in user's pages stay out of shared caches (proxies, CDNs) and are revalidated."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not _signed_in(request):
            return response
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        elif "public" in _cache_control_directives(response):
            # patch_cache_control drops "public" when it adds "private".
            patch_cache_control(response, private=True)
        return response


def _cache_control_directives(response) -> set[str]:
    return {
        directive.split("=", 1)[0].strip().lower()
        for directive in cc_delim_re.split(response["Cache-Control"])
    }


def _signed_in(request) -> bool:
    session = getattr(request, "session", None)
    if session is None:
        return False
    # Reading request.user reads the session, which adds "Vary: Cookie" to the response; a
    # request that sent no session cookie and did not touch the session has nobody signed in.
    if not session.accessed and settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return request.user.is_authenticated
