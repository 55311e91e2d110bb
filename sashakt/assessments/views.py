"""Test pages: a participant's tests on the phone (answers saved as they go), assisted
attempts recorded by a coordinator or volunteer, and the coordinator's batch page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sashakt.assessments import attempts, rules, selectors, services
from sashakt.assessments.expiry import attempt_as_ended, attempt_timed_out, ended_q
from sashakt.assessments.forms import EducationForm, MarkForm, ScheduleForm
from sashakt.assessments.models import (
    Answer,
    Assessment,
    AssessmentKind,
    Attempt,
    EducationLevel,
    Option,
    Question,
    QuestionKind,
)
from sashakt.assessments.services import AssessmentError
from sashakt.core.permissions import get_scoped_or_404, role_required
from sashakt.core.private_files import private_file_response
from sashakt.core.refusals import refused_json, refused_message, refused_redirect
from sashakt.core.roles import Role
from sashakt.core.text import typed_id
from sashakt.nominations.models import Nomination

MANAGING_ROLES = (Role.STATE, Role.INSTITUTE, Role.DISTRICT, Role.TRAINER)


# --- Participant ---------------------------------------------------------------------------


@role_required(Role.PARTICIPANT)
def my_tests(request):
    context = {"rows": selectors.my_tests(request.user), "now": timezone.now()}
    return render(request, "assessments/my_tests.html", context)


@require_POST
@role_required(Role.PARTICIPANT)
def test_start(request, pk):
    assessment = get_object_or_404(Assessment, pk=pk)
    nomination = Nomination.objects.filter(
        batch_id=assessment.batch_id,
        person_id=request.user.person_id,
        status__in=rules.TAKING_STATUSES,
    ).first()
    if nomination is None:
        raise Http404
    try:
        attempt = attempts.attempt_start(
            user=request.user, assessment=assessment, nomination=nomination
        )
    except AssessmentError as error:
        return refused_redirect(request, error, "assessments:my_tests")
    return redirect("assessments:attempt_take", attempt.pk)


def _writable_attempt(request, pk) -> Attempt:
    attempt = get_object_or_404(
        Attempt.objects.select_related("assessment__batch", "nomination__person"), pk=pk
    )
    if not rules.may_write_attempt(request.user, attempt):
        raise Http404
    return attempt


@login_required
def attempt_take(request, pk):
    attempt = _writable_attempt(request, pk)
    if attempt.submitted_at or attempt_timed_out(attempt):
        return redirect("assessments:attempt_done", attempt.pk)
    context = {
        "attempt": attempt,
        "questions": selectors.attempt_questions(attempt),
        "Kind": QuestionKind,
        "now": timezone.now(),
    }
    return render(request, "assessments/take.html", context)


@require_POST
@login_required
def answer_save(request, pk):
    """Saves one answer; called by the page's script as the participant answers."""
    attempt = _writable_attempt(request, pk)
    question = Question.objects.filter(pk=typed_id(request.POST.get("question"))).first()
    if question is None:
        return JsonResponse({"error": _("This question is not part of your test.")}, status=400)
    try:
        attempts.answer_save(
            user=request.user,
            attempt=attempt,
            question=question,
            option_ids=request.POST.getlist("option"),
            text=request.POST.get("text", ""),
        )
    except AssessmentError as error:
        return refused_json(error, status=400)
    return JsonResponse({"saved": True})


@require_POST
@login_required
def attempt_submit(request, pk):
    attempt = _writable_attempt(request, pk)
    answers = {}
    for question_id in attempt.question_order:
        key = f"q{question_id}"
        if key in request.POST:
            values = request.POST.getlist(key)
            answers[question_id] = (values, values[0] if values else "")
    try:
        attempts.attempt_submit(user=request.user, attempt=attempt, answers=answers)
    except AssessmentError as error:
        return refused_redirect(request, error, "assessments:attempt_take", attempt.pk)
    return redirect("assessments:attempt_done", attempt.pk)


@login_required
def attempt_done(request, pk):
    attempt = attempt_as_ended(_writable_attempt(request, pk))
    if not attempt.submitted_at:
        return redirect("assessments:attempt_take", attempt.pk)
    return render(request, "assessments/done.html", {"attempt": attempt})


@login_required
def recording(request, kind, pk):
    """The recording of a question or option, for those who run, teach or take the tests of
    its programme (a test's questions are not for everyone signed in)."""
    model = {"question": Question, "option": Option}.get(kind)
    if model is None:
        raise Http404
    thing = get_object_or_404(model, pk=pk)
    question = thing if kind == "question" else thing.question
    if not thing.audio or not rules.may_hear(request.user, question.module.programme):
        raise Http404
    return private_file_response(thing.audio.name)


# --- Coordinator ---------------------------------------------------------------------------


@role_required(*MANAGING_ROLES)
def batch_list(request):
    batches = selectors.batches_with_tests_for_user(request.user).order_by("-start_date")
    return render(request, "assessments/batch_list.html", {"batches": batches[:200]})


def _batch(request, pk):
    return get_scoped_or_404(request.user, selectors.batches_with_tests_for_user, pk)


