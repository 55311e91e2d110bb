from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from sashakt.core.jobs import job_enqueue
from sashakt.core.permissions import get_scoped_or_404, role_required
from sashakt.core.refusals import refused_message
from sashakt.core.roles import Role
from sashakt.core.text import typed_id
from sashakt.geography.models import Block, GramPanchayat
from sashakt.geography.selectors import districts_for_user
from sashakt.notifications.models import OptOut
from sashakt.people.by_hand import person_add, person_correct, person_leave_office
from sashakt.people.forms import LeftOfficeForm, OptOutForm, PersonAddForm, PersonCorrectForm
from sashakt.people.models import Designation, Person
from sashakt.people.rules import (
    import_district,
    may_edit_person,
    may_filter_by_district,
    may_see_personal_data,
)
from sashakt.people.selectors import (
    gram_panchayat_for_person,
    gram_panchayats_for_review,
    imports_for_user,
    people_for_user,
    people_needing_place_review,
    people_search,
    person_history,
    place_review_blocks,
    place_review_rows,
)
from sashakt.people.services import (
    OptOutRefused,
    person_gram_panchayat_set,
    person_opt_out,
    person_opt_out_withdraw,
    person_place_review_keep_typed,
    place_review_accept_clear,
)

REGISTRY_ROLES = (Role.STATE, Role.DISTRICT)


class RegistryFilterForm(forms.Form):
    """The registry's filters as typed in the address bar: "?district=²" or a 20-digit
    number is a mistake to report, not a server error."""

    q = forms.CharField(required=False)
    district = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    designation = forms.ChoiceField(required=False, choices=[("", ""), *Designation.choices])
    mobile_needed = forms.BooleanField(required=False)


def _filters(request) -> dict | None:
    """The filters, or None (after telling the user) when one of them is not valid."""
    form = RegistryFilterForm(request.GET)
    if not form.is_valid():
        messages.error(
            request, _("A filter in the address is not valid, so nobody is shown. Choose again.")
        )
        return None
    return {
        "query": form.cleaned_data["q"][:100],
        "district_id": form.cleaned_data["district"],
        "designation": form.cleaned_data["designation"],
        "mobile_needed": form.cleaned_data["mobile_needed"],
    }


@role_required(*REGISTRY_ROLES)
def person_list(request):
    user = request.user
    filters = _filters(request)
    people = people_search(user, **filters) if filters else Person.objects.none()
    page = Paginator(people, 25).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters,
        "districts": districts_for_user(user) if may_filter_by_district(user) else [],
        "designations": Designation.choices,
        "show_mobile": True,  # both roles here may see mobiles of the people they can list
        "querystring": request.GET.copy(),
        "may_add": True,  # both roles here may add to the registry they list
    }
    template = "people/_person_rows.html" if request.htmx else "people/person_list.html"
    return render(request, template, context)


@role_required(Role.STATE, Role.DISTRICT, Role.PARTICIPANT)
def person_detail(request, pk: int):
    person = get_scoped_or_404(request.user, people_for_user, pk)
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "show_personal": may_see_personal_data(request.user, person),
            "history": person_history(person)
            if may_see_personal_data(request.user, person)
            else [],
            "may_edit": may_edit_person(request.user, person),
            "may_open_import": person.source_import_id is not None
            and imports_for_user(request.user).filter(pk=person.source_import_id).exists(),
            "opt_out": _opt_out_shown(request.user, person),
        },
    )


def _opt_out_shown(user: Any, person: Any) -> OptOut | None:
    """The person's opt-out, for those who may record or withdraw it."""
    if not (person.mobile and may_edit_person(user, person)):
        return None
    return OptOut.objects.select_related("recorded_by").filter(mobile=person.mobile).first()


