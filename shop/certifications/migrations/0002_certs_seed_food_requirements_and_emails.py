"""Seed what the council starts with: food (Kuliner) requires halal and PIRT, and the
two certificate emails exist as editable CommunicationEventTypes.

The templates stay empty here, so Oscar renders the file templates
(templates/oscar/communication/emails/commtype_cert_*); a curator or admin can
override them in Dashboard → Content → Email templates.
"""
from django.db import migrations

FOOD_CATEGORY = "Kuliner"
FOOD_REQUIRES = ("halal", "pirt")
EVENT_TYPES = {
    "CERT_EXPIRING": "Certificate expiring (to the artisan, 30 and 7 days before)",
    "CERT_EXPIRED": "Certificate expired (to the artisan and the curators)",
}


def seed(apps, schema_editor):
    using = schema_editor.connection.alias
    Category = apps.get_model("catalogue", "Category")
    Requirement = apps.get_model("certifications", "CraftCertificationRequirement")
    EventType = apps.get_model("communication", "CommunicationEventType")
    # A fresh database has no categories yet: the demo loader seeds the
    # requirement when it creates the Kuliner category.
    for category in Category.objects.using(using).filter(depth=1, name=FOOD_CATEGORY):
        for kind in FOOD_REQUIRES:
            Requirement.objects.using(using).get_or_create(category=category, kind=kind)
    for code, name in EVENT_TYPES.items():
        EventType.objects.using(using).get_or_create(code=code, defaults={"name": name, "category": "User related"})


def unseed(apps, schema_editor):
    EventType = apps.get_model("communication", "CommunicationEventType")
    EventType.objects.using(schema_editor.connection.alias).filter(code__in=list(EVENT_TYPES)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("certifications", "0001_initial"),
        ("communication", "0004_auto_20200801_0817"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
