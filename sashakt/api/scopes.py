"""What a token may be allowed: reading or writing one resource each ("people:read")."""

from django.utils.translation import gettext_lazy as _

# Every resource of /api/v1/ with its name on the token page; those in WRITABLE also take
# writes (registry upsert, attendance marks, nominations).
RESOURCES: dict[str, object] = {
    "people": _("Participants"),
    "institutes": _("Institutes"),
    "mous": _("MoUs"),
    "programmes": _("Programmes"),
    "batches": _("Batches"),
    "sessions": _("Sessions"),
    "nominations": _("Nominations"),
    "marks": _("Attendance marks"),
    "scores": _("Test scores"),
    "feedback": _("Feedback figures"),
    "certificates": _("Certificates"),
    "dashboard": _("Dashboard figures"),
    "followup": _("Follow-up status"),
}
WRITABLE = ("people", "marks", "nominations")
READ, WRITE = "read", "write"


def scope_name(resource: str, access: str) -> str:
    return f"{resource}:{access}"


def all_scopes() -> list[str]:
    return [scope_name(r, READ) for r in RESOURCES] + [scope_name(r, WRITE) for r in WRITABLE]


def scope_choices() -> list[tuple[str, str]]:
    """(scope, label) for the token page: reading every resource, then writing."""
    choices = [
        (scope_name(r, READ), _("Read: %(what)s") % {"what": label})
        for r, label in RESOURCES.items()
    ]
    choices += [
        (scope_name(r, WRITE), _("Write: %(what)s") % {"what": RESOURCES[r]}) for r in WRITABLE
    ]
    return choices
