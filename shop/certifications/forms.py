from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from oscar.core.loading import get_model

from shop.certifications.models import CraftCertificationRequirement

Certification = get_model("catalogue", "Certification")
Category = get_model("catalogue", "Category")


class CertificationForm(forms.ModelForm):
    """An artisan adds, renews or corrects a certificate of one product; a curator reviews it."""

    class Meta:
        model = Certification
        fields = ("kind", "number", "issuer", "expiry_date", "scan")
        widgets = {
            "expiry_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "number": forms.TextInput(attrs={"autocomplete": "off"}),
            "scan": forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}),
        }

    def __init__(self, *args, product, **kwargs):
        super().__init__(*args, **kwargs)
        self.product = product
        self.fields["kind"].label = pgettext_lazy("certification", "Certification")
        self.fields["expiry_date"].required = True
        self.fields["expiry_date"].help_text = _("The date printed on the certificate.")
        # A new certificate needs its scan: curators approve what they can read.
        self.fields["scan"].required = not (self.instance.pk and self.instance.scan)
        self.fields["scan"].help_text = _("A photo or scan of the certificate: PDF, JPEG or PNG.")

    def clean_expiry_date(self):
        expiry = self.cleaned_data["expiry_date"]
        if expiry is not None and expiry < timezone.localdate():
            raise forms.ValidationError(
                _("This date has passed. Enter the expiry date of a certificate that is still valid."),
                code="expired",
            )
        return expiry

    def clean(self):
        cleaned = super().clean()
        kind, number, expiry = cleaned.get("kind"), cleaned.get("number"), cleaned.get("expiry_date")
        if kind and number:
            same = Certification.objects.filter(product=self.product, kind=kind, number=number, expiry_date=expiry)
            if self.instance.pk:
                same = same.exclude(pk=self.instance.pk)
            if same.exists():
                raise forms.ValidationError(
                    _("This product already has this certificate with the same expiry date."), code="duplicate"
                )
        return cleaned


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=pgettext_lazy("certification", "Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000,
        help_text=_("The artisan reads this: say what to correct."),
    )


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, category):
        return category.full_name


class RequirementForm(forms.ModelForm):
    category = CategoryChoiceField(
        queryset=Category.objects.order_by("path"), label=pgettext_lazy("certification", "Craft category")
    )

    class Meta:
        model = CraftCertificationRequirement
        fields = ("category", "kind")
        labels = {"kind": pgettext_lazy("certification", "Requires")}

    def clean(self):
        cleaned = super().clean()
        category, kind = cleaned.get("category"), cleaned.get("kind")
        if category and kind and CraftCertificationRequirement.objects.filter(category=category, kind=kind).exists():
            raise forms.ValidationError(_("This craft already requires this certification."), code="duplicate")
        return cleaned

    def validate_unique(self):
        # clean() says it in the user's words; skip Django's generic constraint message.
        pass
