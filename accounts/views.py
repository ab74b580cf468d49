from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from accounts import services
from accounts.forms import SettingsForm


@login_required
def settings_view(request):
    user = request.user
    form = SettingsForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update_settings(user=user, **form.answers)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            translation.activate(user.language)
            messages.success(request, _("Your settings are saved."))
            response = redirect("accounts:settings")
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.language,
                max_age=31536000,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
            return response
    return render(request, "accounts/settings.html", {"form": form})


@login_required
def pending_view(request):
    return render(request, "accounts/pending.html")
