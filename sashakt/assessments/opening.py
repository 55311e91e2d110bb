"""Tests that open by their schedule (issue 25): the coordinator sets a test's "opens at" in
advance, and when that moment has passed the periodic job (`reports.messages_due`) tells the
batch's people, with the same function and keys as "Open now" (`services.tell_test_open`),
so a test opened now and found again by the job tells nobody twice.

Only tests whose opening time fell in the last OPENED_WITHIN are read (an index on
`opens_at`); a test still closed, or whose batch was cancelled, tells nobody.
"""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sashakt.assessments.models import Assessment
from sashakt.assessments.services import tell_test_open
from sashakt.programmes.models import BatchStatus

# A job stopped for longer than this does not tell of tests that opened meanwhile: the
# batch has long been told in the hall.
OPENED_WITHIN = datetime.timedelta(days=1)


def assessments_opened_due(now: datetime.datetime | None = None) -> int:
    """Tell the people of each test whose scheduled opening has passed; answer how many
    tests were looked at."""
    now = now or timezone.now()
    opened = (
        Assessment.objects.filter(opens_at__lte=now, opens_at__gt=now - OPENED_WITHIN)
        .filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now))
        .exclude(batch__status=BatchStatus.CANCELLED)
        .select_related("batch")
        .order_by("opens_at", "pk")
    )
    count = 0
    for assessment in opened:
        # The messages are queued when this block commits (`tell_nomination`).
        with transaction.atomic():
            tell_test_open(assessment)
        count += 1
    return count
