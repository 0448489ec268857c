"""Catalogue import and export: reading the file, checking every row, applying it.

The flow (docs/catalogue_import.md):

1. ``import_create`` stores the upload and queues ``import_check`` (a Celery task,
   after commit): every row is read, checked and compared with the catalogue,
   without writing a product. Each row gets an action (create, update, unchanged,
   error), its changes and its errors (column + code), as ``ProductImportRow``.
2. ``import_confirm`` queues ``import_run``: the rows are checked again against
   the catalogue as it is then; a file with errors imports nothing unless the
   user chose "valid rows only". Each valid row is applied in its own
   transaction, through the curation services:

   - a new product is submitted for curation (``product_submit``), never
     approved, unless a curator chose "approve new products" at confirmation
     (then ``product_approve`` runs its usual checks; a refusal leaves it
     submitted);
   - changes to an approved product follow the dashboard's rule: kept in a
     ``ProductRevision`` for curators to approve, or applied at once and recorded
     as a curator's edit when the curator chose to approve; stock always applies
     at once;
   - a draft or sent-back product that changed is submitted again;
   - certificates in the file that the product lacks are added, waiting for review.

Errors are codes with values (``shop.catalogue_io.errors``); pages word them.
"""
from __future__ import annotations

import datetime
import io
import logging
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlparse

import requests
import tablib
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from import_export.formats import base_formats
from oscar.core.loading import get_model

from shop.catalogue_io.models import ProductImport, ProductImportRow
from shop.catalogue_io.resources import (
    CATEGORY_SEPARATOR,
    COLUMNS,
    REQUIRED_COLUMNS,
    ProductResource,
)
from shop.curation import services as curation

logger = logging.getLogger(__name__)

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
Category = get_model("catalogue", "Category")
Region = get_model("catalogue", "Region")
Certification = get_model("catalogue", "Certification")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

TEXT_LIMITS = {"sku": 128, "title": 255, "materials": 255, "materials_en": 255, "technique": 255,
               "technique_en": 255}
#: Columns holding whole numbers, with their upper bound (the model fields' and couriers' limits).
WHOLE_NUMBER_COLUMNS = {"weight_grams": 150_000, "length_cm": 300, "width_cm": 300, "height_cm": 300,
                        "stock": 1_000_000, "lead_time_days": 365}
TRUE_WORDS = {"1", "ya", "y", "yes", "true", "benar"}
FALSE_WORDS = {"", "0", "tidak", "t", "no", "n", "false", "salah"}
CERTIFICATE_KINDS = {code: code for code, _label in Certification.KIND_CHOICES}
CERTIFICATE_KINDS.update({"indikasi geografis": Certification.INDIKASI_GEOGRAFIS,
                          "geographical indication": Certification.INDIKASI_GEOGRAFIS})
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
#: Progress is written every this many rows (one UPDATE each).
PROGRESS_EVERY = 10


class FileError(Exception):
    """The whole file is unusable; ``code``/``params`` as in errors.MESSAGES."""

    def __init__(self, code, **params):
        super().__init__(code)
        self.code, self.params = code, params

    def as_dict(self):
        return {"code": self.code, "params": {k: str(v) for k, v in self.params.items()}}


# --- reading ----------------------------------------------------------------------
def file_format_of(name: str) -> str | None:
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return {"csv": ProductImport.CSV, "xlsx": ProductImport.XLSX}.get(ext)


def dataset_read(content: bytes, file_format: str) -> tablib.Dataset:
    """The file as a tablib Dataset (django-import-export's readers), headers lower-cased."""
    try:
        if file_format == ProductImport.XLSX:
            dataset = base_formats.XLSX().create_dataset(content)
        else:
            dataset = base_formats.CSV().create_dataset(content.decode("utf-8-sig"))
    except Exception as exc:  # openpyxl and csv raise many kinds; the user only needs to know it failed
        raise FileError("file_unreadable", format=file_format.upper(), detail=exc.__class__.__name__) from exc
    dataset.headers = [str(header or "").strip().lower() for header in (dataset.headers or [])]
    missing = [name for name in REQUIRED_COLUMNS if name not in dataset.headers]
    if missing:
        raise FileError("missing_columns", columns=", ".join(missing))
    return dataset


