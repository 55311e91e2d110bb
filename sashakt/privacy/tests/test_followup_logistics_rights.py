"""Data rights over what the follow-up and logistics apps hold: the participant's own download
lists their action plan, check-ins, consent, rooms, room need, travel, claims and a masked bank
account; erasure after the retention period deletes their files, blanks their words and bank
details, keeps every amount, and takes their story out of the case studies."""

import datetime
import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from sashakt.conftest import require_or_skip
from sashakt.core.audit_redact import ERASED
from sashakt.followup.models import (
    ActionPlan,
    Channel,
    CheckIn,
    CheckInAnswer,
    Commitment,
    CommitmentStatus,
    Factor,
    Stage,
)
from sashakt.followup.themes import LsdgTheme
from sashakt.logistics.models import (
    BankAccount,
    Bed,
    CityClass,
    Claim,
    ClaimantCategory,
    ClaimStatus,
    HostelBlock,
    RateTable,
    Room,
    RoomMove,
    RoomNeed,
    Stay,
    Travel,
    TravelClass,
    TravelMode,
)
from sashakt.people.models import LeftOffice, Person
from sashakt.privacy.services import retention_enforce

pytestmark = pytest.mark.django_db

D = Decimal
TODAY = timezone.localdate()
WEBM = b"\x1a\x45\xdf\xa3" + b"\x00" * 200
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 300
ACCOUNT_NUMBER = "123456789012"


@pytest.fixture
def after_training(personas, trained):
    """गीता पाल's plan (a voice note), a check-in with a comment, a voice note and a photo,
    the commitment marked a good practice with her consent; her bed, room need, travel, a paid
    TA/DA claim with a ticket photo and her bank account."""
    nomination = trained["nomination"]
    plan = ActionPlan.objects.create(nomination=nomination, entered_by=personas.participant)
    plan.voice_note.save("plan.webm", ContentFile(WEBM))
    commitment = Commitment.objects.create(
        plan=plan,
        order=1,
        what="गाँव में सोख्ता गड्ढे बनवाना",
        for_whom="रामपुर की महिलाएँ",
        by_when=TODAY,
        theme=LsdgTheme.WATER_SUFFICIENT,
        status=CommitmentStatus.DONE,
        good_practice_at=timezone.now(),
        good_practice_by=personas.state,
        consent_at=timezone.now(),
        consent_by=personas.dpro_kanpur,
    )
    checkin = CheckIn.objects.create(plan=plan, stage=Stage.DAY_30, channel=Channel.LINK)
    answer = CheckInAnswer.objects.create(
        checkin=checkin,
        commitment=commitment,
        status=CommitmentStatus.DONE,
        factor=Factor.GRAM_SABHA,
        comment="ग्राम सभा ने मदद की, गीता",
    )
    answer.voice_note.save("answer.webm", ContentFile(WEBM))
    answer.photo.save("answer.jpg", ContentFile(JPEG))
    venue = trained["batch"].programme.mou.institute.venues.first()
    block = HostelBlock.objects.create(venue=venue, name_hi="टैगोर भवन", name_en="Tagore Hall")
    room = Room.objects.create(block=block, number="12", beds=2)
    bed = Bed.objects.create(room=room, number=1)
    other_bed = Bed.objects.create(room=room, number=2)
    stay = Stay.objects.create(nomination=nomination, batch=trained["batch"], bed=other_bed)
    RoomMove.objects.create(
        stay=stay, from_bed=other_bed, to_bed=bed, reason="गीता जी को नीचे का बिस्तर"
    )
    stay.bed = bed
    stay.save()
    RoomNeed.objects.create(
        person=trained["person"], accessible_room=True, note="व्हीलचेयर का उपयोग करती हैं"
    )
    Travel.objects.create(
        nomination=nomination,
        mode=TravelMode.BUS,
        travel_class=TravelClass.ORDINARY,
        distance_km=D("82.0"),
    )
    table = RateTable.objects.create(name_en="TA/DA rates (test)", valid_from=TODAY)
    claim = Claim.objects.create(
        nomination=nomination,
        rate_table=table,
        mode=TravelMode.BUS,
        travel_class=TravelClass.ORDINARY,
        category=ClaimantCategory.ELECTED,
        city_class=CityClass.Y,
        distance_km=D("82.0"),
        outward_on=trained["batch"].start_date,
        return_on=trained["batch"].start_date + datetime.timedelta(days=2),
        km_rate=D("1.50"),
        daily_rate=D("300.00"),
        days=3,
        travel_amount=D("246.00"),
        daily_amount=D("900.00"),
        total=D("1146.00"),
        status=ClaimStatus.PAID,
    )
    claim.ticket.save("ticket.jpg", ContentFile(JPEG))
    BankAccount.objects.create(
        person=trained["person"],
        holder_name="गीता पाल",
        account_number=ACCOUNT_NUMBER,
        ifsc="SBIN0001234",
        bank_name="State Bank of India",
    )
    return {"plan": plan, "commitment": commitment, "answer": answer, "claim": claim}


