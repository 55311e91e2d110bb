"""The bulk page: choose the audience, write the text, see the counts and a real
recipient's message, confirm, then follow the one job's progress bar."""

import uuid
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sashakt.core.permissions import get_scoped_or_404, role_required, scope_queryset
from sashakt.core.refusals import refused_to_form
from sashakt.core.roles import Role
from sashakt.notifications.events import EVENTS, PLACEHOLDERS
from sashakt.notifications.templating import MAX_SEGMENTS, text_report
from sashakt.reports.bulk.forms import BulkMessageForm
from sashakt.reports.bulk.selectors import (
    BULK_EVENT,
    audience_counts,
    audience_people,
    bulk_preview,
)
from sashakt.reports.bulk.services import NOBODY, BulkMessageRefused, bulk_message_send
from sashakt.reports.models import BulkMessage

WRITERS = (Role.STATE, Role.DISTRICT)


def bulk_messages_for_user(user: Any) -> QuerySet[BulkMessage]:
    """The bulk messages a user may read: all for the state cell, their district's for a
    district officer."""
    messages = BulkMessage.objects.select_related(
        "created_by", "batch__programme", "programme", "district", "job"
    )
    return scope_queryset(user, messages, district="district")


def _size_reports(text_hi: str, text_en: str, user: Any) -> list[dict[str, object]]:
    """Each text's SMS parts, shown on a sample that carries the writer's own district and
    phone where they have them (a district officer sees their district, never another's)."""
    event = EVENTS[BULK_EVENT]
    district = getattr(user, "district", None)

    def known(language: str) -> dict[str, str]:
        with translation.override(language):
            return {"district": str(district.name) if district else "", "phone": user.mobile or ""}

    return [
        {
            "language": _("Hindi"),
            "report": text_report(event, text_hi, "hi", known("hi")),
            "lang": "hi",
        },
        {
            "language": _("English"),
            "report": text_report(event, text_en, "en", known("en")),
            "lang": "en",
        },
    ]


def _token(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except (TypeError, ValueError):
        return None


@role_required(*WRITERS)
def bulk_message_new(request: HttpRequest) -> HttpResponse:
    """GET: the form. POST: the confirmation page (counts, preview), never a send; POST with
    the confirmation's token (`confirm`): record the message and start its job."""
    preview_url = reverse("reports:bulk_message_size")
    form = BulkMessageForm(request.POST or None, user=request.user, preview_url=preview_url)
    context: dict[str, object] = {"form": form, "max_segments": MAX_SEGMENTS}
    # "Change" on the confirmation page: back to the form, with what was written.
    if request.method == "POST" and form.is_valid() and "change" not in request.POST:
        audience = form.chosen_audience()
        text_hi, text_en = form.cleaned_data["text_hi"], form.cleaned_data["text_en"]
        token = _token(request.POST.get("confirm", ""))
        if token is not None:
            try:
                message = bulk_message_send(
                    user=request.user,
                    token=token,
                    audience=audience,
                    text_hi=text_hi,
                    text_en=text_en,
                )
            except BulkMessageRefused as refusal:
                refused_to_form(form, refusal)
            else:
                if message.job_id:
                    return redirect("core:job_detail", message.job_id)
                return redirect(message)
        else:
            people = audience_people(request.user, audience)
            counts = audience_counts(people)
            if counts.reachable <= 0:
                refused_to_form(form, BulkMessageRefused(str(NOBODY)))
            if not form.errors:
                return render(
                    request,
                    "reports/bulk_message_confirm.html",
                    {
                        **context,
                        "counts": counts,
                        "preview": bulk_preview(people, {"hi": text_hi, "en": text_en}),
                        "token": uuid.uuid4(),
                        "audience": audience,
                    },
                )
    text_hi = form["text_hi"].value() or ""
    text_en = form["text_en"].value() or ""
    return render(
        request,
        "reports/bulk_message_form.html",
        {
            **context,
            "reports": _size_reports(text_hi, text_en, request.user),
            "placeholders": [PLACEHOLDERS[key] for key in EVENTS[BULK_EVENT].placeholders],
        },
    )


@require_POST
@role_required(*WRITERS)
def bulk_message_size(request: HttpRequest) -> HttpResponse:
    """The SMS parts of the two texts as they are typed (htmx), with their problems."""
    return render(
        request,
        "notifications/_template_preview.html",
        {
            "reports": _size_reports(
                request.POST.get("text_hi", ""), request.POST.get("text_en", ""), request.user
            ),
            "max_segments": MAX_SEGMENTS,
        },
    )


@role_required(*WRITERS)
def bulk_message_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(bulk_messages_for_user(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "reports/bulk_message_list.html", {"page": page})


@role_required(*WRITERS)
def bulk_message_detail(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_scoped_or_404(request.user, bulk_messages_for_user, pk)
    return render(request, "reports/bulk_message_detail.html", {"message": message})
