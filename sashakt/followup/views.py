"""The follow-up's pages (issue 26). Each checks role and scope through `core.permissions` and
the selectors; writes go through `services`; refusals become form errors or messages."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sashakt.core.permissions import get_scoped_or_404, role_required
from sashakt.core.private_files import private_file_response
from sashakt.core.ratelimit import rate_limited
from sashakt.core.refusals import refused_message, refused_to_form
from sashakt.core.roles import Role
from sashakt.core.users import User
from sashakt.followup import selectors, services
from sashakt.followup.checkin_links import checkin_token_check
from sashakt.followup.forms import ActionPlanForm, CheckInForm
from sashakt.followup.models import (
    ActionPlan,
    Channel,
    CheckInAnswer,
    Commitment,
    CommitmentStatus,
    Stage,
)
from sashakt.followup.schedule import checkin_due_on
from sashakt.nominations.models import Nomination
from sashakt.programmes.models import Batch, Module

PER_MINUTE = 30  # check-in link requests per minute from one address
REPORT_ROLES = (Role.STATE, Role.DISTRICT, Role.INSTITUTE)


def _user(request: HttpRequest) -> User:
    """The signed-in user (every view but the check-in link's is behind `role_required`)."""
    return cast(User, request.user)


# --- The action plan -------------------------------------------------------------------------


def _plan_page(
    request: HttpRequest, *, nomination: Nomination, assisted: bool, back: str
) -> HttpResponse:
    plan = ActionPlan.objects.filter(nomination=nomination).first()
    commitments = list(plan.commitments.all()) if plan else []
    locked = bool(plan and plan.checkins.exists())
    modules = list(Module.objects.filter(programme_id=nomination.programme_id))
    form = ActionPlanForm(initial_commitments=commitments, modules=modules)
    if request.method == "POST" and not locked:
        form = ActionPlanForm(
            request.POST, request.FILES, initial_commitments=commitments, modules=modules
        )
        if form.is_valid():
            try:
                services.action_plan_save(
                    nomination=nomination,
                    commitments=form.commitments(),
                    by=_user(request),
                    voice_note=form.cleaned_data.get("voice_note") or None,
                )
            except services.FollowupError as refusal:
                refused_to_form(form, refusal)
            else:
                messages.success(request, _("The action plan is saved."))
                return redirect(back)
    try:
        services.action_plan_open_check(nomination)
        closed = ""
    except services.FollowupError as refusal:
        closed = refusal.message
    return render(
        request,
        "followup/plan_form.html",
        {
            "form": form,
            "nomination": nomination,
            "plan": plan,
            "commitments": commitments,
            "locked": locked,
            "closed": closed,
            "assisted": assisted,
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.PARTICIPANT)
def plan_own(request: HttpRequest) -> HttpResponse:
    """The participant's own action plan, on their phone."""
    nomination = selectors.own_plan_nomination(request.user)
    if nomination is None:
        return render(request, "followup/plan_none.html")
    return _plan_page(
        request, nomination=nomination, assisted=False, back=reverse("followup:plan_own")
    )


@require_GET
@role_required(Role.STATE, Role.INSTITUTE, Role.TRAINER)
def batch_plans(request: HttpRequest, batch_pk: int) -> HttpResponse:
    """Who in a batch has written their plan, those without one first (before the batch
    closes the coordinator sees whom to help)."""
    batch = cast(Batch, get_scoped_or_404(request.user, selectors.plan_batches_for_user, batch_pk))
    roster = list(selectors.batch_plan_roster(batch))
    return render(
        request,
        "followup/batch_plans.html",
        {
            "batch": batch,
            "roster": roster,
            "missing": sum(1 for n in roster if not getattr(n, "has_plan", False)),
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(Role.STATE, Role.INSTITUTE, Role.TRAINER)
def plan_assisted(request: HttpRequest, batch_pk: int, nomination_pk: int) -> HttpResponse:
    """A facilitator types a participant's plan with them (marked "entered with help")."""
    batch = cast(Batch, get_scoped_or_404(request.user, selectors.plan_batches_for_user, batch_pk))
    nomination = get_object_or_404(
        Nomination.objects.select_related("person", "batch__programme"),
        pk=nomination_pk,
        batch=batch,
    )
    return _plan_page(
        request,
        nomination=nomination,
        assisted=True,
        back=reverse("followup:batch_plans", args=[batch.pk]),
    )


@require_GET
@role_required(Role.STATE, Role.DISTRICT, Role.INSTITUTE, Role.PARTICIPANT)
def plan_voice(request: HttpRequest, plan_pk: int) -> HttpResponse:
    plan = cast(ActionPlan, get_scoped_or_404(request.user, selectors.plans_for_user, plan_pk))
    return private_file_response(plan.voice_note.name)


@require_GET
@role_required(Role.STATE, Role.DISTRICT, Role.INSTITUTE, Role.PARTICIPANT)
def answer_file(request: HttpRequest, answer_pk: int, kind: str) -> HttpResponse:
    """A check-in answer's voice note or photo, to those who may see the person's plan."""
    answer = cast(
        CheckInAnswer, get_scoped_or_404(request.user, selectors.answers_for_user, answer_pk)
    )
    if kind not in ("voice", "photo"):
        raise Http404
    stored = answer.voice_note if kind == "voice" else answer.photo
    return private_file_response(stored.name)


# --- Check-ins -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def checkin(request: HttpRequest, token: str) -> HttpResponse:
    """The page a check-in SMS links to: no password, the signed token in the address."""
    if rate_limited(request, scope="followup.checkin", per_minute=PER_MINUTE):
        return render(
            request,
            "followup/checkin.html",
            {"refusal": _("Too many tries from this connection. Please wait a minute.")},
            status=429,
        )
    check = checkin_token_check(token, user=request.user)
    if not check.ok or check.plan is None:
        return render(
            request,
            "followup/checkin.html",
            {"refusal": check.message, "refusal_code": check.refusal, "answered": check.checkin},
        )
    plan, stage = check.plan, check.stage
    commitments = list(plan.commitments.all())
    form = CheckInForm(commitments=commitments)
    if request.method == "POST":
        form = CheckInForm(request.POST, request.FILES, commitments=commitments)
        if form.is_valid():
            try:
                services.checkin_record(
                    plan=plan, stage=stage, answers=form.answers(), channel=Channel.LINK
                )
            except services.FollowupError as refusal:
                refused_to_form(form, refusal)
            else:
                return render(request, "followup/checkin.html", {"done": True, "plan": plan})
    return render(
        request,
        "followup/checkin.html",
        {"form": form, "plan": plan, "stage": Stage(stage)},
    )


@require_GET
@role_required(Role.DISTRICT, Role.STATE)
def due_list(request: HttpRequest) -> HttpResponse:
    """The district officer's check-ins to make by phone, overdue ones marked."""
    due = selectors.checkins_due(request.user)
    return render(request, "followup/due_list.html", {"due": due})


@require_http_methods(["GET", "POST"])
@role_required(Role.DISTRICT)
def record_call(request: HttpRequest, plan_pk: int, stage: int) -> HttpResponse:
    """The district officer records a check-in from a phone call: one tap per commitment."""
    plan = cast(ActionPlan, get_scoped_or_404(request.user, selectors.plans_for_user, plan_pk))
    if stage not in Stage.values:
        raise Http404
    commitments = list(plan.commitments.all())
    form = CheckInForm(commitments=commitments, full=False)
    if request.method == "POST":
        form = CheckInForm(request.POST, commitments=commitments, full=False)
        if form.is_valid():
            try:
                services.checkin_by_phone(
                    plan=plan,
                    stage=stage,
                    statuses={a.commitment.pk: a.status for a in form.answers()},
                    by=_user(request),
                )
            except services.FollowupError as refusal:
                refused_to_form(form, refusal)
            else:
                messages.success(request, _("The check-in is recorded."))
                return redirect("followup:due")
    return render(
        request,
        "followup/record_call.html",
        {
            "form": form,
            "plan": plan,
            "stage": Stage(stage),
            "due_on": checkin_due_on(plan.batch_end, stage),
        },
    )


# --- What the department sees ----------------------------------------------------------------


@require_GET
@role_required(*REPORT_ROLES)
def report(request: HttpRequest) -> HttpResponse:
    dimension = request.GET.get("by", "theme")
    if dimension not in selectors.DIMENSIONS:
        dimension = "theme"
    totals = selectors.theme_totals(request.user)
    return render(
        request,
        "followup/report.html",
        {
            "dimension": dimension,
            "dimensions": [(key, label) for key, (label, _path) in selectors.DIMENSIONS.items()],
            "rows": selectors.commitment_counts(request.user, dimension),
            "totals": [(value, label, totals[value]) for value, label in CommitmentStatus.choices],
            "statuses": CommitmentStatus.choices,
        },
    )


@require_GET
@role_required(*REPORT_ROLES)
def report_people(request: HttpRequest) -> HttpResponse:
    """The people behind one figure of the report."""
    dimension = request.GET.get("by", "")
    status = request.GET.get("status", "")
    if dimension not in selectors.DIMENSIONS or (status and status not in CommitmentStatus.values):
        raise Http404
    key = request.GET.get("key", "")
    commitments = selectors.commitments_behind(request.user, dimension, key, status)
    return render(
        request,
        "followup/report_people.html",
        {
            "commitments": commitments[: selectors.SHOWN],
            "count": commitments.count(),
            "dimension_label": selectors.DIMENSIONS[dimension][0],
            "status_label": CommitmentStatus(status).label if status else "",
        },
    )


@require_GET
@role_required(*REPORT_ROLES)
def stories(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "followup/stories.html",
        {"stories": selectors.stories_for_user(request.user)[: selectors.SHOWN]},
    )


@require_POST
@role_required(Role.STATE)
def good_practice(request: HttpRequest, commitment_pk: int) -> HttpResponse:
    commitment = cast(
        Commitment,
        get_scoped_or_404(request.user, selectors.commitments_for_user, commitment_pk),
    )
    try:
        services.good_practice_mark(
            commitment=commitment, by=_user(request), good=request.POST.get("good") == "1"
        )
    except services.FollowupError as refusal:
        refused_message(request, refusal)
    return redirect(reverse("followup:stories") + f"#story-{commitment.pk}")


@require_POST
@role_required(Role.STATE, Role.DISTRICT)
def consent(request: HttpRequest, commitment_pk: int) -> HttpResponse:
    commitment = cast(
        Commitment,
        get_scoped_or_404(request.user, selectors.commitments_for_user, commitment_pk),
    )
    try:
        services.consent_record(
            commitment=commitment, by=_user(request), given=request.POST.get("given") == "1"
        )
    except services.FollowupError as refusal:
        refused_message(request, refusal)
    return redirect(reverse("followup:stories") + f"#story-{commitment.pk}")


@require_GET
@login_required
def case_studies(request: HttpRequest) -> HttpResponse:
    """Good practices shown, with consent, to every signed-in user (later batches)."""
    return render(
        request,
        "followup/case_studies.html",
        {"stories": selectors.case_studies()[: selectors.SHOWN]},
    )


@require_GET
@login_required
def case_study_photo(request: HttpRequest, answer_pk: int) -> HttpResponse:
    """A consented good practice's photo, to any signed-in user."""
    answer = get_object_or_404(selectors.case_study_answers(), pk=answer_pk, photo__gt="")
    return private_file_response(answer.photo.name)