def _stored(name: str) -> bool:
    return bool(name) and default_storage.exists(name)


def _left_office(person, days_ago: int) -> None:
    Person.objects.filter(pk=person.pk).update(
        left_office_on=TODAY - datetime.timedelta(days=days_ago),
        left_office_why=LeftOffice.TERM_ENDED,
    )


# --- The own-data download -------------------------------------------------------------


def test_the_json_holds_plans_checkins_consent_rooms_travel_claims_and_a_masked_account(
    client, personas, after_training
):
    client.force_login(personas.participant)
    response = client.get("/privacy/mine/data.json")
    assert response.status_code == 200
    text = response.content.decode()
    data = json.loads(text)

    [plan] = data["action_plans"]
    assert plan["voice_note"]["name"].startswith("plan") and plan["voice_note"]["bytes"] == 204
    [commitment] = plan["commitments"]
    assert (commitment["what"], commitment["theme"], commitment["status"]) == (
        "गाँव में सोख्ता गड्ढे बनवाना",
        "water_sufficient",
        "done",
    )
    [checkin] = plan["checkins"]
    assert checkin["days_after_batch"] == 30
    [answer] = checkin["answers"]
    assert answer["comment"] == "ग्राम सभा ने मदद की, गीता"
    assert answer["photo"]["bytes"] == 304 and answer["voice_note"]["bytes"] == 204
    assert "\\u00ff" not in text and "ÿØÿ" not in text  # listed, never embedded
    [consent] = data["consents"]
    assert consent["commitment"] == 1 and consent["recorded_on"]

    [stay] = data["stays"]
    assert (stay["hostel_block_en"], stay["room"], stay["bed"]) == ("Tagore Hall", "12", 1)
    assert data["room_need"] == {
        "accessible_room": True,
        "note": "व्हीलचेयर का उपयोग करती हैं",
        "updated_at": data["room_need"]["updated_at"],
    }
    assert data["travel"][0]["distance_km"] == "82.0"
    [claim] = data["claims"]
    assert (claim["status"], claim["total"], claim["travel_amount"]) == (
        "paid",
        "1146.00",
        "246.00",
    )
    assert claim["ticket_photo"]["bytes"] == 304
    assert any("164.0" in rule for rule in claim["rules"])  # 2 × 82 km, the rule written out

    # The bank account: the last four digits only, here and in the audit trail.
    account = data["bank_account"]
    assert account["account_number_last_digits"] == "••••••••9012"
    assert account["ifsc"] == "SBIN0001234"
    assert ACCOUNT_NUMBER not in text and "12345678" not in text and "123456" not in text
    records = {entry["record"] for entry in data["audit"]}
    assert {"actionplan", "commitment", "claim", "bankaccount", "roomneed"} <= records


def test_the_pdf_reads_back_with_the_new_sections(client, personas, after_training, tmp_path):
    require_or_skip(bool(shutil.which("pdftotext")), "pdftotext (poppler-utils) is not installed")
    client.force_login(personas.participant)
    response = client.get("/privacy/mine/data.pdf")
    assert response.status_code == 200
    path = tmp_path / "mine.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    for expected in (
        "Action plans and check-ins",
        "Consent to share your good practice",
        "Travel and TA/DA claims",
        "Bank account",
        "Tagore Hall",
        "SBIN0001234",
        "9012",
        "1146.00",
        "State Bank of India",
    ):
        assert expected in text, expected
    assert ACCOUNT_NUMBER not in text and "12345678" not in text
    flat = "".join(text.split())
    assert "बैंकखाता" in flat and "टैगोरभवन" in flat  # the Hindi beside the English


