"""Outcome pages: the follow-up report (state cell, district officers), the indicator import
and the list of indicators and rounds (state cell)."""

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sashakt.core.permissions import get_scoped_or_404, role_required
from sashakt.core.refusals import refused_message, refused_redirect
from sashakt.core.roles import Role
from sashakt.followup import indicators as outcomes
from sashakt.followup import selectors
from sashakt.followup.library import signed_in_user
from sashakt.followup.models_outcomes import Indicator, IndicatorImport, IndicatorRound

REPORT_ROLES = (Role.STATE, Role.DISTRICT)


class ComparisonForm(forms.Form):
    baseline = forms.ModelChoiceField(
        label=gettext_lazy("Baseline round"), queryset=IndicatorRound.objects.none()
    )
    later = forms.ModelChoiceField(
        label=gettext_lazy("Later round"), queryset=IndicatorRound.objects.none()
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rounds = outcomes.rounds_with_values()
        for name in ("baseline", "later"):
            cast(Any, self.fields[name]).queryset = rounds


@role_required(*REPORT_ROLES)
def outcome_report(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    rounds = list(outcomes.rounds_with_values())
    data: Mapping[str, Any] | None = request.GET if request.GET.get("baseline") else None
    if data is None and len(rounds) >= 2:
        data = {"baseline": rounds[0].pk, "later": rounds[-1].pk}
    form = ComparisonForm(data)
    comparisons, baseline, later = [], None, None
    if data is not None and form.is_valid():
        baseline, later = form.cleaned_data["baseline"], form.cleaned_data["later"]
        try:
            comparisons = outcomes.outcome_comparisons(user, baseline=baseline, later=later)
        except outcomes.IndicatorError as refusal:
            form.add_error("later", refusal.message)
            baseline = later = None
    per_theme = selectors.commitments_per_theme(user) if comparisons else {}
    scope_label = (
        _("All districts")
        if user.role == Role.STATE
        else _("District %(name)s") % {"name": user.district}
    )
    return render(
        request,
        "followup/outcomes/report.html",
        {
            "form": form,
            # Each indicator beside its theme's commitments (the same theme codes in both).
            "rows": [(row, per_theme.get(row.indicator.theme)) for row in comparisons],
            "baseline": baseline,
            "later": later,
            "scope_label": scope_label,
            "not_an_effect": outcomes.NOT_AN_EFFECT,
            "rounds": rounds,
        },
    )


class ImportForm(forms.Form):
    round = forms.ModelChoiceField(
        label=gettext_lazy("Round"), queryset=IndicatorRound.objects.all(), required=False
    )
    new_round_code = forms.SlugField(
        label=gettext_lazy("or a new round: code"),
        required=False,
        max_length=40,
        help_text=gettext_lazy("For example pai-2024-25."),
    )
    new_round_name_hi = forms.CharField(
        label=gettext_lazy("New round's name (Hindi)"), required=False, max_length=200
    )
    new_round_name_en = forms.CharField(
        label=gettext_lazy("New round's name (English)"), required=False, max_length=200
    )
    new_round_measured_on = forms.DateField(
        label=gettext_lazy("Figures as of"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy(
            "Excel (.xlsx) or CSV: one gram panchayat a row, its LGD code in one column and "
            "one column per indicator."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.csv,.ods"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("round"):
            return data
        code = data.get("new_round_code")
        if not code:
            raise forms.ValidationError(_("Choose a round or give a new round's code."))
        if IndicatorRound.objects.filter(code=code).exists():
            self.add_error("new_round_code", _("A round with this code exists: choose it above."))
        for name in ("new_round_name_hi", "new_round_name_en", "new_round_measured_on"):
            if not data.get(name):
                self.add_error(name, _("This field is required for a new round."))
        return data


@role_required(Role.STATE)
def indicator_import_start(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                chosen = data["round"] or outcomes.indicator_round_create(
                    user=user,
                    code=data["new_round_code"],
                    name_hi=data["new_round_name_hi"],
                    name_en=data["new_round_name_en"],
                    measured_on=data["new_round_measured_on"],
                )
                upload = outcomes.indicator_import_create(
                    user=user, round=chosen, uploaded_file=data["file"]
                )
        except outcomes.IndicatorError as refusal:
            refused_message(request, refusal)
        else:
            return redirect(upload)
    return render(
        request,
        "followup/outcomes/import_start.html",
        {
            "form": form,
            "recent": outcomes.imports_for_user(user)[:10],
            "indicators": Indicator.objects.all(),
        },
    )


@role_required(Role.STATE)
def indicator_import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    upload = cast(IndicatorImport, get_scoped_or_404(request.user, outcomes.imports_for_user, pk))
    running = upload.job if upload.job and not upload.job.is_finished else None
    if getattr(request, "htmx", False) and request.GET.get("poll"):
        if running is None:
            response = HttpResponse()
            response["HX-Refresh"] = "true"
            return response
        return render(request, "core/_job_status.html", {"job": running})
    report = upload.report or {}
    problems = [
        {**problem, "text": outcomes.problem_text(problem)}
        for problem in report.get("problems", [])
    ]
    names = dict(Indicator.objects.values_list("code", "name_en"))
    return render(
        request,
        "followup/outcomes/import_detail.html",
        {
            "upload": upload,
            "running": running,
            "report": report,
            "problems": problems,
            "names": names,
            "unlisted": max(report.get("problem_count", 0) - len(problems), 0),
        },
    )


@require_POST
@role_required(Role.STATE)
def indicator_import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    upload = cast(IndicatorImport, get_scoped_or_404(user, outcomes.imports_for_user, pk))
    try:
        outcomes.indicator_import_confirm(user=user, upload=upload)
    except outcomes.IndicatorError as refusal:
        return refused_redirect(request, refusal, upload)
    messages.success(request, _("The figures are being replaced."))
    return redirect(upload)


if TYPE_CHECKING:
    IndicatorFormBase = forms.ModelForm[Indicator]
else:  # generic only to the type checker (no django-stubs-ext at run time)
    IndicatorFormBase = forms.ModelForm


class IndicatorForm(IndicatorFormBase):
    class Meta:
        model = Indicator
        fields = [
            "code",
            "name_hi",
            "name_en",
            "unit_hi",
            "unit_en",
            "kind",
            "theme",
            "minimum",
            "maximum",
            "aliases",
        ]
        widgets = {"aliases": forms.Textarea(attrs={"rows": 3})}


@role_required(Role.STATE)
def indicator_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcomes.indicator_create(user=user, indicator=form.save(commit=False))
        except outcomes.IndicatorError as refusal:
            refused_message(request, refusal)
        else:
            messages.success(request, _("The indicator was added."))
            return redirect("followup:indicator_list")
    return render(
        request,
        "followup/outcomes/indicators.html",
        {
            "form": form,
            "indicators": Indicator.objects.all(),
            "rounds": IndicatorRound.objects.all(),
        },
    )


@role_required(Role.STATE)
def indicator_template(request: HttpRequest) -> HttpResponse:
    """An empty sheet with the headings the import recognises."""
    from sashakt.core.spreadsheets import table_bytes  # noqa: PLC0415

    headers = [_("LGD code"), _("Gram panchayat")] + [
        indicator.name for indicator in Indicator.objects.filter(code__startswith="pai_")
    ]
    response = HttpResponse(
        table_bytes(".csv", headers, []), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="indicators.csv"'
    return response
