from importlib import import_module

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from core import views as core_views

# See DESIGN.md: admin.autodiscover() would import leaflet.admin (GeoDjango), so we list ours.
for module in settings.PORTAL_ADMIN_MODULES:
    import_module(module)

admin.site.site_header = _("Human Rights Cities — secretariat")
admin.site.site_title = _("Human Rights Cities admin")
admin.site.index_title = _("Curate the portal")

urlpatterns = [
    # The admin signs in through allauth (rate limits, MFA stage), never its own form.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", core_views.healthz, name="healthz"),
    path("", include("cities.urls")),
    path("", include("newsfeed.urls")),
    path("campaign/", include("campaign.urls")),
    path("events/", include("events.urls")),
    path("charter/", include("charter.urls")),
    path("library/", include("docs_library.urls")),
    path("discussions/", include("discussions.urls")),
    path("", include("portal.urls")),
]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