def test_another_participant_downloads_none_of_it(client, personas, after_training):
    from sashakt.test import person_make, user_make  # noqa: PLC0415

    other = person_make(name="कमला देवी", name_alt="Kamla Devi", mobile="9415000077")
    user = user_make("other-participant", "participant", person=other)
    client.force_login(user)
    data = json.loads(client.get("/privacy/mine/data.json").content)
    assert data["action_plans"] == [] and data["claims"] == [] and data["stays"] == []
    assert data["bank_account"] is None and data["room_need"] is None
    assert "9012" not in json.dumps(data)
    for role in ("state", "dpro_kanpur", "iitk"):
        client.force_login(personas.all_users()[role])
        assert client.get("/privacy/mine/data.json").status_code == 403


# --- Erasure after the retention period ------------------------------------------------


def test_erasure_deletes_the_files_blanks_the_words_and_keeps_the_amounts(
    client, personas, trained, after_training, settings
):
    settings.PRIVACY_RETENTION_DAYS = {**settings.PRIVACY_RETENTION_DAYS, "person": 90}
    plan, answer, claim = after_training["plan"], after_training["answer"], after_training["claim"]
    files = [plan.voice_note.name, answer.voice_note.name, answer.photo.name, claim.ticket.name]
    assert all(_stored(name) for name in files)
    media_root = Path(settings.MEDIA_ROOT)
    assert all((media_root / name).is_file() for name in files)

    # Before: the case study shows her name and photo to any signed-in user.
    client.force_login(personas.trainer)
    page = client.get("/followup/case-studies/").content.decode()
    assert "गीता पाल" in page and f"/{answer.pk}/" in page
    assert client.get(f"/followup/case-studies/photo/{answer.pk}/").status_code == 200

    story = f'id="story-{after_training["commitment"].pk}"'
    client.force_login(personas.state)
    assert story in client.get("/followup/stories/").content.decode()
    client.force_login(personas.trainer)

    _left_office(trained["person"], 200)
    result = retention_enforce()
    assert result["people_erased"] == 1

    # The files are gone from storage, and the rows no longer name them.
    assert not any(_stored(name) for name in files)
    assert not any((media_root / name).exists() for name in files)
    plan.refresh_from_db()
    answer.refresh_from_db()
    claim.refresh_from_db()
    assert (plan.voice_note.name, answer.voice_note.name, answer.photo.name) == ("", "", "")
    assert answer.comment == "" and answer.status == "done"
    commitment = Commitment.objects.get(pk=after_training["commitment"].pk)
    assert (commitment.what, commitment.for_whom, commitment.consent_at) == ("", "", None)
    assert (commitment.theme, commitment.status) == ("water_sufficient", "done")  # counts stay true
    assert commitment.good_practice_at is not None

    # Logistics: no bank account, no ticket, no room need; every amount and the status stay.
    assert not BankAccount.objects.filter(person=trained["person"]).exists()
    assert claim.ticket.name == ""
    assert (claim.total, claim.travel_amount, claim.daily_amount, claim.status) == (
        D("1146.00"),
        D("246.00"),
        D("900.00"),
        "paid",
    )
    # The declared room need goes whole (a disability on a record district and designation
    # can still single out).
    assert not RoomNeed.objects.filter(person=trained["person"]).exists()
    assert RoomMove.objects.get(stay__nomination=trained["nomination"]).reason == ERASED

    # The audit trail keeps its entries, without the erased values.
    erased_values = (
        "गीता",
        "सोख्ता",
        "रामपुर",
        "व्हीलचेयर",
        "ग्राम सभा ने",
        "9012",
        "SBIN0001234",
        "State Bank",
        "claims/",
    )
    entries = LogEntry.objects.filter(
        content_type__model__in=[
            "actionplan",
            "commitment",
            "checkin",
            "checkinanswer",
            "claim",
            "bankaccount",
            "roomneed",
            "roommove",
            "travel",
            "stay",
        ]
    )
    assert entries.filter(content_type__model="bankaccount").count() >= 2  # made and deleted
    assert entries.filter(content_type__model="roomneed").count() >= 2
    for entry in entries:
        text = f"{entry.changes} {entry.changes_text} {entry.object_repr} {entry.additional_data}"
        for value in erased_values:
            assert value not in text, (entry.content_type.model, value)

    # After: the case study is gone, and its photo address answers 404.
    page = client.get("/followup/case-studies/").content.decode()
    assert "गीता" not in page and f"/{answer.pk}/" not in page
    assert 'data-testid="no-case-studies"' in page
    assert client.get(f"/followup/case-studies/photo/{answer.pk}/").status_code == 404
    # Nor is it among the state cell's stories: no name, words or evidence are left to tell.
    client.force_login(personas.state)
    assert story not in client.get("/followup/stories/").content.decode()


