"""Catalogue dashboard: Oscar's views with curation in charge of what goes live.

- ProductCreateUpdateView: an artisan's edit of an approved product becomes a
  pending revision (the approved version stays live); stock applies at once.
  Curators' edits apply at once (they hold the permission that would approve
  them) and are kept in the product's history. "Save and submit" submits.
- ProductDeleteView: deletes only what may go (never anything another artisan
  holds, never what was approved or sold); archives the rest.
- ProductLookupView: the artisan's own products only.
"""
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms.formsets import INITIAL_FORM_COUNT, TOTAL_FORM_COUNT
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from oscar.apps.dashboard.catalogue import views as oscar_views

from shop.curation import selectors as curation_selectors
from shop.curation import services as curation

Product = oscar_views.Product


class ProductLookupView(oscar_views.ProductLookupView):
    """The JSON behind the dashboard's product pickers (ranges, offers, recommendations).

    Oscar lists every browsable product to any user who may open it, partner
    users included, which leaks other artisans' titles. A partner user (not
    ``is_staff``) gets only products with a stock record of one of their partners.
    """

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if user.is_staff:
            return queryset
        return queryset.filter(stockrecords__partner__users=user).distinct()


class ProductCreateUpdateView(oscar_views.ProductCreateUpdateView):
    revision = None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def keeps_edits_for_curation(self):
        """An artisan's edit of a live product waits for curation."""
        return (not self.creating and self.object is not None
                and self.object.curation_state == Product.APPROVED
                and not curation.user_can_decide(self.request.user))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        product = self.object
        user = self.request.user
        ctx["can_decide"] = curation.user_can_decide(user)
        if product is not None and product.pk:
            revision = curation.pending_revision(product)
            ctx.update(
                pending_revision=revision,
                revision_comparison=curation_selectors.revision_comparison(revision=revision) if revision else [],
                removed_images=(product.images.filter(pk__in=revision.proposed.get("removed_image_ids", []))
                                if revision else []),
                curation_history=curation_selectors.product_history(product=product),
                curation_feedback=curation_selectors.latest_feedback(product=product),
                can_submit=product.curation_state in curation.TRANSITIONS["submit"],
                can_archive=product.curation_state in curation.TRANSITIONS["archive"],
                keeps_edits_for_curation=(product.curation_state == Product.APPROVED
                                          and not ctx["can_decide"]),
            )
        return ctx

    def process_all_forms(self, form):
        """Oscar's handling, after refusing POSTs whose formset counts no browser sends.

        Oscar builds model formsets straight from TOTAL_FORMS / INITIAL_FORMS: an
        INITIAL_FORMS beyond the product's rows raises IndexError (a 500). Such a POST
        (a probe, a stale tab) gets the page back with an error and nothing saved.
        """
        broken = [name for name, formset_class in self.formsets.items()
                  if not self.formset_counts_sound(formset_class)]
        if not broken:
            return super().process_all_forms(form)
        form.is_valid()  # shows the product form's own errors too
        form.add_error(None, _("Part of the form was missing or out of date. Nothing was saved: "
                               "reload the page and make your changes again."))
        # Unbound formsets: the posted ones cannot even be rendered.
        formsets = {name: formset_class(self.product_class, self.request.user, instance=self.object)
                    for name, formset_class in self.formsets.items()}
        return self.forms_invalid(form, formsets)

    # Oscar binds both to its own process_all_forms in its class body.
    form_valid = form_invalid = process_all_forms

    def formset_counts_sound(self, formset_class) -> bool:
        formset = formset_class(self.product_class, self.request.user, self.request.POST, self.request.FILES,
                                instance=self.object)
        management = formset.management_form
        if not management.is_valid():
            return False
        initial, total = management.cleaned_data[INITIAL_FORM_COUNT], management.cleaned_data[TOTAL_FORM_COUNT]
        existing = formset.get_queryset().count() if self.object is not None and self.object.pk else 0
        return 0 <= initial <= min(total, existing) and total <= formset.absolute_max

    def forms_valid(self, form, formsets):
        if self.keeps_edits_for_curation():
            return self.propose_revision(form, formsets)
        with transaction.atomic():
            response = super().forms_valid(form, formsets)
            if not self.creating and curation.user_can_decide(self.request.user):
                curation.product_edit_record(product=self.object, user=self.request.user)
        if self.request.POST.get("action") == "submit":
            try:
                curation.product_submit(product=self.object, user=self.request.user)
            except curation.CurationError as exc:
                messages.error(self.request, str(exc))
            else:
                messages.success(self.request, _("Submitted for curation. You will get an email when the "
                                                 "curators decide."))
        return response

    def propose_revision(self, form, formsets):
        """Keep curated changes in a revision; apply stock and upselling at once."""
        live = Product.objects.get(pk=self.object.pk)
        data = form.cleaned_data
        changes = {}
        for field in curation.REVISED_FIELDS:
            name = field.removesuffix("_id") if field == "region_id" else field
            if name not in data:
                continue
            new = data[name]
            if field == "region_id":
                new = new.pk if new is not None else None
            if new != getattr(live, field):
                changes[field] = new

        stockrecord = None
        with transaction.atomic():
            for stock_form in formsets["stockrecord_formset"].forms:
                record = stock_form.instance
                if not record.pk or not stock_form.has_changed():
                    continue
                if stock_form.cleaned_data.get("DELETE"):
                    continue  # a live product keeps its stock record; archive it instead
                fresh = type(record).objects.get(pk=record.pk)
                price = stock_form.cleaned_data.get("price")
                if price is not None and Decimal(price) != fresh.price:
                    changes["price"] = str(price)
                    stockrecord = fresh
                # Stock needs no curation: it reaches every channel through the stock push.
                for field in ("num_in_stock", "low_stock_threshold"):
                    if field in stock_form.cleaned_data:
                        setattr(fresh, field, stock_form.cleaned_data[field])
                fresh.save()

            categories = formsets["category_formset"]
            kept = set()
            for category_form in categories.forms:
                cleaned = getattr(category_form, "cleaned_data", {}) or {}
                if cleaned.get("category") and not cleaned.get("DELETE"):
                    kept.add(cleaned["category"].pk)
            if kept != set(live.categories.values_list("pk", flat=True)):
                changes["categories"] = sorted(kept)

            new_images, removed = [], []
            for image_form in formsets["image_formset"].forms:
                cleaned = getattr(image_form, "cleaned_data", {}) or {}
                instance = image_form.instance
                if instance.pk:
                    if cleaned.get("DELETE"):
                        removed.append(instance.pk)
                    elif image_form.has_changed() and cleaned.get("original"):
                        removed.append(instance.pk)
                        new_images.append((cleaned["original"], cleaned.get("caption", "")))
                elif cleaned.get("original"):
                    new_images.append((cleaned["original"], cleaned.get("caption", "")))

            formsets["recommended_formset"].save()
            self.revision = curation.product_revision_propose(
                product=live, user=self.request.user, stockrecord=stockrecord, changes=changes,
                new_images=new_images, removed_image_ids=removed)
        if self.revision is not None:
            messages.info(self.request, _("Your changes wait for the curators; the approved version stays live "
                                          "until they approve them. Stock changes apply at once."))
        else:
            messages.success(self.request, _("Saved. Stock changes apply at once on every channel."))
        return HttpResponseRedirect(self.get_url_with_querystring(self.revision_redirect_url()))

    def revision_redirect_url(self):
        if self.request.POST.get("action") == "continue":
            return reverse("dashboard:catalogue-product", kwargs={"pk": self.object.pk})
        return reverse("dashboard:catalogue-product-list")


