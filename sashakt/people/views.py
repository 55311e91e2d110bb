from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sashakt.core.jobs import job_enqueue
from sashakt.core.permissions import get_scoped_or_404, role_required
from sashakt.core.roles import Role
from sashakt.geography.selectors import districts_for_user
from sashakt.people.models import Designation, Person
from sashakt.people.rules import may_filter_by_district, may_see_personal_data
from sashakt.people.selectors import people_for_user, people_search

REGISTRY_ROLES = (Role.STATE, Role.DISTRICT)


class RegistryFilterForm(forms.Form):
    """The registry's filters as typed in the address bar: "?district=²" or a 20-digit
    number is a mistake to report, not a server error."""

    q = forms.CharField(required=False)
    district = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    designation = forms.ChoiceField(required=False, choices=[("", ""), *Designation.choices])


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
    }
    template = "people/_person_rows.html" if request.htmx else "people/person_list.html"
    return render(request, template, context)


@role_required(Role.STATE, Role.DISTRICT, Role.PARTICIPANT)
def person_detail(request, pk: int):
    person = get_scoped_or_404(request.user, people_for_user, pk)
    return render(
        request,
        "people/person_detail.html",
        {"person": person, "show_personal": may_see_personal_data(request.user, person)},
    )


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
