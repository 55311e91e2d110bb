"""Pages of the money part. Each view checks role and scope, finds its rows through
`selectors_money` and writes only through `services_money`."""

from typing import Any, cast

from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sashakt.core.permissions import get_scoped_or_404, has_role, role_required
from sashakt.core.private_files import private_file_response
from sashakt.core.refusals import refused_message, refused_to_form
from sashakt.core.roles import Role
from sashakt.core.spreadsheets import table_bytes
from sashakt.core.users import User
from sashakt.logistics import forms_money as forms
from sashakt.logistics import rules_money as rules
from sashakt.logistics import selectors_money as selectors
from sashakt.logistics import services_money as services
from sashakt.logistics.models_money import BankAccount, Claim, ClaimStatus
from sashakt.logistics.utilisation_money import utilisation_pdf, utilisation_xlsx
from sashakt.nominations.models import Nomination
from sashakt.people.models import Person
from sashakt.programmes.models import Batch, MoU

MONEY_ROLES = (Role.STATE, Role.FINANCE, Role.INSTITUTE, Role.DISTRICT)
CLAIM_ROLES = (Role.STATE, Role.FINANCE, Role.DISTRICT, Role.PARTICIPANT)
CLAIM_ENTRY_ROLES = (Role.STATE, Role.DISTRICT, Role.PARTICIPANT)
COST_ROLES = (Role.STATE, Role.FINANCE, Role.INSTITUTE)
SPREADSHEET_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def _user(request: HttpRequest) -> User:
    """The signed-in user: every view here is behind `role_required`."""
    return cast(User, request.user)


def _claim(request: HttpRequest, pk: int) -> Claim:
    return cast(Claim, get_scoped_or_404(_user(request), selectors.claims_for_user, pk))