@role_required(*MANAGING_ROLES)
def batch_tests(request, pk):
    batch = _batch(request, pk)
    user = request.user
    if not (rules.may_manage(user, batch) or rules.may_assist(user, batch)):
        return redirect("assessments:batch_results", batch.pk)
    tests = {a.kind: a for a in batch.assessments.all()}
    now = timezone.now()
    attempt_of = {
        (a.assessment.kind, a.nomination_id): attempt_as_ended(a, now)
        for a in Attempt.objects.filter(assessment__batch=batch).select_related("assessment")
    }
    people = []
    nominations = batch.nominations.filter(status__in=rules.TAKING_STATUSES).select_related(
        "person"
    )
    show_education = rules.may_see_education(user)
    education = (
        dict(
            EducationLevel.objects.filter(
                person__in=[n.person_id for n in nominations]
            ).values_list("person_id", "level")
        )
        if show_education
        else {}
    )
    for nomination in nominations:
        people.append(
            {
                "nomination": nomination,
                "education": EducationForm(
                    initial={"level": education.get(nomination.person_id, "")},
                    prefix=f"e{nomination.pk}",
                )
                if show_education
                else None,
                "tests": [
                    (kind, label, tests.get(kind), attempt_of.get((kind, nomination.pk)))
                    for kind, label in AssessmentKind.choices
                ],
            }
        )
    schedule_forms = [
        (
            kind,
            label,
            tests.get(kind),
            kind in tests and tests[kind].is_open(now),
            ScheduleForm(
                initial={
                    "opens_at": timezone.localtime(tests[kind].opens_at)
                    if kind in tests and tests[kind].opens_at
                    else None,
                    "closes_at": timezone.localtime(tests[kind].closes_at)
                    if kind in tests and tests[kind].closes_at
                    else None,
                    "time_limit_minutes": tests[kind].time_limit_minutes if kind in tests else None,
                },
                prefix=kind,
            ),
        )
        for kind, label in AssessmentKind.choices
    ]
    to_mark = Answer.objects.filter(
        ended_q(now, "attempt__"),
        attempt__assessment__batch=batch,
        question__kind=QuestionKind.SHORT,
        marks__isnull=True,
    ).exclude(text="")
    context = {
        "batch": batch,
        "people": people,
        "schedule_forms": schedule_forms,
        "may_manage": rules.may_manage(user, batch),
        "to_mark": to_mark.select_related("question")[:50],
        "mark_form": MarkForm(),
    }
    return render(request, "assessments/batch_tests.html", context)


@require_POST
@role_required(Role.STATE, Role.INSTITUTE)
def schedule(request, pk, kind):
    batch = _batch(request, pk)
    if kind not in AssessmentKind.values:
        raise Http404
    form = ScheduleForm(request.POST, prefix=kind)
    action = request.POST.get("action", "save")
    done = _("The test times are saved.")
    try:
        if action == "open":
            services.assessment_open_now(user=request.user, batch=batch, kind=kind)
            done = _("The test is open now: participants can start it.")
        elif action == "close":
            assessment = get_object_or_404(Assessment, batch=batch, kind=kind)
            services.assessment_close_now(user=request.user, assessment=assessment)
            done = _("The test is closed.")
        elif form.is_valid():
            services.assessment_schedule(
                user=request.user, batch=batch, kind=kind, **form.cleaned_data
            )
        else:
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
            return redirect("assessments:batch_tests", batch.pk)
    except AssessmentError as error:
        refused_message(request, error)
    else:
        messages.success(request, done)
    return redirect("assessments:batch_tests", batch.pk)


@require_POST
@role_required(*MANAGING_ROLES)
def assist_start(request, pk, nomination_pk):
    """A coordinator or volunteer starts (or resumes) recording a participant's answers."""
    assessment = get_object_or_404(Assessment, pk=pk)
    batch = _batch(request, assessment.batch_id)
    nomination = get_object_or_404(Nomination, pk=nomination_pk, batch=batch)
    try:
        attempt = attempts.attempt_start(
            user=request.user, assessment=assessment, nomination=nomination, assisted=True
        )
    except AssessmentError as error:
        return refused_redirect(request, error, "assessments:batch_tests", batch.pk)
    return redirect("assessments:attempt_take", attempt.pk)


@require_POST
@role_required(Role.STATE, Role.INSTITUTE)
def attempt_reopen(request, pk):
    attempt = get_object_or_404(Attempt, pk=pk)
    batch = _batch(request, attempt.assessment.batch_id)
    try:
        attempts.attempt_reopen(user=request.user, attempt=attempt)
        messages.success(request, _("The test is open again for this person."))
    except AssessmentError as error:
        refused_message(request, error)
    return redirect("assessments:batch_tests", batch.pk)


@require_POST
@role_required(Role.STATE, Role.INSTITUTE)
def answer_mark(request, pk):
    answer = get_object_or_404(Answer, pk=pk)
    batch = _batch(request, answer.attempt.assessment.batch_id)
    form = MarkForm(request.POST)
    if form.is_valid():
        try:
            attempts.answer_mark(user=request.user, answer=answer, marks=form.cleaned_data["marks"])
        except AssessmentError as error:
            refused_message(request, error)
    return redirect("assessments:batch_tests", batch.pk)


@role_required(*MANAGING_ROLES)
def batch_results(request, pk):
    batch = _batch(request, pk)
    user = request.user
    if not rules.may_see_question_analysis(user, batch):
        raise Http404
    with_people = rules.may_see_people_results(user, batch)
    results = selectors.batch_results(user=user, batch=batch, with_people=with_people)
    context = {
        "batch": batch,
        "results": results,
        "with_people": with_people,
        "show_education": rules.may_see_education(user),
    }
    return render(request, "assessments/results.html", context)


@require_POST
@role_required(Role.STATE, Role.INSTITUTE)
def education_set(request, pk, nomination_pk):
    """Record the education a participant declared (optional; never shown to trainers)."""
    batch = _batch(request, pk)
    nomination = get_object_or_404(Nomination, pk=nomination_pk, batch=batch)
    form = EducationForm(request.POST, prefix=f"e{nomination.pk}")
    if form.is_valid():
        try:
            services.education_declare(
                user=request.user, person=nomination.person, level=form.cleaned_data["level"]
            )
            messages.success(request, _("Saved."))
        except AssessmentError as error:
            refused_message(request, error)
    return redirect("assessments:batch_tests", batch.pk)
