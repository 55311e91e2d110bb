import datetime
import json

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from sashakt.core.permissions import role_required
from sashakt.core.roles import Role
from sashakt.notifications.channels import callback_signature_valid
from sashakt.notifications.events import EVENTS, PLACEHOLDERS, Event
from sashakt.notifications.forms import MessageTemplateForm, OptOutForm
from sashakt.notifications.models import (
    Channel,
    DeliveryStatus,
    MessageStatus,
    MessageTemplate,
    OptOut,
)
from sashakt.notifications.selectors import (
    body_for_user,
    body_visible,
    outbox_counts_by_status,
    outbox_for_user,
    recipient_for_user,
)
from sashakt.notifications.services import (
    UnknownMessage,
    delivery_report_record,
    message_template_update,
    opt_out_record,
    opt_out_withdraw,
)
from sashakt.notifications.templating import MAX_SEGMENTS, text_report


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


# --- The state cell's editor of message templates: a list, an edit page, its live preview


def _event_or_404(key: str) -> Event:
    event = EVENTS.get(key)
    if event is None:
        raise Http404
    return event


def _template_for(event: Event) -> MessageTemplate:
    return MessageTemplate.objects.filter(event=event.key).first() or MessageTemplate(
        event=event.key, text_hi=event.default_hi, text_en=event.default_en
    )


def _reports(event: Event, text_hi: str, text_en: str) -> list[dict]:
    return [
        {"language": _("Hindi"), "report": text_report(event, text_hi, "hi"), "lang": "hi"},
        {"language": _("English"), "report": text_report(event, text_en, "en"), "lang": "en"},
    ]


@role_required(Role.STATE)
def template_list(request):
    stored = {t.event: t for t in MessageTemplate.objects.select_related("updated_by")}
    rows = [{"event": event, "template": stored.get(key)} for key, event in EVENTS.items()]
    return render(request, "notifications/template_list.html", {"rows": rows})


@role_required(Role.STATE)
def template_edit(request, event: str):
    event_ = _event_or_404(event)
    template = _template_for(event_)
    preview_url = reverse("notifications:template_preview", args=[event_.key])
    form = MessageTemplateForm(request.POST or None, instance=template, preview_url=preview_url)
    if request.method == "POST" and form.is_valid():
        message_template_update(user=request.user, event=event_.key, **form.cleaned_data)
        messages.success(request, _("The message “%(event)s” is saved.") % {"event": event_.label})
        return redirect("notifications:template_list")
    text_hi = form["text_hi"].value() or ""
    text_en = form["text_en"].value() or ""
    return render(
        request,
        "notifications/template_edit.html",
        {
            "event": event_,
            "template": template,
            "form": form,
            "placeholders": [PLACEHOLDERS[key] for key in event_.placeholders],
            "reports": _reports(event_, text_hi, text_en),
            "max_segments": MAX_SEGMENTS,
        },
    )


@require_POST
@role_required(Role.STATE)
def template_preview(request, event: str):
    event_ = _event_or_404(event)
    return render(
        request,
        "notifications/_template_preview.html",
        {
            "event": event_,
            "reports": _reports(
                event_, request.POST.get("text_hi", ""), request.POST.get("text_en", "")
            ),
            "max_segments": MAX_SEGMENTS,
        },
    )


# --- The SMS gateway's delivery reports -------------------------------------------------


@csrf_exempt  # a machine's callback, authenticated by its HMAC signature instead
@require_POST
def delivery_report(request):
    """POST /notifications/delivery/: one delivery report from the SMS gateway.

    Body (JSON): {"message_id": the provider's id as it answered our send, "status":
    "delivered" | "failed" | "expired", "time": ISO 8601, optional}; header
    X-Sashakt-Signature: "sha256=" + hex HMAC-SHA256 of the raw body under
    SMS_CALLBACK_SECRET. Answers 200 for a recorded or repeated report, 404 for an id the
    outbox never sent (nothing is created), 400 for a body it cannot read, 403 for a bad
    signature. With no secret configured the endpoint answers 404: this install takes no
    reports (the embedded default has no gateway), and 404 — unlike 503, which gateways
    retry — tells a misdirected gateway to stop.
    """
    secret = settings.SMS_CALLBACK_SECRET
    if not secret:
        return JsonResponse({"error": "delivery reports are not enabled"}, status=404)
    if not callback_signature_valid(
        request.body, request.headers.get("X-Sashakt-Signature", ""), secret
    ):
        return JsonResponse({"error": "bad signature"}, status=403)
    try:
        report = json.loads(request.body)
    except ValueError:
        return JsonResponse({"error": "the body is not JSON"}, status=400)
    if not isinstance(report, dict):
        return JsonResponse({"error": "the body must be a JSON object"}, status=400)
    message_id = report.get("message_id")
    status = report.get("status")
    if not isinstance(message_id, str | int) or not str(message_id).strip():
        return JsonResponse({"error": "message_id is missing"}, status=400)
    if status not in DeliveryStatus.values:
        return JsonResponse(
            {"error": "status must be one of " + ", ".join(DeliveryStatus.values)}, status=400
        )
    at = _report_time(report.get("time"))
    if at is False:
        return JsonResponse({"error": "time must be an ISO 8601 date and time"}, status=400)
    try:
        _matched, changed = delivery_report_record(
            provider_message_id=str(message_id).strip(), status=status, at=at
        )
    except UnknownMessage:
        return JsonResponse({"error": "unknown message_id"}, status=404)
    return JsonResponse({"ok": True, "changed": changed})


def _report_time(value) -> datetime.datetime | None | bool:
    """The report's time, aware (a time without zone is India's); None if absent, False if
    unreadable."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        return False
    try:
        parsed = parse_datetime(value)
    except ValueError:
        return False
    if parsed is None:
        return False
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, timezone.get_default_timezone())
    return parsed


# --- Opt-outs: numbers that asked for no messages that are not essential -------------------


@role_required(Role.STATE)
def opt_out_list(request):
    form = OptOutForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            opt_out = opt_out_record(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("mobile", error)
        else:
            messages.success(
                request,
                _("%(mobile)s will get only essential messages.") % {"mobile": opt_out.mobile},
            )
            return redirect("notifications:opt_out_list")
    opt_outs = OptOut.objects.select_related("recorded_by")
    page = Paginator(opt_outs, 50).get_page(request.GET.get("page"))
    return render(request, "notifications/opt_out_list.html", {"form": form, "page": page})


@require_POST
@role_required(Role.STATE)
def opt_out_withdraw_view(request, mobile: str):
    if opt_out_withdraw(user=request.user, mobile=mobile):
        messages.success(request, _("%(mobile)s gets every message again.") % {"mobile": mobile})
    return redirect("notifications:opt_out_list")
