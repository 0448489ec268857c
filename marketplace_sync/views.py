"""Marketplace webhook endpoint: verify, store, answer at once with an empty 2xx."""
from django.http import Http404, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from marketplace_sync.models import Channel
from marketplace_sync.services.webhooks import webhook_receive


@csrf_exempt
@require_POST
def marketplace_webhook(request, channel_code):
    channel = Channel.objects.filter(code=channel_code, enabled=True).first()
    if channel is None:
        raise Http404
    headers = {key: value for key, value in request.headers.items()}
    event = webhook_receive(channel=channel, url=request.build_absolute_uri(), body=request.body, headers=headers)
    # Empty body: Shopee wants 2xx + empty, TikTok 200/401 empty, Lazada 200 fast.
    return HttpResponse(status=200 if event.signature_valid else 401)
