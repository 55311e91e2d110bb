"""The people behind a dashboard number, and the district registry's small counts.

Every function starts from the user's scoped querysets, so a link followed by someone else
shows only what that person may see."""

from django.db.models import Count, Q, QuerySet

from sashakt.core.roles import Role
from sashakt.geography.models import District
from sashakt.nominations.selectors import nominations_for_user
from sashakt.people.models import Designation, Person
from sashakt.people.selectors import people_for_user
from sashakt.reports.dashboards.measures import MEASURE_BY_KEY, Filters, S, scoped_nominations

REGISTRY_MEASURES = ("registry", "trained", "place_review")

# A gram panchayat typed on import but not yet linked to its LGD record: the district officer
# reviews these once the district's gram panchayat list is loaded.
NEEDS_PLACE_REVIEW = Q(gram_panchayat__isnull=True) & ~Q(gram_panchayat_name="")


def people_behind(user, measure: str, filters: Filters) -> QuerySet[Person]:
    """The people a dashboard number counts, within the user's scope.

    A funnel measure lists the people of the matching nominations; `registry` and `trained`
    (coverage) list registry people by their own district, as the coverage figure counts them.
    """
    if measure in MEASURE_BY_KEY or measure == "awaiting":
        condition = (
            Q(status=S.NOMINATED) if measure == "awaiting" else MEASURE_BY_KEY[measure].condition
        )
        nominations = scoped_nominations(user, filters).filter(condition)
        people = people_for_user_or_nominees(user).filter(pk__in=nominations.values("person"))
    elif measure in REGISTRY_MEASURES:
        people = people_for_user(user)
        lookups = {
            "district_id": filters.district,
            "designation": filters.designation,
            "gender": filters.gender,
            "social_category": "" if filters.category == "none" else filters.category,
        }
        people = people.filter(**{k: v for k, v in lookups.items() if v not in (None, "")})
        if filters.category == "none":
            people = people.filter(social_category="")
        if measure == "trained":
            people = people.filter(nominations__status=S.ATTENDED).distinct()
        elif measure == "place_review":
            people = people.filter(NEEDS_PLACE_REVIEW)
    else:
        return Person.objects.none()
    return people.select_related("district", "block").order_by("name", "pk")


def people_for_user_or_nominees(user) -> QuerySet[Person]:
    """Institute coordinators see no registry, but do see the people nominated to their
    programmes (through the nominations they may read); everyone else their registry."""
    if user.role == Role.INSTITUTE:
        return Person.objects.filter(pk__in=nominations_for_user(user).values("person"))
    return people_for_user(user)


def place_review_count(user, district: District) -> int:
    return people_for_user(user).filter(NEEDS_PLACE_REVIEW, district=district).count()


def registry_by_designation(user, district: District) -> list[dict]:
    """A district's registry by designation (GROUP BY), each row with its drill-down query."""
    labels = dict(Designation.choices)
    rows = (
        people_for_user(user)
        .filter(district=district)
        .order_by()
        .values("designation")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    return [
        {
            "label": str(labels.get(r["designation"], r["designation"])),
            "n": r["n"],
            "query": {"district": district.pk, "designation": r["designation"]},
        }
        for r in rows
    ]
