from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from sashakt.core.permissions import role_required
from sashakt.core.roles import Role
from sashakt.notifications.models import Channel, MessageStatus
from sashakt.notifications.selectors import (
    body_for_user,
    body_visible,
    outbox_counts_by_status,
    outbox_for_user,
    recipient_for_user,
)


@role_required(Role.STATE)
def outbox(request):
    status = request.GET.get("status", "")
    channel = request.GET.get("channel", "")
    messages = outbox_for_user(request.user, status=status, channel=channel)
    page = Paginator(messages, 50).get_page(request.GET.get("page"))
    rows = [
        {"message": message, "recipient": recipient_for_user(request.user, message)}
        for message in page.object_list
    ]
    counts = outbox_counts_by_status(request.user)
    return render(
        request,
        "notifications/outbox.html",
        {
            "page": page,
            "rows": rows,
            "statuses": [
                {"value": value, "label": label, "n": counts.get(value, 0)}
                for value, label in MessageStatus.choices
            ],
            "channels": Channel.choices,
            "selected_status": status,
            "selected_channel": channel,
            "body_visible": body_visible(),
        },
    )


@role_required(Role.STATE)
def message_detail(request, pk: int):
    message = get_object_or_404(outbox_for_user(request.user), pk=pk)
    return render(
        request,
        "notifications/message_detail.html",
        {
            "message": message,
            "recipient": recipient_for_user(request.user, message),
            "body": body_for_user(request.user, message),
        },
    )
