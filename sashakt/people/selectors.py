from django.db.models import Count, Q, QuerySet

from sashakt.core.permissions import scope_queryset
from sashakt.core.roles import Role
from sashakt.core.text import clean_text, normalise_mobile
from sashakt.people.models import Person

PERSON_SCOPE = {"district": "district", "person": "pk"}


def people_for_user(user) -> QuerySet[Person]:
    """Everyone in the registry that `user` may see (district officers: own district)."""
    queryset = Person.objects.select_related("district", "block", "gram_panchayat")
    return scope_queryset(user, queryset, **PERSON_SCOPE)


def people_search(
    user, *, query: str = "", district_id: int | None = None, designation: str = ""
) -> QuerySet[Person]:
    people = people_for_user(user)
    query = clean_text(query)
    if query:
        mobile = normalise_mobile(query)
        if mobile:
            people = people.filter(mobile=mobile)
        else:
            from sashakt.people.translit import phonetic_key

            # Either script: "राम कुमार" finds "Ram Kumar" through the phonetic key.
            matches = Q(name__icontains=query) | Q(name_alt__icontains=query)
            key = phonetic_key(query)
            if key:
                matches |= Q(name_key__startswith=key)
            people = people.filter(matches)
    if district_id:
        people = people.filter(district_id=district_id)
    if designation:
        people = people.filter(designation=designation)
    return people.order_by("name", "pk")


def people_count_by_designation(people: QuerySet[Person]) -> list[dict]:
    return list(people.order_by().values("designation").annotate(n=Count("pk")).order_by("-n"))


def imports_for_user(user):
    """Uploads a user may open: their own; the state cell sees all."""
    from sashakt.people.models import ParticipantImport

    uploads = ParticipantImport.objects.select_related("created_by", "district")
    if not user.is_authenticated:
        return uploads.none()
    if user.role == Role.STATE:
        return uploads
    return uploads.filter(created_by=user)
