"""Certification pages in Oscar's dashboard (access: ``CertificationsConfig.permissions_map``).

Artisans reach only their own products' certificates: every lookup goes through
``selectors.products_for_user`` / ``certifications_for_user``, so another artisan's
ids answer 404.
"""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from shop.certifications import selectors, services
from shop.certifications.forms import CertificationForm, RejectForm, RequirementForm
from shop.certifications.models import CraftCertificationRequirement
from shop.certifications.scans import certification_scan_content_type

Product = get_model("catalogue", "Product")
Certification = get_model("catalogue", "Certification")

PRODUCTS_PER_PAGE = 20


def _kind_labels(kinds):
    labels = dict(Certification.KIND_CHOICES)
    return [labels.get(kind, kind) for kind in sorted(kinds)]


class CertificationsContextMixin:
    """What the section's tabs may offer this user (the same rules as the permissions_map)."""

    def get_context_data(self, **kwargs):
        from oscar.views.decorators import check_permissions

        from shop.certifications.apps import REQUIREMENTS, REVIEW

        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["can_review"] = check_permissions(user, REVIEW)
        ctx["can_edit_requirements"] = check_permissions(user, REQUIREMENTS)
        return ctx


class CertificationListView(CertificationsContextMixin, TemplateView):
    """Products with their certificates: an artisan's own products, or every product for curators."""

    template_name = "certifications/dashboard/certification_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()
        products = selectors.products_for_user(user=self.request.user)
        if query:
            products = products.filter(title__icontains=query)
        products = products.prefetch_related(
            Prefetch("certifications", queryset=Certification.objects.order_by("kind", "-expiry_date"))
        ).order_by("-certification_held", "title", "pk")
        page = Paginator(products, PRODUCTS_PER_PAGE).get_page(self.request.GET.get("page"))
        missing = selectors.products_missing_certifications(product_ids=[p.pk for p in page])
        for product in page:
            product.missing_kinds = _kind_labels(missing.get(product.pk, ()))
        ctx.update(page=page, query=query, today=timezone.localdate())
        return ctx


