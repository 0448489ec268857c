from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0033_region_product_curation_state_product_export_ready_and_more"),
    ]

    operations = [
        migrations.AlterField(
            model_name="product",
            name="curation_state",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"), ("submitted", "Submitted for curation"),
                    ("changes_requested", "Changes requested"), ("approved", "Approved"),
                    ("rejected", "Rejected"), ("archived", "Archived"),
                ],
                db_index=True, default="draft", help_text="Only approved products are visible and buyable.",
                max_length=20, verbose_name="curation state",
            ),
        ),
    ]
