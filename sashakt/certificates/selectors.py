"""Reads: who may get a certificate, what a user may see, what a number verifies to, and the
counts the MoU ledger shows."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from sashakt.attendance.selectors import batch_completion
from sashakt.certificates.models import Certificate, CertificateStatus
from sashakt.certificates.numbers import number_is_well_formed, number_normalise
from sashakt.certificates.rules import CERTIFICATE_SCOPE, may_issue
from sashakt.core.permissions import has_role, scope_queryset
from sashakt.core.roles import Role
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.programmes.models import Batch, MoU, Programme

# Without a timetable, a training day counts this many hours.
HOURS_PER_DAY = 6
# Nominations that never held a seat of the batch are not part of its completion list.
_NEVER_SEATED = (
    NominationStatus.NOMINATED,
    NominationStatus.WAITLISTED,
    NominationStatus.REJECTED,
)


def eligible_nominations(batch: Batch) -> QuerySet[Nomination]:
    """The people of `batch` who met the programme's completion rule.

    The one place that decides who may get a certificate: the attendance app sets
    "completed the batch" (ATTENDED) only for those who met the programme's rule.
    """
    return batch.nominations.filter(status=NominationStatus.ATTENDED)


@dataclass
class CompletionRow:
    nomination: Nomination
    completed: bool
    reason: str
    certificate: Certificate | None


def completion_rows(batch: Batch) -> list[CompletionRow]:
    """Everyone who held a seat of the batch: who completed, who did not and why, and the
    certificate each already has (the latest)."""
    eligible = set(eligible_nominations(batch).values_list("pk", flat=True))
    latest: dict[int, Certificate] = {}
    for certificate in Certificate.objects.filter(batch=batch).order_by("issued_at", "pk"):
        latest[certificate.nomination_id] = certificate
    rows = []
    nominations = (
        batch.nominations.exclude(status__in=_NEVER_SEATED)
        .select_related("person__district")
        .order_by("person__name", "pk")
    )
    # Why each person judged by the attendance app did not complete (sessions short...).
    judged = {
        row.nomination.pk: "; ".join(str(reason) for reason in row.reasons)
        for row in batch_completion(batch=batch)
        if not row.completed and row.reasons
    }
    for nomination in nominations:
        completed = nomination.pk in eligible
        if completed:
            reason = _("Met the completion rule")
        elif nomination.status == NominationStatus.NOT_COMPLETED and nomination.pk in judged:
            reason = judged[nomination.pk]
        elif nomination.status in (NominationStatus.APPROVED, NominationStatus.CONFIRMED):
            reason = _("Completion not recorded")
        else:
            reason = nomination.get_status_display()
        rows.append(CompletionRow(nomination, completed, reason, latest.get(nomination.pk)))
    return rows


def batches_to_review(user) -> list[Batch]:
    """Batches where the user may issue and someone completed, with counts, latest first."""
    if not has_role(user, Role.STATE, Role.INSTITUTE):
        return []
    batches = Batch.objects.select_related("programme__mou__institute")
    if user.role == Role.INSTITUTE:
        batches = batches.filter(programme__mou__institute_id=user.institute_id)
    batches = batches.annotate(
        completed=Count(
            "nominations", filter=Q(nominations__status=NominationStatus.ATTENDED), distinct=True
        ),
        certified=Count(
            "certificates", filter=Q(certificates__status=CertificateStatus.VALID), distinct=True
        ),
    ).filter(completed__gt=0)
    return [b for b in batches.order_by("-start_date")[:20] if may_issue(user, b.programme)]


def batch_hours(batch: Batch) -> int:
    """Training hours: the batch's timetable, or its days at HOURS_PER_DAY without one."""
    minutes = batch.sessions.aggregate(total=Sum("minutes"))["total"]
    if minutes:
        return round(minutes / 60)
    return ((batch.end_date - batch.start_date).days + 1) * HOURS_PER_DAY


def certificates_for_user(user) -> QuerySet[Certificate]:
    certificates = Certificate.objects.select_related(
        "batch__venue", "programme__mou__institute", "district", "replaced_by"
    )
    return scope_queryset(user, certificates, **CERTIFICATE_SCOPE)


def certificates_for_printing(certificates: QuerySet[Certificate]) -> QuerySet[Certificate]:
    return certificates.select_related(
        "batch", "programme", "institute__certificate_template"
    ).prefetch_related("institute__certificate_template__signatories")


@dataclass
class Verification:
    """What the public page says about a typed or scanned number."""

    number: str
    outcome: str  # "malformed", "unknown", or a CertificateStatus value
    certificate: Certificate | None = None

    @property
    def replacement(self) -> Certificate | None:
        return self.certificate.replacement if self.certificate else None


def certificate_verify(typed: str) -> Verification:
    number = number_normalise(typed)
    if not number_is_well_formed(number):
        return Verification(number, "malformed")
    certificate = (
        Certificate.objects.select_related("batch", "programme", "institute", "replaced_by")
        .filter(number=number)
        .first()
    )
    if certificate is None:
        return Verification(number, "unknown")
    return Verification(number, certificate.status, certificate)


# --- The MoU ledger ("certified"): people holding a valid certificate ------------------


def certified_count_for(*, mou: MoU | None = None, programme: Programme | None = None) -> int:
    """People with a valid certificate under an MoU (or one programme of it)."""
    certificates = Certificate.objects.filter(status=CertificateStatus.VALID)
    if mou is not None:
        certificates = certificates.filter(programme__mou=mou)
    if programme is not None:
        certificates = certificates.filter(programme=programme)
    return certificates.values("person").distinct().count()


def certified_counts_by_designation(*, mou: MoU) -> dict[str, int]:
    """designation -> people with a valid certificate under the MoU (as printed on it)."""
    rows = (
        Certificate.objects.filter(status=CertificateStatus.VALID, programme__mou=mou)
        .values("designation")
        .annotate(n=Count("person", distinct=True))
    )
    return {row["designation"]: row["n"] for row in rows}


def held_a_certificate_at(moment) -> Exists:
    """For a report as of `moment`: a nomination with a certificate issued before it and not
    revoked by then (a replaced one still counts: its person held one)."""
    return Exists(
        Certificate.objects.filter(nomination=OuterRef("pk"), issued_at__lt=moment).exclude(
            revoked_at__lt=moment
        )
    )


def holds_valid_certificate() -> Exists:
    """For the dashboards: a nomination holding a valid certificate (PostgreSQL reads the
    valid certificates once into a hash, whatever the number of nominations)."""
    return Exists(
        Certificate.objects.filter(nomination=OuterRef("pk"), status=CertificateStatus.VALID)
    )
