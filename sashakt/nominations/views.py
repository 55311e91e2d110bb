"""Calendar and programme pages: the batch calendar with its seats, a batch's page and status,
a programme's page (nominating for "any batch"), the registry search for the nominate form,
joining letters, nominal rolls and the participant's own calendar. Their URLs live under
/nominations/ (`nominations/urls.py`); deciding on nominations is in
`nomination_views.py`, the seat allocation page in `allocation_views.py`."""

from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sashakt.core.permissions import get_scoped_or_404, role_required
from sashakt.core.refusals import refused_message
from sashakt.core.roles import Role
from sashakt.nominations import rules
from sashakt.nominations import services as nominations
from sashakt.nominations.cancelling import batch_cancel as batch_cancel_service
from sashakt.nominations.forms import (
    PasteMobilesForm,
    ProgrammeNominationForm,
    RejectForm,
)
from sashakt.nominations.letters import joining_letter_for, nominal_roll_pdf
from sashakt.nominations.models import (
    ACTIVE,
    SEAT_HOLDING,
    Nomination,
    NominationStatus,
)
from sashakt.nominations.nomination_views import DECIDING_ROLES, report_pasted
from sashakt.nominations.selectors import (
    batch_seat_counts,
    batches_with_seats,
    candidates_with_flags,
    nominations_for_user,
)
from sashakt.people.selectors import people_for_user, people_search
from sashakt.programmes import rules as programme_rules
from sashakt.programmes import services as programmes
from sashakt.programmes.forms import MoveBatchForm, QuotaForm
from sashakt.programmes.ics import batches_ics, ics_response
from sashakt.programmes.models import BATCH_TRANSITIONS, CANCELLABLE, BatchStatus
from sashakt.programmes.rules import CALENDAR_ROLES
from sashakt.programmes.selectors import (
    batches_for_user,
    programmes_for_planning,
    programmes_for_user,
    upcoming_weeks,
)


@role_required(*CALENDAR_ROLES)
def batch_list(request):
    user = request.user
    batches = batches_with_seats(user).order_by("start_date", "pk")
    status = request.GET.get("status", "")
    if status in BatchStatus.values:
        batches = batches.filter(status=status)
    batches = list(batches)
    may_publish = programme_rules.may_publish_calendar(user)
    return render(
        request,
        "nominations/batch_list.html",
        {
            "batches": batches,
            "statuses": BatchStatus.choices,
            "status": status,
            "clashes": programmes.calendar_clashes(batches) if may_publish else [],
            "may_publish": may_publish,
            "years": sorted({b.start_date.year for b in batches}),
            "may_create": programme_rules.may_create_batches(user)
            and programmes_for_planning(user).exists(),
        },
    )


@role_required(*CALENDAR_ROLES)
def batch_detail(request, pk: int):
    user = request.user
    batch = get_scoped_or_404(user, batches_for_user, pk)
    may_plan = programme_rules.may_plan(user, batch.programme)
    context = {
        "batch": batch,
        "counts": batch_seat_counts(batch),
        "nominations": nominations_for_user(user)
        .filter(batch=batch)
        .order_by("status", "seat", "pk"),
        "may_decide": rules.may_decide(user, batch.programme),
        "may_answer": rules.may_answer_on_pages(user),
        "may_plan": may_plan,
        "may_nominate": rules.may_nominate_to_batch(user, batch),
        "next_statuses": [
            (value, BatchStatus(value).label)
            for value in sorted(BATCH_TRANSITIONS[BatchStatus(batch.status)])
            # Completing is done on the attendance page (each person judged by the rule).
            if value != BatchStatus.COMPLETED
        ]
        if may_plan
        else [],
        "may_cancel": may_plan and batch.status in CANCELLABLE,
        "reject_form": RejectForm(),
        "quota_form": QuotaForm() if programme_rules.may_set_quotas(user) else None,
        "quotas": batch.quotas.select_related("district"),
        "move_form": MoveBatchForm(initial={"start_date": batch.start_date}) if may_plan else None,
        "date_changes": batch.date_changes.all(),
        "may_substitute": rules.may_substitute(user),
        "paste_form": PasteMobilesForm(),
        "Status": NominationStatus,
        "show_mobile": rules.may_see_mobiles(user),
    }
    return render(request, "nominations/batch_detail.html", context)


