"""The state dashboard reads tallies kept as records change (tallies.py). Whatever writes
the records -- a save, a QuerySet.update, a delete, a change to a batch's dates or a
programme's MoU -- the tallies must equal a count from the records after the fold, and the
state cell's figures must be the hand counts of the world in conftest.py."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection
from django.utils import timezone

from sashakt.certificates.models import Certificate, CertificateStatus
from sashakt.core.models import Job
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.people.models import Designation, Gender, Person
from sashakt.programmes.models import MoU
from sashakt.reports.dashboards import figures, tallies, tally_check, tally_triggers
from sashakt.reports.dashboards.rgsa import rgsa_coverage
from sashakt.reports.models import FunnelTally, PersonRegistry, RegistryTally, TallyPending
from sashakt.reports.tests.conftest import TODAY
from sashakt.test import person_make

S = NominationStatus


def agree() -> list[str]:
    tallies.fold()
    return tally_check.differences()


def test_every_trigger_is_installed_after_migrate(db):
    assert tally_triggers.triggers_present() == set(tally_triggers.trigger_names())


def test_the_state_cell_reads_the_tallies_and_they_equal_the_records(world):
    state = world.personas.state
    assert TallyPending.objects.exists()  # the world's writes marked its people
    assert figures.funnel_counts(state)["completed"] == 3
    assert not TallyPending.objects.exists()  # the page recounted them before reading
    assert FunnelTally.objects.filter(dimension="district").count() == 2
    assert tally_check.differences() == []


def test_a_bulk_update_moves_the_figures(world):
    """k4's seat offered and confirmed through QuerySet.update (no signal is sent)."""
    state = world.personas.state
    assert figures.funnel_counts(state)["confirmed"] == 4
    Nomination.objects.filter(person=world.people["k4"], status=S.APPROVED).update(
        status=S.CONFIRMED
    )
    assert figures.funnel_counts(state)["confirmed"] == 5
    assert figures.funnel_counts(state, None, "gender")["M"]["confirmed"] == 2
    assert agree() == []


def test_deleting_a_nomination_and_revoking_a_certificate(world):
    state = world.personas.state
    Nomination.objects.filter(person=world.people["l2"]).delete()
    assert figures.funnel_counts(state)["nominated"] == 5
    Certificate.objects.filter(person=world.people["lucknow"]).update(
        status=CertificateStatus.REVOKED, reason="duplicate", revoked_at=timezone.now()
    )
    assert figures.funnel_counts(state)["certified"] == 2
    lucknow = world.people["lucknow"].district_id
    assert figures.funnel_counts(state, None, "district")[lucknow]["nominated"] == 1
    assert agree() == []


def test_a_person_moved_added_or_removed_changes_the_registry(world):
    state = world.personas.state
    kanpur_district = world.people["kanpur"].district_id
    lucknow_district = world.people["lucknow"].district_id

    def coverage() -> dict:
        return {r.district.pk: (r.people, r.trained) for r in figures.district_coverage(state)}

    before = coverage()
    world.people["kanpur"].district_id = lucknow_district
    world.people["kanpur"].save()
    newcomer = person_make(name="नया व्यक्ति", mobile="9839000999", designation=Designation.PRADHAN)
    after = coverage()
    newcomer_in_kanpur = int(newcomer.district_id == kanpur_district)
    kanpur_before, lucknow_before = before[kanpur_district], before[lucknow_district]
    assert after[kanpur_district] == (
        kanpur_before[0] - 1 + newcomer_in_kanpur,
        kanpur_before[1] - 1,
    )
    assert after[lucknow_district] == (lucknow_before[0] + 1, lucknow_before[1] + 1)
    newcomer.delete()
    assert coverage()[kanpur_district] == (kanpur_before[0] - 1, kanpur_before[1] - 1)
    assert agree() == []


def test_rgsa_windows_follow_the_batch_dates_and_the_date_of_election(world):
    """Geeta (Pradhan) completed a batch: moving her date of election two years back closes
    her refresher window too; moving the batch's end far after it takes her orientation."""
    state = world.personas.state
    geeta = world.people["geeta"]
    geeta.term_start = TODAY - datetime.timedelta(days=800)
    geeta.save()
    live = rgsa_coverage(state, TODAY, tallied=False)
    assert rgsa_coverage(state, TODAY) == live
    world.done_batch.end_date = TODAY
    world.done_batch.save()
    assert rgsa_coverage(state, TODAY) == rgsa_coverage(state, TODAY, tallied=False)
    assert agree() == []


def test_a_programme_moved_to_another_mou_moves_its_institute(world):
    state = world.personas.state
    iiml_mou = world.iiml_programme.mou
    iitk = world.personas.iitk_institute.pk
    world.iiml_programme.mou = world.iitk_programme.mou
    world.iiml_programme.save()
    assert figures.funnel_counts(state, None, "institute")[iitk]["nominated"] == 6
    world.iiml_programme.mou = iiml_mou
    world.iiml_programme.save()
    MoU.objects.filter(pk=iiml_mou.pk).update(institute=world.personas.iitk_institute)
    assert figures.funnel_counts(state, None, "institute")[iitk]["nominated"] == 6
    assert agree() == []


def test_a_gender_change_follows_through_the_nominations_copies(world):
    state = world.personas.state
    k4 = world.people["k4"]
    k4.gender = Gender.FEMALE
    k4.save()
    assert figures.funnel_counts(state, None, "gender")["F"]["nominated"] == 4
    assert agree() == []


