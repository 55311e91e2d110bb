"""Reads for the role home pages and the shared pages (jobs, audit trail)."""

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, QuerySet

from sashakt.core.models import Job
from sashakt.core.roles import Role


def jobs_for_user(user) -> QuerySet[Job]:
    """The state cell sees every job; everyone else the jobs they started."""
    jobs = Job.objects.select_related("created_by")
    if not user.is_authenticated:
        return jobs.none()
    if user.role == Role.STATE:
        return jobs
    return jobs.filter(created_by=user)


def audit_entries(*, model: str = "", actor_id: int | None = None) -> QuerySet[LogEntry]:
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp")
    if model:
        app_label, _, model_name = model.partition(".")
        entries = entries.filter(content_type__app_label=app_label,
                                 content_type__model=model_name)
    if actor_id:
        entries = entries.filter(actor_id=actor_id)
    return entries


def audited_models() -> list[ContentType]:
    ids = LogEntry.objects.order_by().values_list("content_type", flat=True).distinct()
    return list(ContentType.objects.filter(pk__in=list(ids)).order_by("app_label", "model"))


def state_overview() -> dict:
    from sashakt.accounts.models import User
    from sashakt.geography.models import Block, District, GramPanchayat
    from sashakt.people.models import Person
    from sashakt.programmes.models import Institute

    return {
        "districts": District.objects.count(),
        "blocks": Block.objects.count(),
        "gram_panchayats": GramPanchayat.objects.count(),
        "people": Person.objects.count(),
        "institutes": Institute.objects.all(),
        "users_by_role": list(
            User.objects.filter(is_active=True)
            .values("role").annotate(n=Count("pk")).order_by("role")
        ),
    }
