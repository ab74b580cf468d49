from django.db import migrations

from accounts.groups import SECRETARIAT, grant_model_permissions


def forwards(apps, schema_editor):
    grant_model_permissions(apps, group_name=SECRETARIAT, app_labels=["docs_library"])


class Migration(migrations.Migration):
    dependencies = [
        ("docs_library", "0001_initial"),
        ("accounts", "0002_groups"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