class ProductCertificationsView(CertificationsContextMixin, TemplateView):
    """One product's certificates, and the form to add or renew one (stable URL name
    ``dashboard:certifications-product``, linked from the product form)."""

    template_name = "certifications/dashboard/product_certifications.html"

    def dispatch(self, request, *args, **kwargs):
        self.product = get_object_or_404(selectors.products_for_user(user=request.user), pk=kwargs["product_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        renew = self.request.GET.get("renew")
        if renew and renew.isdigit():
            current = self.product.certifications.filter(pk=renew).first()
            if current is not None:
                return {"kind": current.kind, "issuer": current.issuer, "number": current.number}
        kind = self.request.GET.get("kind")
        return {"kind": kind} if kind in dict(Certification.KIND_CHOICES) else {}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        missing = selectors.products_missing_certifications(product_ids=[self.product.pk]).get(self.product.pk, set())
        ctx.update(
            product=self.product,
            certifications=self.product.certifications.select_related("reviewed_by").order_by("kind", "-expiry_date"),
            required=_kind_labels(selectors.product_required_kinds(product=self.product)),
            missing=_kind_labels(missing),
            has_pending=self.product.certifications.filter(review_status=Certification.PENDING).exists(),
            form=kwargs.get("form") or CertificationForm(product=self.product, initial=self.get_initial()),
            today=timezone.localdate(),
            renewing="renew" in self.request.GET,
        )
        return ctx

    def post(self, request, *args, **kwargs):
        form = CertificationForm(request.POST, request.FILES, product=self.product)
        if form.is_valid():
            try:
                services.certification_submit(product=self.product, data=form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Certificate saved. It counts once a curator approves it."))
                return redirect("dashboard:certifications-product", product_pk=self.product.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class CertificationUpdateView(CertificationsContextMixin, TemplateView):
    """Correct a certificate still waiting for review, or one a curator rejected."""

    template_name = "certifications/dashboard/certification_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.certification = get_object_or_404(
            selectors.certifications_for_user(user=request.user).select_related("product"), pk=kwargs["pk"]
        )
        if self.certification.review_status == Certification.APPROVED:
            messages.info(request, _("An approved certificate cannot be changed: renew it with the new one."))
            return redirect("dashboard:certifications-product", product_pk=self.certification.product_id)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            certification=self.certification, product=self.certification.product,
            form=kwargs.get("form") or CertificationForm(instance=self.certification,
                                                         product=self.certification.product),
        )
        return ctx

    def post(self, request, *args, **kwargs):
        form = CertificationForm(request.POST, request.FILES, instance=self.certification,
                                 product=self.certification.product)
        if form.is_valid():
            try:
                services.certification_submit(product=self.certification.product, data=form.cleaned_data,
                                              certification=self.certification)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Certificate saved. It counts once a curator approves it."))
                return redirect("dashboard:certifications-product", product_pk=self.certification.product_id)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class CertificationScanView(View):
    """Serve a scan to those who may see its certificate; scans have no public URL."""

    def get(self, request, pk):
        certification = get_object_or_404(selectors.certifications_for_user(user=request.user), pk=pk)
        if not certification.scan:
            raise Http404("No scan")
        try:
            handle = certification.scan.open("rb")
        except FileNotFoundError:
            raise Http404("Scan missing from storage") from None
        response = FileResponse(handle, content_type=certification_scan_content_type(certification.scan.name))
        extension = certification.scan.name.rsplit(".", 1)[-1]
        response["Content-Disposition"] = f'inline; filename="certificate-{certification.pk}.{extension}"'
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response


class CertificationReviewView(CertificationsContextMixin, TemplateView):
    """For curators: certificates waiting for review, expired ones and those expiring within 60 days."""

    template_name = "certifications/dashboard/review.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        pending = list(selectors.certifications_pending())
        expired = list(selectors.certifications_expired(today=today)
                       .exclude(product__curation_state=Product.REJECTED))
        expiring = list(selectors.certifications_expiring(today=today)
                        .exclude(product__curation_state=Product.REJECTED))
        artisans = selectors.product_artisan_partners(
            product_ids={c.product_id for c in pending + expired + expiring})
        for certification in pending + expired + expiring:
            certification.artisan = artisans.get(certification.product_id)
            certification.days_left = (certification.expiry_date - today).days if certification.expiry_date else None
            certification.days_ago = -certification.days_left if certification.days_left is not None else None
        held = list(selectors.products_held_on_sale())
        missing = selectors.products_missing_certifications(product_ids=[p.pk for p in held])
        held_artisans = selectors.product_artisan_partners(product_ids=[p.pk for p in held])
        for product in held:
            product.missing_kinds = _kind_labels(missing.get(product.pk, ()))
            product.artisan_partner = held_artisans.get(product.pk)
        ctx.update(pending=pending, expired=expired, expiring=expiring, today=today, held=held,
                   reject_form=kwargs.get("reject_form") or RejectForm(),
                   rejecting=kwargs.get("rejecting"), window=Certification.EXPIRING_SOON_DAYS)
        return ctx


class _ReviewAction(View):
    http_method_names = ["post"]

    def get_certification(self, pk):
        return get_object_or_404(Certification.objects.select_related("product"), pk=pk)


class CertificationApproveView(_ReviewAction):
    def post(self, request, pk):
        certification = self.get_certification(pk)
        if certification.is_expired:
            messages.error(request, _("This certificate has already expired; it cannot be approved."))
            return redirect("dashboard:certifications-review")
        services.certification_approve(certification=certification, curator=request.user)
        messages.success(request, _("Approved: %(certificate)s for %(product)s.") % {
            "certificate": certification, "product": certification.product.get_title()})
        return redirect("dashboard:certifications-review")


class CertificationRejectView(_ReviewAction):
    def post(self, request, pk):
        certification = self.get_certification(pk)
        form = RejectForm(request.POST)
        if not form.is_valid():
            view = CertificationReviewView(request=request, args=(), kwargs={})
            return view.render_to_response(
                view.get_context_data(reject_form=form, rejecting=certification.pk), status=400)
        services.certification_reject(certification=certification, curator=request.user,
                                      reason=form.cleaned_data["reason"])
        messages.success(request, _("Rejected: %(certificate)s for %(product)s.") % {
            "certificate": certification, "product": certification.product.get_title()})
        return redirect("dashboard:certifications-review")


class RequirementListView(CertificationsContextMixin, TemplateView):
    """Which certifications each craft category requires (its sub-categories inherit them)."""

    template_name = "certifications/dashboard/requirements.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(
            requirements=CraftCertificationRequirement.objects.select_related("category"),
            form=kwargs.get("form") or RequirementForm(),
            held_count=selectors.products_held_on_sale().count(),
        )
        return ctx

    def post(self, request, *args, **kwargs):
        form = RequirementForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        requirement = services.requirement_create(category=form.cleaned_data["category"],
                                                  kind=form.cleaned_data["kind"])
        messages.success(request, _("%(craft)s now requires %(kind)s.") % {
            "craft": requirement.category.name, "kind": requirement.get_kind_display()})
        return HttpResponseRedirect(reverse("dashboard:certifications-requirements"))


class RequirementDeleteView(View):
    http_method_names = ["post"]

    def post(self, request, pk):
        requirement = get_object_or_404(CraftCertificationRequirement.objects.select_related("category"), pk=pk)
        craft, kind = requirement.category.name, requirement.get_kind_display()
        services.requirement_delete(requirement=requirement)
        messages.success(request, _("%(craft)s no longer requires %(kind)s.") % {"craft": craft, "kind": kind})
        return HttpResponseRedirect(reverse("dashboard:certifications-requirements"))
