# Indonesian text lives in the plain field (``bio``), English beside it (``bio_en``).
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("partner", "0009_partner_language")]

    operations = [
        migrations.RenameField("partner", "bio_id", "bio"),
        migrations.RenameField("partner", "story_id", "story"),
    ]
