"""Load the demo data of every section, in dependency order. Run it twice: same rows."""

from importlib import import_module, util

from django.core.management.base import BaseCommand
from django.db import transaction

from config.apps import PORTAL_APPS


def demo_modules() -> list[str]:
    """Each app's ``demo`` module, bottom to top as the apps depend on each other."""
    return [f"{app}.demo" for app in PORTAL_APPS if util.find_spec(f"{app}.demo") is not None]


class Command(BaseCommand):
    help = "Load (or refresh) the demo data drawn from the community's own documents."

    def handle(self, *args, **options):
        for name in demo_modules():
            with transaction.atomic():
                import_module(name).load()
            self.stdout.write(f"  {name.split('.')[0]}: loaded")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
