"""The completion rule on a small case counted by hand.

Five sessions, default rule 80%:
- person 0: present in all 5                      → 5/5 = 100% completed
- person 1: absent once, late once (late counts)  → 4/5 =  80% completed (exactly the rule)
- person 2: absent twice                          → 3/5 =  60% not completed
- person 3: left early once, never marked once    → 4/5 =  80% completed
"""

import datetime

import pytest

from sashakt.attendance import selectors, services
from sashakt.attendance.models import Completion, CompletionRule, MarkMethod
from sashakt.nominations.models import NominationStatus
from sashakt.programmes.models import BatchStatus

pytestmark = pytest.mark.django_db

PLAN = {
    0: ["present"] * 5,
    1: ["present", "absent", "late", "present", "present"],
    2: ["absent", "present", "absent", "present", "present"],
    3: ["present", "left_early", None, "present", "present"],
}


def _mark_plan(personas, sessions, people):
    for index, statuses in PLAN.items():
        for session, status in zip(sessions, statuses, strict=True):
            if status is None:
                continue
            services.mark_record(
                user=personas.iitk,
                session=session,
                nomination=people[index],
                status=status,
                method=MarkMethod.GRID,
                arrived_at=datetime.time(10, 20),
                left_at=datetime.time(11, 0),
            )


def test_the_rule_counted_by_hand(personas, hall):
    batch, sessions, people = hall
    _mark_plan(personas, sessions, people)
    rows = {row.nomination.pk: row for row in selectors.batch_completion(batch=batch)}
    figures = [
        (rows[n.pk].sessions_attended, rows[n.pk].percent, rows[n.pk].completed) for n in people
    ]
    assert figures == [(5, 100, True), (4, 80, True), (3, 60, False), (4, 80, True)]
    assert rows[people[2].pk].reasons == [
        "Attended only 3 of 5 sessions (60%); at least 80% is needed."
    ]
    assert rows[people[1].pk].reasons == ["Attended 4 of 5 sessions (80%); 80% needed."]


def test_a_programme_may_ask_for_more(personas, hall):
    batch, sessions, people = hall
    CompletionRule.objects.create(programme=batch.programme, min_percent=100)
    _mark_plan(personas, sessions, people)
    completed = [row.completed for row in selectors.batch_completion(batch=batch)]
    assert completed == [True, False, False, False]


def test_completing_the_batch_records_completions_and_only_completers_attended(personas, hall):
    batch, sessions, people = hall
    _mark_plan(personas, sessions, people)
    seat_of_person_2 = people[2].seat
    completions = services.batch_complete(user=personas.iitk, batch=batch)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMPLETED
    assert [c.completed for c in completions] == [True, True, False, True]
    statuses = [type(n).objects.get(pk=n.pk).status for n in people]
    assert statuses == [
        NominationStatus.ATTENDED,
        NominationStatus.ATTENDED,
        NominationStatus.NOT_COMPLETED,
        NominationStatus.ATTENDED,
    ]
    # No longer in play (the district may nominate them again); the seat they held is kept
    # on their completion record.
    assert type(people[2]).objects.get(pk=people[2].pk).seat is None
    assert Completion.objects.get(nomination=people[2]).seat == seat_of_person_2
    assert selectors.completed_nominations().count() == 3


def test_a_correction_after_completion_updates_the_persons_completion(personas, hall):
    batch, sessions, people = hall
    _mark_plan(personas, sessions, people)
    services.batch_complete(user=personas.iitk, batch=batch)
    services.mark_record(
        user=personas.iitk,
        session=sessions[0],
        nomination=people[2],
        status="present",
        method=MarkMethod.PAPER,
        reason="The signed register shows the signature",
    )
    completion = Completion.objects.get(nomination=people[2])
    assert (completion.sessions_attended, completion.completed) == (4, True)
    people[2].refresh_from_db()
    assert people[2].status == NominationStatus.ATTENDED


def test_a_batch_with_an_unmarked_session_is_not_completed(personas, hall):
    batch, sessions, people = hall
    for session in sessions[:4]:
        services.mark_all_present(user=personas.iitk, session=session)
    with pytest.raises(services.AttendanceError, match="No attendance is recorded yet"):
        services.batch_complete(user=personas.iitk, batch=batch)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.RUNNING


def test_only_planners_of_the_batch_complete_it(personas, hall):
    batch, sessions, people = hall
    for session in sessions:
        services.mark_all_present(user=personas.iitk, session=session)
    for user in (personas.iiml, personas.trainer, personas.dpro_kanpur, personas.participant):
        with pytest.raises(services.AttendanceError):
            services.batch_complete(user=user, batch=batch)
    services.batch_complete(user=personas.state, batch=batch)


def test_a_programme_may_also_require_the_post_test(personas, hall):
    """Counted by hand: everyone attends all five sessions; only person 0 submits the
    post-test, so under the rule "80% and the post-test" only person 0 completes."""
    import datetime

    from django.utils import timezone

    from sashakt.assessments.models import Assessment, AssessmentKind, Attempt

    batch, sessions, people = hall
    CompletionRule.objects.create(programme=batch.programme, require_post_test=True)
    for session in sessions:
        services.mark_all_present(user=personas.iitk, session=session)
    now = timezone.now()
    post = Assessment.objects.create(
        batch=batch,
        kind=AssessmentKind.POST,
        opens_at=now - datetime.timedelta(hours=2),
        closes_at=now + datetime.timedelta(hours=2),
    )
    Attempt.objects.create(assessment=post, nomination=people[0], started_at=now, submitted_at=now)
    Attempt.objects.create(assessment=post, nomination=people[1], started_at=now)  # not submitted
    rows = {row.nomination.pk: row for row in selectors.batch_completion(batch=batch)}
    assert [rows[n.pk].completed for n in people] == [True, False, False, False]
    assert "post-test" in " ".join(rows[people[1].pk].reasons)
    completions = services.batch_complete(user=personas.iitk, batch=batch)
    assert [c.completed for c in completions] == [True, False, False, False]
    missing = selectors.completion_reasons_for(Completion.objects.get(nomination=people[2]))
    assert any("post-test" in reason for reason in missing)
