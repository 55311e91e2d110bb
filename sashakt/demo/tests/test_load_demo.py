import pytest
from django.core.management import call_command
from django.urls import reverse

from sashakt.accounts.models import User
from sashakt.core.roles import Role
from sashakt.demo.services import DEMO_PASSWORD
from sashakt.nominations.models import Nomination
from sashakt.people.models import Person
from sashakt.programmes.models import Institute

pytestmark = pytest.mark.django_db


def test_the_demo_is_loaded_once_however_often_it_runs(capsys):
    call_command("load_demo")
    counts = (Institute.objects.count(), Person.objects.count(), User.objects.count())
    nominations = Nomination.objects.count()
    call_command("load_demo")
    assert (Institute.objects.count(), Person.objects.count(), User.objects.count()) == counts
    assert "0 institutes, 0 people, 0 accounts created" in capsys.readouterr().out
    assert Nomination.objects.count() == nominations


def test_the_demo_has_the_seeds_institutes_and_every_role():
    call_command("load_demo")
    assert set(Institute.objects.values_list("short_name", flat=True)) == {
        "IIT Kanpur",
        "IIM Lucknow",
    }
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)


def test_demo_people_are_marked_fictional_and_spread_across_real_districts():
    call_command("load_demo")
    people = Person.objects.all()
    assert people.count() > 50
    assert not people.filter(is_demo=False).exists()
    assert all(p.mobile.startswith("60000") for p in people)
    assert people.values("district").distinct().count() >= 10


@pytest.mark.parametrize(
    "username",
    [
        "state.cell",
        "iitk.coordinator",
        "iiml.coordinator",
        "dpro.kanpurnagar",
        "dpro.lucknow",
        "trainer.demo",
        "participant.demo",
    ],
)
def test_every_demo_account_signs_in_with_the_documented_password(client, username):
    call_command("load_demo")
    response = client.post(
        reverse("accounts:login"), {"username": username, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_the_demo_shows_the_seeds_pilot():
    import datetime

    from sashakt.nominations.models import Nomination, NominationStatus
    from sashakt.programmes.models import Batch, BatchStatus, MoU

    call_command("load_demo")
    from sashakt.demo.pilot import demo_shift

    iitk = MoU.objects.get(institute__short_name="IIT Kanpur")
    # The seeds' dates, moved on by the whole weeks since the demo was written.
    assert iitk.signed_on == datetime.date(2025, 7, 15) + demo_shift()
    assert iitk.target_people == 250
    first = Batch.objects.filter(programme__mou=iitk).order_by("start_date").first()
    assert first.start_date == datetime.date(2025, 8, 26) + demo_shift()
    assert first.start_date.weekday() == 1  # a Tuesday, as in the seeds
    assert MoU.objects.get(institute__short_name="IIM Lucknow").programmes.get().days == 5
    assert Batch.objects.filter(status=BatchStatus.OPEN).count() == 3
    assert Nomination.objects.filter(status=NominationStatus.ATTENDED).exists()
    participant = User.objects.get(username="participant.demo")
    assert Nomination.objects.get(person=participant.person).seat == 1
    assert iitk.programmes.get().modules.count() == 6


def test_the_demos_nominations_keep_their_copies_in_step():
    """However the demo writes people, nominations and marks, every nomination's copy of the
    person (gender, category) and its attended flag are what the mending services would set."""
    from sashakt.attendance.attended_flag import nominations_attended_refresh
    from sashakt.attendance.models import Mark
    from sashakt.nominations.services import nominations_follow_people

    call_command("load_demo")
    assert Mark.objects.exists() and Nomination.objects.filter(attended_a_session=True).exists()
    assert nominations_follow_people() == 0
    assert nominations_attended_refresh() == 0
