import pytest
from django.core.management import call_command

from sashakt.attendance.models import Completion, Mark
from sashakt.nominations.models import NominationStatus
from sashakt.programmes.models import Batch, BatchStatus

pytestmark = pytest.mark.django_db


def test_the_demos_completed_batches_have_realistic_marks_and_completions():
    call_command("load_demo")
    completed = Batch.objects.filter(status=BatchStatus.COMPLETED, nominations__isnull=False)
    first = completed.distinct().order_by("start_date").first()
    marks = Mark.objects.filter(session__batch=first)
    people = first.nominations.count()
    assert marks.count() == people * first.sessions.count()
    assert marks.filter(status="late").count() == 1
    assert 2 <= marks.filter(status="absent").count() <= first.sessions.count()
    below = Completion.objects.filter(batch=first, completed=False)
    assert below.count() == 1
    # Completion closes every seat: the one who left after day 3 is "did not complete".
    assert below.get().nomination.status == NominationStatus.NOT_COMPLETED
    assert Completion.objects.filter(completed=False).count() == 1
    # Loading again changes nothing.
    count = Mark.objects.count()
    call_command("load_demo")
    assert Mark.objects.count() == count
    assert (
        Completion.objects.filter(completed=True).count()
        == first.programme.nominations.filter(status=NominationStatus.ATTENDED).count()
    )
