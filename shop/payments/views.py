from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .gateway import GatewayError, StripeGateway
from .webhooks import WebhookRejected, webhook_event_receive


@csrf_exempt
@require_POST
def stripe_webhook(request):
    try:
        outcome = webhook_event_receive(
            payload=request.body,
            signature_header=request.headers.get("Stripe-Signature", ""),
            secret=settings.STRIPE_WEBHOOK_SECRET,
            gateway=StripeGateway.from_settings(),
        )
    except WebhookRejected:
        return HttpResponseBadRequest("invalid signature")
    except GatewayError:
        # Stripe retries a 5xx: the event row stays unprocessed until then.
        return HttpResponse("stripe unreachable, retry later", status=503)
    return HttpResponse(outcome)
