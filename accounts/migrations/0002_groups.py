from django.db import migrations

from accounts.groups import SECRETARIAT, STEERING_GROUP, grant_model_permissions


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name=STEERING_GROUP)
    grant_model_permissions(
        apps, group_name=SECRETARIAT, app_labels=["accounts", "account", "mfa", "auth"]
    )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[SECRETARIAT, STEERING_GROUP]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("account", "0009_emailaddress_unique_primary_email"),
        ("mfa", "0003_authenticator_type_uniq"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
