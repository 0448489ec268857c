from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from shop.catalogue_io.models import ProductImport
from shop.catalogue_io.services import file_format_of


def _size_checked(upload):
    limit = settings.CATALOGUE_IMPORT_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise forms.ValidationError(_("The file is larger than %(max)s MB.") % {"max": limit // (1024 * 1024)})
    return upload


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Products file (CSV or XLSX)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}))
    images_zip = forms.FileField(label=_("Images (zip, optional)"), required=False,
                                 widget=forms.ClearableFileInput(attrs={"accept": ".zip"}),
                                 help_text=_("Photos named in the images column by file name."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if file_format_of(upload.name) is None:
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return _size_checked(upload)

    def clean_images_zip(self):
        upload = self.cleaned_data.get("images_zip")
        if not upload:
            return None
        if not upload.name.lower().endswith(".zip"):
            raise forms.ValidationError(_("Upload the images as a .zip file."))
        return _size_checked(upload)


class ConfirmForm(forms.Form):
    valid_rows_only = forms.BooleanField(
        label=_("Import only the valid rows"), required=False,
        help_text=_("Rows with errors are skipped; fix them and import them later."))
    approve = forms.BooleanField(
        label=_("Approve new products at once (curators)"), required=False,
        help_text=_("Only if you have checked every product against the council's criteria. Otherwise new "
                    "products wait in the curation queue as submitted, and edits of live products wait "
                    "for review."))


class ExportForm(forms.Form):
    file_format = forms.ChoiceField(label=_("Format"), choices=ProductImport.FORMAT_CHOICES,
                                    initial=ProductImport.XLSX)
    curation_state = forms.ChoiceField(label=_("Curation state"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from oscar.core.loading import get_model

        Product = get_model("catalogue", "Product")
        self.fields["curation_state"].choices = [("", _("All"))] + list(Product.CURATION_CHOICES)
