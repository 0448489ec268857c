# The counts read like timestamps beside date_started/date_finished.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("marketplace_sync", "0003_curation_channel_export_ready_only")]

    operations = [
        migrations.RenameField("syncrun", old, f"{old}_count")
        for old in ("created", "updated", "unchanged", "failed")
    ]
