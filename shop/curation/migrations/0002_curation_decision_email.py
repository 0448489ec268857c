"""The CURATION_DECISION email as a communication event type, editable in
Dashboard → Content → Email templates (empty fields use the file templates)."""
from django.db import migrations


def create(apps, schema_editor):
    CommunicationEventType = apps.get_model("communication", "CommunicationEventType")
    CommunicationEventType.objects.using(schema_editor.connection.alias).get_or_create(
        code="CURATION_DECISION", defaults={"name": "Curation decision (to the artisan)", "category": "User related"})


def remove(apps, schema_editor):
    apps.get_model("communication", "CommunicationEventType").objects.filter(code="CURATION_DECISION").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("curation", "0001_curation_models"),
        ("communication", "0004_auto_20200801_0817"),
    ]
    operations = [migrations.RunPython(create, remove)]
