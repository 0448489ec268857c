"""Saved addresses written before provinces were ISO codes ("Jawa Timur" -> "ID-JI")."""
from django.db import migrations


def forwards(apps, schema_editor):
    from shop.address.provinces import province_code

    UserAddress = apps.get_model("address", "UserAddress")
    for address in UserAddress.objects.exclude(state="").exclude(state__startswith="ID-"):
        code = province_code(address.state)
        if code:
            UserAddress.objects.filter(pk=address.pk).update(state=code)


class Migration(migrations.Migration):
    dependencies = [("address", "0007_useraddress_code")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