@role_required(*MONEY_ROLES)
def money_home(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    context = {
        "claims_by_status": [
            (label, selectors.claims_for_user(user).filter(status=value).count())
            for value, label in ClaimStatus.choices
        ],
        "sees_claims": has_role(user, *CLAIM_ROLES),
        "batches": selectors.batches_for_user(user).order_by("-start_date")[:50]
        if has_role(user, *COST_ROLES)
        else [],
        "mous": selectors.mous_for_user(user) if has_role(user, *COST_ROLES) else [],
    }
    return render(request, "logistics/money/home.html", context)


# --- Claims -------------------------------------------------------------------------------


@role_required(*CLAIM_ROLES)
def claim_list(request: HttpRequest) -> HttpResponse:
    claims = selectors.claims_for_user(_user(request))
    status = request.GET.get("status", "")
    if status in ClaimStatus.values:
        claims = claims.filter(status=status)
    context = {
        "claims": claims[:200],
        "status": status,
        "statuses": ClaimStatus.choices,
        "seats": selectors.claimable_nominations_for_user(_user(request)).order_by(
            "-batch__start_date"
        )[:100]
        if has_role(_user(request), *CLAIM_ENTRY_ROLES)
        else [],
        "payment_sheet": rules.sees_all_money(_user(request)),
    }
    return render(request, "logistics/money/claim_list.html", context)


@role_required(*CLAIM_ENTRY_ROLES)
def claim_new(request: HttpRequest, nomination_pk: int) -> HttpResponse:
    nomination = cast(
        Nomination,
        get_scoped_or_404(_user(request), selectors.claimable_nominations_for_user, nomination_pk),
    )
    batch = nomination.batch
    if batch is None:  # the selector holds seats of a batch only
        raise Http404
    travel = getattr(nomination, "travel", None)
    initial = {
        "outward_on": batch.start_date,
        "return_on": batch.end_date,
        "distance_km": travel.distance_km
        if travel
        else services.travel_distance_computed(nomination),
        "mode": travel.mode if travel else "bus",
        "travel_class": travel.travel_class if travel else "ordinary",
    }
    form = forms.ClaimForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            claim = services.claim_submit(
                user=_user(request), nomination=nomination, **form.cleaned_data
            )
        except services.MoneyError as error:
            refused_to_form(form, error)
        else:
            messages.success(
                request,
                _("The claim is submitted: %(total)s.") % {"total": rules.rupees(claim.total)},
            )
            return redirect("logistics:claim_detail", pk=claim.pk)
    return render(
        request, "logistics/money/claim_new.html", {"form": form, "nomination": nomination}
    )


@role_required(*CLAIM_ROLES)
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim(request, pk)
    user = _user(request)
    may_decide = (has_role(user, Role.DISTRICT) and claim.status == ClaimStatus.SUBMITTED) or (
        has_role(user, Role.STATE)
        and claim.status in (ClaimStatus.SUBMITTED, ClaimStatus.DISTRICT_APPROVED)
    )
    account = BankAccount.objects.filter(person=claim.nomination.person).first()
    context = {
        "claim": claim,
        "rules": services.claim_rules(claim),
        "may_decide": may_decide,
        "may_approve": may_decide
        and not (has_role(user, Role.STATE) and claim.status == ClaimStatus.SUBMITTED),
        "refuse_form": forms.RefuseForm(),
        "account": account,
        "account_number": (
            account.account_number
            if account and rules.sees_bank_details(user)
            else rules.mask_account(account.account_number if account else "")
        ),
        "may_keep_account": rules.may_keep_bank_account(user, claim.nomination.person),
    }
    return render(request, "logistics/money/claim_detail.html", context)


@role_required(*CLAIM_ROLES)
def claim_ticket(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim(request, pk)
    if not claim.ticket:
        raise Http404
    return private_file_response(claim.ticket.name, filename=f"ticket-{claim.pk}.jpg")


@role_required(Role.STATE, Role.DISTRICT)
@require_POST
def claim_approve(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim(request, pk)
    try:
        services.claim_approve(user=_user(request), claim=claim)
    except services.MoneyError as error:
        refused_message(request, error)
    else:
        messages.success(request, _("The claim is approved."))
    return redirect("logistics:claim_detail", pk=claim.pk)


@role_required(Role.STATE, Role.DISTRICT)
@require_POST
def claim_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    claim = _claim(request, pk)
    form = forms.RefuseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the claim is refused."))
        return redirect("logistics:claim_detail", pk=claim.pk)
    try:
        services.claim_refuse(user=_user(request), claim=claim, reason=form.cleaned_data["reason"])
    except services.MoneyError as error:
        refused_message(request, error)
    else:
        messages.success(request, _("The claim is refused."))
    return redirect("logistics:claim_detail", pk=claim.pk)


@role_required(Role.STATE, Role.FINANCE)
def payment_sheet(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in SPREADSHEET_TYPES:
        raise Http404
    headers, rows = selectors.payment_rows(
        _user(request), selectors.claims_for_user(_user(request))
    )
    response = HttpResponse(
        table_bytes(f".{fmt}", headers, rows, sheet_title="TA-DA"),
        content_type=SPREADSHEET_TYPES[fmt],
    )
    response["Content-Disposition"] = f'attachment; filename="ta-da-payments.{fmt}"'
    return response


# --- Bank details -------------------------------------------------------------------------


@role_required(Role.STATE, Role.FINANCE, Role.DISTRICT, Role.PARTICIPANT)
def bank_account(request: HttpRequest, person_pk: int) -> HttpResponse:
    person = get_object_or_404(Person, pk=person_pk)
    if not rules.may_keep_bank_account(_user(request), person):
        raise Http404
    account = BankAccount.objects.filter(person=person).first()
    full = rules.sees_bank_details(_user(request))
    initial = (
        {
            "holder_name": account.holder_name,
            "ifsc": account.ifsc,
            "bank_name": account.bank_name,
            "account_number": account.account_number if full else "",
        }
        if account
        else {"holder_name": person.name}
    )
    form = forms.BankAccountForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.bank_account_set(user=_user(request), person=person, **form.cleaned_data)
        except services.MoneyError as error:
            refused_to_form(form, error)
        else:
            messages.success(request, _("The bank details are saved."))
            return redirect("logistics:bank_account", person_pk=person.pk)
    context = {
        "person": person,
        "account": account,
        "shown_number": (
            account.account_number if full else rules.mask_account(account.account_number)
        )
        if account
        else "",
        "form": form,
    }
    return render(request, "logistics/money/bank_account.html", context)


# --- Batch: travel and costs --------------------------------------------------------------


def _batch(request: HttpRequest, pk: int) -> Batch:
    return cast(Batch, get_scoped_or_404(_user(request), selectors.batches_for_user, pk))


@role_required(*COST_ROLES)
def batch_money(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    return render(request, "logistics/money/batch.html", _batch_context(request, batch))


def _batch_context(request: HttpRequest, batch: Batch, **forms_given: Any) -> dict[str, Any]:
    seats = [
        (seat, services.travel_distance_computed(seat))
        for seat in selectors.seated_nominations(batch)
    ]
    return {
        "batch": batch,
        "seats": seats,
        "summary": selectors.batch_cost_summary(batch),
        "may_keep_costs": rules.may_keep_costs(_user(request), batch),
        "may_set_travel": has_role(_user(request), Role.STATE, Role.INSTITUTE),
        "cost_form": forms_given.get("cost_form") or forms.CostForm(),
        "import_form": forms_given.get("import_form") or forms.CostImportForm(),
        "travel_form": forms.TravelForm(),
        "road_factor": rules.road_factor(),
    }


@role_required(Role.STATE, Role.INSTITUTE)
@require_POST
def batch_cost_add(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    form = forms.CostForm(request.POST)
    if form.is_valid():
        try:
            services.batch_cost_add(user=_user(request), batch=batch, **form.cleaned_data)
        except services.MoneyError as error:
            refused_to_form(form, error)
        else:
            messages.success(request, _("The cost is recorded."))
            return redirect("logistics:batch_money", pk=batch.pk)
    context = _batch_context(request, batch, cost_form=form)
    return render(request, "logistics/money/batch.html", context, status=400)


@role_required(Role.STATE, Role.INSTITUTE)
@require_POST
def batch_costs_import(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    form = forms.CostImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            count = services.batch_costs_import(
                user=_user(request), batch=batch, upload=form.cleaned_data["file"]
            )
        except services.MoneyError as error:
            refused_to_form(form, error)
        else:
            messages.success(request, _("%(count)s cost lines imported.") % {"count": count})
            return redirect("logistics:batch_money", pk=batch.pk)
    context = _batch_context(request, batch, import_form=form)
    return render(request, "logistics/money/batch.html", context, status=400)


@role_required(Role.STATE, Role.INSTITUTE)
@require_POST
def travel_set(request: HttpRequest, pk: int, nomination_pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    nomination = get_object_or_404(selectors.seated_nominations(batch), pk=nomination_pk)
    form = forms.TravelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the travel details."))
        return redirect("logistics:batch_money", pk=batch.pk)
    try:
        services.travel_set(user=_user(request), nomination=nomination, **form.cleaned_data)
    except services.MoneyError as error:
        refused_message(request, error)
    else:
        messages.success(
            request, _("Travel saved for %(name)s.") % {"name": nomination.person.name}
        )
    return redirect("logistics:batch_money", pk=batch.pk)


# --- MoU: instalments, invoices, utilisation ----------------------------------------------


def _mou(request: HttpRequest, pk: int) -> MoU:
    return cast(MoU, get_scoped_or_404(_user(request), selectors.mous_for_user, pk))


def _mou_context(request: HttpRequest, mou: MoU, **forms_given: Any) -> dict[str, Any]:
    return {
        "mou": mou,
        "money": selectors.mou_money(mou),
        "years": [
            (year, selectors.financial_year_label(year))
            for year in selectors.financial_years_of(mou)
        ],
        "may_release": rules.may_release(_user(request)),
        "may_invoice": rules.may_invoice(_user(request), mou),
        "instalment_form": forms_given.get("instalment_form") or forms.InstalmentForm(),
        "invoice_form": forms_given.get("invoice_form")
        or forms.InvoiceForm(batches=_mou_batches(mou)),
    }


def _mou_batches(mou: MoU) -> QuerySet[Batch]:
    return Batch.objects.filter(programme__mou=mou).order_by("start_date")


@role_required(*COST_ROLES)
def mou_money(request: HttpRequest, pk: int) -> HttpResponse:
    mou = _mou(request, pk)
    return render(request, "logistics/money/mou.html", _mou_context(request, mou))


@role_required(Role.STATE, Role.FINANCE)
@require_POST
def instalment_add(request: HttpRequest, pk: int) -> HttpResponse:
    mou = _mou(request, pk)
    form = forms.InstalmentForm(request.POST)
    if form.is_valid():
        try:
            services.instalment_add(user=_user(request), mou=mou, **form.cleaned_data)
        except services.MoneyError as error:
            refused_to_form(form, error)
        else:
            messages.success(request, _("The instalment is recorded."))
            return redirect("logistics:mou_money", pk=mou.pk)
    context = _mou_context(request, mou, instalment_form=form)
    return render(request, "logistics/money/mou.html", context, status=400)


@role_required(Role.STATE, Role.INSTITUTE)
@require_POST
def invoice_add(request: HttpRequest, pk: int) -> HttpResponse:
    mou = _mou(request, pk)
    form = forms.InvoiceForm(request.POST, batches=_mou_batches(mou))
    if form.is_valid():
        try:
            services.invoice_add(user=_user(request), mou=mou, **form.cleaned_data)
        except services.MoneyError as error:
            refused_to_form(form, error)
        else:
            messages.success(request, _("The invoice is recorded."))
            return redirect("logistics:mou_money", pk=mou.pk)
    context = _mou_context(request, mou, invoice_form=form)
    return render(request, "logistics/money/mou.html", context, status=400)


@role_required(*COST_ROLES)
def utilisation(request: HttpRequest, pk: int, year: int, fmt: str) -> HttpResponse:
    mou = _mou(request, pk)
    if fmt not in ("pdf", "xlsx") or not 2000 <= year <= 2100:
        raise Http404
    figures = selectors.utilisation_figures(mou, year)
    name = f"utilisation-{mou.pk}-{selectors.financial_year_label(year)}.{fmt}"
    if fmt == "pdf":
        response = HttpResponse(utilisation_pdf(figures), content_type="application/pdf")
    else:
        response = HttpResponse(utilisation_xlsx(figures), content_type=SPREADSHEET_TYPES["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
