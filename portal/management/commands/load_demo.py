"""Load the demo data of every section, in dependency order. Run it twice: same rows."""

from importlib import import_module, util

from django.core.management.base import BaseCommand
from django.db import transaction

# Bottom to top, as the apps depend on each other (DESIGN.md).
DEMO_MODULES = [
    "accounts.demo",
    "cities.demo",
    "newsfeed.demo",
    "events.demo",
    "campaign.demo",
    "charter.demo",
    "docs_library.demo",
    "discussions.demo",
]


class Command(BaseCommand):
    help = "Load (or refresh) the demo data drawn from the community's own documents."

    def handle(self, *args, **options):
        for name in DEMO_MODULES:
            if util.find_spec(name) is None:
                continue
            with transaction.atomic():
                import_module(name).load()
            self.stdout.write(f"  {name.split('.')[0]}: loaded")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
