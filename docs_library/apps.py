from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocsLibraryConfig(AppConfig):
    name = "docs_library"
    verbose_name = _("Document library")