class ProductDeleteView(oscar_views.ProductDeleteView):
    """Delete only an artisan's own drafts never approved or sold; archive the rest.

    Oscar's view deleted the product with every partner's stock record, so an
    artisan could remove a piece another artisan also stocks.
    """

    template_name = "oscar/dashboard/catalogue/product_delete.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["refusal"] = curation.product_deletion_refusal(product=self.object, user=self.request.user)
        shared = (not curation.user_can_decide(self.request.user)
                  and self.object.stockrecords.exclude(partner__users=self.request.user).exists())
        ctx["shared"] = shared
        if ctx["refusal"] and not shared:
            ctx["title"] = _("Archive product?")
        return ctx

    def delete(self, request, *args, **kwargs):
        self.object = product = self.get_object()
        title = product.get_title()
        try:
            outcome = curation.product_delete_or_archive(product=product, user=request.user)
        except curation.CurationError as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect(reverse("dashboard:catalogue-product", kwargs={"pk": product.pk}))
        except PermissionDenied:
            raise
        if outcome == "deleted":
            messages.success(request, _("Deleted product “%(title)s”.") % {"title": title})
        else:
            messages.success(request, _("“%(title)s” is archived: hidden from the gallery and delisted from every "
                                        "channel; its history is kept.") % {"title": title})
        return HttpResponseRedirect(reverse("dashboard:catalogue-product-list"))
