"""Curation pages in Oscar's dashboard: the curators' queue and review page, and the
POST actions an artisan uses on their own products (submit, archive, withdraw an edit).

Views only read through selectors and act through services; the services check
who may act again, whatever was POSTed.
"""
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import generic
from oscar.core.loading import get_model

from shop.curation import selectors, services
from shop.curation.criteria import CRITERIA, criteria_hints
from shop.curation.forms import DecisionForm, QueueFilterForm
from shop.curation.models import ProductRevision

Product = get_model("catalogue", "Product")


def products_for(user):
    """Products ``user`` may act on here: all for curators, their own for artisans."""
    if services.user_can_decide(user):
        return Product.objects.all()
    return Product.objects.filter(stockrecords__partner__users=user).distinct()


class QueueView(generic.TemplateView):
    template_name = "oscar/dashboard/curation/queue.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = QueueFilterForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        items = selectors.curation_queue(category=filters.get("category"), region=filters.get("region"))
        for product in items:
            hints = criteria_hints(product)
            product.checklist = [(criterion, *hints[criterion.code]) for criterion in CRITERIA]
        ctx.update(form=form, items=items)
        return ctx


class ReviewView(generic.DetailView):
    """One submission beside the council's criteria (and the live version, for an edit); decide here."""

    template_name = "oscar/dashboard/curation/review.html"
    context_object_name = "product"

    def get_queryset(self):
        return Product.objects.select_related("region").prefetch_related(
            "images", "certifications", "stockrecords__partner", "categories")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        product = self.object
        revision = services.pending_revision(product)
        hints = criteria_hints(product)
        ctx.update(
            revision=revision,
            comparison=selectors.revision_comparison(revision=revision) if revision else [],
            checklist=[(criterion, *hints[criterion.code]) for criterion in CRITERIA],
            history=selectors.product_history(product=product),
            form=kwargs.get("form") or DecisionForm(),
        )
        if revision is not None:
            ctx["removed_images"] = product.images.filter(pk__in=revision.proposed.get("removed_image_ids", []))
        return ctx

    def post(self, request, *args, **kwargs):
        self.object = product = self.get_object()
        form = DecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("The decision was not recorded: please correct the errors below."))
            return self.render_to_response(self.get_context_data(form=form))
        decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
        try:
            if decision in (DecisionForm.APPROVE_CURATED, DecisionForm.APPROVE_EXPORT):
                services.product_approve(product=product, user=request.user, note=note,
                                         export_ready=decision == DecisionForm.APPROVE_EXPORT,
                                         criteria=form.cleaned_data["criteria"])
            elif decision == DecisionForm.REQUEST_CHANGES:
                services.product_request_changes(product=product, user=request.user, note=note)
            else:
                services.product_reject(product=product, user=request.user, note=note)
        except services.CurationError as exc:
            form.add_error(None, str(exc))
            messages.error(request, str(exc))
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, _("Decision recorded for “%(title)s”; the artisan has been emailed.")
                         % {"title": product.get_title()})
        return HttpResponseRedirect(reverse("dashboard:curation-queue"))


class _ProductAction(generic.View):
    """A POST on one product the user may act on; anybody else's product is a 404."""

    http_method_names = ["post"]

    def post(self, request, pk):
        product = get_object_or_404(products_for(request.user), pk=pk)
        try:
            message = self.act(product)
        except services.CurationError as exc:
            messages.error(request, str(exc))
        except PermissionDenied:
            raise
        else:
            messages.success(request, message)
        return HttpResponseRedirect(self.next_url(product))

    def next_url(self, product):
        url = self.request.POST.get("next", "")
        if url and url_has_allowed_host_and_scheme(url, allowed_hosts={self.request.get_host()}):
            return url
        return reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})


class SubmitView(_ProductAction):
    def act(self, product):
        services.product_submit(product=product, user=self.request.user)
        return _("“%(title)s” is submitted for curation.") % {"title": product.get_title()}


class ArchiveView(_ProductAction):
    def act(self, product):
        services.product_archive(product=product, user=self.request.user,
                                 note=self.request.POST.get("note", "")[:2000])
        return _("“%(title)s” is archived: hidden from the gallery and delisted from every channel.") % {
            "title": product.get_title()}

    def next_url(self, product):
        return reverse("dashboard:catalogue-product-list")


class RevisionWithdrawView(generic.View):
    http_method_names = ["post"]

    def post(self, request, pk):
        revision = get_object_or_404(ProductRevision, pk=pk, status=ProductRevision.PENDING)
        if not products_for(request.user).filter(pk=revision.product_id).exists():
            raise Http404
        services.product_revision_withdraw(revision=revision, user=request.user)
        messages.success(request, _("Your waiting edit was withdrawn; the live version is unchanged."))
        return HttpResponseRedirect(reverse("dashboard:catalogue-product", kwargs={"pk": revision.product_id}))
