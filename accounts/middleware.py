"""The admin opens only for staff, and (where required) only once they have enrolled TOTP."""

from urllib.parse import urlencode

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse


class StaffMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        admin_root = reverse("admin:index")
        # /admin/login/ itself only redirects to the portal's sign-in (config.urls).
        if request.path.startswith(admin_root) and request.path != reverse("admin:login"):
            response = self._guard(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _guard(self, request):
        user = request.user
        if not user.is_authenticated:
            # One login for everyone, with allauth's rate limits and MFA stage.
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('account_login')}?{query}")
        if not (user.is_active and user.is_staff):
            raise PermissionDenied
        if settings.PORTAL_REQUIRE_STAFF_MFA and not user_has_totp(user):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('mfa_activate_totp')}?{query}")
        return None


def user_has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
