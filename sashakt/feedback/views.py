"""Feedback pages: the participant's faces form on the phone, the trainer's own sessions
(figures and comments, never authors), the institute's batch page and trends."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sashakt.core.permissions import get_scoped_or_404, has_role, role_required
from sashakt.core.private_files import private_file_response
from sashakt.core.recording import RecordingForm
from sashakt.core.refusals import refused_message
from sashakt.core.roles import Role
from sashakt.core.text import typed_id, typed_number
from sashakt.feedback import rules, selectors, services
from sashakt.feedback.models import FACES, FeedbackItem, Scale
from sashakt.feedback.services import FeedbackError
from sashakt.nominations.models import Nomination
from sashakt.programmes.models import BatchSession
from sashakt.programmes.selectors import programmes_for_user


@login_required
def home(request):
    user = request.user
    if has_role(user, Role.PARTICIPANT):
        return render(request, "feedback/to_give.html", {"rows": selectors.to_give(user)})
    if has_role(user, Role.TRAINER):
        return redirect("feedback:mine")
    if has_role(user, Role.STATE, Role.INSTITUTE):
        batches = selectors.batches_for_user(user).order_by("-start_date")[:200]
        return render(request, "feedback/batch_list.html", {"batches": batches})
    raise Http404


def _ratings(request, items) -> dict[str, int]:
    ratings = {}
    for item in items:
        value = request.POST.get(f"item-{item.code}", "")
        if (rating := typed_number(value)) is not None:
            ratings[item.code] = rating
    return ratings


@role_required(Role.PARTICIPANT)
def give(request, nomination_pk, session_pk=None):
    nomination = get_object_or_404(
        Nomination.objects.select_related("batch"),
        pk=nomination_pk,
        person_id=request.user.person_id,
    )
    session = None
    if session_pk is not None:
        session = get_object_or_404(BatchSession, pk=session_pk, batch_id=nomination.batch_id)
    return _feedback_form(request, nomination, session, assisted=False)


@role_required(Role.STATE, Role.INSTITUTE)
def assist(request, pk):
    """A coordinator records a participant's feedback with them, on the coordinator's phone
    (marked as answered with help)."""
    batch = get_scoped_or_404(request.user, selectors.batches_for_user, pk)
    params = request.POST if request.method == "POST" else request.GET
    nomination = get_object_or_404(
        Nomination.objects.select_related("batch", "person"),
        pk=params.get("nomination", "") or 0,
        batch=batch,
    )
    session = None
    if params.get("session"):
        session = get_object_or_404(BatchSession, pk=params["session"], batch=batch)
    return _feedback_form(request, nomination, session, assisted=True)


def _feedback_form(request, nomination, session, *, assisted: bool):
    items = list(services.items_for(session))
    chosen = {}
    if request.method == "POST":
        chosen = _ratings(request, items)
        try:
            services.feedback_submit(
                user=request.user,
                nomination=nomination,
                session=session,
                ratings=chosen,
                comment=request.POST.get("comment", ""),
                assisted=assisted,
            )
        except FeedbackError as error:
            refused_message(request, error)
        else:
            messages.success(request, _("Thank you for your feedback."))
            if assisted:
                return redirect("feedback:batch", nomination.batch_id)
            return redirect("feedback:home")
    faces = [(value, label, FACES[value]) for value, label in Scale.choices]
    context = {
        "nomination": nomination,
        "session": session,
        "assisted": assisted,
        "items": [(item, chosen.get(item.code)) for item in items],
        "faces": faces,
        "comment": request.POST.get("comment", ""),
    }
    return render(request, "feedback/give.html", context)


@role_required(Role.TRAINER)
def mine(request):
    context = {"sessions": selectors.trainer_sessions(request.user)}
    return render(request, "feedback/mine.html", context)


@role_required(Role.STATE, Role.INSTITUTE)
def batch(request, pk):
    the_batch = get_scoped_or_404(request.user, selectors.batches_for_user, pk)
    whole, sessions = selectors.batch_summary(the_batch)
    people = the_batch.nominations.filter(status__in=rules.GIVING_STATUSES).select_related("person")
    context = {"batch": the_batch, "whole": whole, "sessions": sessions, "people": people}
    return render(request, "feedback/batch.html", context)


@role_required(Role.STATE, Role.INSTITUTE)
def trends(request, pk):
    # Scoped: the state cell reads every programme, a coordinator their institute's.
    programme = get_scoped_or_404(request.user, programmes_for_user, pk)
    items, rows = selectors.programme_trends(programme)
    context = {"programme": programme, "items": items, "rows": rows}
    return render(request, "feedback/trends.html", context)


@login_required
def recording(request, pk):
    item = get_object_or_404(FeedbackItem, pk=pk)
    if not item.audio:
        raise Http404
    return private_file_response(item.audio.name)


@role_required(Role.STATE, Role.INSTITUTE)
def items(request):
    """The feedback statements with their recordings, made on a phone in the hall."""
    if request.method == "POST":
        item_id = typed_id(request.POST.get("item"))
        if item_id is None:  # an empty or odd id
            raise Http404
        item = get_object_or_404(FeedbackItem, pk=item_id)
        form = RecordingForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.item_recording_set(
                    user=request.user, item=item, audio=form.cleaned_data["audio"]
                )
                messages.success(request, _("The recording is saved."))
            except FeedbackError as error:
                refused_message(request, error)
        else:
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
        return redirect("feedback:items")
    context = {"items": FeedbackItem.objects.filter(active=True), "form": RecordingForm()}
    return render(request, "feedback/items.html", context)
