"""Create the "Kurator" and "Perajin" groups with their dashboard permissions.

On a fresh database Django creates permissions only in its post_migrate
signal, i.e. after every migration has run, so a data migration that looks
permissions up would find none (this is why Oscar's "All Oscar Dashboard
Permissions" group starts empty). We call ``create_permissions`` ourselves for
every app in the historical state first; it is idempotent, and post_migrate
later finds nothing left to create.
"""
from django.contrib.auth.management import create_permissions
from django.db import migrations

from shop.accounts.roles import role_groups_sync


def create_role_groups(apps, schema_editor):
    using = schema_editor.connection.alias
    for app_config in apps.get_app_configs():
        # Historical app configs have no models module; create_permissions
        # skips such apps unless we pretend they have one.
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=using)
        app_config.models_module = None
    role_groups_sync(apps=apps, using=using)


def remove_role_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name__in=["Kurator", "Perajin"]).delete()


class Migration(migrations.Migration):
    # Every model whose permissions a role names must exist in the state here.
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("catalogue", "0033_region_product_curation_state_product_export_ready_and_more"),
        ("partner", "0008_alter_partner_options_partner_bio_en_partner_bio_id_and_more"),
        ("order", "0021_billingaddress_code_shippingaddress_code"),
        ("offer", "0001_initial"),
        ("voucher", "0004_auto_20180228_0940"),
        # After Oscar's own group migration, so that migration keeps behaving
        # as Oscar ships it: our roles do not use its group.
        ("customer", "0008_assign_permissions_to_staff"),
    ]

    operations = [migrations.RunPython(create_role_groups, remove_role_groups)]
