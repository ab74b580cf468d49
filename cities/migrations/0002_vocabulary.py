from django.db import migrations

from accounts.groups import SECRETARIAT, grant_model_permissions
from cities.vocabulary import load_vocabulary


def forwards(apps, schema_editor):
    load_vocabulary(apps.get_model("cities", "Region"), apps.get_model("cities", "FocusArea"))
    grant_model_permissions(apps, group_name=SECRETARIAT, app_labels=["cities"])


class Migration(migrations.Migration):
    dependencies = [
        ("cities", "0001_initial"),
        ("accounts", "0002_groups"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
