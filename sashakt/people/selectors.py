from dataclasses import dataclass

from auditlog.models import LogEntry
from django.db.models import Count, Q, QuerySet
from django.utils.translation import get_language

from sashakt.core.permissions import scope_queryset
from sashakt.core.roles import Role
from sashakt.core.selectors import audit_rows
from sashakt.core.text import clean_text, normalise_mobile
from sashakt.core.text.translit import phonetic_key, place_forms, place_sound_key
from sashakt.geography.models import GramPanchayat
from sashakt.geography.place_index import ACCEPT_MARGIN, ACCEPT_SCORE
from sashakt.geography.place_names import strip_place_words
from sashakt.geography.selectors import place_index
from sashakt.people.models import ParticipantImport, Person

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


@dataclass(frozen=True)
class ReviewCandidate:
    gram_panchayat: object  # GramPanchayat (with its block)
    score: int | None  # 0-100 within the person's block; None for a same-name one elsewhere


@dataclass(frozen=True)
class ReviewRow:
    person: Person
    candidates: list[ReviewCandidate]
    clear: bool  # the first candidate is clearly best: preselected, and "accept all" takes it


REVIEW_OFFERED = 5
REVIEW_FLOOR = 50  # the page offers more than the import's report: an officer reads it


def place_review_rows(people, index=None) -> list[ReviewRow]:
    """The review rows of `people`: candidates from the person's own block, by score (the
    import's similarity over both scripts), best first; a same-name gram panchayat of
    another block after them; `clear` when the best is taken by the import's own rule."""
    index = index or place_index(
        phonetic_key=place_sound_key, forms=place_forms, block_key=phonetic_key
    )
    picked: list[tuple[Person, list[tuple[int, int | None]], bool]] = []
    for person in people:
        text = strip_place_words(person.gram_panchayat_name) or person.gram_panchayat_name
        scored: list[tuple[int, int | None]] = []
        clear = False
        if person.block_id:
            index.gram_panchayats_of_block(person.district_id, person.block_id)
            ranked = index.scored_in_block(text, person.block_id)
            scored = [(ref.pk, score) for score, ref in ranked[:REVIEW_OFFERED]]
            scored = [(pk, score) for pk, score in scored if score >= REVIEW_FLOOR]
            if scored:
                second = ranked[1][0] if len(ranked) > 1 else 0
                clear = scored[0][1] >= ACCEPT_SCORE and scored[0][1] - second >= ACCEPT_MARGIN
        match = index.gram_panchayat(text, district_id=person.district_id)
        elsewhere = [match.place] if match.found else list(match.candidates)
        seen = {pk for pk, _s in scored}
        scored += [(ref.pk, None) for ref in elsewhere if ref.pk not in seen][:3]
        picked.append((person, scored, clear))
    wanted = {pk for _p, scored, _c in picked for pk, _s in scored}
    places = GramPanchayat.objects.select_related("block").in_bulk(wanted)
    return [
        ReviewRow(
            person,
            [ReviewCandidate(places[pk], score) for pk, score in scored if pk in places],
            clear,
        )
        for person, scored, clear in picked
    ]


def place_review_blocks(user) -> list[dict]:
    """The blocks with people to review in the user's scope, with how many each: the review
    page works through them one block at a time."""
    hindi = get_language() == "hi"
    blocks = list(
        people_needing_place_review(user)
        .order_by()
        .values(
            "district_id",
            "district__name_en",
            "district__name_hi",
            "block_id",
            "block__name_en",
            "block__name_hi",
        )
        .annotate(left=Count("pk"))
        .order_by("district__name_en", "block__name_en")
    )
    for block in blocks:
        for place in ("district", "block"):
            english, hindi_name = block[f"{place}__name_en"], block[f"{place}__name_hi"]
            block[place] = (hindi_name if hindi and hindi_name else english) or ""
    return blocks


def gram_panchayat_for_person(person: Person, pk: int):
    """A gram panchayat of the person's district (what the officer may pick), or None."""
    return GramPanchayat.objects.filter(district_id=person.district_id, pk=pk).first()


def gram_panchayats_for_review(person: Person):
    """Every gram panchayat the officer may pick for `person`: their block's, or their
    district's when no block is known."""
    choices = GramPanchayat.objects.filter(district_id=person.district_id)
    if person.block_id:
        choices = choices.filter(block_id=person.block_id)
    return choices.select_related("block").order_by("name_en")


def person_history(person: Person) -> list:
    """The person's audit trail, newest first: their own entries (edits one by one, merges
    by an import) — the import that created them is shown from `source_import`."""
    entries = (
        LogEntry.objects.get_for_object(person)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )
    return audit_rows(entries[:50])
