"""Issue only to completers; revoke and re-issue keep history; every change audited."""

import pytest
from auditlog.models import LogEntry

from sashakt.certificates.models import Certificate, CertificateStatus
from sashakt.certificates.selectors import (
    certified_count_for,
    certified_counts_by_designation,
    completion_rows,
    eligible_nominations,
)
from sashakt.certificates.services import (
    CertificateError,
    certificate_issue,
    certificate_reissue,
    certificate_revoke,
    certificates_issue_for_batch,
)
from sashakt.nominations.models import NominationStatus

pytestmark = pytest.mark.django_db


def test_certificates_go_only_to_those_who_met_the_completion_rule(personas, completed_batch):
    issued = certificates_issue_for_batch(user=personas.iitk, batch=completed_batch)
    assert len(issued) == 3
    assert {c.nomination.status for c in issued} == {NominationStatus.ATTENDED}
    missed = completed_batch.nominations.get(person__name="क्षमा प्रजापति")
    assert missed not in eligible_nominations(completed_batch)
    with pytest.raises(CertificateError):
        certificate_issue(user=personas.iitk, nomination=missed)
    assert not Certificate.objects.filter(nomination=missed).exists()


def test_the_review_list_says_who_did_not_complete_and_why(personas, completed_batch):
    certificates_issue_for_batch(user=personas.iitk, batch=completed_batch)
    rows = {row.nomination.person.name: row for row in completion_rows(completed_batch)}
    assert rows["क्षमा प्रजापति"].completed is False
    assert rows["क्षमा प्रजापति"].reason == "पूर्णता दर्ज नहीं हुई"
    assert rows["क्षमा प्रजापति"].certificate is None
    assert rows["सावित्री देवी"].completed and rows["सावित्री देवी"].certificate.is_valid


def test_issuing_twice_issues_nothing_new(personas, completed_batch):
    first = certificates_issue_for_batch(user=personas.iitk, batch=completed_batch)
    assert certificates_issue_for_batch(user=personas.iitk, batch=completed_batch) == []
    with pytest.raises(CertificateError):
        certificate_issue(user=personas.iitk, nomination=first[0].nomination)


@pytest.mark.parametrize("persona", ["iiml", "dpro_kanpur", "trainer", "participant"])
def test_only_the_state_cell_and_the_institutes_coordinator_issue(
    personas, completed_batch, persona
):
    with pytest.raises(CertificateError):
        certificates_issue_for_batch(user=personas.all_users()[persona], batch=completed_batch)
    assert certificates_issue_for_batch(user=personas.state, batch=completed_batch)


def test_a_certificate_copies_what_it_prints(personas, completed_batch):
    certificates_issue_for_batch(user=personas.iitk, batch=completed_batch)
    ram = Certificate.objects.get(person=personas.kanpur_person)
    assert (ram.name_hi, ram.name_en) == ("राम कुमार", "Ram Kumar")
    assert ram.place_en.endswith("Kanpur Nagar") and ram.place_hi.endswith("कानपुर नगर")
    assert ram.hours == 30  # five days without a timetable
    personas.kanpur_person.name = "राम कुमार वर्मा"
    personas.kanpur_person.save()
    ram.refresh_from_db()
    assert ram.name_hi == "राम कुमार"


def test_revoking_needs_a_reason_and_is_audited(personas, completed_batch):
    certificate = certificates_issue_for_batch(user=personas.iitk, batch=completed_batch)[0]
    with pytest.raises(CertificateError):
        certificate_revoke(user=personas.iitk, certificate=certificate, reason="  ")
    with pytest.raises(CertificateError):
        certificate_revoke(user=personas.iiml, certificate=certificate, reason="wrong")
    certificate_revoke(user=personas.iitk, certificate=certificate, reason="Issued in error")
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED
    assert certificate.reason == "Issued in error" and certificate.revoked_by == personas.iitk
    entries = LogEntry.objects.get_for_object(certificate)
    assert entries.count() == 2  # created, revoked
    with pytest.raises(CertificateError):
        certificate_revoke(user=personas.iitk, certificate=certificate, reason="again")
    # A revoked certificate is not issued again by the bulk issue.
    assert certificates_issue_for_batch(user=personas.iitk, batch=completed_batch) == []


def test_a_reissue_takes_a_new_number_and_the_old_one_says_replaced(personas, completed_batch):
    old = certificates_issue_for_batch(user=personas.iitk, batch=completed_batch)[0]
    new = certificate_reissue(
        user=personas.iitk,
        certificate=old,
        name_hi="सावित्री देवी पाल",
        name_en="Savitri Devi Pal",
        reason="Name misspelt",
    )
    old.refresh_from_db()
    assert new.number != old.number and new.is_valid
    assert old.status == CertificateStatus.REPLACED and old.replacement == new
    assert new.replaces == old and new.name_en == "Savitri Devi Pal"
    assert Certificate.objects.filter(nomination=old.nomination).count() == 2
    with pytest.raises(CertificateError):
        certificate_reissue(user=personas.iitk, certificate=old, reason="again")


def test_the_mou_ledger_counts_people_with_a_valid_certificate(personas, completed_batch):
    mou = completed_batch.programme.mou
    assert certified_count_for(mou=mou) == 0
    issued = certificates_issue_for_batch(user=personas.iitk, batch=completed_batch)
    certificate_reissue(user=personas.iitk, certificate=issued[0], reason="typo")
    certificate_revoke(user=personas.iitk, certificate=issued[1], reason="error")
    assert certified_count_for(mou=mou) == 2
    assert certified_count_for(programme=completed_batch.programme) == 2
    assert sum(certified_counts_by_designation(mou=mou).values()) == 2


def test_the_person_is_told_once_through_the_outbox(
    personas, completed_batch, django_capture_on_commit_callbacks
):
    from sashakt.certificates.services import certificate_ready_notify
    from sashakt.notifications.models import Message

    with django_capture_on_commit_callbacks(execute=True):
        issued = certificates_issue_for_batch(user=personas.iitk, batch=completed_batch)
    certificate = issued[0]
    message = Message.objects.get(purpose_key=f"certificate-ready:{certificate.number}")
    assert message.recipient == certificate.person.mobile
    assert certificate.display_number in message.body
    # The catalogue's certificate-ready text, in the person's language (Hindi: no account).
    assert "प्रमाण-पत्र" in message.body and certificate.verification_url in message.body
    certificate_ready_notify(certificate=certificate)  # a retried job
    assert Message.objects.filter(purpose_key__startswith="certificate-ready:").count() == len(
        issued
    )
