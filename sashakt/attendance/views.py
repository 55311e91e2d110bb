"""Pages for the training hall: the batch's attendance, the roll-call grid, the check-in
scanner, completion; and the small JSON API the offline queue on the phone replays."""

import datetime
import json

import segno
from django import forms
from django.contrib import messages
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sashakt.attendance import rules, selectors, services
from sashakt.attendance.door_views import door_context
from sashakt.attendance.forms import (
    CodeForm,
    EvidenceForm,
    MarkForm,
    QueuedCheckinForm,
    QueuedMarkForm,
)
from sashakt.attendance.models import Completion, MarkMethod, MarkStatus
from sashakt.core.permissions import role_required
from sashakt.core.refusals import refused_json, refused_message, refused_to_form
from sashakt.core.roles import Role
from sashakt.nominations.models import SEAT_HOLDING, Nomination
from sashakt.nominations.seat_codes import seat_code
from sashakt.nominations.seat_tokens import seat_token
from sashakt.programmes.timing import late_entry_days, session_begun, session_entry_is_backdated

MARK_ROLES = (Role.STATE, Role.INSTITUTE)


def batch_days(batch) -> list[datetime.date]:
    days = (batch.end_date - batch.start_date).days + 1
    return [batch.start_date + datetime.timedelta(days=n) for n in range(days)]


def batch_for(user, pk):
    return get_object_or_404(selectors.batches_for_user(user), pk=pk)


def _session_for(user, pk):
    return get_object_or_404(selectors.sessions_for_user(user), pk=pk)


@role_required(*rules.VIEW_ROLES)
def batch_list(request):
    batches = selectors.batches_for_user(request.user).order_by("-start_date", "pk")[:100]
    return render(request, "attendance/batch_list.html", {"batches": batches})


@role_required(*rules.VIEW_ROLES)
def batch_detail(request, pk):
    batch = batch_for(request.user, pk)
    matrix = selectors.batch_attendance(user=request.user, batch=batch)
    if request.user.role == Role.TRAINER:
        own = [i for i, s in enumerate(matrix.sessions) if rules.is_own_session(request.user, s)]
        matrix.sessions = [matrix.sessions[i] for i in own]
        matrix.rows = [(n, [marks[i] for i in own], row) for n, marks, row in matrix.rows]
    days = sorted({s.date for s in matrix.sessions})
    may_mark = rules.may_mark(request.user, batch)
    offline_pages = [request.path, reverse("attendance:offline")]
    for session in matrix.sessions if may_mark else []:
        offline_pages += [
            reverse("attendance:session", args=[session.pk]),
            reverse("attendance:checkin", args=[session.pk]),
        ]
    return render(
        request,
        "attendance/batch_detail.html",
        {
            "batch": batch,
            "matrix": matrix,
            "days": days,
            "may_mark": may_mark and rules.marking_open(batch),
            "may_complete": may_mark and batch.status == "running",
            # Before the first day nobody has "not completed": the column waits for the batch.
            "show_completion": request.user.role != Role.TRAINER and rules.has_begun(batch),
            "not_begun": not rules.has_begun(batch),
            "current": selectors.current_session(batch),
            "evidence": list(batch.evidence.all()) if may_mark else [],
            "evidence_form": EvidenceForm(days=batch_days(batch)) if may_mark else None,
            "may_paper": may_mark,
            "offline_pages_json": json.dumps(offline_pages),
            **door_context(request.user, batch),
        },
    )


def _grid_context(request, session):
    batch = session.batch
    may_mark = rules.may_mark(request.user, batch) and rules.marking_open(batch)
    rows = selectors.session_grid(user=request.user, session=session)
    method = MarkMethod.PAPER if request.GET.get("from") == "paper" else MarkMethod.GRID
    return {
        "session": session,
        "batch": batch,
        "rows": rows,
        "may_mark": may_mark,
        "needs_reason": rules.entry_needs_reason(session),
        "completed": rules.correction_needs_reason(batch),
        "backdated": session_entry_is_backdated(session),
        "late_days": late_entry_days(),
        "begun": session_begun(session),
        "method": method,
        "statuses": MarkStatus.choices,
        "labels_json": json.dumps(
            {**dict(MarkStatus.choices), "": _("Not marked")}, ensure_ascii=False, default=str
        ),
        "present_count": sum(1 for row in rows if row.attended),
        "history": selectors.session_history(
            session=session, nomination_ids=[r.nomination.pk for r in rows]
        )
        if may_mark
        else [],
    }


