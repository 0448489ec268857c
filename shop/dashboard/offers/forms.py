"""Oscar's offer wizard, with a start date an admin can trust.

Oscar's RestrictionsForm proposes ``timezone.now()`` as the start and its date picker
moves in 15-minute steps, rounding that up to the next step: a new offer started a few
minutes in the future and read "unavailable" right after saving. Here the proposed
start is the current minute (rounded down: already begun) and the picker steps by one
minute. Every other offer form is Oscar's (get_class falls back to it).
"""
from django.utils import timezone
from oscar.apps.dashboard.offers import forms as oscar_forms
from oscar.forms.widgets import DateTimePickerInput


def current_minute():
    return timezone.localtime().replace(second=0, microsecond=0)


class MinutePickerInput(DateTimePickerInput):
    def get_context(self, name, value, attrs):
        ctx = super().get_context(name, value, attrs)
        ctx["div_attrs"]["data-stepMinute"] = "1"
        return ctx


class RestrictionsForm(oscar_forms.RestrictionsForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start_datetime"].initial = current_minute()
        for name in ("start_datetime", "end_datetime"):
            field = self.fields[name]
            field.widget = MinutePickerInput(format=field.widget.format)
