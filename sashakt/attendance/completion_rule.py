"""The programme's completion rule set without admin (issue 22): the share of sessions to
attend and whether the post-test is needed. Audited with the acting user; the page shows
the rule's history. Batches already completed keep their judgement until recomputed."""

from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sashakt.attendance.forms import CompletionRuleForm
from sashakt.attendance.models import CompletionRule
from sashakt.core.permissions import get_scoped_or_404, role_required
from sashakt.core.selectors import audit_rows
from sashakt.programmes.models import Programme
from sashakt.programmes.rules import PLANNING_ROLES, may_plan
from sashakt.programmes.selectors import programmes_for_planning


def completion_rule_set(
    *, user, programme: Programme, min_percent: int, require_post_test: bool
) -> CompletionRule:
    if not may_plan(user, programme):
        raise PermissionDenied
    if not 1 <= min_percent <= 100:
        raise ValidationError(_("The share of sessions must be from 1 to 100 per cent."))
    with transaction.atomic(), set_actor(user):
        rule = CompletionRule.objects.select_for_update().filter(programme=programme).first()
        rule = rule or CompletionRule(programme=programme)  # one audit entry either way
        rule.min_percent, rule.require_post_test = min_percent, require_post_test
        rule.full_clean()
        rule.save()
    return rule


@role_required(*PLANNING_ROLES)
def completion_rule_page(request, pk: int):
    programme = get_scoped_or_404(request.user, programmes_for_planning, pk)
    if not may_plan(request.user, programme):
        raise PermissionDenied
    rule = CompletionRule.objects.filter(programme=programme).first()
    initial = {
        "min_percent": rule.min_percent if rule else CompletionRule.DEFAULT_MIN_PERCENT,
        "require_post_test": rule.require_post_test if rule else False,
    }
    form = CompletionRuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            completion_rule_set(user=request.user, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The completion rule was saved."))
            return redirect("attendance:completion_rule", pk=programme.pk)
    history = (
        audit_rows(
            LogEntry.objects.get_for_object(rule)
            .select_related("actor", "content_type")
            .order_by("-timestamp", "-pk")[:20]
        )
        if rule
        else []
    )
    return render(
        request,
        "attendance/completion_rule.html",
        {"programme": programme, "form": form, "rule": rule, "history": history},
    )
