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
    user,
    *,
    query: str = "",
    district_id: int | None = None,
    designation: str = "",
    mobile_needed: bool = False,
) -> QuerySet[Person]:
    people = people_for_user(user)
    if mobile_needed:  # imported without a mobile: the officer adds one
        people = people.filter(mobile=None)
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


def people_needing_place_review(user) -> QuerySet[Person]:
    """People imported with a gram panchayat that matched none (or several) of their
    district's: the district officer's review list (the state cell sees every district)."""
    return (
        people_for_user(user)
        .filter(needs_place_review=True)
        .order_by("district__name_en", "block__name_en", "name", "pk")
    )


def place_review_candidates(people) -> dict[int, list]:
    """person id -> the gram panchayats their typed name could be: the same-name ones the
    place index found, else the closest names in their block (or district)."""
    import difflib

    from sashakt.geography.models import GramPanchayat
    from sashakt.geography.place_names import place_key, strip_place_words
    from sashakt.geography.selectors import place_index
    from sashakt.people.translit import phonetic_key

    index = place_index(phonetic_key=phonetic_key)
    candidates: dict[int, list] = {}
    for person in people:
        text = strip_place_words(person.gram_panchayat_name) or person.gram_panchayat_name
        match = index.gram_panchayat(text, district_id=person.district_id, block_id=person.block_id)
        pks = [ref.pk for ref in ([match.place] if match.found else match.candidates)]
        if not pks:
            nearby = GramPanchayat.objects.filter(district_id=person.district_id)
            if person.block_id:
                nearby = nearby.filter(block_id=person.block_id)
            names = {place_key(gp.name_en): gp.pk for gp in nearby.only("pk", "name_en")}
            sound = {phonetic_key(gp.name_en): gp.pk for gp in nearby.only("pk", "name_en")}
            close = difflib.get_close_matches(place_key(text), list(names), n=5, cutoff=0.6)
            close_sound = difflib.get_close_matches(
                phonetic_key(text), list(sound), n=5, cutoff=0.6
            )
            pks = list(dict.fromkeys([names[k] for k in close] + [sound[k] for k in close_sound]))
        candidates[person.pk] = list(
            GramPanchayat.objects.filter(pk__in=pks[:8]).select_related("block")
        )
    return candidates


def gram_panchayat_for_person(person: Person, pk: int):
    """A gram panchayat of the person's district (what the officer may pick), or None."""
    from sashakt.geography.models import GramPanchayat

    return GramPanchayat.objects.filter(district_id=person.district_id, pk=pk).first()


def gram_panchayats_for_review(person: Person):
    """Every gram panchayat the officer may pick for `person`: their block's, or their
    district's when no block is known."""
    from sashakt.geography.models import GramPanchayat

    choices = GramPanchayat.objects.filter(district_id=person.district_id)
    if person.block_id:
        choices = choices.filter(block_id=person.block_id)
    return choices.select_related("block").order_by("name_en")


def person_history(person: Person) -> list:
    """The person's audit trail, newest first: their own entries (edits one by one, merges
    by an import) — the import that created them is shown from `source_import`."""
    from auditlog.models import LogEntry

    from sashakt.core.selectors import audit_rows

    entries = (
        LogEntry.objects.get_for_object(person)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )
    return audit_rows(entries[:50])