# What a status change means, said before it is made and after.
STATUS_MEANINGS = {
    BatchStatus.PLANNED: gettext_lazy("It is no longer open for nominations."),
    BatchStatus.OPEN: gettext_lazy("District officers can nominate people to it."),
    BatchStatus.LOCKED: gettext_lazy("Nominations are closed; the seat list is final."),
    BatchStatus.RUNNING: gettext_lazy("The training has begun: attendance is marked."),
    BatchStatus.CLOSED: gettext_lazy("The record is closed."),
}


@require_POST
@role_required(*programme_rules.PLANNING_ROLES)
def batch_status(request, pk: int):
    batch = get_scoped_or_404(request.user, batches_for_user, pk)
    status = request.POST.get("status", "")
    allowed = BATCH_TRANSITIONS[BatchStatus(batch.status)] - {BatchStatus.COMPLETED}
    if status in allowed and request.POST.get("confirmed") != "yes":
        # Ask first: what the change means, then a second, deliberate press.
        return render(
            request,
            "nominations/batch_status_confirm.html",
            {
                "batch": batch,
                "status": status,
                "label": BatchStatus(status).label,
                "meaning": STATUS_MEANINGS.get(status, ""),
            },
        )
    try:
        if status not in BatchStatus.values:
            raise ValueError(status)
        if status == BatchStatus.COMPLETED:
            # Each person's completion is judged from the marks, on the attendance pages.
            raise programmes.BatchError(
                _(
                    "A batch is completed from its attendance page, where each person's "
                    "completion is judged by the programme's rule."
                )
            )
        programmes.batch_set_status(user=request.user, batch=batch, status=status)
    except programmes.BatchError as error:
        refused_message(request, error)
    except ValueError:
        messages.error(request, _("Choose a status."))
    else:
        messages.success(
            request,
            _("%(batch)s is now “%(status)s”. %(meaning)s")
            % {
                "batch": batch,
                "status": batch.get_status_display(),
                "meaning": STATUS_MEANINGS.get(status, ""),
            },
        )
    return redirect(batch)


@role_required(*CALENDAR_ROLES)
def programme_detail(request, pk: int):
    user = request.user
    programme = get_scoped_or_404(user, programmes_for_user, pk)
    weeks = upcoming_weeks(programme)
    form = ProgrammeNominationForm(request.POST or None, weeks=weeks)
    may_nominate = rules.may_nominate_for_programme(user) and bool(weeks)
    if request.method == "POST":
        if not may_nominate:
            raise PermissionDenied
        if form.is_valid():
            result = nominations.nominations_create_from_mobiles(
                user=user,
                programme=programme,
                text=form.cleaned_data["mobiles"],
                people=people_for_user(user),
                unavailable_weeks=form.cleaned_data["unavailable_weeks"],
            )
            report_pasted(request, result)
            return redirect("nominations:programme_detail", pk=programme.pk)
    waiting = (
        nominations_for_user(user)
        .filter(programme=programme, batch__isnull=True, status=NominationStatus.NOMINATED)
        .select_related("person", "district")
    )
    return render(
        request,
        "nominations/programme_detail.html",
        {
            "programme": programme,
            "batches": batches_with_seats(user).filter(programme=programme).order_by("start_date"),
            "form": form,
            "may_nominate": may_nominate,
            "may_allocate": rules.may_allocate(user),
            "may_set_up": programme_rules.may_plan(user, programme),
            "waiting": waiting,
            "show_mobile": rules.may_see_mobiles(user),
        },
    )


