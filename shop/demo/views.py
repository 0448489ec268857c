"""The demo's outbox pages (staff only): the emails the demo sent, readable by a person."""
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404
from django.shortcuts import render

from shop.demo.outbox import outbox_dir, outbox_email, outbox_emails


@staff_member_required(login_url="dashboard:login")
def outbox_list(request):
    return render(request, "demo/outbox_list.html", {"emails": outbox_emails(), "folder": outbox_dir()})


@staff_member_required(login_url="dashboard:login")
def outbox_detail(request, key):
    message = outbox_email(key=key)
    if message is None:
        raise Http404
    return render(request, "demo/outbox_detail.html", {"message": message})
