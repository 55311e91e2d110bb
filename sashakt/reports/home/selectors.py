"""Reads across the apps for the role home pages."""

from django.contrib.auth import get_user_model
from django.db.models import Count

from sashakt.geography.models import Block, District, GramPanchayat
from sashakt.nominations.models import ACTIVE, NominationStatus
from sashakt.nominations.selectors import batches_with_seats, nominations_for_user
from sashakt.people.models import Designation, Person
from sashakt.people.selectors import people_count_by_designation
from sashakt.programmes.models import BatchStatus, Institute


def public_home_figures() -> dict:
    return {"district_count": District.objects.count(), "institutes": Institute.objects.all()}


def state_overview() -> dict:
    return {
        "districts": District.objects.count(),
        "blocks": Block.objects.count(),
        "gram_panchayats": GramPanchayat.objects.count(),
        "people": Person.objects.count(),
        "institutes": Institute.objects.all(),
        "users_by_role": list(
            get_user_model()
            .objects.filter(is_active=True)
            .values("role")
            .annotate(n=Count("pk"))
            .order_by("role")
        ),
    }


def designation_rows(people) -> list[dict]:
    labels = dict(Designation.choices)
    return [
        {"label": labels.get(row["designation"], row["designation"]), "n": row["n"]}
        for row in people_count_by_designation(people)
    ]


def upcoming_for_user(user) -> dict:
    """Batches open for nominations and the user's nominations in play, for home pages."""
    nominations = nominations_for_user(user)
    return {
        "open_batches": batches_with_seats(user)
        .filter(status__in=[BatchStatus.OPEN, BatchStatus.LOCKED, BatchStatus.RUNNING])
        .order_by("start_date")[:8],
        "nominations_in_play": nominations.filter(status__in=ACTIVE).count(),
        "awaiting_approval": nominations.filter(status=NominationStatus.NOMINATED).count(),
    }
