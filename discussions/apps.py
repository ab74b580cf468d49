from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionsConfig(AppConfig):
    name = "discussions"
    verbose_name = _("Discussions")

    def ready(self):
        # The threads a person follows reach the news digest (newsfeed cannot import us).
        from discussions.notifications import DIGEST_SECTION
        from newsfeed import digest_sections

        digest_sections.register(DIGEST_SECTION)
