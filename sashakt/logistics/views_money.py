"""Pages of the money part. Each view checks role and scope, finds its rows through
`selectors_money` and writes only through `services_money`."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sashakt.core.permissions import get_scoped_or_404, has_role, role_required
from sashakt.core.private_files import private_file_response
from sashakt.core.refusals import refused_message, refused_to_form
from sashakt.core.roles import Role
from sashakt.core.spreadsheets import table_bytes
from sashakt.logistics import forms_money as forms
from sashakt.logistics import rules_money as rules
from sashakt.logistics import selectors_money as selectors
from sashakt.logistics import services_money as services
from sashakt.logistics.models_money import BankAccount, ClaimStatus
from sashakt.logistics.utilisation_money import utilisation_pdf, utilisation_xlsx
from sashakt.people.models import Person
from sashakt.programmes.models import Batch

MONEY_ROLES = (Role.STATE, Role.FINANCE, Role.INSTITUTE, Role.DISTRICT)
CLAIM_ROLES = (Role.STATE, Role.FINANCE, Role.DISTRICT, Role.PARTICIPANT)
CLAIM_ENTRY_ROLES = (Role.STATE, Role.DISTRICT, Role.PARTICIPANT)
COST_ROLES = (Role.STATE, Role.FINANCE, Role.INSTITUTE)
SPREADSHEET_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


@role_required(*MONEY_ROLES)
def money_home(request):
    user = request.user
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
def claim_list(request):
    claims = selectors.claims_for_user(request.user)
    status = request.GET.get("status", "")
    if status in ClaimStatus.values:
        claims = claims.filter(status=status)
    context = {
        "claims": claims[:200],
        "status": status,
        "statuses": ClaimStatus.choices,
        "seats": selectors.claimable_nominations_for_user(request.user).order_by(
            "-batch__start_date"
        )[:100]
        if has_role(request.user, *CLAIM_ENTRY_ROLES)
        else [],
        "payment_sheet": rules.sees_all_money(request.user),
    }
    return render(request, "logistics/money/claim_list.html", context)


@role_required(*CLAIM_ENTRY_ROLES)
def claim_new(request, nomination_pk: int):
    nomination = get_scoped_or_404(
        request.user, selectors.claimable_nominations_for_user, nomination_pk
    )
    travel = getattr(nomination, "travel", None)
    initial = {
        "outward_on": nomination.batch.start_date,
        "return_on": nomination.batch.end_date,
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
                user=request.user, nomination=nomination, **form.cleaned_data
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
def claim_detail(request, pk: int):
    claim = get_scoped_or_404(request.user, selectors.claims_for_user, pk)
    user = request.user
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
def claim_ticket(request, pk: int):
    claim = get_scoped_or_404(request.user, selectors.claims_for_user, pk)
    if not claim.ticket:
        raise Http404
    return private_file_response(claim.ticket.name, filename=f"ticket-{claim.pk}.jpg")


@role_required(Role.STATE, Role.DISTRICT)
@require_POST
def claim_approve(request, pk: int):
    claim = get_scoped_or_404(request.user, selectors.claims_for_user, pk)
    try:
        services.claim_approve(user=request.user, claim=claim)
    except services.MoneyError as error:
        refused_message(request, error)
    else:
        messages.success(request, _("The claim is approved."))
    return redirect("logistics:claim_detail", pk=claim.pk)


@role_required(Role.STATE, Role.DISTRICT)
@require_POST
def claim_refuse(request, pk: int):
    claim = get_scoped_or_404(request.user, selectors.claims_for_user, pk)
    form = forms.RefuseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the claim is refused."))
        return redirect("logistics:claim_detail", pk=claim.pk)
    try:
        services.claim_refuse(user=request.user, claim=claim, reason=form.cleaned_data["reason"])
    except services.MoneyError as error:
        refused_message(request, error)
    else:
        messages.success(request, _("The claim is refused."))
    return redirect("logistics:claim_detail", pk=claim.pk)


@role_required(Role.STATE, Role.FINANCE)
def payment_sheet(request, fmt: str):
    if fmt not in SPREADSHEET_TYPES:
        raise Http404
    headers, rows = selectors.payment_rows(request.user, selectors.claims_for_user(request.user))
    response = HttpResponse(
        table_bytes(f".{fmt}", headers, rows, sheet_title="TA-DA"),
        content_type=SPREADSHEET_TYPES[fmt],
    )
    response["Content-Disposition"] = f'attachment; filename="ta-da-payments.{fmt}"'
    return response


# --- Bank details -------------------------------------------------------------------------


@role_required(Role.STATE, Role.FINANCE, Role.DISTRICT, Role.PARTICIPANT)
def bank_account(request, person_pk: int):
    person = get_object_or_404(Person, pk=person_pk)
    if not rules.may_keep_bank_account(request.user, person):
        raise Http404
    account = BankAccount.objects.filter(person=person).first()
    full = rules.sees_bank_details(request.user)
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
            services.bank_account_set(user=request.user, person=person, **form.cleaned_data)
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


def _batch(request, pk):
    return get_scoped_or_404(request.user, selectors.batches_for_user, pk)


@role_required(*COST_ROLES)
def batch_money(request, pk: int):
    batch = _batch(request, pk)
    return render(request, "logistics/money/batch.html", _batch_context(request, batch))


def _batch_context(request, batch, **forms_given) -> dict:
    seats = list(selectors.seated_nominations(batch))
    for seat in seats:
        seat.computed_km = services.travel_distance_computed(seat)
    return {
        "batch": batch,
        "seats": seats,
        "summary": selectors.batch_cost_summary(batch),
        "may_keep_costs": rules.may_keep_costs(request.user, batch),
        "may_set_travel": has_role(request.user, Role.STATE, Role.INSTITUTE),
        "cost_form": forms_given.get("cost_form") or forms.CostForm(),
        "import_form": forms_given.get("import_form") or forms.CostImportForm(),
        "travel_form": forms.TravelForm(),
        "road_factor": rules.road_factor(),
    }


@role_required(Role.STATE, Role.INSTITUTE)
@require_POST
def batch_cost_add(request, pk: int):
    batch = _batch(request, pk)
    form = forms.CostForm(request.POST)
    if form.is_valid():
        try:
            services.batch_cost_add(user=request.user, batch=batch, **form.cleaned_data)
        except services.MoneyError as error:
            refused_to_form(form, error)
        else:
            messages.success(request, _("The cost is recorded."))
            return redirect("logistics:batch_money", pk=batch.pk)
    context = _batch_context(request, batch, cost_form=form)
    return render(request, "logistics/money/batch.html", context, status=400)


@role_required(Role.STATE, Role.INSTITUTE)
@require_POST
def batch_costs_import(request, pk: int):
    batch = _batch(request, pk)
    form = forms.CostImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            count = services.batch_costs_import(
                user=request.user, batch=batch, upload=form.cleaned_data["file"]
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
def travel_set(request, pk: int, nomination_pk: int):
    batch = _batch(request, pk)
    nomination = get_object_or_404(selectors.seated_nominations(batch), pk=nomination_pk)
    form = forms.TravelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the travel details."))
        return redirect("logistics:batch_money", pk=batch.pk)
    try:
        services.travel_set(user=request.user, nomination=nomination, **form.cleaned_data)
    except services.MoneyError as error:
        refused_message(request, error)
    else:
        messages.success(
            request, _("Travel saved for %(name)s.") % {"name": nomination.person.name}
        )
    return redirect("logistics:batch_money", pk=batch.pk)


# --- MoU: instalments, invoices, utilisation ----------------------------------------------


def _mou(request, pk):
    return get_scoped_or_404(request.user, selectors.mous_for_user, pk)


def _mou_context(request, mou, **forms_given) -> dict:
    return {
        "mou": mou,
        "money": selectors.mou_money(mou),
        "years": [
            (year, selectors.financial_year_label(year))
            for year in selectors.financial_years_of(mou)
        ],
        "may_release": rules.may_release(request.user),
        "may_invoice": rules.may_invoice(request.user, mou),
        "instalment_form": forms_given.get("instalment_form") or forms.InstalmentForm(),
        "invoice_form": forms_given.get("invoice_form")
        or forms.InvoiceForm(batches=_mou_batches(mou)),
    }


def _mou_batches(mou):
    return Batch.objects.filter(programme__mou=mou).order_by("start_date")


@role_required(*COST_ROLES)
def mou_money(request, pk: int):
    mou = _mou(request, pk)
    return render(request, "logistics/money/mou.html", _mou_context(request, mou))


@role_required(Role.STATE, Role.FINANCE)
@require_POST
def instalment_add(request, pk: int):
    mou = _mou(request, pk)
    form = forms.InstalmentForm(request.POST)
    if form.is_valid():
        try:
            services.instalment_add(user=request.user, mou=mou, **form.cleaned_data)
        except services.MoneyError as error:
            refused_to_form(form, error)
        else:
            messages.success(request, _("The instalment is recorded."))
            return redirect("logistics:mou_money", pk=mou.pk)
    context = _mou_context(request, mou, instalment_form=form)
    return render(request, "logistics/money/mou.html", context, status=400)


@role_required(Role.STATE, Role.INSTITUTE)
@require_POST
def invoice_add(request, pk: int):
    mou = _mou(request, pk)
    form = forms.InvoiceForm(request.POST, batches=_mou_batches(mou))
    if form.is_valid():
        try:
            services.invoice_add(user=request.user, mou=mou, **form.cleaned_data)
        except services.MoneyError as error:
            refused_to_form(form, error)
        else:
            messages.success(request, _("The invoice is recorded."))
            return redirect("logistics:mou_money", pk=mou.pk)
    context = _mou_context(request, mou, invoice_form=form)
    return render(request, "logistics/money/mou.html", context, status=400)


@role_required(*COST_ROLES)
def utilisation(request, pk: int, year: int, fmt: str):
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