def test_too_much_pending_counts_from_the_records_and_queues_the_recount(world, settings):
    settings.TALLY_FOLD_INLINE = 1
    settings.JOBS_BACKEND = "inprocess"  # queued after commit; the test never commits
    state = world.personas.state
    assert tallies.pending_count() > 1
    assert figures.funnel_counts(state)["completed"] == 3
    assert TallyPending.objects.exists()  # nothing folded by the page
    assert Job.objects.filter(kind=tallies.FOLD_JOB, status=Job.Status.QUEUED).count() == 1
    from sashakt.core.jobs import job_run

    job = Job.objects.get(kind=tallies.FOLD_JOB)
    job_run(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert not TallyPending.objects.exists()
    assert tally_check.differences() == []


def test_a_dropped_trigger_is_put_back_after_migrate_and_everyone_recounted(world):
    tallies.fold()
    with_share = PersonRegistry.objects.count()
    tally_triggers.triggers_drop()
    assert tally_triggers.triggers_present() == set()
    Nomination.objects.filter(person=world.people["k4"], status=S.APPROVED).update(
        status=S.CONFIRMED
    )
    assert not TallyPending.objects.exists()  # unseen without triggers
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert tally_triggers.triggers_present() == set(tally_triggers.trigger_names())
    assert tallies.pending_count() >= with_share
    assert agree() == []


def test_the_command_checks_and_rebuilds(world, capsys):
    call_command("tallies", "--check")
    assert "agree" in capsys.readouterr().out
    FunnelTally.objects.filter(dimension="mou").update(nominated=99)
    RegistryTally.objects.update(people=0)
    with pytest.raises(CommandError, match="funnel by mou"):
        call_command("tallies", "--check")
    call_command("tallies", "--rebuild", "--check")
    assert tally_check.differences() == []


def test_the_demo_tallied_equals_the_demo_counted(db):
    """Every service the demo goes through (registry, nominations, allocation, marks,
    completion, certificates) leaves tallies that equal a count from the records."""
    call_command("load_demo")
    assert Person.objects.count() > 50
    assert agree() == []
    assert RegistryTally.objects.filter(trained__gt=0).exists()


@pytest.mark.django_db(transaction=True)
def test_folds_and_writes_at_the_same_time_lose_nothing():
    """Two coordinators' phones change seats and mark attendance while two folds run: after
    the last fold the tallies equal the records (a person changed during a fold is pending
    again, never half-counted)."""
    import threading

    from sashakt.attendance import services as attendance
    from sashakt.attendance.tests.factories import hall_make
    from sashakt.test import personas_make

    personas = personas_make()
    batch, sessions, nominations = hall_make(personas, people=12)
    tallies.fold()
    start = threading.Barrier(4)
    errors = []

    def run(work):
        try:
            start.wait()
            work()
        except Exception as error:  # noqa: BLE001 - any failure is the test's finding
            errors.append(error)
        finally:
            connection.close()

    def seats(flip):
        def work():
            for round_ in range(6):
                status = S.APPROVED if (round_ + flip) % 2 else S.CONFIRMED
                ids = [n.pk for n in nominations[flip::2]]
                Nomination.objects.filter(pk__in=ids).update(status=status)

        return work

    def marks():
        for nomination in nominations[:6]:
            attendance.mark_record(
                user=personas.iitk,
                session=sessions[0],
                nomination=nomination,
                status="present",
                method="grid",
                client_id=f"tally-{nomination.pk}",
            )

    def folds():
        for _ in range(8):
            tallies.fold()

    threads = [
        threading.Thread(target=run, args=(work,)) for work in (seats(0), marks, folds, folds)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert agree() == []
    assert FunnelTally.objects.get(dimension="mou").attended == 6


def test_the_public_page_reads_the_same_figures_from_the_tallies(world):
    from sashakt.reports import public

    tallies.fold()
    counted = public.trained_counted()
    assert public.trained_tallied() == counted
    assert counted["total"] == 3 and sum(counted["registered"].values()) == Person.objects.count()


def test_triggers_made_by_other_code_are_replaced_and_everyone_recounted(world, monkeypatch):
    """The triggers carry a fingerprint of the code that made them: after the watched
    columns or the SQL change, the next migrate replaces them (no stale trigger left)."""
    current = set(tally_triggers.trigger_names())
    monkeypatch.setattr(tally_triggers, "_version", lambda: "00older0")
    assert tally_triggers.triggers_install() is True  # "older code" installed over the current
    monkeypatch.undo()
    tallies.fold()
    assert tally_triggers.triggers_present() == set()
    assert tally_triggers.triggers_install() is True
    assert {name for name, _ in tally_triggers.triggers_found()} == current
    assert tallies.pending_count() >= Person.objects.count()
    assert tally_triggers.triggers_install() is False
    Nomination.objects.filter(person=world.people["l2"]).update(status=S.WITHDRAWN)
    assert agree() == []


def test_no_trigger_is_made_while_its_tables_are_missing(db, monkeypatch):
    """A migrate that stops before the tallies' tables exist (or goes back past them) must
    not leave triggers that would break every write to people and nominations."""
    tally_triggers.triggers_drop()
    monkeypatch.setattr(tally_triggers, "PENDING", "reports_not_there_yet")
    assert tally_triggers.triggers_install() is False
    assert tally_triggers.triggers_found() == []
    monkeypatch.undo()
    assert tally_triggers.triggers_install() is True
    person_make(name="राम", mobile="9839000777")
    assert tallies.pending_count() >= 1
