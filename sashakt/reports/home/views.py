"""The home page: a welcome for visitors, and for each role what it has to do next."""

from django.shortcuts import redirect, render
from django.utils import timezone

from sashakt.core.roles import Role
from sashakt.core.selectors import audit_entries, audit_rows
from sashakt.nominations.models import SEAT_HOLDING, NominationStatus
from sashakt.nominations.selectors import district_officer_phone
from sashakt.people.selectors import people_for_user
from sashakt.reports.home.selectors import (
    designation_rows,
    public_home_figures,
    state_overview,
    upcoming_for_user,
)
from sashakt.reports.home.todo import (
    confirm_by,
    district_todo,
    institute_todo,
    participant_seats,
    state_todo,
    trainer_sessions,
)


def home(request):
    if not request.user.is_authenticated:
        return render(request, "reports/public_home.html", public_home_figures())
    handler = {
        Role.STATE: _home_state,
        Role.INSTITUTE: _home_institute,
        Role.DISTRICT: _home_district,
        Role.TRAINER: _home_trainer,
        Role.PARTICIPANT: _home_participant,
        # Finance's work is all in the money pages.
        Role.FINANCE: lambda request: redirect("logistics:money_home"),
    }.get(request.user.role)
    if handler is None:
        # An account without a role sees nothing until the state cell gives it one.
        return render(request, "reports/home_no_role.html", status=403)
    return handler(request)


def _home_state(request):
    context = state_overview()
    context["people_by_designation"] = designation_rows(people_for_user(request.user))
    context["recent_audit"] = audit_rows(audit_entries()[:8])
    context.update(upcoming_for_user(request.user))
    context["todo"] = state_todo(request.user)
    roles = dict(Role.choices)
    context["users_by_role"] = [
        {"label": roles.get(row["role"], row["role"]), "n": row["n"]}
        for row in context["users_by_role"]
    ]
    return render(request, "reports/home_state.html", context)


def _home_institute(request):
    return render(
        request,
        "reports/home_institute.html",
        {
            "institute": request.user.institute,
            "next_batches": institute_todo(request.user),
            **upcoming_for_user(request.user),
        },
    )


def _home_district(request):
    district = request.user.district
    people = people_for_user(request.user)
    return render(
        request,
        "reports/home_district.html",
        {
            "district": district,
            "block_count": district.blocks.count(),
            "people_total": people.count(),
            "people_by_designation": designation_rows(people),
            "todo": district_todo(request.user),
            **upcoming_for_user(request.user),
        },
    )


def _home_trainer(request):
    return render(
        request, "reports/home_trainer.html", {"sessions": trainer_sessions(request.user)}
    )


def _home_participant(request):
    person = request.user.person
    nominations = list(participant_seats(request.user))
    for nomination in nominations:
        if nomination.batch_id and nomination.status in SEAT_HOLDING:
            offered = nomination.decided_at
            nomination.confirm_by = confirm_by(
                nomination.batch, offered_on=timezone.localdate(offered) if offered else None
            )
            nomination.days = _days(nomination.batch)
    return render(
        request,
        "reports/home_participant.html",
        {
            "person": person,
            "nominations": nominations,
            "Status": NominationStatus,
            "district_officer_phone": district_officer_phone(person.district_id),
        },
    )


def _days(batch) -> list[tuple]:
    """The batch's timetable day by day: [(date, [sessions])]."""
    days: dict = {}
    for session in batch.sessions.select_related("module").order_by("date", "starts_at"):
        days.setdefault(session.date, []).append(session)
    return list(days.items())
