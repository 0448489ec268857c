"""Shipping event types and the "parcel shipped" email, which a fresh database lacked.

Without event types Oscar's "create shipping event" offered an empty list. Names are in
Indonesian like the order statuses; pages show them translated (shop/order/shipments.py).
Addresses written before provinces were ISO codes ("Jawa Timur") get their code.
"""
from django.db import migrations

EVENT_TYPES = [("dikemas", "Dikemas"), ("dikirim", "Dikirim"), ("diterima", "Diterima")]


def forwards(apps, schema_editor):
    from shop.address.provinces import province_code

    ShippingEventType = apps.get_model("order", "ShippingEventType")
    for code, name in EVENT_TYPES:
        if not ShippingEventType.objects.filter(code=code).exists():
            ShippingEventType.objects.create(code=code, name=name)
    CommunicationEventType = apps.get_model("communication", "CommunicationEventType")
    CommunicationEventType.objects.get_or_create(
        code="ORDER_SHIPPED", defaults={"name": "Parcel shipped (to the buyer)", "category": "Order related"},
    )
    ShippingAddress = apps.get_model("order", "ShippingAddress")
    for address in ShippingAddress.objects.exclude(state="").exclude(state__startswith="ID-"):
        code = province_code(address.state)
        if code:
            ShippingAddress.objects.filter(pk=address.pk).update(state=code)


class Migration(migrations.Migration):
    dependencies = [
        ("order", "0023_shipments_tracking"),
        ("communication", "0004_auto_20200801_0817"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
