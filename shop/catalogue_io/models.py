"""One catalogue import: the uploaded file, its progress and what each row did.

The dry run and the import both run in a Celery task and write here as they go,
so the dashboard page can follow ``processed`` / ``total``.
"""
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def import_storage():
    """Uploaded spreadsheets and zips hold unpublished prices and stories: kept outside MEDIA_ROOT.

    A callable, so migrations name it instead of freezing one machine's path.
    """
    return FileSystemStorage(location=settings.CATALOGUE_IMPORT_ROOT)


def import_upload_path(instance, filename):
    return timezone.now().strftime("%Y/%m/") + filename


class ProductImport(models.Model):
    # checking -> checked -> importing -> done; failed when the file cannot be read at all.
    CHECKING, CHECKED, IMPORTING, DONE, FAILED = "checking", "checked", "importing", "done", "failed"
    STATUS_CHOICES = [
        (CHECKING, _("Checking the file")),
        (CHECKED, _("Checked: waiting for confirmation")),
        (IMPORTING, _("Importing")),
        (DONE, _("Imported")),
        (FAILED, _("Failed")),
    ]
    CSV, XLSX = "csv", "xlsx"
    FORMAT_CHOICES = [(CSV, "CSV"), (XLSX, "XLSX")]

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), related_name="+",
                             null=True, on_delete=models.SET_NULL)
    file = models.FileField(_("file"), storage=import_storage, upload_to=import_upload_path, max_length=255)
    file_name = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("format"), max_length=4, choices=FORMAT_CHOICES)
    images_zip = models.FileField(_("images (zip)"), storage=import_storage, upload_to=import_upload_path,
                                  max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=CHECKING)
    #: Chosen at confirmation: skip the rows with errors instead of refusing the file.
    valid_rows_only = models.BooleanField(_("import only the valid rows"), default=False)
    #: Chosen at confirmation, curators only: new products go live instead of waiting in the queue.
    approve = models.BooleanField(_("approve new products as curator"), default=False)
    total = models.PositiveIntegerField(_("rows"), default=0)
    processed = models.PositiveIntegerField(_("rows processed"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    error_count = models.PositiveIntegerField(_("rows with errors"), default=0)
    #: The file's column headers in their order (to name a cell's spreadsheet column: price is "Q").
    columns = models.JSONField(_("columns"), default=list, blank=True)
    #: A problem with the whole file (unreadable, missing columns), as an error code and its values.
    file_error = models.JSONField(_("file error"), default=dict, blank=True)
    date_created = models.DateTimeField(_("date created"), auto_now_add=True)
    date_finished = models.DateTimeField(_("date finished"), null=True, blank=True)

    class Meta:
        ordering = ("-date_created", "-pk")
        verbose_name = _("product import")
        verbose_name_plural = _("product imports")

    def __str__(self):
        return f"{self.file_name} ({self.status})"

    @property
    def percent(self):
        return int(self.processed * 100 / self.total) if self.total else 0

    @property
    def is_running(self):
        return self.status in (self.CHECKING, self.IMPORTING)


class ProductImportRow(models.Model):
    """What one row of the file would do (dry run) or did (import)."""

    CREATE, UPDATE, UNCHANGED, ERROR = "create", "update", "unchanged", "error"
    ACTION_CHOICES = [
        (CREATE, _("New product")),
        (UPDATE, _("Changes")),
        (UNCHANGED, _("No change")),
        (ERROR, _("Error")),
    ]

    product_import = models.ForeignKey(ProductImport, related_name="rows", on_delete=models.CASCADE)
    #: The spreadsheet's row number (the header is row 1).
    row_number = models.PositiveIntegerField(_("row"))
    sku = models.CharField(_("SKU"), max_length=128, blank=True)
    title = models.CharField(_("title"), max_length=255, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=ACTION_CHOICES)
    #: [{"column": "price", "old": "...", "new": "..."}]
    changes = models.JSONField(_("changes"), default=list, blank=True)
    #: [{"column": "price", "code": "price_decimal", "params": {...}}]; translated when shown.
    errors = models.JSONField(_("errors"), default=list, blank=True)
    #: After the import: what happened ("created", "submitted", "approved", "revision", ...), as codes.
    outcome = models.JSONField(_("outcome"), default=list, blank=True)
    imported = models.BooleanField(_("imported"), default=False)
    product = models.ForeignKey("catalogue.Product", related_name="+", null=True, blank=True,
                                on_delete=models.SET_NULL)

    class Meta:
        ordering = ("row_number",)
        constraints = [
            models.UniqueConstraint(fields=["product_import", "row_number"], name="unique_import_row"),
        ]

    def __str__(self):
        return f"{self.product_import_id} row {self.row_number}: {self.action}"
