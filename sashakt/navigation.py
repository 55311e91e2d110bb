"""The site's menu: one list, filtered per role. It names every app's pages, so it is a root
module, like `urls.py`, and not part of an app (`sashakt/layers.py`)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sashakt.core.roles import Role

# (label, url name, roles that see it) — one menu, filtered per role.
MENU = [
    (_("Home"), "reports:home", None),
    (_("Dashboard"), "reports:dashboard", {Role.STATE, Role.DISTRICT, Role.INSTITUTE}),
    (_("Registry"), "people:list", {Role.STATE, Role.DISTRICT}),
    (_("MoUs"), "reports:mou_list", {Role.STATE, Role.INSTITUTE}),
    (_("Batches"), "nominations:batch_list", {Role.STATE, Role.DISTRICT, Role.INSTITUTE}),
    (_("Hostel rooms"), "logistics:rooms_venues", {Role.STATE, Role.INSTITUTE}),
    (_("My tests"), "assessments:my_tests", {Role.PARTICIPANT}),
    (_("My attendance"), "attendance:mine", {Role.PARTICIPANT}),
    (
        _("Tests"),
        "assessments:batch_list",
        {Role.STATE, Role.INSTITUTE, Role.DISTRICT, Role.TRAINER},
    ),
    (_("Feedback"), "feedback:home", {Role.STATE, Role.INSTITUTE, Role.TRAINER, Role.PARTICIPANT}),
    (
        _("Certificates"),
        "certificates:list",
        {Role.STATE, Role.DISTRICT, Role.INSTITUTE, Role.PARTICIPANT},
    ),
    (
        _("TA/DA and costs"),
        "logistics:money_home",
        {Role.STATE, Role.FINANCE, Role.INSTITUTE, Role.DISTRICT},
    ),
    (_("My travel claim"), "logistics:claim_list", {Role.PARTICIPANT}),
    (_("Outcomes"), "followup:outcome_report", {Role.STATE, Role.DISTRICT}),
    (
        _("Library"),
        "followup:library",
        {Role.STATE, Role.DISTRICT, Role.INSTITUTE, Role.TRAINER, Role.PARTICIPANT},
    ),
    (_("Jobs"), "core:job_list", {Role.STATE, Role.DISTRICT, Role.INSTITUTE}),
    (_("Staff accounts"), "accounts:staff", {Role.STATE}),
    (_("API tokens"), "api:tokens", {Role.STATE}),
    (
        _("Two-factor sign-in"),
        "accounts:two_factor",
        {Role.STATE, Role.INSTITUTE, Role.DISTRICT, Role.TRAINER},
    ),
    (_("Audit trail"), "core:audit_log", {Role.STATE}),
    (_("Bulk messages"), "reports:bulk_message_list", {Role.STATE, Role.DISTRICT}),
    (_("Outbox"), "notifications:outbox", {Role.STATE}),
    (_("Master data"), "admin:index", {Role.STATE}),
]
# Addresses under which an entry is marked current besides its own: the batch planning pages
# (new batch, quotas, moving, timetable) are programmes' and kept their /programmes/batches/.
ALSO_UNDER = {"nominations:batch_list": ("/programmes/batches/",)}


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {"menu": []}
    current = request.path
    items = []
    for label, url_name, roles in MENU:
        if roles is not None and user.role not in roles:
            continue
        url = reverse(url_name)
        prefixes = (url, *ALSO_UNDER.get(url_name, ()))
        matched = max((len(prefix) for prefix in prefixes if current.startswith(prefix)), default=0)
        if url == "/":
            matched = 1 if current == "/" else 0
        items.append({"label": label, "url": url, "matched": matched})
    # The most specific entry is the current one: /dashboard/mous/ is the MoUs', not the
    # dashboard's.
    best = max((item["matched"] for item in items), default=0)
    return {
        "menu": [
            {
                "label": item["label"],
                "url": item["url"],
                "active": bool(best) and item["matched"] == best,
            }
            for item in items
        ]
    }