def dataset_rows(dataset) -> list[tuple[int, dict]]:
    """(spreadsheet row number, {column: value}) for every non-blank row; the header is row 1."""
    headers = dataset.headers
    rows = []
    for index, values in enumerate(dataset, start=2):
        if all(value is None or str(value).strip() == "" for value in values):
            continue
        rows.append((index, {header: value for header, value in zip(headers, values, strict=False)
                                  if header in COLUMNS}))
    return rows


# --- cells --------------------------------------------------------------------------
def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


def _error(column, code, **params):
    return {"column": column, "code": code, "params": {k: str(v) for k, v in params.items()}}


_WHOLE = re.compile(r"^-?\d+$")
_DOTTED_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_DECIMAL = re.compile(r"^-?\d+(?:[.,](\d+))$")


def whole_number(value, column, errors, *, label_value=None):
    """A whole number from a cell (int, float, "1250000", "1.250.000", "Rp 1.250.000"); None if blank.

    Appends an error and returns None when the cell is not a whole number.
    """
    shown = label_value if label_value is not None else _text(value)
    if isinstance(value, bool):
        errors.append(_error(column, "not_a_number", value=shown))
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            errors.append(_error(column, "price_decimal" if column == "price" else "not_whole", value=shown))
            return None
        number = int(value)
    else:
        text = _text(value).replace(" ", "").replace("\u00a0", "")
        if text.lower().startswith("rp"):
            text = text[2:]
        if text == "":
            return None
        if _WHOLE.match(text):
            number = int(text)
        elif _DOTTED_THOUSANDS.match(text):  # Indonesian grouping: 1.250.000
            number = int(text.replace(".", ""))
        elif (match := _DECIMAL.match(text)) is not None:
            if set(match.group(1)) != {"0"}:
                errors.append(_error(column, "price_decimal" if column == "price" else "not_whole", value=shown))
                return None
            number = int(re.split(r"[.,]", text)[0])
        else:
            errors.append(_error(column, "not_a_number", value=shown))
            return None
    if number < 0:
        errors.append(_error(column, "negative", value=shown))
        return None
    return number


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")


def date_parse(text: str) -> datetime.date | None:
    for pattern in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


def boolean(value, column, errors) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    errors.append(_error(column, "bad_boolean", value=_text(value)))
    return False


def split_list(value) -> list[str]:
    return [part.strip() for part in re.split(r"[;\n]", _text(value)) if part.strip()]


_DATEISH = re.compile(r"^[\d/.\-]+$")


def certificates_parse(value, errors) -> list[tuple[str, str, datetime.date | None]]:
    """``kind:number:expiry; ...`` -> [(kind, number, expiry)]; the expiry is optional."""
    certificates = []
    for item in split_list(value):
        parts = [part.strip() for part in item.split(":")]
        if len(parts) < 2 or not parts[1]:
            errors.append(_error("certifications", "bad_certificate", value=item))
            continue
        kind = CERTIFICATE_KINDS.get(parts[0].lower())
        if kind is None:
            errors.append(_error("certifications", "unknown_certificate_kind", value=parts[0]))
            continue
        expiry = None
        if len(parts) >= 3 and (_DATEISH.match(parts[-1]) or parts[-1] == ""):
            if parts[-1]:
                expiry = date_parse(parts[-1])
                if expiry is None:
                    errors.append(_error("certifications", "bad_date", value=parts[-1]))
                    continue
            number = ":".join(parts[1:-1])
        else:
            number = ":".join(parts[1:])
            if len(parts) >= 3:
                # "halal:123:30 Juni 2027": the last part was meant as a date.
                errors.append(_error("certifications", "bad_date", value=parts[-1]))
                continue
        certificates.append((kind, number, expiry))
    return certificates


