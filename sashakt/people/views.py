from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sashakt.core.jobs import job_enqueue
from sashakt.core.permissions import get_scoped_or_404, role_required
from sashakt.core.roles import Role
from sashakt.geography.selectors import districts_for_user
from sashakt.people.models import Designation
from sashakt.people.rules import may_filter_by_district, may_see_personal_data
from sashakt.people.selectors import people_for_user, people_search

REGISTRY_ROLES = (Role.STATE, Role.DISTRICT)


def _filters(request) -> dict:
    district = request.GET.get("district", "")
    return {
        "query": request.GET.get("q", "")[:100],
        "district_id": int(district) if district.isdigit() else None,
        "designation": request.GET.get("designation", "")
        if request.GET.get("designation") in Designation.values
        else "",
    }


@role_required(*REGISTRY_ROLES)
def person_list(request):
    user = request.user
    filters = _filters(request)
    people = people_search(user, **filters)
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
    job = job_enqueue(
        kind="people.export",
        title=_("Registry export (Excel)"),
        user=request.user,
        params={"user_id": request.user.pk, **filters},
    )
    return redirect(job)