@role_required(*rules.VIEW_ROLES)
def session_grid(request, pk):
    session = _session_for(request.user, pk)
    context = _grid_context(request, session)
    if request.method == "POST":
        if not context["may_mark"]:
            raise PermissionDenied
        _grid_post(request, session, context["method"])
        return redirect(request.get_full_path())
    return render(request, "attendance/session_grid.html", context)


def _grid_post(request, session, method):
    try:
        if "all_present" in request.POST:
            count = services.mark_all_present(
                user=request.user,
                session=session,
                method=method,
                reason=request.POST.get("reason", "")[:500],
            )
            messages.success(request, _("%(count)s people marked present.") % {"count": count})
            return
        form = MarkForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Check the time and the attendance chosen."))
            return
        data = form.cleaned_data
        nomination = get_object_or_404(selectors.roster(session.batch), pk=data["nomination"])
        services.mark_record(
            user=request.user,
            session=session,
            nomination=nomination,
            status=data["status"],
            method=method,
            client_id=data["client_id"] or None,
            arrived_at=data["arrived_at"],
            left_at=data["left_at"],
            reason=data["reason"],
        )
    except services.AttendanceError as error:
        refused_message(request, error)


@role_required(*MARK_ROLES)
def session_checkin(request, pk):
    session = _session_for(request.user, pk)
    if not rules.may_mark(request.user, session.batch):
        raise PermissionDenied
    form = CodeForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        try:
            found = services.checkin(
                user=request.user, session=session, code=form.cleaned_data["code"]
            )
        except services.AttendanceError as error:
            refused_to_form(form, error, "code")
        else:
            form = CodeForm()
    roster = [
        {
            "code": seat_code(n.pk),
            "nomination": n.pk,
            "name": n.person.name,
            "district": n.person.district.name,
            "designation": n.get_designation_display(),
        }
        for n in selectors.roster(session.batch)
    ]
    return render(
        request,
        "attendance/session_checkin.html",
        {
            "session": session,
            "batch": session.batch,
            "form": form,
            "found": found,
            "roster_json": json.dumps(roster, ensure_ascii=False),
            "labels_json": json.dumps(
                {
                    "already": _("Already checked in"),
                    "present": _("Present"),
                    "unknown": _("No confirmed participant of this batch has this code."),
                    "queued": _("Will be checked when the connection returns."),
                },
                ensure_ascii=False,
            ),
            "marking_open": rules.marking_open(session.batch),
        },
    )


# --- The JSON API that the phone's queue replays ----------------------------------------


def _api_user(request):
    if not request.user.is_authenticated:
        return JsonResponse({"error": _("Sign in again.")}, status=401)
    if request.user.role not in MARK_ROLES:
        return JsonResponse({"error": _("You cannot record attendance.")}, status=403)
    return None


def _json_body(request) -> dict | None:
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return None
    return body if isinstance(body, dict) else None


def _unreadable(form: forms.Form) -> str:
    """The first reason a queued item was refused, in words."""
    return str(next(iter(form.errors.values()))[0])


@require_POST
def api_marks(request):
    """Record a phone's waiting marks: {"marks": [{client_id, session, nomination, status,
    marked_at, arrived_at, left_at, method, reason}, ...]}; each gets its own result."""
    refused = _api_user(request)
    if refused:
        return refused
    body = _json_body(request)
    if body is None or not isinstance(body.get("marks"), list):
        return JsonResponse({"error": _("The request could not be read.")}, status=400)
    sessions = selectors.sessions_for_user(request.user)
    results = []
    for item in body["marks"][:500]:
        form = QueuedMarkForm(item if isinstance(item, dict) else {})
        client_id = str(item.get("client_id") or "") if isinstance(item, dict) else ""
        if not form.is_valid():
            error = (
                _("Not found.")
                if {"session", "nomination"} & form.errors.keys()
                else _unreadable(form)
            )
            results.append({"client_id": client_id, "ok": False, "error": error})
            continue
        mark = form.cleaned_data
        try:
            session = sessions.get(pk=mark["session"])
            nomination = Nomination.objects.get(pk=mark["nomination"])
        except (Nomination.DoesNotExist, sessions.model.DoesNotExist):
            results.append({"client_id": client_id, "ok": False, "error": _("Not found.")})
            continue
        try:
            result = services.mark_record(
                user=request.user,
                session=session,
                nomination=nomination,
                status=mark["status"],
                method=mark["method"],
                client_id=client_id or None,
                marked_at=mark["marked_at"],
                arrived_at=mark["arrived_at"],
                left_at=mark["left_at"],
                reason=mark["reason"],
            )
        except services.AttendanceError as error:
            results.append({"client_id": client_id, "ok": False, "error": str(error)})
            continue
        results.append(
            {
                "client_id": client_id,
                "ok": True,
                "duplicate": result.duplicate,
                "applied": result.applied,
                "status": result.mark.status if result.mark else "",
            }
        )
    return JsonResponse({"results": results})


