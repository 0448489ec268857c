"""Oscar's product formsets, with the stock record formset safe on a malformed POST."""
from oscar.apps.dashboard.catalogue import formsets as oscar_formsets


class StockRecordFormSet(oscar_formsets.StockRecordFormSet):
    def set_initial_data(self):
        # A POST without the formset's management form has no forms at all:
        # Oscar indexes forms[0] and answers 500; let validation say what is wrong.
        if self.forms:
            super().set_initial_data()
