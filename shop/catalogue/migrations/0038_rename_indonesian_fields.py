# Indonesian text lives in the plain field (``story``), English beside it
# (``story_en``): ``story_id`` read like a foreign key next to ``region_id``.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0037_merge_buyer")]

    operations = [
        migrations.RenameField("product", "story_id", "story"),
        migrations.RenameField("region", "description_id", "description"),
    ]
