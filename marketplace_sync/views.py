"""Marketplace webhook endpoint: size, verify, store, answer at once with an empty body.

Answers (docs/marketplace_sync.md, "Webhooks"): 200 for a signed push, readable or
not (a malformed one is kept; every marketplace retries anything else, and a retry
would bring the same body); 401 for a bad signature; 413 for a body over the
marketplace's limit, refused from its Content-Length before a byte is read.
"""
from django.http import Http404, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from marketplace_sync.models import Channel
from marketplace_sync.services.webhooks import WebhookRefused, webhook_body_limit, webhook_receive, webhook_refuse


@csrf_exempt
@require_POST
def marketplace_webhook(request, channel_code):
    channel = Channel.objects.filter(code=channel_code, enabled=True).first()
    if channel is None:
        raise Http404
    limit = webhook_body_limit(channel=channel)
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    try:
        if declared > limit:
            raise webhook_refuse(channel=channel, reason="too_large", status=413, size=declared)
        # Never more than the limit and one byte, whatever the header said.
        body = request.read(limit + 1)
        headers = dict(request.headers.items())
        webhook_receive(channel=channel, url=request.build_absolute_uri(), body=body, headers=headers)
    except WebhookRefused as refused:
        return HttpResponse(status=refused.status)
    # Empty body: Shopee wants 2xx + empty, TikTok 200/401 empty, Lazada 200 fast.
    return HttpResponse(status=200)
