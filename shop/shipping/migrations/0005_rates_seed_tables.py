from django.db import migrations


def seed(apps, schema_editor):
    from shop.shipping.seed import rate_tables_seed

    rate_tables_seed(
        ShippingZone=apps.get_model("shipping", "ShippingZone"),
        ProvinceZone=apps.get_model("shipping", "ProvinceZone"),
        CourierService=apps.get_model("shipping", "CourierService"),
        TableRate=apps.get_model("shipping", "TableRate"),
    )


class Migration(migrations.Migration):
    dependencies = [("shipping", "0004_rates_tables")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