# --- lookups ------------------------------------------------------------------------
@dataclass
class Catalogue:
    """What rows are checked against, read once per run (no query per row for lookups)."""

    partners: dict = field(default_factory=dict)        # code (lower) -> Partner
    categories: dict = field(default_factory=dict)      # full name / slug / name (lower) -> [Category]
    regions: dict = field(default_factory=dict)         # slug / name (lower) -> Region
    names_by_path: dict = field(default_factory=dict)   # treebeard path -> name
    records: dict = field(default_factory=dict)         # (partner_id, sku) -> StockRecord

    @classmethod
    def load(cls, *, skus=()):
        from shop.catalogue_io.resources import category_full_name

        catalogue = cls()
        catalogue.partners = {partner.code.lower(): partner for partner in Partner.objects.all()}
        categories = list(Category.objects.all())
        catalogue.names_by_path = {category.path: category.name for category in categories}
        for category in categories:
            keys = {category_full_name(category, catalogue.names_by_path).lower(), category.slug.lower(),
                    category.name.lower()}
            for key in keys:
                catalogue.categories.setdefault(key, []).append(category)
        for region in Region.objects.all():
            catalogue.regions.setdefault(region.name.lower(), region)
            catalogue.regions[region.slug.lower()] = region
        if skus:
            records = (StockRecord.objects.filter(partner_sku__in=list(skus))
                       .select_related("product__region", "partner")
                       .prefetch_related("product__categories", "product__certifications", "product__images"))
            catalogue.records = {(record.partner_id, record.partner_sku): record for record in records}
        return catalogue


