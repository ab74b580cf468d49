from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        user = request.user
        if user.is_authenticated and not user.is_approved and not user.is_staff:
            return reverse("accounts:pending")
        return super().get_login_redirect_url(request)
