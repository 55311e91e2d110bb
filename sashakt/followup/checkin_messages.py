"""The check-in SMS (issue 26): 30, 90 and 180 days after a batch's last day, each person with
an action plan gets one SMS with the signed link of that check-in (`checkin_links`), in their
language, through the outbox's event catalogue ("checkin-due").

`followup_messages_due()` is called by the calendar's periodic job (`reports.messages_due`,
above this app). The purpose key names the plan and the stage, so each check-in's SMS goes
once however often the job runs; a day the job did not run is caught up for a week. Due days
come from the batch's current end date, so a moved batch's SMS go on its new dates.
"""

import datetime

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from sashakt.core.site import public_url
from sashakt.followup.checkin_links import checkin_token
from sashakt.followup.models import ActionPlan, CheckIn, Stage
from sashakt.followup.schedule import SMS_CATCH_UP_DAYS
from sashakt.nominations.telling import event_values, person_language
from sashakt.notifications.services import event_message_send


def checkin_link(plan: ActionPlan, stage: int) -> str:
    """The absolute, short, signed link of a plan's check-in page (/c/<token>)."""
    return public_url() + reverse("checkin_short", args=[checkin_token(plan, stage)])


def followup_messages_due(now: datetime.datetime | None = None) -> int:
    """Queue the check-in SMS due today (or missed in the last week); answer how many plans
    were looked at (those told before count too, and get nothing new)."""
    today = timezone.localdate(now or timezone.now())
    count = 0
    for stage in sorted(Stage.values):
        newest_end = today - datetime.timedelta(days=stage)
        plans = (
            ActionPlan.objects.filter(
                nomination__batch__end_date__lte=newest_end,
                nomination__batch__end_date__gt=newest_end
                - datetime.timedelta(days=SMS_CATCH_UP_DAYS),
            )
            .exclude(nomination__person__mobile="")
            .exclude(Exists(CheckIn.objects.filter(plan=OuterRef("pk"), stage=stage)))
            .select_related(
                "nomination__person__user",
                "nomination__programme__mou__institute",
                "nomination__batch__venue",
                "nomination__nominated_by",
            )
            .order_by("pk")
        )
        for plan in plans:
            person = plan.nomination.person
            language = person_language(person)
            values = event_values(plan.nomination, language)
            values.update({"days": str(stage), "link": checkin_link(plan, stage)})
            event_message_send(
                event="checkin-due",
                key=f"{plan.pk}:{stage}",
                language=language,
                values=values,
                to_mobile=person.mobile,
            )
            count += 1
    return count