def test_the_schedule_deletes_settled_tickets_and_old_checkin_files_only(
    personas, trained, after_training, settings
):
    settings.PRIVACY_RETENTION_DAYS = {
        **settings.PRIVACY_RETENTION_DAYS,
        "claim_ticket": 30,
        "followup_media": 60,
    }
    plan, answer, claim = after_training["plan"], after_training["answer"], after_training["claim"]
    # Nothing is past its period yet: nothing goes (the person is in office).
    assert retention_enforce()["claim_tickets_deleted"] == 0
    assert _stored(claim.ticket.name) and _stored(answer.photo.name)

    long_ago = timezone.now() - datetime.timedelta(days=100)
    Claim.objects.filter(pk=claim.pk).update(updated_at=long_ago)
    CheckIn.objects.filter(pk=answer.checkin_id).update(created_at=long_ago)
    ActionPlan.objects.filter(pk=plan.pk).update(created_at=long_ago)
    ticket, photo, voice, plan_voice = (
        claim.ticket.name,
        answer.photo.name,
        answer.voice_note.name,
        plan.voice_note.name,
    )
    result = retention_enforce()
    assert result["claim_tickets_deleted"] == 1
    assert result["followup_files_deleted"] == 2  # the answer's files, the plan's voice note
    assert not _stored(ticket) and not _stored(voice) and not _stored(plan_voice)
    # The consented good practice keeps its photo while the consent stands.
    assert _stored(photo)
    claim.refresh_from_db()
    assert claim.ticket.name == "" and claim.total == D("1146.00")

    # Consent withdrawn: the photo is past its period too and goes on the next run.
    Commitment.objects.filter(pk=after_training["commitment"].pk).update(consent_at=None)
    assert retention_enforce()["followup_files_deleted"] == 1
    assert not _stored(photo)
    answer.refresh_from_db()
    assert answer.photo.name == "" and answer.comment  # only the files go; the words stay


def test_the_command_reports_the_new_counts(personas, trained, after_training):
    call_command("enforce_retention")
    from sashakt.core.models import Job  # noqa: PLC0415

    job = Job.objects.get(kind="privacy.retention_enforce")
    assert {"claim_tickets_deleted", "followup_files_deleted"} <= set(job.result)


def test_the_notice_names_what_the_followup_and_logistics_hold(hindi_client, settings):
    settings.PRIVACY_RETENTION_DAYS = {
        **settings.PRIVACY_RETENTION_DAYS,
        "claim_ticket": 365,
        "followup_media": 730,
    }
    page = hindi_client.get("/privacy/").content.decode()
    for testid in ("notice-after-training", "notice-bank", "notice-file-retention"):
        assert f'data-testid="{testid}"' in page
    assert "365" in page and "730" in page
    assert "टीए/डीए" in page and "बैंक खाता" in page and "सरकारी लेखा नियमों" in page


def test_my_data_page_says_the_download_holds_the_plan_claims_and_masked_account(
    hindi_client, personas
):
    hindi_client.force_login(personas.participant)
    page = hindi_client.get("/privacy/mine/").content.decode()
    assert "कार्य योजना" in page and "टीए/डीए दावे" in page and "अंतिम चार अंक" in page
