from django.contrib import admin

from .models import CheckoutPayment, StripeWebhookEvent


@admin.register(CheckoutPayment)
class CheckoutPaymentAdmin(admin.ModelAdmin):
    list_display = ("payment_intent_id", "order_number", "amount", "currency", "state", "order", "date_created")
    list_filter = ("state",)
    search_fields = ("payment_intent_id", "order_number")
    readonly_fields = [f.name for f in CheckoutPayment._meta.fields]


@admin.register(StripeWebhookEvent)
class StripeWebhookEventAdmin(admin.ModelAdmin):
    list_display = ("event_id", "event_type", "date_created", "date_processed")
    list_filter = ("event_type",)
    search_fields = ("event_id",)
    readonly_fields = [f.name for f in StripeWebhookEvent._meta.fields]
