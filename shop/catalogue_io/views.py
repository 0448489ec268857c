"""Dashboard pages: upload a catalogue file, read its dry run, confirm, follow the import; export.

Views call the services and only word their error codes (``errors.message``)
in the reader's language.
"""
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic
from openpyxl.utils import get_column_letter

from shop.catalogue_io import errors, services
from shop.catalogue_io.forms import ConfirmForm, ExportForm, ImportForm
from shop.catalogue_io.models import ProductImport, ProductImportRow
from shop.curation.services import user_can_decide

ROWS_PER_PAGE = 100


def imports_for(user):
    """Admins see every import; a curator their own."""
    queryset = ProductImport.objects.select_related("user")
    return queryset if user.is_superuser else queryset.filter(user=user)


class ImportView(generic.FormView):
    template_name = "oscar/dashboard/catalogue_io/import.html"
    form_class = ImportForm

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["recent"] = imports_for(self.request.user)[:10]
        return ctx

    def form_valid(self, form):
        product_import = services.import_create(user=self.request.user, upload=form.cleaned_data["file"],
                                                images_zip=form.cleaned_data.get("images_zip"))
        return HttpResponseRedirect(reverse("dashboard:catalogue-import-detail", kwargs={"pk": product_import.pk}))


def _column_label(product_import, column):
    """"price (column Q)" from the file's own header order."""
    if column in product_import.columns:
        letter = get_column_letter(product_import.columns.index(column) + 1)
        return _("%(column)s (column %(letter)s)") % {"column": column, "letter": letter}
    return column


class ImportDetailView(generic.DetailView):
    """Progress while a task runs; the dry run's table and the confirm form; the result."""

    template_name = "oscar/dashboard/catalogue_io/import_detail.html"
    context_object_name = "product_import"

    def get_queryset(self):
        return imports_for(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        product_import = self.object
        rows = product_import.rows.select_related("product")
        show = self.request.GET.get("show", "")
        if show == "errors":
            rows = rows.filter(action=ProductImportRow.ERROR)
        elif show == "changes":
            rows = rows.filter(action__in=[ProductImportRow.CREATE, ProductImportRow.UPDATE])
        page = Paginator(rows, ROWS_PER_PAGE).get_page(self.request.GET.get("page"))
        for row in page.object_list:
            row.error_lines = [(_column_label(product_import, e["column"]), errors.message(e)) for e in row.errors]
            row.outcome_lines = [errors.outcome_message(o) for o in row.outcome]
        ctx.update(
            page=page, rows=page.object_list, show=show,
            file_error=errors.message(product_import.file_error) if product_import.file_error else "",
            form=kwargs.get("form") or ConfirmForm(),
            can_approve=user_can_decide(self.request.user),
        )
        return ctx

    def post(self, request, *args, **kwargs):
        self.object = product_import = self.get_object()
        form = ConfirmForm(request.POST)
        if form.is_valid():
            try:
                services.import_confirm(product_import=product_import, user=request.user,
                                        valid_rows_only=form.cleaned_data["valid_rows_only"],
                                        approve=form.cleaned_data["approve"])
            except services.ImportRefused as exc:
                messages.error(request, errors.message({"code": exc.code}) if exc.code in errors.MESSAGES
                               else _("This file is not waiting for confirmation."))
            else:
                messages.info(request, _("The import has started; this page follows its progress."))
        return HttpResponseRedirect(reverse("dashboard:catalogue-import-detail", kwargs={"pk": product_import.pk}))


class ImportStatusView(generic.View):
    """What the progress bar polls."""

    def get(self, request, pk):
        product_import = get_object_or_404(imports_for(request.user), pk=pk)
        return JsonResponse({
            "status": product_import.status, "status_display": product_import.get_status_display(),
            "processed": product_import.processed, "total": product_import.total,
            "percent": product_import.percent, "running": product_import.is_running,
        })


class ExportView(generic.FormView):
    template_name = "oscar/dashboard/catalogue_io/export.html"
    form_class = ExportForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if "file_format" in self.request.GET:
            kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_bound and form.is_valid():
            return self.download(form.cleaned_data)
        return self.render_to_response(self.get_context_data(form=form))

    def download(self, data):
        from shop.catalogue_io.resources import ProductResource

        queryset = ProductResource().get_queryset()
        if data.get("curation_state"):
            queryset = queryset.filter(product__curation_state=data["curation_state"])
        file_format = data["file_format"]
        content = services.export_file(file_format=file_format, queryset=queryset)
        content_type = ("text/csv; charset=utf-8" if file_format == ProductImport.CSV else
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        response = HttpResponse(content, content_type=content_type)
        name = f"galeri-kriya-katalog-{timezone.localdate():%Y%m%d}.{file_format}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