@require_POST
@role_required(*REGISTRY_ROLES)
def person_opt_out_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The person asked for no messages that are not essential (or, with `withdraw`, asks
    for them again): recorded by their own district officer or the state cell."""
    person = get_scoped_or_404(request.user, people_for_user, pk)
    assert isinstance(person, Person)
    user: Any = request.user  # signed in: role_required
    form = OptOutForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(str(error) for error in errors))
        return redirect(person.get_absolute_url())
    try:
        if form.cleaned_data["withdraw"]:
            if person_opt_out_withdraw(user=user, person=person):
                messages.success(
                    request, _("%(name)s gets every message again.") % {"name": person.name}
                )
        else:
            person_opt_out(user=user, person=person, reason=form.cleaned_data["reason"])
            messages.success(
                request,
                _("%(name)s will get only essential messages.") % {"name": person.name},
            )
    except OptOutRefused as refusal:
        refused_message(request, refusal)
    return redirect(person.get_absolute_url())


@role_required(*REGISTRY_ROLES)
def place_review_list(request):
    """People whose imported gram panchayat matched none (or several) of their district's,
    one block at a time: their own block's gram panchayats by score, the clear best
    preselected, "none of these", and every block with how many are left."""
    blocks = place_review_blocks(request.user)
    current = _review_block(blocks, request.GET.get("block"))
    people = _review_people(request.user, current)
    page = Paginator(people, 25).get_page(request.GET.get("page"))
    rows = place_review_rows(page.object_list)
    clear = sum(row.clear for row in place_review_rows(people)) if current else 0
    context = {
        "page": page,
        "rows": [{"row": row, "choices": gram_panchayats_for_review(row.person)} for row in rows],
        "blocks": blocks,
        "current": current,
        "clear": clear,
        "total_left": sum(block["left"] for block in blocks),
    }
    return render(request, "people/place_review.html", context)


def _review_block(blocks: list[dict], wanted) -> dict | None:
    block_id = typed_id(wanted)
    for block in blocks:
        if block["block_id"] == block_id:
            return block
    return blocks[0] if blocks else None


def _review_people(user, block: dict | None):
    people = people_needing_place_review(user)
    if block is None:
        return people.none()
    if block["block_id"] is None:
        return people.filter(block=None, district_id=block["district_id"])
    return people.filter(block_id=block["block_id"])


def _back_to_block(block_id) -> str:
    url = reverse("people:place_review")
    return f"{url}?block={block_id}" if block_id else url


@require_POST
@role_required(*REGISTRY_ROLES)
def place_review_set(request, pk: int):
    person = get_scoped_or_404(request.user, people_needing_place_review, pk)
    back = _back_to_block(person.block_id)
    if request.POST.get("gram_panchayat") == "none":
        person_place_review_keep_typed(person=person, user=request.user)
        messages.success(
            request,
            _("%(person)s: kept as typed (%(place)s).")
            % {"person": person.name, "place": person.gram_panchayat_name},
        )
        return redirect(back)
    choice = typed_id(request.POST.get("gram_panchayat"))
    gram_panchayat = gram_panchayat_for_person(person, choice) if choice else None
    if gram_panchayat is None:
        messages.error(request, _("Choose a gram panchayat from the list."))
        return redirect(back)
    try:
        person_gram_panchayat_set(person=person, gram_panchayat=gram_panchayat, user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("%(person)s: gram panchayat set to %(place)s.")
            % {"person": person.name, "place": gram_panchayat.name},
        )
    return redirect(back)


@require_POST
@role_required(*REGISTRY_ROLES)
def place_review_accept_clear_view(request):
    """ "Accept all clear matches in this block": first the count and the list, then, on
    confirmation, the links (one audited edit each)."""
    blocks = place_review_blocks(request.user)
    current = _review_block(blocks, request.POST.get("block"))
    if current is None or current["block_id"] is None:
        return redirect("people:place_review")
    people = _review_people(request.user, current)
    if request.POST.get("confirm") != "1":
        rows = [row for row in place_review_rows(people) if row.clear]
        return render(
            request, "people/place_review_confirm.html", {"current": current, "rows": rows}
        )
    accepted = place_review_accept_clear(people=people, user=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)s person linked to their gram panchayat.",
            "%(count)s people linked to their gram panchayats.",
            accepted,
        )
        % {"count": accepted},
    )
    return redirect(_back_to_block(current["block_id"]))


@role_required(*REGISTRY_ROLES)
def person_export(request):
    if request.method != "POST":
        return redirect("people:list")
    filters = _filters(request)
    if filters is None:
        return redirect("people:list")
    job = job_enqueue(
        kind="people.export",
        title=_("Registry export (Excel)"),
        user=request.user,
        params={"user_id": request.user.pk, **filters},
    )
    return redirect(job)


def _place_lists(district) -> dict:
    """Names to pick from while typing (the import's matching reads whatever is typed)."""
    if district is None:
        return {"block_names": [], "gram_panchayat_names": []}
    places = {
        "block_names": Block.objects.filter(district=district).only("name_en", "name_hi"),
        "gram_panchayat_names": GramPanchayat.objects.filter(district=district).only(
            "name_en", "name_hi"
        ),
    }
    # In the page's language (the import's matching reads either script).
    return {key: sorted({place.name for place in rows}) for key, rows in places.items()}


@role_required(*REGISTRY_ROLES)
def person_add_view(request):
    user = request.user
    own = import_district(user)
    districts = None if own is not None else districts_for_user(user)
    form = PersonAddForm(request.POST or None, districts=districts)
    if request.method == "POST" and form.is_valid():
        try:
            added = person_add(
                user=user, cells=form.cells(), district=form.cleaned_data.get("district")
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, _("%(name)s was added to the registry.") % {"name": added.person.name}
            )
            for note in added.notes:
                messages.warning(request, note)
            return redirect(added.person)
    return render(
        request,
        "people/person_add.html",
        {"form": form, "district": own, **_place_lists(own)},
    )


@role_required(*REGISTRY_ROLES)
def person_correct_view(request, pk: int):
    person = get_scoped_or_404(request.user, people_for_user, pk)
    if not may_edit_person(request.user, person):
        raise PermissionDenied
    initial = PersonCorrectForm.initial_for(person)
    form = PersonCorrectForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            corrected = person_correct(
                user=request.user,
                person=person,
                changes=form.changes(initial),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("The record of %(name)s was corrected.") % {"name": corrected.person.name},
            )
            for note in corrected.notes:
                messages.warning(request, note)
            return redirect(corrected.person)
    return render(
        request,
        "people/person_correct.html",
        {"form": form, "person": person, **_place_lists(person.district)},
    )


@role_required(*REGISTRY_ROLES)
def person_left_office_view(request, pk: int):
    person = get_scoped_or_404(request.user, people_for_user, pk)
    if not may_edit_person(request.user, person):
        raise PermissionDenied
    form = LeftOfficeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            left = person_leave_office(
                user=request.user,
                person=person,
                why=form.cleaned_data["why"],
                on=form.cleaned_data["on"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _(
                    "%(name)s is marked as having left office: no longer nominated nor "
                    "counted in the RGSA lists; their training history stays."
                )
                % {"name": person.name},
            )
            if left.places_released:
                messages.info(
                    request,
                    ngettext(
                        "%(count)s nomination not yet taken place was withdrawn and its seat "
                        "freed.",
                        "%(count)s nominations not yet taken place were withdrawn and their "
                        "seats freed.",
                        left.places_released,
                    )
                    % {"count": left.places_released},
                )
            return redirect(person)
    return render(request, "people/person_left_office.html", {"form": form, "person": person})
