import json
from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sashakt.core.links import home_url
from sashakt.core.permissions import get_scoped_or_404, has_role, role_required
from sashakt.core.refusals import refused_message, refused_to_form
from sashakt.core.roles import Role
from sashakt.core.users import User
from sashakt.privacy import services
from sashakt.privacy.forms import CorrectionRefuseForm, CorrectionRequestForm
from sashakt.privacy.models import CorrectionRequest, CorrectionStatus, NoticeAcknowledgement
from sashakt.privacy.pdf import own_data_pdf
from sashakt.privacy.selectors import (
    corrections_for_user,
    grievance_officer,
    notice_acknowledged,
    own_data,
)

DECIDING_ROLES = (Role.STATE, Role.DISTRICT)


def notice(request: HttpRequest) -> HttpResponse:
    """The privacy notice, public; a signed-in participant acknowledges it once (POST)."""
    user = cast(User, request.user)
    is_participant = user.is_authenticated and has_role(user, Role.PARTICIPANT)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        next_url = ""
    if request.method == "POST":
        if not is_participant:
            return redirect("privacy:notice")
        services.notice_acknowledge(user=user, language=get_language() or "hi")
        messages.success(request, _("Thank you. You can read this notice again from any page."))
        return redirect(next_url or home_url())
    acknowledgement = None
    if is_participant:
        acknowledgement = NoticeAcknowledgement.objects.filter(user=user).order_by("-pk").first()
    return render(
        request,
        "privacy/notice.html",
        {
            "officer": grievance_officer(),
            "person_years": settings.PRIVACY_RETENTION_DAYS["person"] // 365,
            "claim_ticket_days": settings.PRIVACY_RETENTION_DAYS["claim_ticket"],
            "followup_media_days": settings.PRIVACY_RETENTION_DAYS["followup_media"],
            "is_participant": is_participant,
            "acknowledged": is_participant and notice_acknowledged(user),
            "acknowledgement": acknowledgement,
            "next": next_url,
        },
    )


def _own(request: HttpRequest) -> dict[str, Any]:
    user = cast(User, request.user)
    assert user.person is not None  # a participant always has their record (a constraint)
    return own_data(user.person, user=user)


@role_required(Role.PARTICIPANT)
def my_data(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "privacy/mine.html",
        {
            "form": CorrectionRequestForm(),
            "corrections": corrections_for_user(cast(User, request.user)).order_by("-requested_at"),
        },
    )


@role_required(Role.PARTICIPANT)
def my_data_json(request: HttpRequest) -> HttpResponse:
    body = json.dumps(_own(request), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sashakt-my-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@role_required(Role.PARTICIPANT)
def my_data_pdf(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(own_data_pdf(_own(request)), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="sashakt-my-data.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@role_required(Role.PARTICIPANT)
@require_POST
def correction_ask(request: HttpRequest) -> HttpResponse:
    form = CorrectionRequestForm(request.POST)
    if form.is_valid():
        try:
            services.correction_request_create(user=cast(User, request.user), **form.cleaned_data)
        except services.PrivacyRefused as refusal:
            refused_to_form(form, refusal)
        else:
            messages.success(
                request, _("Your request has been sent to your District Panchayat Raj Officer.")
            )
            return redirect("privacy:mine")
    corrections = corrections_for_user(cast(User, request.user)).order_by("-requested_at")
    return render(
        request, "privacy/mine.html", {"form": form, "corrections": corrections}, status=400
    )


@role_required(*DECIDING_ROLES)
def correction_list(request: HttpRequest) -> HttpResponse:
    corrections = corrections_for_user(cast(User, request.user))
    return render(
        request,
        "privacy/corrections.html",
        {
            "waiting": corrections.filter(status=CorrectionStatus.PENDING).order_by("requested_at"),
            "decided": corrections.exclude(status=CorrectionStatus.PENDING)[:30],
        },
    )


@role_required(*DECIDING_ROLES)
def correction_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the request and its two answers (the confirmation step); POST: the answer."""
    user = cast(User, request.user)
    correction = cast(CorrectionRequest, get_scoped_or_404(user, corrections_for_user, pk))
    refuse_form = CorrectionRefuseForm()
    if request.method == "POST":
        try:
            if request.POST.get("decision") == "accept":
                services.correction_accept(user=user, correction=correction)
                messages.success(request, _("The record has been corrected."))
                return redirect("privacy:corrections")
            refuse_form = CorrectionRefuseForm(request.POST)
            if refuse_form.is_valid():
                services.correction_refuse(
                    user=user,
                    correction=correction,
                    reason=refuse_form.cleaned_data["reason"],
                )
                messages.success(request, _("The request has been refused, with your reason."))
                return redirect("privacy:corrections")
        except services.PrivacyRefused as refusal:
            refused_message(request, refusal)
        correction.refresh_from_db()
    return render(
        request,
        "privacy/correction_decide.html",
        {"correction": correction, "refuse_form": refuse_form},
    )
