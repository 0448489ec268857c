import django.db.models.deletion
from django.db import migrations, models

ARTISAN_NEW_ORDER = "ARTISAN_NEW_ORDER"


def event_type_create(apps, schema_editor):
    # Empty template fields: Oscar renders the file templates
    # (templates/oscar/communication/emails/commtype_artisan_new_order_*), and an
    # admin may override them under Dashboard -> Content -> Email templates.
    CommunicationEventType = apps.get_model("communication", "CommunicationEventType")
    CommunicationEventType.objects.get_or_create(
        code=ARTISAN_NEW_ORDER,
        defaults={"name": "New order for an artisan", "category": "Order related"},
    )


def event_type_delete(apps, schema_editor):
    apps.get_model("communication", "CommunicationEventType").objects.filter(code=ARTISAN_NEW_ORDER).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("order", "0022_order_channel_order_needs_review_and_more"),
        ("partner", "0009_partner_language"),
        ("communication", "0004_auto_20200801_0817"),
    ]

    operations = [
        migrations.CreateModel(
            name="ArtisanOrderNotice",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("date_created", models.DateTimeField(auto_now_add=True, verbose_name="sent at")),
                ("order", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="artisan_notices",
                                            to="order.order", verbose_name="order")),
                ("partner", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="order_notices",
                                              to="partner.partner", verbose_name="artisan")),
            ],
            options={
                "verbose_name": "new-order email to an artisan",
                "verbose_name_plural": "new-order emails to artisans",
                "constraints": [models.UniqueConstraint(fields=("order", "partner"),
                                                        name="one_new_order_email_per_artisan")],
            },
        ),
        migrations.RunPython(event_type_create, event_type_delete),
    ]
