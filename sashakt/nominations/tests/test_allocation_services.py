"""The state cell's automatic allocation, end to end through the database."""

import datetime

import pytest
from django.urls import reverse

from sashakt.nominations.allocation.services import (
    AllocationError,
    allocation_adjust,
    allocation_apply,
    allocation_propose,
)
from sashakt.nominations.models import AllocationProposal, Nomination, NominationStatus
from sashakt.nominations.services import nomination_create
from sashakt.test import LUCKNOW, batch_make, person_make, programme_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(personas):
    programme = programme_make(personas.iitk_institute)
    first = batch_make(programme, start=datetime.date(2026, 12, 8), capacity=2)
    second = batch_make(programme, start=datetime.date(2027, 1, 19), capacity=1, number=2)
    people = [person_make(name=f"प्रमुख {n}", mobile=f"983900070{n}") for n in range(3)] + [
        person_make(name="लखनऊ प्रमुख", mobile="9415000701", district_lgd=LUCKNOW)
    ]
    nominations = []
    for person in people:
        officer = (
            personas.dpro_kanpur if person.district.lgd_code != LUCKNOW else (personas.dpro_lucknow)
        )
        nominations.append(nomination_create(user=officer, person=person, programme=programme))
    return programme, first, second, nominations


def test_a_proposal_fills_the_seats_and_keeps_clear_of_weeks_people_cannot_come(personas, setup):
    programme, first, second, nominations = setup
    blocked = nominations[0]
    blocked.unavailable_weeks = ["2026-12-07"]  # the week of the first batch
    blocked.save()
    proposal = allocation_propose(user=personas.state, programme=programme)
    assert proposal.figures["assigned"] == 3  # three seats in all
    assert proposal.assignments.get(str(blocked.pk)) in (second.pk, None)
    assert proposal.figures["gap"] is not None and proposal.figures["gap"] <= 0.001
    counts = allocation_apply(user=personas.state, proposal=proposal)
    assert counts["seated"] == 3
    seated = Nomination.objects.filter(status=NominationStatus.APPROVED)
    assert {n.batch_id for n in seated} <= {first.pk, second.pk}
    assert first.nominations.filter(status=NominationStatus.APPROVED).count() == 2


def test_a_hand_adjustment_that_breaks_a_rule_is_refused(personas, setup):
    programme, first, second, nominations = setup
    proposal = allocation_propose(user=personas.state, programme=programme)
    placed_in_first = [int(k) for k, v in proposal.assignments.items() if v == first.pk]
    outside = next(n.pk for n in nominations if str(n.pk) not in proposal.assignments)
    with pytest.raises(AllocationError):  # a third person in a two-seat batch
        allocation_adjust(
            user=personas.state, proposal=proposal, nomination_id=outside, batch_id=first.pk
        )
    allocation_adjust(
        user=personas.state, proposal=proposal, nomination_id=placed_in_first[0], batch_id=None
    )
    allocation_adjust(
        user=personas.state, proposal=proposal, nomination_id=outside, batch_id=first.pk
    )
    proposal.refresh_from_db()
    assert proposal.assignments[str(outside)] == first.pk
    assert str(placed_in_first[0]) not in proposal.assignments


def test_only_the_state_cell_allocates(personas, setup, client):
    programme = setup[0]
    with pytest.raises(AllocationError):
        allocation_propose(user=personas.dpro_kanpur, programme=programme)
    client.force_login(personas.dpro_kanpur)
    assert client.get(reverse("nominations:allocation", args=[programme.pk])).status_code == 403


def test_the_allocation_page_runs_the_job_and_shows_the_comparison(
    personas, setup, client, settings
):
    settings.JOBS_BACKEND = "immediate"
    programme = setup[0]
    client.force_login(personas.state)
    response = client.post(
        reverse("nominations:allocation", args=[programme.pk]), {"action": "propose"}, follow=True
    )
    assert 'data-testid="job-next"' in response.content.decode()
    page = client.get(reverse("nominations:allocation", args=[programme.pk])).content.decode()
    assert 'data-testid="comparison"' in page
    # Applying is a second step that says how many seats it offers, in plain words.
    assert "हाँ, 3 सीटें प्रस्तावित करें" in page and "इसे वापस नहीं किया जा सकता" in page
    assert "relative gap" not in page and "gap" not in page.split('data-testid="comparison"')[1]
    client.post(reverse("nominations:allocation", args=[programme.pk]), {"action": "apply"})
    assert AllocationProposal.objects.get().status == AllocationProposal.Status.APPLIED
    assert Nomination.objects.filter(status=NominationStatus.APPROVED).count() == 3


def test_applying_never_exceeds_a_district_quota_counting_people_already_seated(personas, setup):
    programme, first, second, nominations = setup
    programme.default_district_quota = 1
    programme.save()
    already = person_make(name="पहले से", mobile="9839000799")
    seated = nomination_create(user=personas.dpro_kanpur, person=already, batch=first)
    from sashakt.nominations.services import nomination_approve

    nomination_approve(user=personas.state, nomination=seated)
    proposal = allocation_propose(user=personas.state, programme=programme)
    allocation_apply(user=personas.state, proposal=proposal)
    kanpur = personas.kanpur_person.district_id
    for batch in (first, second):
        in_play = batch.nominations.filter(
            district_id=kanpur, status__in=[NominationStatus.APPROVED, NominationStatus.NOMINATED]
        ).count()
        assert in_play <= 1


def test_a_tampered_adjustment_is_refused_with_a_message_not_an_error_page(personas, setup, client):
    programme = setup[0]
    allocation_propose(user=personas.state, programme=programme)
    client.force_login(personas.state)
    url = reverse("nominations:allocation", args=[programme.pk])
    response = client.post(
        url, {"action": "adjust", "nomination": "abc", "batch": "x"}, follow=True
    )
    assert response.status_code == 200
    assert AllocationProposal.objects.get(status="draft").figures.get("adjusted") is None


def test_a_refused_move_says_why_in_hindi_with_the_persons_name(personas, setup):
    from django.utils import translation

    programme, first, second, nominations = setup
    blocked = nominations[0]
    blocked.unavailable_weeks = ["2026-12-07"]  # the week of the first batch
    blocked.save()
    proposal = allocation_propose(user=personas.state, programme=programme)
    with translation.override("hi"), pytest.raises(AllocationError) as refused:
        allocation_adjust(
            user=personas.state, proposal=proposal, nomination_id=blocked.pk, batch_id=first.pk
        )
    message = str(refused.value)  # (month names are another change's: not compared here)
    assert message.startswith("प्रमुख 0 बैच 1 के सप्ताहों (8 ")
    assert message.endswith(" 2026) में नहीं आ सकते।")
    with translation.override("en"), pytest.raises(AllocationError) as refused:
        allocation_adjust(
            user=personas.state, proposal=proposal, nomination_id=blocked.pk, batch_id=first.pk
        )
    assert "cannot come in the weeks of batch 1 (8 December – 12 December 2026)" in str(
        refused.value
    )
    assert "candidate" not in str(refused.value)  # no internal ids


@pytest.mark.parametrize("odd", ["²", "١٢", "9" * 40])
def test_odd_digits_in_an_adjustment_are_refused_not_a_server_error(personas, setup, client, odd):
    programme = setup[0]
    allocation_propose(user=personas.state, programme=programme)
    client.force_login(personas.state)
    url = reverse("nominations:allocation", args=[programme.pk])
    response = client.post(url, {"action": "adjust", "nomination": odd, "batch": odd}, follow=True)
    assert response.status_code == 200
    assert AllocationProposal.objects.get(status="draft").figures.get("adjusted") is None
