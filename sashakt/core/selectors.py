"""Reads for the shared pages (jobs, audit trail)."""

from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import ForeignKey, QuerySet
from django.utils.translation import gettext_lazy as _

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
        entries = entries.filter(content_type__app_label=app_label, content_type__model=model_name)
    if actor_id:
        entries = entries.filter(actor_id=actor_id)
    return entries


def audited_models() -> list[ContentType]:
    ids = LogEntry.objects.order_by().values_list("content_type", flat=True).distinct()
    return list(ContentType.objects.filter(pk__in=list(ids)).order_by("app_label", "model"))


AUDIT_ACTIONS = {
    LogEntry.Action.CREATE: _("created"),
    LogEntry.Action.UPDATE: _("changed"),
    LogEntry.Action.DELETE: _("deleted"),
    LogEntry.Action.ACCESS: _("viewed"),
}
# Bookkeeping fields that say nothing to a reader of the trail.
AUDIT_NOISE = {"id", "created_at", "updated_at", "date_joined", "password", "last_login"}


@dataclass
class AuditChange:
    label: str
    old: str
    new: str


@dataclass
class AuditRow:
    entry: LogEntry
    action: str
    record_kind: str
    changes: list[AuditChange] = field(default_factory=list)


def audit_rows(entries) -> list[AuditRow]:
    """Entries ready to read: field labels, choice labels, related records by name."""
    return [_audit_row(entry) for entry in entries]


def _audit_row(entry: LogEntry) -> AuditRow:
    model = entry.content_type.model_class()
    row = AuditRow(
        entry=entry,
        action=AUDIT_ACTIONS.get(entry.action, str(entry.action)),
        record_kind=str(model._meta.verbose_name) if model else entry.content_type.model,
    )
    for name, (old, new) in (entry.changes_dict or {}).items():
        if name in AUDIT_NOISE or model is None:
            continue
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not model_field.concrete:
            continue
        old, new = _display(model_field, old), _display(model_field, new)
        if entry.action == LogEntry.Action.CREATE and new in ("", "—"):
            continue
        row.changes.append(AuditChange(str(model_field.verbose_name), old, new))
    return row


def _display(model_field, value) -> str:
    if value in (None, "None", ""):
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, ForeignKey) or model_field.one_to_one:
        related = model_field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related else f"#{value}"
    if value in ("True", "False"):
        return str(_("yes")) if value == "True" else str(_("no"))
    return str(value)
