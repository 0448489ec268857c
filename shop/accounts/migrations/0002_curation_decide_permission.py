"""Give the Kurator role ``curation.decide_product`` (shop.curation) by syncing the roles again."""
from django.db import migrations


_initial = __import__("shop.accounts.migrations.0001_role_groups", fromlist=["create_role_groups"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_role_groups"),
        ("curation", "0001_curation_models"),
    ]

    # Same step as 0001: create permissions of every app in this state, then sync.
    operations = [migrations.RunPython(_initial.create_role_groups, migrations.RunPython.noop)]
