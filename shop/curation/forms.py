from django import forms
from django.utils.translation import gettext_lazy as _

from shop.curation.criteria import CRITERIA


class DecisionForm(forms.Form):
    APPROVE_CURATED, APPROVE_EXPORT, REQUEST_CHANGES, REJECT = (
        "approve_curated", "approve_export", "request_changes", "reject")
    DECISION_CHOICES = [
        (APPROVE_CURATED, _("Approve: curated (terkurasi)")),
        (APPROVE_EXPORT, _("Approve: export ready (siap ekspor)")),
        (REQUEST_CHANGES, _("Request changes")),
        (REJECT, _("Reject")),
    ]

    decision = forms.ChoiceField(label=_("Decision"), choices=DECISION_CHOICES, widget=forms.RadioSelect)
    criteria = forms.MultipleChoiceField(
        label=_("The council's criteria"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(criterion.code, criterion.label) for criterion in CRITERIA])
    note = forms.CharField(
        label=_("Feedback for the artisan"), required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you request changes or reject; the artisan receives it by email."))

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision in (self.REQUEST_CHANGES, self.REJECT) and not (data.get("note") or "").strip():
            self.add_error("note", _("Write what the artisan should change.") if decision == self.REQUEST_CHANGES
                           else _("Give the reason for the rejection."))
        if decision in (self.APPROVE_CURATED, self.APPROVE_EXPORT) \
                and len(set(data.get("criteria") or [])) < len(CRITERIA):
            self.add_error("criteria", _("Tick every criterion before approving."))
        return data


class QueueFilterForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Craft"), queryset=None, required=False, empty_label=_("All crafts"))
    region = forms.ModelChoiceField(label=_("Region"), queryset=None, required=False, empty_label=_("All regions"))

    def __init__(self, *args, **kwargs):
        from shop.curation.selectors import craft_categories, regions_with_products

        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = craft_categories()
        self.fields["region"].queryset = regions_with_products()