@role_required(*rules.NOMINATING_ROLES)
def batch_candidates(request, pk: int):
    """Registry search for the nominate form: people in the user's scope, each flagged when
    already trained, already nominated or not eligible (and then without a nominate button)."""
    batch = get_scoped_or_404(request.user, batches_for_user, pk)
    query = request.GET.get("q", "")[:100].replace("\x00", "")  # PostgreSQL refuses NUL
    candidates = None
    if query.strip():
        people = people_search(request.user, query=query)[:20]
        candidates = candidates_with_flags(people, batch.programme)
    return render(
        request,
        "nominations/_candidates.html",
        {"batch": batch, "candidates": candidates, "query": query},
    )


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@role_required(*DECIDING_ROLES)
def joining_letter(request, pk: int):
    nomination = cast(
        Nomination,
        get_scoped_or_404(
            request.user,
            nominations_for_user(request.user).select_related(
                "batch__venue",
                "batch__programme__mou__institute",
                "person__block",
                "person__district",
            ),
            pk,
        ),
    )
    if nomination.status not in SEAT_HOLDING:
        # Say why there is no letter, and where to go instead, rather than a bare 404.
        # (The certificate is read through the reverse relation: no import of a higher app.)
        certificate = nomination.certificates.filter(status="valid").first()
        return render(
            request,
            "nominations/letter_gone.html",
            {
                "nomination": nomination,
                "over": nomination.status
                in (NominationStatus.ATTENDED, NominationStatus.NOT_COMPLETED),
                "certificate": certificate,
            },
            status=410,
        )
    return _pdf_response(joining_letter_for(nomination), f"joining-letter-{pk}.pdf")


@role_required(*CALENDAR_ROLES)
def nominal_roll(request, pk: int):
    batch = get_scoped_or_404(request.user, batches_for_user, pk)
    # A district officer's roll holds their own district's people only.
    seated = (
        nominations_for_user(request.user)
        .filter(batch=batch, status__in=SEAT_HOLDING)
        .select_related("person__district")
    )
    return _pdf_response(nominal_roll_pdf(batch, list(seated)), f"nominal-roll-{pk}.pdf")


@role_required(Role.PARTICIPANT)
def my_calendar_ics(request):
    seats = nominations_for_user(request.user).filter(status__in=SEAT_HOLDING)
    batches = [n.batch for n in seats.select_related("batch__venue", "batch__programme")]
    return ics_response(
        batches_ics(batches, name=_("My training"), host=request.get_host()), "my-training.ics"
    )


@require_POST
@role_required(*programme_rules.PLANNING_ROLES)
def batch_cancel(request, pk: int):
    """Cancel a batch with a reason: asked first (how many people will be told), then done."""
    batch = get_scoped_or_404(request.user, batches_for_user, pk)
    if not programme_rules.may_plan(request.user, batch.programme):
        raise PermissionDenied
    reason = request.POST.get("reason", "").strip()[:1000]
    if not reason:
        messages.error(request, _("Write why the batch is cancelled."))
        return redirect(batch)
    if request.POST.get("confirmed") != "yes":
        in_play = batch.nominations.filter(status__in=ACTIVE)
        return render(
            request,
            "nominations/batch_cancel_confirm.html",
            {
                "batch": batch,
                "reason": reason,
                "seat_holders": in_play.filter(status__in=SEAT_HOLDING).count(),
                "in_play": in_play.count(),
            },
        )
    try:
        withdrawn = batch_cancel_service(user=request.user, batch=batch, reason=reason)
    except programmes.BatchError as error:
        refused_message(request, error)
    else:
        messages.success(
            request,
            _(
                "%(batch)s is cancelled. %(count)s nominations were withdrawn; the seat "
                "holders and their district officers are being told."
            )
            % {"batch": batch, "count": len(withdrawn)},
        )
    return redirect(batch)
