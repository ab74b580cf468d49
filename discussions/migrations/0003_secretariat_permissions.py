from django.db import migrations

from accounts.groups import SECRETARIAT, grant_model_permissions


def forwards(apps, schema_editor):
    grant_model_permissions(apps, group_name=SECRETARIAT, app_labels=["discussions"])


class Migration(migrations.Migration):
    dependencies = [
        ("discussions", "0002_moderation_log_append_only"),
        ("accounts", "0002_groups"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
