"""Question bank pages: a programme's questions by module, adding one, attaching the
recordings made in the hall, and importing a spreadsheet with a row-by-row report."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sashakt.assessments import rules, selectors, services
from sashakt.assessments.forms import ImportForm, QuestionEditForm, QuestionForm
from sashakt.assessments.importing import question_bank_import, question_bank_template
from sashakt.assessments.models import Option, Question
from sashakt.assessments.services import AssessmentError
from sashakt.core.permissions import get_scoped_or_404, role_required
from sashakt.core.recording import RecordingForm
from sashakt.core.refusals import refused_message, refused_to_form
from sashakt.core.roles import Role
from sashakt.core.spreadsheets import uploaded_copy
from sashakt.programmes.selectors import programmes_for_user

BANK_ROLES = (Role.STATE, Role.INSTITUTE)


def _programme(request, pk):
    programme = get_scoped_or_404(request.user, programmes_for_user, pk)
    if not rules.may_edit_bank(request.user, programme.mou.institute_id):
        raise Http404
    return programme


@role_required(*BANK_ROLES)
def bank(request, pk):
    programme = _programme(request, pk)
    modules = programme.modules.prefetch_related("questions__options")
    form = QuestionForm(
        request.POST or None, request.FILES or None, modules=programme.modules.all()
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.question_create(
                user=request.user,
                module=data["module"],
                kind=data["kind"],
                text_hi=data["text_hi"],
                text_en=data["text_en"],
                options=form.options(),
            )
        except AssessmentError as error:
            refused_to_form(form, error)
        else:
            messages.success(request, _("The question is added."))
            return redirect("assessments:bank", programme.pk)
    context = {
        "programme": programme,
        "modules": modules,
        "form": form,
        "recording_form": RecordingForm(),
    }
    return render(request, "assessments/bank.html", context)


@require_POST
@role_required(*BANK_ROLES)
def recording_upload(request, kind, pk):
    model = {"question": Question, "option": Option}.get(kind)
    if model is None:
        raise Http404
    thing = get_object_or_404(model, pk=pk)
    question = thing if kind == "question" else thing.question
    programme = _programme(request, question.module.programme_id)
    form = RecordingForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.recording_set(user=request.user, thing=thing, audio=form.cleaned_data["audio"])
            messages.success(request, _("The recording is saved."))
        except AssessmentError as error:
            refused_message(request, error)
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect("assessments:bank", programme.pk)


@role_required(*BANK_ROLES)
def bank_import(request, pk):
    programme = _programme(request, pk)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        with uploaded_copy(upload) as path:
            result = question_bank_import(user=request.user, programme=programme, path=path)
        if result.created:
            messages.success(
                request, _("%(count)s questions imported.") % {"count": result.created}
            )
            return redirect("assessments:bank", programme.pk)
    context = {"programme": programme, "form": form, "result": result}
    return render(request, "assessments/bank_import.html", context)


@role_required(*BANK_ROLES)
def bank_template(request, pk):
    _programme(request, pk)
    response = HttpResponse(
        question_bank_template(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="question-bank.xlsx"'
    return response


@role_required(*BANK_ROLES)
def question_edit(request, pk):
    question = get_object_or_404(Question.objects.select_related("module"), pk=pk)
    programme = _programme(request, question.module.programme_id)
    initial = {"text_hi": question.text_hi, "text_en": question.text_en, "active": question.active}
    form = QuestionEditForm(request.POST or None, initial=initial, question=question)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.question_update(
                user=request.user,
                question=question,
                text_hi=data["text_hi"],
                text_en=data["text_en"],
                options=form.options(),
                active=data["active"],
            )
        except AssessmentError as error:
            refused_to_form(form, error)
        else:
            messages.success(request, _("The question is saved."))
            return redirect("assessments:bank", programme.pk)
    context = {"programme": programme, "question": question, "form": form}
    return render(request, "assessments/question_edit.html", context)


@role_required(*BANK_ROLES)
def programme_results(request, pk):
    """Results across every batch of the programme, for fixing the question bank."""
    programme = _programme(request, pk)
    context = {
        "programme": programme,
        "results": selectors.programme_results(user=request.user, programme=programme),
        "with_people": True,
        "programme_level": True,
        "show_education": rules.may_see_education(request.user),
    }
    return render(request, "assessments/results.html", context)
