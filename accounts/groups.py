"""Give the secretariat group its admin permissions; used by each app's data migration."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

# The names live with the predicates that read them (core.rules); re-exported for migrations.
from core.rules import SECRETARIAT_GROUP as SECRETARIAT
from core.rules import STEERING_GROUP

__all__ = ["SECRETARIAT", "STEERING_GROUP", "grant_model_permissions"]


def grant_model_permissions(apps, *, group_name: str, app_labels: list[str]) -> None:
    """Grant every permission of the given apps' models to a group (creating both as needed)."""
    for label in app_labels:
        # Permissions are normally created after migrate; make sure they exist now.
        create_permissions(global_apps.get_app_config(label), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    group.permissions.add(*Permission.objects.filter(content_type__app_label__in=app_labels))
