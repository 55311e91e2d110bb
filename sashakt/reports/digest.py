"""The weekly digest (issue 25): each Monday, each district officer gets one SMS with the
figures of their to-do list: people overdue for RGSA orientation, seat offers not yet
answered, place reviews waiting, follow-up check-ins overdue. The figures are the officer's
own scoped selectors (the same the home page and the RGSA dashboard show), so the digest
lives here, above them.

The key is the officer and the ISO week: a job run again that week, or by a second worker,
sends nothing new. A Monday the job did not run at all is not caught up later in the week.
"""

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone, translation

from sashakt.core.site import public_url
from sashakt.followup.selectors import overdue_checkins_count
from sashakt.geography.models import District
from sashakt.nominations.models import NominationStatus
from sashakt.nominations.selectors import nominations_for_user
from sashakt.nominations.telling import DEFAULT_LANGUAGE, district_officers
from sashakt.notifications.services import event_message_send
from sashakt.people.selectors import people_needing_place_review
from sashakt.reports.dashboards.rgsa import orientation_overdue

DIGEST_WEEKDAY = 0  # Monday


def digest_values(officer: Any, language: str, *, today: datetime.date) -> dict[str, object]:
    """The digest's placeholders for one district officer, in `language`."""
    with translation.override(language):
        district = officer.district.name if officer.district_id else ""
    return {
        "district": district,
        "overdue": orientation_overdue(officer, today=today).count(),
        "unanswered": nominations_for_user(officer)
        .filter(status=NominationStatus.APPROVED)
        .count(),
        "reviews": people_needing_place_review(officer).count(),
        "followups": overdue_checkins_count(officer, today=today),
        "link": public_url() + reverse("reports:home"),
    }


def weekly_digest_due(now: datetime.datetime | None = None) -> int:
    """On Mondays (India time), queue this week's digest for every district officer with a
    mobile; answer how many officers were looked at (0 on other days)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if today.weekday() != DIGEST_WEEKDAY:
        return 0
    year, week, _day = today.isocalendar()
    officers = district_officers(District.objects.values_list("pk", flat=True)).select_related(
        "district"
    )
    count = 0
    for officer in officers:
        language = officer.language or DEFAULT_LANGUAGE
        # One call per officer; the outbox's bulk queueing (another change) would take the
        # officers' rows at once.
        event_message_send(
            event="weekly-digest",
            key=f"{officer.pk}:{year}-W{week:02d}",
            language=language,
            values=digest_values(officer, language, today=today),
            to_mobile=officer.mobile,
        )
        count += 1
    return count
