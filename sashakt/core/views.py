from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from sashakt.core.jobs import job_recover_if_stale
from sashakt.core.permissions import role_required
from sashakt.core.roles import Role
from sashakt.core.selectors import (
    audit_entries,
    audit_rows,
    audited_models,
    jobs_for_user,
    state_overview,
)
from sashakt.geography.models import District
from sashakt.people.models import Designation
from sashakt.people.selectors import people_count_by_designation, people_for_user


def home(request):
    if not request.user.is_authenticated:
        return render(request, "core/public_home.html", _public_figures())
    handler = {
        Role.STATE: _home_state,
        Role.INSTITUTE: _home_institute,
        Role.DISTRICT: _home_district,
        Role.TRAINER: _home_trainer,
        Role.PARTICIPANT: _home_participant,
    }.get(request.user.role)
    if handler is None:
        # An account without a role sees nothing until the state cell gives it one.
        return render(request, "core/home_no_role.html", status=403)
    return handler(request)


def _public_figures() -> dict:
    from sashakt.programmes.models import Institute

    return {"district_count": District.objects.count(), "institutes": Institute.objects.all()}


def _designation_rows(people) -> list[dict]:
    labels = dict(Designation.choices)
    return [
        {"label": labels.get(row["designation"], row["designation"]), "n": row["n"]}
        for row in people_count_by_designation(people)
    ]


def _home_state(request):
    context = state_overview()
    context["people_by_designation"] = _designation_rows(people_for_user(request.user))
    context["recent_audit"] = audit_rows(audit_entries()[:8])
    context.update(_upcoming(request.user))
    roles = dict(Role.choices)
    context["users_by_role"] = [
        {"label": roles.get(row["role"], row["role"]), "n": row["n"]}
        for row in context["users_by_role"]
    ]
    return render(request, "core/home_state.html", context)


def _home_institute(request):
    return render(
        request,
        "core/home_institute.html",
        {"institute": request.user.institute, **_upcoming(request.user)},
    )


def _upcoming(user) -> dict:
    """Batches open for nominations and the user's nominations in play, for home pages."""
    from sashakt.nominations.models import ACTIVE, NominationStatus
    from sashakt.programmes.models import BatchStatus
    from sashakt.programmes.selectors import batches_for_user, nominations_for_user

    nominations = nominations_for_user(user)
    return {
        "open_batches": batches_for_user(user)
        .filter(status__in=[BatchStatus.OPEN, BatchStatus.LOCKED, BatchStatus.RUNNING])
        .order_by("start_date")[:8],
        "nominations_in_play": nominations.filter(status__in=ACTIVE).count(),
        "awaiting_approval": nominations.filter(status=NominationStatus.NOMINATED).count(),
    }


def _home_district(request):
    district = request.user.district
    people = people_for_user(request.user)
    return render(
        request,
        "core/home_district.html",
        {
            "district": district,
            "block_count": district.blocks.count(),
            "people_total": people.count(),
            "people_by_designation": _designation_rows(people),
            **_upcoming(request.user),
        },
    )


def _home_trainer(request):
    return render(request, "core/home_trainer.html")


def _home_participant(request):
    from sashakt.nominations.models import NominationStatus
    from sashakt.programmes.selectors import nominations_for_user

    nominations = (
        nominations_for_user(request.user)
        .select_related("batch__venue", "batch__programme__mou__institute")
        .order_by("-created_at")
    )
    return render(
        request,
        "core/home_participant.html",
        {"person": request.user.person, "nominations": nominations, "Status": NominationStatus},
    )


def about(request):
    return render(request, "core/about.html")


@login_required
def job_list(request):
    page = Paginator(jobs_for_user(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "core/job_list.html", {"page": page})


def _job_or_404(request, pk):
    job = jobs_for_user(request.user).filter(pk=pk).first()
    if job is None:
        raise Http404
    return job


@login_required
@cache_control(no_store=True)
def job_detail(request, pk):
    job = job_recover_if_stale(_job_or_404(request, pk))
    template = "core/_job_status.html" if request.htmx else "core/job_detail.html"
    return render(request, template, {"job": job})


@login_required
def job_download(request, pk):
    job = _job_or_404(request, pk)
    if not job.output:
        raise Http404(_("This job has no file to download."))
    return FileResponse(job.output.open("rb"), as_attachment=True, filename=job.output_name)


@role_required(Role.STATE)
def audit_log(request):
    model = request.GET.get("model", "")
    entries = audit_entries(model=model)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/audit_log.html",
        {
            "page": page,
            "rows": audit_rows(page.object_list),
            "models": audited_models(),
            "selected_model": model,
        },
    )


def favicon(request):
    return redirect(settings.STATIC_URL + "favicon.svg", permanent=True)
