"""Programme set-up pages (issue 22): eligibility as checkboxes and the session template,
each change audited and listed on the page. The completion rule's page is attendance's."""

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sashakt.core.permissions import get_scoped_or_404, role_required
from sashakt.core.selectors import audit_rows
from sashakt.programmes import setup
from sashakt.programmes.forms import EligibilityForm, ModuleForm, TemplateSessionForm
from sashakt.programmes.models import Module, Programme, TemplateSession
from sashakt.programmes.rules import PLANNING_ROLES, may_plan
from sashakt.programmes.selectors import programmes_for_planning
from sashakt.programmes.services import BatchError


def _programme(request, pk: int) -> Programme:
    programme = get_scoped_or_404(request.user, programmes_for_planning, pk)
    if not may_plan(request.user, programme):
        raise PermissionDenied
    return programme


def programme_history(programme: Programme, limit: int = 30):
    """The programme's set-up changes, newest first: itself, its modules, its sessions."""
    types = ContentType.objects.get_for_models(Programme, Module, TemplateSession)
    entries = LogEntry.objects.filter(
        Q(content_type=types[Programme], object_pk=str(programme.pk))
        # Modules and sessions name their programme in each entry (even once deleted).
        | Q(
            content_type__in=[types[Module], types[TemplateSession]],
            additional_data__programme=programme.pk,
        )
    )
    return audit_rows(
        entries.select_related("actor", "content_type").order_by("-timestamp", "-pk")[:limit]
    )


@role_required(*PLANNING_ROLES)
def programme_setup(request, pk: int):
    programme = _programme(request, pk)
    sessions = TemplateSession.objects.filter(module__programme=programme).select_related("module")
    return render(
        request,
        "programmes/programme_setup.html",
        {
            "programme": programme,
            "eligibility_form": EligibilityForm(
                initial={"designations": programme.eligible_designations}
            ),
            "module_form": ModuleForm(),
            "session_form": TemplateSessionForm(programme=programme),
            "sessions": [
                (
                    session,
                    TemplateSessionForm(
                        programme=programme,
                        prefix=f"t{session.pk}",
                        initial={
                            "module": session.module_id,
                            "day": session.day,
                            "starts_at": session.starts_at,
                            "minutes": session.minutes,
                            "title_hi": session.title_hi,
                            "title_en": session.title_en,
                            "method": session.method,
                            "resource_person": session.resource_person,
                        },
                    ),
                )
                for session in sessions
            ],
            "history": programme_history(programme),
        },
    )


def _say(request, error) -> None:
    text = error.messages if isinstance(error, ValidationError) else [str(error)]
    for message in text:
        messages.error(request, message)


@require_POST
@role_required(*PLANNING_ROLES)
def programme_eligibility(request, pk: int):
    programme = _programme(request, pk)
    form = EligibilityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose designations from the list."))
        return redirect("programmes:programme_setup", pk=pk)
    try:
        setup.programme_eligibility_set(
            user=request.user, programme=programme, designations=form.cleaned_data["designations"]
        )
    except (ValidationError, BatchError) as error:
        _say(request, error)
    else:
        messages.success(request, _("Who may be nominated was saved."))
    return redirect("programmes:programme_setup", pk=pk)


@require_POST
@role_required(*PLANNING_ROLES)
def programme_module_add(request, pk: int):
    programme = _programme(request, pk)
    form = ModuleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the module's title in Hindi and English."))
        return redirect("programmes:programme_setup", pk=pk)
    try:
        setup.module_add(user=request.user, programme=programme, **form.cleaned_data)
    except (ValidationError, BatchError) as error:
        _say(request, error)
    else:
        messages.success(request, _("Module added."))
    return redirect("programmes:programme_setup", pk=pk)


@require_POST
@role_required(*PLANNING_ROLES)
def template_session_save(request, pk: int, session_pk: int | None = None):
    programme = _programme(request, pk)
    session = None
    prefix = None
    if session_pk is not None:
        session = get_object_or_404(
            TemplateSession.objects.select_related("module"),
            pk=session_pk,
            module__programme=programme,
        )
        prefix = f"t{session.pk}"
    if request.POST.get("delete") == "yes" and session is not None:
        setup.template_session_delete(user=request.user, programme=programme, session=session)
        messages.success(request, _("Session removed from the template."))
        return redirect("programmes:programme_setup", pk=pk)
    form = TemplateSessionForm(request.POST, programme=programme, prefix=prefix)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("programmes:programme_setup", pk=pk)
    try:
        setup.template_session_save(
            user=request.user, programme=programme, session=session, **form.cleaned_data
        )
    except (ValidationError, BatchError) as error:
        _say(request, error)
    else:
        messages.success(request, _("Session template saved."))
    return redirect("programmes:programme_setup", pk=pk)