class ImagesZip:
    """The uploaded zip of images, looked up by path inside it or by file name alone."""

    def __init__(self, file=None):
        self.zip = zipfile.ZipFile(file) if file is not None else None
        self.names = {}
        if self.zip is not None:
            for info in self.zip.infolist():
                if info.is_dir():
                    continue
                self.names.setdefault(info.filename, info.filename)
                self.names.setdefault(posixpath.basename(info.filename), info.filename)

    def __bool__(self):
        return self.zip is not None

    def has(self, name):
        return name in self.names

    def read(self, name):
        info = self.zip.getinfo(self.names[name])
        if info.file_size > settings.CATALOGUE_IMPORT_IMAGE_MAX_BYTES:
            raise ImageProblem("image_too_large", max=settings.CATALOGUE_IMPORT_IMAGE_MAX_BYTES // (1024 * 1024))
        return self.zip.read(info)


class ImageProblem(Exception):
    def __init__(self, code, **params):
        super().__init__(code)
        self.code, self.params = code, params


# --- checking rows -------------------------------------------------------------------
@dataclass
class RowPlan:
    row_number: int
    values: dict                     # cleaned values by column
    errors: list                     # [{"column", "code", "params"}]
    record: object = None            # the existing StockRecord, if any
    changes: list = field(default_factory=list)
    new_certificates: list = field(default_factory=list)
    new_images: list = field(default_factory=list)  # ("zip"|"url", entry)

    @property
    def action(self):
        if self.errors:
            return ProductImportRow.ERROR
        if self.record is None:
            return ProductImportRow.CREATE
        return ProductImportRow.UPDATE if self.changes else ProductImportRow.UNCHANGED


def row_clean(raw: dict, *, catalogue: Catalogue, images_zip: ImagesZip) -> tuple[dict, list]:
    """Cleaned values of one row and its errors (column + code), before comparing with the catalogue."""
    errors = []
    values = {}
    for column in ("sku", "title", "materials", "materials_en", "technique", "technique_en", "story", "story_en"):
        text = _text(raw.get(column))
        limit = TEXT_LIMITS.get(column)
        if limit and len(text) > limit:
            errors.append(_error(column, "too_long", max=limit))
        values[column] = text
    for column in REQUIRED_COLUMNS:
        if _text(raw.get(column)) == "":
            errors.append(_error(column, "required"))

    code = _text(raw.get("artisan_code"))
    values["partner"] = catalogue.partners.get(code.lower()) if code else None
    if code and values["partner"] is None:
        errors.append(_error("artisan_code", "unknown_artisan", value=code))

    categories = []
    for name in split_list(raw.get("craft")):
        # "Batik Tulis" or "Kain > Batik Tulis" or a slug; spaces around ">" do not matter.
        key = CATEGORY_SEPARATOR.join(part.strip() for part in name.split(">")).lower()
        found = catalogue.categories.get(key, [])
        if not found:
            errors.append(_error("craft", "unknown_category", value=name))
        elif len(found) > 1:
            errors.append(_error("craft", "ambiguous_category", value=name))
        else:
            categories.append(found[0])
    values["categories"] = categories

    region_text = _text(raw.get("region"))
    values["region"] = catalogue.regions.get(region_text.lower()) if region_text else None
    if region_text and values["region"] is None:
        errors.append(_error("region", "unknown_region", value=region_text))

    price = whole_number(raw.get("price"), "price", errors)
    if price is not None and price == 0:
        errors.append(_error("price", "price_not_positive"))
        price = None
    values["price"] = price
    for column, maximum in WHOLE_NUMBER_COLUMNS.items():
        number = whole_number(raw.get(column), column, errors)
        if number is not None and number > maximum:
            errors.append(_error(column, "too_large", value=number, max=maximum))
            number = None
        values[column] = number
    if values["lead_time_days"] is None:
        values["lead_time_days"] = 0
    values["export_ready"] = boolean(raw.get("export_ready"), "export_ready", errors)
    values["one_of_a_kind"] = boolean(raw.get("one_of_a_kind"), "one_of_a_kind", errors)
    values["certifications"] = certificates_parse(raw.get("certifications"), errors)

    images = []
    for entry in split_list(raw.get("images")):
        scheme = urlparse(entry).scheme.lower()
        if scheme in ("http", "https"):
            images.append(("url", entry))
        elif scheme and len(scheme) > 1:  # "ftp:", "file:"; one letter is a Windows drive
            errors.append(_error("images", "image_bad_url", value=entry))
        else:
            images.append(("file", entry))
    values["images"] = images
    return values, errors


def _shown(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    return str(value)


def row_compare(plan: RowPlan, *, catalogue: Catalogue, images_zip: ImagesZip) -> None:
    """Fill ``plan.changes``, new certificates and new images against the existing product (if any)."""
    values, record = plan.values, plan.record
    product = record.product if record is not None else None
    existing_images = {image.original.name for image in product.images.all()} if product else set()
    for kind, entry in values["images"]:
        if kind == "file" and entry in existing_images:
            continue  # the product's own photo, as export wrote it
        if kind == "file" and not images_zip:
            plan.errors.append(_error("images", "image_no_zip", value=entry))
        elif kind == "file" and not images_zip.has(entry):
            plan.errors.append(_error("images", "image_not_in_zip", value=entry))
        else:
            plan.new_images.append((kind, entry))
    if product is None:
        plan.new_certificates = list(dict.fromkeys(values["certifications"]))
        return

    def change(column, old, new):
        if old != new:
            plan.changes.append({"column": column, "old": _shown(old), "new": _shown(new)})

    for column in ("title", "materials", "materials_en", "technique", "technique_en", "story", "story_en"):
        change(column, getattr(product, column), values[column])
    from shop.catalogue_io.resources import category_full_name

    old_categories = {c.pk: category_full_name(c, catalogue.names_by_path) for c in product.categories.all()}
    new_categories = {c.pk: category_full_name(c, catalogue.names_by_path) for c in values["categories"]}
    if set(old_categories) != set(new_categories):
        change("craft", "; ".join(sorted(old_categories.values())), "; ".join(sorted(new_categories.values())))
    if product.region_id != (values["region"].pk if values["region"] else None):
        change("region", product.region.slug if product.region else "",
               values["region"].slug if values["region"] else "")
    for column in ("weight_grams", "length_cm", "width_cm", "height_cm", "lead_time_days"):
        change(column, getattr(product, column), values[column])
    if values["price"] is not None and (record.price is None or Decimal(values["price"]) != record.price):
        change("price", int(record.price) if record.price is not None else None, values["price"])
    if values["stock"] is not None:
        change("stock", record.num_in_stock, values["stock"])
    change("export_ready", product.export_ready, values["export_ready"])
    change("one_of_a_kind", product.is_one_of_a_kind, values["one_of_a_kind"])
    held = {(c.kind, c.number, c.expiry_date) for c in product.certifications.all()}
    plan.new_certificates = [c for c in dict.fromkeys(values["certifications"]) if c not in held]
    if plan.new_certificates:
        change("certifications", "", "; ".join(_certificate_text(c) for c in plan.new_certificates))
    if plan.new_images:
        change("images", "", "; ".join(entry for _kind, entry in plan.new_images))


def _certificate_text(certificate):
    kind, number, expiry = certificate
    return f"{kind}:{number}:{expiry.isoformat()}" if expiry else f"{kind}:{number}"


def rows_plan(rows, *, images_zip: ImagesZip, on_progress=None) -> list[RowPlan]:
    """Check and compare every row; duplicate SKUs are errors on their later rows."""
    catalogue = Catalogue.load(skus={_text(raw.get("sku")) for _number, raw in rows})
    first_row_of_sku = {}
    plans = []
    for position, (row_number, raw) in enumerate(rows, start=1):
        values, errors = row_clean(raw, catalogue=catalogue, images_zip=images_zip)
        sku = values["sku"]
        if sku:
            if sku in first_row_of_sku:
                errors.append(_error("sku", "duplicate_sku", value=sku, row=first_row_of_sku[sku]))
            else:
                first_row_of_sku[sku] = row_number
        plan = RowPlan(row_number=row_number, values=values, errors=errors)
        if values["partner"] is not None and sku:
            plan.record = catalogue.records.get((values["partner"].pk, sku))
        row_compare(plan, catalogue=catalogue, images_zip=images_zip)
        plans.append(plan)
        if on_progress and position % PROGRESS_EVERY == 0:
            on_progress(position)
    return plans


# --- imports: create, check, confirm, run -----------------------------------------------
def import_create(*, user, upload, images_zip=None) -> ProductImport:
    """Store an uploaded file and queue its check (dry run) after commit."""
    product_import = ProductImport.objects.create(
        user=user, file=upload, file_name=upload.name[:255], file_format=file_format_of(upload.name) or "csv",
        images_zip=images_zip or "",
    )
    from shop.catalogue_io import tasks

    transaction.on_commit(lambda: tasks.import_check.delay(product_import.pk), robust=True)
    return product_import


def _open_inputs(product_import):
    with product_import.file.open("rb") as handle:
        content = handle.read()
    dataset = dataset_read(content, product_import.file_format)
    images_zip = ImagesZip()
    if product_import.images_zip:
        try:
            images_zip = ImagesZip(io.BytesIO(product_import.images_zip.open("rb").read()))
        except zipfile.BadZipFile as exc:
            raise FileError("zip_unreadable") from exc
    return dataset.headers, dataset_rows(dataset), images_zip


def _progress(product_import):
    def write(processed):
        ProductImport.objects.filter(pk=product_import.pk).update(processed=processed)
    return write


def _rows_store(product_import, plans):
    product_import.rows.all().delete()
    ProductImportRow.objects.bulk_create([
        ProductImportRow(product_import=product_import, row_number=plan.row_number, sku=plan.values["sku"][:128],
                         title=plan.values["title"][:255], action=plan.action, changes=plan.changes,
                         errors=plan.errors, product=plan.record.product if plan.record is not None else None)
        for plan in plans
    ], batch_size=500)
    counts = {action: 0 for action, _label in ProductImportRow.ACTION_CHOICES}
    for plan in plans:
        counts[plan.action] += 1
    return counts


def import_check(*, import_id: int) -> ProductImport:
    """The dry run: every row checked and compared, nothing written but the report."""
    product_import = ProductImport.objects.get(pk=import_id)
    try:
        headers, rows, images_zip = _open_inputs(product_import)
    except FileError as exc:
        return _fail(product_import, exc)
    ProductImport.objects.filter(pk=import_id).update(columns=headers)
    if not rows:
        return _fail(product_import, FileError("file_empty"))
    ProductImport.objects.filter(pk=import_id).update(total=len(rows), processed=0, status=ProductImport.CHECKING)
    plans = rows_plan(rows, images_zip=images_zip, on_progress=_progress(product_import))
    with transaction.atomic():
        counts = _rows_store(product_import, plans)
        ProductImport.objects.filter(pk=import_id).update(
            status=ProductImport.CHECKED, processed=len(rows), total=len(rows),
            created_count=counts[ProductImportRow.CREATE], updated_count=counts[ProductImportRow.UPDATE],
            unchanged_count=counts[ProductImportRow.UNCHANGED], error_count=counts[ProductImportRow.ERROR],
            file_error={})
    product_import.refresh_from_db()
    return product_import


def _fail(product_import, error: FileError):
    ProductImport.objects.filter(pk=product_import.pk).update(
        status=ProductImport.FAILED, file_error=error.as_dict(), date_finished=timezone.now())
    product_import.refresh_from_db()
    return product_import


class ImportRefused(Exception):
    """The import cannot start as asked; ``code`` as in errors.MESSAGES."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def import_confirm(*, product_import, user, valid_rows_only: bool, approve: bool) -> ProductImport:
    """Start the import of a checked file (after commit, in a Celery task)."""
    with transaction.atomic():
        product_import = ProductImport.objects.select_for_update().get(pk=product_import.pk)
        if product_import.status != ProductImport.CHECKED:
            raise ImportRefused("not_checked")
        if product_import.error_count and not valid_rows_only:
            raise ImportRefused("has_errors")
        # Only someone who may approve products may have the import approve them.
        product_import.approve = bool(approve) and curation.user_can_decide(user)
        product_import.valid_rows_only = bool(valid_rows_only)
        product_import.status = ProductImport.IMPORTING
        product_import.processed = 0
        product_import.save(update_fields=["approve", "valid_rows_only", "status", "processed"])
        from shop.catalogue_io import tasks

        transaction.on_commit(lambda: tasks.import_run.delay(product_import.pk), robust=True)
    return product_import


def import_run(*, import_id: int) -> ProductImport:
    """Check every row again (the catalogue may have moved since the dry run), then apply the valid ones."""
    product_import = ProductImport.objects.select_related("user").get(pk=import_id)
    if product_import.status != ProductImport.IMPORTING:
        return product_import  # a retried or duplicate task: the first one did the work
    try:
        _headers, rows, images_zip = _open_inputs(product_import)
    except FileError as exc:
        return _fail(product_import, exc)
    plans = rows_plan(rows, images_zip=images_zip)
    counts = _rows_store(product_import, plans)
    if counts[ProductImportRow.ERROR] and not product_import.valid_rows_only:
        ProductImport.objects.filter(pk=import_id).update(error_count=counts[ProductImportRow.ERROR])
        return _fail(product_import, FileError("has_errors"))
    ProductImport.objects.filter(pk=import_id).update(total=len(plans), processed=0)
    stored = {row.row_number: row for row in product_import.rows.all()}
    user = product_import.user
    done = {"created": 0, "updated": 0, "unchanged": 0, "errors": 0}
    for position, plan in enumerate(plans, start=1):
        row = stored[plan.row_number]
        if plan.action == ProductImportRow.ERROR:
            row.outcome = [{"code": "skipped"}]
            done["errors"] += 1
        elif plan.action == ProductImportRow.UNCHANGED:
            row.outcome = [{"code": "unchanged"}]
            done["unchanged"] += 1
        else:
            try:
                product, outcome = row_apply(plan, user=user, approve=product_import.approve, images_zip=images_zip)
            except ImageProblem as exc:
                row.action, row.errors = ProductImportRow.ERROR, row.errors + [
                    _error("images", exc.code, **exc.params)]
                row.outcome = [{"code": "skipped"}]
                done["errors"] += 1
            except curation.CurationError as exc:
                row.action, row.errors = ProductImportRow.ERROR, row.errors + [
                    _error("sku", "row_failed", detail=str(exc))]
                row.outcome = [{"code": "skipped"}]
                done["errors"] += 1
            else:
                row.product, row.outcome, row.imported = product, outcome, True
                done["created" if plan.action == ProductImportRow.CREATE else "updated"] += 1
        row.save(update_fields=["action", "errors", "outcome", "imported", "product"])
        if position % PROGRESS_EVERY == 0:
            ProductImport.objects.filter(pk=import_id).update(processed=position)
    ProductImport.objects.filter(pk=import_id).update(
        status=ProductImport.DONE, processed=len(plans), created_count=done["created"],
        updated_count=done["updated"], unchanged_count=done["unchanged"], error_count=done["errors"],
        date_finished=timezone.now())
    product_import.refresh_from_db()
    return product_import


# --- applying one row ------------------------------------------------------------------
def _image_fetch(url: str) -> tuple[str, bytes]:
    """GET an http(s) image with a timeout and a size cap."""
    limit = settings.CATALOGUE_IMPORT_IMAGE_MAX_BYTES
    try:
        with requests.get(url, timeout=settings.CATALOGUE_IMPORT_IMAGE_TIMEOUT, stream=True,
                          allow_redirects=True) as response:
            response.raise_for_status()
            chunks, size = [], 0
            for chunk in response.iter_content(64 * 1024):
                size += len(chunk)
                if size > limit:
                    raise ImageProblem("image_too_large", value=url, max=limit // (1024 * 1024))
                chunks.append(chunk)
    except requests.RequestException as exc:
        raise ImageProblem("image_fetch_failed", value=url, detail=exc.__class__.__name__) from exc
    name = posixpath.basename(urlparse(url).path) or "image"
    return name, b"".join(chunks)


def _image_checked(entry: str, name: str, content: bytes) -> ContentFile:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(content)) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ImageProblem("image_not_an_image", value=entry) from exc
    if kind not in IMAGE_FORMATS:
        raise ImageProblem("image_not_an_image", value=entry)
    stem = posixpath.splitext(name)[0] or "image"
    return ContentFile(content, name=f"{stem}.{IMAGE_FORMATS[kind]}")


def _images_load(plan: RowPlan, images_zip: ImagesZip) -> list[ContentFile]:
    """Every new image of the row, fetched and checked before any write."""
    files = []
    for kind, entry in plan.new_images:
        if kind == "url":
            name, content = _image_fetch(entry)
        else:
            try:
                content = images_zip.read(entry)
            except ImageProblem as exc:
                raise ImageProblem(exc.code, value=entry, **exc.params) from exc
            name = posixpath.basename(entry)
        files.append(_image_checked(entry, name, content))
    return files


def _product_class_for(categories):
    """The product class named like the craft's top category (Kuliner), else "Kriya"."""
    for category in categories:
        root = Category.objects.filter(path=category.path[:category.steplen]).first() or category
        found = ProductClass.objects.filter(name=root.name).first()
        if found is not None:
            return found
    return ProductClass.objects.filter(name="Kriya").first() or ProductClass.objects.get_or_create(
        name="Kriya", defaults={"requires_shipping": True, "track_stock": True})[0]


def _certificates_add(product, certificates):
    for kind, number, expiry in certificates:
        # Waiting for a curator's review like any certificate entered in the dashboard.
        Certification.objects.get_or_create(product=product, kind=kind, number=number, expiry_date=expiry,
                                            defaults={"review_status": Certification.PENDING})


PRODUCT_FIELDS = {  # column -> Product field
    "title": "title", "materials": "materials", "materials_en": "materials_en", "technique": "technique",
    "technique_en": "technique_en", "story": "story", "story_en": "story_en", "weight_grams": "weight_grams",
    "length_cm": "length_cm", "width_cm": "width_cm", "height_cm": "height_cm",
    "lead_time_days": "lead_time_days", "one_of_a_kind": "is_one_of_a_kind",
}


def row_apply(plan: RowPlan, *, user, approve: bool, images_zip: ImagesZip):
    """Apply one checked row; returns (product, outcome codes). Images are loaded before any write."""
    images = _images_load(plan, images_zip)
    values = plan.values
    with transaction.atomic():
        if plan.record is None:
            return _product_create(values, images=images, user=user, approve=approve,
                                   certificates=plan.new_certificates)
        return _product_update(plan, images=images, user=user, approve=approve)


def _product_create(values, *, images, user, approve, certificates):
    product = Product(structure=Product.STANDALONE, product_class=_product_class_for(values["categories"]),
                      region=values["region"], export_ready=values["export_ready"])
    for column, name in PRODUCT_FIELDS.items():
        setattr(product, name, values[column])
    product.save()
    product.categories.set(values["categories"])
    StockRecord.objects.create(product=product, partner=values["partner"], partner_sku=values["sku"],
                               price_currency=settings.OSCAR_DEFAULT_CURRENCY, price=Decimal(values["price"]),
                               num_in_stock=values["stock"] or 0)
    for order, image in enumerate(images):
        ProductImage.objects.create(product=product, original=image, caption=values["title"][:200],
                                    display_order=order)
    _certificates_add(product, certificates)
    outcome = [{"code": "created"}]
    if certificates:
        outcome.append({"code": "certificates_added", "params": {"count": len(certificates)}})
    curation.product_submit(product=product, user=user)
    outcome.append({"code": "submitted"})
    if approve:
        outcome.append(_approve(product, user=user, export_ready=values["export_ready"]))
    return product, outcome


def _approve(product, *, user, export_ready):
    from shop.curation.criteria import CRITERIA_CODES

    try:
        # The curator chose, for the whole file, to vouch for the council's criteria.
        curation.product_approve(product=product, user=user, export_ready=export_ready,
                                 note="Imported by a curator", criteria=CRITERIA_CODES)
    except curation.CurationError as exc:
        return {"code": "approval_refused", "params": {"detail": str(exc)}}
    return {"code": "approved"}


def _product_update(plan, *, images, user, approve):
    values, record = plan.values, plan.record
    product = Product.objects.select_for_update().get(pk=record.product_id)
    record = StockRecord.objects.select_for_update().get(pk=record.pk)
    changed = {change["column"] for change in plan.changes}
    outcome = []
    if "stock" in changed:
        # Stock needs no curation: it reaches every channel through the stock push.
        record.num_in_stock = values["stock"]
        record.save(update_fields=["num_in_stock", "date_updated"])
        outcome.append({"code": "stock_updated"})
    if plan.new_certificates:
        _certificates_add(product, plan.new_certificates)
        outcome.append({"code": "certificates_added", "params": {"count": len(plan.new_certificates)}})
    curated = changed - {"stock", "certifications"}
    if not curated:
        return product, outcome or [{"code": "updated"}]

    if product.curation_state == Product.APPROVED and not approve:
        # The dashboard's rule for an edit of a live product: the approved version
        # stays live, the changes wait in a revision for a curator.
        changes = {}
        for column, name in PRODUCT_FIELDS.items():
            if column in curated:
                changes[name] = values[column]
        if "region" in curated:
            changes["region_id"] = values["region"].pk if values["region"] else None
        if "price" in curated:
            changes["price"] = str(Decimal(values["price"]))
        if "craft" in curated:
            changes["categories"] = sorted(c.pk for c in values["categories"])
        new_images = [(image, values["title"][:200]) for image in images]
        if "export_ready" in curated:
            outcome.append({"code": "export_ready_kept"})
        if not (changes or new_images):
            return product, outcome
        curation.product_revision_propose(product=product, user=user, stockrecord=record, changes=changes,
                                          new_images=new_images)
        outcome.insert(0, {"code": "revision"})
        return product, outcome

    from_state = product.curation_state
    for column, name in PRODUCT_FIELDS.items():
        setattr(product, name, values[column])
    product.region = values["region"]
    if "export_ready" in curated and (approve or from_state != Product.APPROVED):
        product.export_ready = values["export_ready"]
    if "craft" in curated:
        product.categories.set(values["categories"])
    if "price" in curated:
        StockRecord.objects.filter(pk=record.pk).update(price=Decimal(values["price"]), date_updated=timezone.now())
    start = product.images.count()
    for offset, image in enumerate(images):
        ProductImage.objects.create(product=product, original=image, caption=values["title"][:200],
                                    display_order=start + offset)
    product.save()
    outcome.append({"code": "updated"})
    if from_state == Product.APPROVED:
        curation.product_edit_record(product=product, user=user, note="Catalogue import")
        outcome.append({"code": "edited"})
    elif from_state in curation.TRANSITIONS["submit"] and from_state != Product.ARCHIVED:
        curation.product_submit(product=product, user=user)
        outcome.append({"code": "submitted"})
    if approve and Product.objects.get(pk=product.pk).curation_state == Product.SUBMITTED:
        outcome.append(_approve(product, user=user, export_ready=values["export_ready"]))
    return product, outcome


# --- export -----------------------------------------------------------------------------
def export_dataset(*, queryset=None) -> tablib.Dataset:
    names_by_path = dict(Category.objects.values_list("path", "name"))
    resource = ProductResource(names_by_path=names_by_path)
    return resource.export(queryset=queryset if queryset is not None else resource.get_queryset())


def export_file(*, file_format: str, queryset=None) -> bytes:
    dataset = export_dataset(queryset=queryset)
    if file_format == ProductImport.XLSX:
        return base_formats.XLSX().export_data(dataset)
    # A byte-order mark so spreadsheet programs read Indonesian characters as UTF-8.
    return ("\ufeff" + base_formats.CSV().export_data(dataset)).encode("utf-8")
