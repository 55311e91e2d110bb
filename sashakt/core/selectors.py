"""Reads for the shared pages (jobs, audit trail)."""

import datetime
import json
import re
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import DateTimeField, ForeignKey, JSONField, QuerySet
from django.utils import formats, timezone
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


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")

AUDIT_ACTIONS = {
    LogEntry.Action.CREATE: _("created"),
    LogEntry.Action.UPDATE: _("changed"),
    LogEntry.Action.DELETE: _("deleted"),
    LogEntry.Action.ACCESS: _("viewed"),
}
# Bookkeeping fields that say nothing to a reader of the trail.
AUDIT_NOISE = {
    "id",
    # A test's shuffled order, drawn once per person: not a decision anyone reads.
    "question_order",
    "option_order",
    "created_at",
    "updated_at",
    "date_joined",
    "password",
    "last_login",
    "name_key",  # the search key derived from the name
}
# Labels of fields declared without one (Django would show "nominated by" untranslated).
AUDIT_LABELS = {
    "nominated_by": _("nominated by"),
    "decided_by": _("decided by"),
    "decided_at": _("decided on"),
    "waitlisted_at": _("put on the waitlist on"),
    "person": _("person"),  # a declared education's person (its field has no label)
    "module": _("module"),  # a template session's module (no label of its own)
    "programme": _("programme"),
}


@dataclass
class AuditChange:
    label: str
    old: str
    new: str
    lang: str = ""  # "en" for an English field's value, so a Hindi page marks it as such


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
        label = AUDIT_LABELS.get(name, model_field.verbose_name)
        lang = "en" if name.endswith("_en") else ""
        row.changes.append(AuditChange(str(label), old, new, lang))
    return row


def _readable_list(model, name: str, value: str) -> str | None:
    """A JSON list as words: designations by their labels, ISO dates as dates; None when
    `value` is not a JSON list."""
    try:
        items = json.loads(value)
    except (TypeError, ValueError):
        return None
    if not isinstance(items, list):
        return None
    if not items:
        return "—"
    labels = dict(getattr(model, "AUDIT_VALUE_LABELS", {}).get(name, ()))
    words = []
    for item in items:
        item = str(item)
        if item in labels:
            words.append(str(labels[item]))
        elif _ISO_DATE.fullmatch(item):
            words.append(formats.date_format(datetime.date.fromisoformat(item), "j F Y"))
        else:
            words.append(item)
    return ", ".join(words)


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
    if isinstance(model_field, JSONField):
        readable = _readable_list(model_field.model, model_field.name, value)
        if readable is not None:
            return readable
    if isinstance(model_field, DateTimeField) and _ISO_DATETIME.match(str(value)):
        try:
            moment = datetime.datetime.fromisoformat(str(value))
        except ValueError:
            return str(value)
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, datetime.UTC)
        return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
    return str(value)
