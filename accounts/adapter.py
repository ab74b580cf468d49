from allauth.account.adapter import DefaultAccountAdapter
from django.core.validators import MaxLengthValidator
from django.urls import reverse

from accounts.models import User

# Django's EmailValidator lets 320 characters through; the columns hold 254 (RFC 5321).
EMAIL_MAX_LENGTH = User._meta.get_field("email").max_length


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        user = request.user
        if user.is_authenticated and not user.is_approved and not user.is_staff:
            return reverse("accounts:pending")
        return super().get_login_redirect_url(request)

    def clean_email(self, email):
        # Every allauth form that stores an address (sign-up, add or change e-mail) asks here.
        MaxLengthValidator(EMAIL_MAX_LENGTH)(email)
        return super().clean_email(email)