@require_POST
def api_checkin(request):
    """{session, code | token, client_id, marked_at} → the person, marked present."""
    refused = _api_user(request)
    if refused:
        return refused
    body = _json_body(request)
    if body is None:
        return JsonResponse({"ok": False, "error": _("The request could not be read.")}, status=400)
    form = QueuedCheckinForm(body)
    readable = form.is_valid()
    checkin = form.cleaned_data
    session = selectors.checkin_session(checkin["session"]) if "session" in checkin else None
    # The scope of sessions_for_user for the roles that may call this (the state cell, an
    # institute's coordinators), without reading the session again on every scan.
    if session is None or not rules.may_mark(request.user, session.batch):
        return JsonResponse({"ok": False, "error": _("Not found.")}, status=404)
    if not readable:
        return JsonResponse({"ok": False, "error": _unreadable(form)}, status=400)
    try:
        found = services.checkin(
            user=request.user,
            session=session,
            code=checkin["code"],
            token=checkin["token"],
            client_id=checkin["client_id"] or None,
            marked_at=checkin["marked_at"],
        )
    except services.AttendanceError as error:
        return refused_json(error, status=422, ok=False)
    person = found.nomination.person
    return JsonResponse(
        {
            "ok": True,
            "already": found.already,
            "nomination": found.nomination.pk,
            "name": person.name,
            "district": person.district.name,
            "designation": found.nomination.get_designation_display(),
        }
    )


# --- Completion -------------------------------------------------------------------------


@role_required(*MARK_ROLES)
def batch_complete(request, pk):
    batch = batch_for(request.user, pk)
    if not rules.may_complete(request.user, batch):
        raise PermissionDenied
    if request.method == "POST":
        try:
            completions = services.batch_complete(user=request.user, batch=batch)
        except services.AttendanceError as error:
            refused_message(request, error)
        else:
            done = sum(1 for c in completions if c.completed)
            messages.success(
                request,
                _("Batch completed: %(done)s of %(total)s people completed it.")
                % {"done": done, "total": len(completions)},
            )
            return redirect("attendance:batch", batch.pk)
    rows = selectors.batch_completion(batch=batch)
    return render(
        request,
        "attendance/batch_complete.html",
        {
            "batch": batch,
            "rows": rows,
            "missing": services.sessions_without_marks(batch),
            "completing": sum(1 for r in rows if r.completed),
        },
    )


@role_required(Role.PARTICIPANT)
def my_attendance(request):
    entries = []
    for nomination in selectors.nominations_of_participant(request.user):
        marks = {m.session_id: m for m in nomination.marks.all()}
        sessions = list(nomination.batch.sessions.all())
        completion = Completion.objects.filter(nomination=nomination).first()
        qr = None
        if nomination.status in SEAT_HOLDING:
            qr = segno.make(seat_token(nomination), error="m").svg_inline(scale=4)
        entries.append(
            {
                "nomination": nomination,
                "sessions": [(s, marks.get(s.pk)) for s in sessions],
                "completion": completion,
                "reasons": selectors.completion_reasons_for(completion) if completion else [],
                "qr": qr,
                "code": seat_code(nomination.pk) if qr else "",
            }
        )
    return render(request, "attendance/mine.html", {"entries": entries})


@role_required(*rules.VIEW_ROLES)
def offline(request):
    """Shown by the offline worker for a page the phone did not keep (it is kept on the
    phone, in the user's language, when a batch's attendance page is opened online)."""
    return render(request, "attendance/offline.html")


@never_cache
def service_worker(request):
    """The offline worker, served from /attendance/ so that its scope covers these pages."""
    path = finders.find("attendance/sw.js")
    if not path:
        raise Http404
    with open(path, "rb") as script:
        response = HttpResponse(script.read(), content_type="text/javascript")
    response["Service-Worker-Allowed"] = reverse("attendance:batch_list")
    return response
