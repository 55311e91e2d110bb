"""When a plan's check-ins fall due: 30, 90 and 180 days after its batch's last day.

Computed from the batch's current end date every time (never stored), so a batch moved to
other dates moves its check-ins with it. A stage's window stays open until the next stage
falls due (the 180-day one for 60 more days); a stage not answered OVERDUE_AFTER_DAYS after
its due day is overdue, and the district officer sees it on their to-do list.
"""

import datetime

from sashakt.followup.models import Stage

OVERDUE_AFTER_DAYS = 14
LAST_WINDOW_DAYS = 60
# The SMS goes on the due day; a day the job did not run is caught up within this many days.
SMS_CATCH_UP_DAYS = 7


def checkin_due_on(end_date: datetime.date, stage: int) -> datetime.date:
    return end_date + datetime.timedelta(days=int(stage))


def checkin_overdue_on(end_date: datetime.date, stage: int) -> datetime.date:
    """The first day the stage counts as overdue."""
    return checkin_due_on(end_date, stage) + datetime.timedelta(days=OVERDUE_AFTER_DAYS)


def checkin_window_closes(end_date: datetime.date, stage: int) -> datetime.date:
    """The last day a stage can be answered (its link's expiry): the day before the next
    stage falls due."""
    stages = sorted(Stage.values)
    index = stages.index(int(stage))
    if index + 1 < len(stages):
        closes = checkin_due_on(end_date, stages[index + 1])
    else:
        closes = checkin_due_on(end_date, stage) + datetime.timedelta(days=LAST_WINDOW_DAYS)
    return closes - datetime.timedelta(days=1)


def checkin_window_days(stage: int) -> int:
    """How many days after the batch's end a stage's window closes (its last day)."""
    some_end = datetime.date(2000, 1, 1)
    return (checkin_window_closes(some_end, stage) - some_end).days


def checkin_schedule(end_date: datetime.date) -> list[tuple[int, datetime.date]]:
    """Each stage and its due day, for a batch ending on `end_date`."""
    return [(stage, checkin_due_on(end_date, stage)) for stage in sorted(Stage.values)]
