import oscar.apps.checkout.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class CheckoutConfig(apps.CheckoutConfig):
    name = "shop.checkout"

    # pylint: disable=attribute-defined-outside-init
    def ready(self):
        super().ready()
        self.stripe_return_view = get_class("checkout.views", "StripeReturnView")
        self.stripe_local_confirm_view = get_class("checkout.views", "StripeLocalConfirmView")

    def get_urls(self):
        urls = super().get_urls()
        urls += self.post_process_urls(
            [
                # Where Stripe.js sends the buyer back after confirming the card.
                path("payment-return/", self.stripe_return_view.as_view(), name="stripe-return"),
                # Only answers when STRIPE_API_BASE is a local Stripe server.
                path(
                    "payment-local-confirm/",
                    self.stripe_local_confirm_view.as_view(),
                    name="stripe-local-confirm",
                ),
            ]
        )
        return urls
