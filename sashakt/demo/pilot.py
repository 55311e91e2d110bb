"""The seeds' pilot as demo data: IIT Kanpur's MoU of July 2025 (about 250 people, phased
batches from 26 August 2025) and IIM Lucknow's (five-day batches), with programmes, modules,
a day-by-day template, batches and some nominations. Loading twice changes nothing.

Dates are relative to today: written as they were on DEMO_WRITTEN_ON, every date moves on by
the whole weeks since (rounded up), so the demo always has batches behind it and batches
about to begin, keeps their weekdays, and never holds a record of something that has not
happened yet. Batch statuses are set through `programmes.services.batch_set_status`, whose
time rules they therefore obey, and every nomination is made, approved, confirmed, declined
or rejected through the nominations services (see `_seat`).
"""

import datetime
from collections import Counter
from collections.abc import Iterable

from auditlog.context import set_actor
from django.contrib.auth import get_user_model
from django.utils import timezone

from sashakt.core.roles import Role
from sashakt.core.users import User
from sashakt.geography.models import District
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.nominations.services import (
    district_quota,
    nomination_approve,
    nomination_confirm,
    nomination_create,
    nomination_decline,
    nomination_reject,
)
from sashakt.people.models import Designation, Person
from sashakt.programmes.models import (
    Batch,
    BatchStatus,
    Institute,
    Module,
    MoU,
    MoUTarget,
    Programme,
    SessionMethod,
    TemplateSession,
    Venue,
)
from sashakt.programmes.services import (
    batch_set_status,
    district_quota_set,
    timetable_generate,
)

DEMO_WRITTEN_ON = datetime.date(2026, 12, 6)
# The statuses a new batch walks through to reach each one (the services' own transitions).
_WALK = [BatchStatus.OPEN, BatchStatus.LOCKED, BatchStatus.RUNNING, BatchStatus.COMPLETED]


def demo_shift() -> datetime.timedelta:
    """Whole weeks from the day the demo's dates were written to today, rounded up."""
    days = (timezone.localdate() - DEMO_WRITTEN_ON).days
    return datetime.timedelta(days=-(-days // 7) * 7)


def D(year: int, month: int, day: int) -> datetime.date:  # noqa: N802  (reads like a date)
    """A date of the demo as written on DEMO_WRITTEN_ON, moved on to today."""
    return datetime.date(year, month, day) + demo_shift()


IITK_MODULES = [
    (
        "नेतृत्व विकास",
        "Leadership development",
        "Lead a panchayat team; set priorities; communicate decisions.",
        "पंचायत की टीम का नेतृत्व करना; प्राथमिकताएँ तय करना; निर्णय साफ़ बताना।",
    ),
    (
        "नीतिगत निर्णय",
        "Policy decisions",
        "Weigh options with evidence; understand the rules that bind a Zila or Kshetra Panchayat.",
        "प्रमाण के आधार पर विकल्प परखना; ज़िला या क्षेत्र पंचायत पर लागू नियम समझना।",
    ),
    (
        "परियोजना प्रबंधन",
        "Project management",
        "Plan, budget and track a works project from sanction to completion.",
        "किसी निर्माण कार्य की स्वीकृति से पूरा होने तक योजना, बजट और निगरानी।",
    ),
    (
        "डेटा विश्लेषण",
        "Data analysis",
        "Read panchayat dashboards (eGramSwaraj, PAI) and use data in the GPDP.",
        "पंचायत डैशबोर्ड (ई-ग्रामस्वराज, PAI) पढ़ना और GPDP में आँकड़ों का उपयोग।",
    ),
    (
        "डिजिटल गवर्नेंस",
        "Digital governance",
        "Online services, e-office and payments that reach the last village.",
        "ऑनलाइन सेवाएँ, ई-ऑफ़िस और भुगतान जो अंतिम गाँव तक पहुँचें।",
    ),
    (
        "जन सहभागिता",
        "Public participation",
        "Gram sabha and ward meetings that people attend and trust.",
        "ऐसी ग्राम सभा और वार्ड बैठकें जिनमें लोग आएँ और भरोसा करें।",
    ),
]
IIML_MODULES = [
    (
        "नेतृत्व एवं पारदर्शिता",
        "Leadership and transparency",
        "Open decisions, grievance redress and accountability to voters.",
        "खुले निर्णय, शिकायत निवारण और मतदाताओं के प्रति जवाबदेही।",
    ),
    (
        "वित्तीय प्रबंधन",
        "Financial management",
        "Own-source revenue, Finance Commission grants, accounts and audit.",
        "अपनी आय, वित्त आयोग अनुदान, लेखा और ऑडिट।",
    ),
    (
        "शासन में कृत्रिम बुद्धिमत्ता",
        "AI in governance",
        "What AI tools can and cannot do for a panchayat; data privacy.",
        "AI उपकरण पंचायत के लिए क्या कर सकते हैं और क्या नहीं; डेटा की निजता।",
    ),
    (
        "योजनाओं का क्रियान्वयन",
        "Implementing schemes",
        "From scheme guidelines to results on the ground.",
        "योजना के दिशानिर्देशों से ज़मीनी परिणामों तक।",
    ),
]
IIML_ELIGIBLE = [
    Designation.KP_PRAMUKH,
    Designation.ZP_MEMBER,
    Designation.ZP_ADHYAKSH,
    Designation.PRADHAN,
]
METHODS = [
    SessionMethod.LECTURE,
    SessionMethod.CASE_STUDY,
    SessionMethod.EXERCISE,
    SessionMethod.GROUP_WORK,
]


def _programme(institute, *, mou_values, targets, programme_values, modules, venue_values):
    mou, _created = MoU.objects.get_or_create(
        institute=institute, title_en=mou_values.pop("title_en"), defaults=mou_values
    )
    for designation, people in targets.items():
        MoUTarget.objects.get_or_create(
            mou=mou, designation=designation, defaults={"people": people}
        )
    programme, _created = Programme.objects.get_or_create(
        mou=mou, title_en=programme_values.pop("title_en"), defaults=programme_values
    )
    for order, (title_hi, title_en, objectives_en, objectives_hi) in enumerate(modules, start=1):
        module, created = Module.objects.get_or_create(
            programme=programme,
            order=order,
            defaults={"title_hi": title_hi, "title_en": title_en},
        )
        # Filled on every load, so a database loaded before the Hindi fields existed gets them.
        Module.objects.filter(pk=module.pk).update(
            objectives_en=objectives_en, objectives_hi=objectives_hi
        )
        if created:
            # Two sessions a module, spread over the programme's days.
            for slot in range(2):
                index = (order - 1) * 2 + slot
                TemplateSession.objects.create(
                    module=module,
                    day=index % programme.days + 1,
                    starts_at=datetime.time(10 + (index // programme.days) * 2, 0),
                    minutes=90,
                    title_en=f"{title_en} — {'I' * (slot + 1)}",
                    title_hi=f"{title_hi} — {'I' * (slot + 1)}",
                    method=METHODS[index % len(METHODS)],
                )
    venue, _created = Venue.objects.get_or_create(
        institute=institute, name_en=venue_values.pop("name_en"), defaults=venue_values
    )
    return programme, venue


def _walk(batch, status, *, by) -> None:
    """Walk `batch` on to `status` through the services, from wherever it stands (a batch
    already there or beyond is left as it is)."""
    order = [BatchStatus.PLANNED, *_WALK]
    batch.refresh_from_db(fields=["status"])
    if batch.status not in order or status not in order:
        return
    for step in order[order.index(batch.status) + 1 : order.index(status) + 1]:
        batch_set_status(user=by, batch=batch, status=step)


def _batch(programme, venue, number, start, status, capacity=50, *, by):
    batch, created = Batch.objects.get_or_create(
        programme=programme,
        number=number,
        defaults={
            "venue": venue,
            "start_date": start,
            "end_date": start + datetime.timedelta(days=programme.days - 1),
            "capacity": capacity,
            "status": BatchStatus.PLANNED,
            "published": True,
        },
    )
    if created:
        _walk(batch, status, by=by)
    return batch


def _quotas_for(batch, people, *, by) -> None:
    """Where more of a district's people are seated in `batch` than its quota allows, the
    state cell raises that district's quota for the batch (through the service) first."""
    counts = Counter(person.district_id for person in people)
    for district_id, count in counts.items():
        quota = district_quota(batch, district_id)
        if quota is not None and count > quota:
            district = District.objects.get(pk=district_id)
            district_quota_set(user=by, batch=batch, district=district, seats=count)


def _nominator(person, state_user):
    """Who nominates `person` in the pilot: their district officer, else the state cell."""
    return (
        get_user_model()
        .objects.filter(role=Role.DISTRICT, district_id=person.district_id, is_active=True)
        .order_by("pk")
        .first()
        or state_user
    )


def _seat(  # type: ignore[no-untyped-def]  # untyped, as the older helpers
    batch, person, status, *, by, reason="", programme=None, unavailable_weeks=()
) -> Nomination:
    """A nomination as it stands in the pilot, made through the nominations services as the
    people concerned would have made it: nominated (by the person's district officer), then
    approved, rejected, confirmed or declined by the state cell. Idempotent by programme and
    person. `batch` None: nominated for `programme`'s "any batch"."""
    programme = batch.programme if batch is not None else programme
    existing = Nomination.objects.filter(programme=programme, person=person).first()
    if existing:
        return existing
    nominator = _nominator(person, by)
    with set_actor(nominator):
        nomination = nomination_create(
            user=nominator,
            person=person,
            programme=programme,
            batch=batch,
            unavailable_weeks=list(unavailable_weeks),
        )
    with set_actor(by):
        if status == NominationStatus.NOMINATED:
            return nomination
        if status == NominationStatus.REJECTED:
            return nomination_reject(user=by, nomination=nomination, reason=reason)
        nomination = nomination_approve(user=by, nomination=nomination)
        if status == NominationStatus.DECLINED:
            return nomination_decline(user=by, nomination=nomination, reason=reason)
        if status == NominationStatus.CONFIRMED:
            return nomination_confirm(user=by, nomination=nomination)
    if nomination.status != status:
        raise RuntimeError(f"demo nomination of {person} is {nomination.status}, not {status}")
    return nomination


def _pradhans_seat(batches: list[Batch], people: Iterable[Person], *, by: User) -> None:
    """Each demo district's first Pradhans (with their gram panchayat) in IIM Lucknow's past
    batches, one a district in each batch, the last Pradhan of each district left untrained
    (the outcome report's comparison group); then each batch is run (its attendance is typed
    in by `demo.attendance`). A batch nobody sits in (no gram panchayats loaded) is simply
    completed."""
    by_district: dict[int, list[Person]] = {}
    for person in people:
        if person.designation == Designation.PRADHAN and person.gram_panchayat_id:
            by_district.setdefault(person.district_id, []).append(person)
    for index, batch in enumerate(batches):
        seated = [p[index] for p in by_district.values() if len(p) > index + 1]
        _quotas_for(batch, seated, by=by)
        for person in seated:
            _seat(batch, person, NominationStatus.CONFIRMED, by=by)
        has_people = batch.nominations.filter(status=NominationStatus.CONFIRMED).exists()
        _walk(batch, BatchStatus.RUNNING if has_people else BatchStatus.COMPLETED, by=by)


def pilot_load(institutes: dict[str, Institute], state_user, participant: Person) -> int:
    """Create the pilot; return how many nominations exist afterwards."""
    iitk_programme, iitk_venue = _programme(
        institutes["IIT Kanpur"],
        mou_values={
            "title_en": "Leadership and capacity development of Zila and Kshetra Panchayat "
            "representatives and officers",
            "title_hi": "ज़िला एवं क्षेत्र पंचायत के प्रतिनिधियों एवं अधिकारियों का नेतृत्व एवं क्षमता विकास",
            "signed_on": D(2025, 7, 15),
            "valid_from": D(2025, 7, 15),
            "valid_until": D(2027, 7, 14),
            "target_people": 250,
            "focus_areas_hi": "नेतृत्व विकास, नीतिगत निर्णय, परियोजना प्रबंधन, डेटा विश्लेषण, "
            "तकनीकी हस्तक्षेप, डिजिटल गवर्नेंस, जन सहभागिता",
            "focus_areas_en": "Leadership development, policy decisions, project management, "
            "data analysis, technical interventions, digital governance, public participation",
            "cost_per_participant": 25000,
            "budget": 6250000,
        },
        targets={
            Designation.ZP_ADHYAKSH: 75,
            Designation.KP_PRAMUKH: 125,
            Designation.AMA: 25,
            Designation.BDO: 25,
        },
        programme_values={
            "title_hi": "जिला पंचायत एवं क्षेत्र पंचायत के प्रतिनिधियों एवं अधिकारियों का नेतृत्व एवं क्षमता विकास",
            "title_en": "Leadership and capacity development of Zila and Kshetra Panchayat "
            "representatives and officers",
            "days": 5,
            "eligible_designations": [
                Designation.ZP_ADHYAKSH,
                Designation.KP_PRAMUKH,
                Designation.AMA,
                Designation.DPRO,
                Designation.BDO,
                Designation.ADO_PANCHAYAT,
            ],
            "default_district_quota": 4,
        },
        modules=IITK_MODULES,
        venue_values={
            "name_en": "IIT Kanpur Outreach Centre",
            "name_hi": "आईआईटी कानपुर आउटरीच सेंटर",
            "address_en": "Kalyanpur, Kanpur",
            "address_hi": "कल्याणपुर, कानपुर",
            "latitude": 26.5123,
            "longitude": 80.2329,
            "room_capacity": 50,
            "hostel_capacity": 60,
        },
    )
    iiml_programme, iiml_venue = _programme(
        institutes["IIM Lucknow"],
        mou_values={
            "title_en": "Administrative, financial and technology training of Panchayat "
            "representatives",
            "title_hi": "पंचायत प्रतिनिधियों का प्रशासनिक, वित्तीय एवं तकनीकी प्रशिक्षण",
            "signed_on": D(2025, 9, 18),
            "valid_from": D(2025, 10, 1),
            "valid_until": D(2027, 9, 30),
            "target_people": 300,
            "focus_areas_hi": "नेतृत्व, पारदर्शिता, वित्तीय प्रबंधन, कृत्रिम बुद्धिमत्ता (AI)",
            "focus_areas_en": "Leadership, transparency, financial management, artificial "
            "intelligence (AI)",
        },
        targets={Designation.KP_PRAMUKH: 200, Designation.ZP_MEMBER: 100},
        programme_values={
            "title_hi": "पंचायत प्रतिनिधियों का प्रशासनिक, वित्तीय एवं तकनीकी प्रशिक्षण",
            "title_en": "Administrative, financial and technology training of Panchayat "
            "representatives",
            "days": 5,
            "eligible_designations": IIML_ELIGIBLE,
        },
        modules=IIML_MODULES,
        venue_values={
            "name_en": "IIM Lucknow Management Development Centre",
            "name_hi": "आईआईएम लखनऊ प्रबंधन विकास केंद्र",
            "address_en": "Prabandh Nagar, Off Sitapur Road, Lucknow",
            "address_hi": "प्रबंध नगर, सीतापुर रोड, लखनऊ",
            "latitude": 26.9232,
            "longitude": 80.9446,
            "room_capacity": 45,
            "hostel_capacity": 45,
        },
    )
    # The earlier phases: open while people were nominated and confirmed, then run; their
    # attendance is typed in and each is completed by `demo.attendance` (the services'
    # own path: marks, then the completion rule).
    done = [
        _batch(iitk_programme, iitk_venue, 1, D(2025, 8, 26), BatchStatus.OPEN, by=state_user),
        _batch(iitk_programme, iitk_venue, 2, D(2025, 9, 22), BatchStatus.OPEN, by=state_user),
        _batch(iitk_programme, iitk_venue, 3, D(2025, 11, 10), BatchStatus.OPEN, by=state_user),
    ]
    upcoming = _batch(
        iitk_programme, iitk_venue, 4, D(2026, 12, 8), BatchStatus.OPEN, by=state_user
    )
    _batch(iitk_programme, iitk_venue, 5, D(2027, 1, 19), BatchStatus.OPEN, by=state_user)
    # Filled on every load, so a database loaded before the Pradhans came gets them.
    Programme.objects.filter(pk=iiml_programme.pk).update(eligible_designations=IIML_ELIGIBLE)
    iiml_programme.refresh_from_db(fields=["eligible_designations"])
    # IIM Lucknow's past batches trained Gram Pradhans; they end about 113, 50 and 36 days
    # before the load day (less up to 6 with the week shift), so the follow-up has a 90-day
    # check-in overdue, a 30-day one overdue and a 30-day one due now (see `demo.followup`).
    iiml_done = [
        _batch(iiml_programme, iiml_venue, n, start, BatchStatus.OPEN, 45, by=state_user)
        for n, start in enumerate((D(2026, 8, 11), D(2026, 10, 13), D(2026, 10, 27)), start=1)
    ]
    iiml_open = _batch(
        iiml_programme, iiml_venue, 4, D(2026, 12, 15), BatchStatus.OPEN, 45, by=state_user
    )

    for batch in (upcoming, iiml_open):  # batch 5's timetable is left for the coordinator
        if not batch.sessions.exists():
            timetable_generate(user=state_user, batch=batch)
    # The demo trainer gives batch 4's first sessions; the rest still wait for a trainer.
    trainer = get_user_model().objects.filter(username="trainer.demo").first()
    if trainer and not upcoming.sessions.filter(trainer=trainer).exists():
        first = upcoming.sessions.order_by("date", "starts_at").values_list("pk", flat=True)[:4]
        upcoming.sessions.filter(pk__in=list(first)).update(trainer=trainer)

    people = Person.objects.filter(is_demo=True).order_by("mobile")
    eligible = [p for p in people if iitk_programme.is_eligible(p.designation)]
    # Earlier phases: the first people of the cast attended, spread over the three batches.
    earlier = [p for p in eligible[:24] if p != participant]
    for index, batch in enumerate(done):
        _quotas_for(batch, earlier[index::3], by=state_user)
    for index, person in enumerate(earlier):
        _seat(done[index % 3], person, NominationStatus.CONFIRMED, by=state_user)
    for batch in done:
        _walk(batch, BatchStatus.RUNNING, by=state_user)
    # The open phase: seats offered and confirmed, some awaiting approval.
    later = [p for p in eligible[24:] if p != participant]
    _quotas_for(upcoming, [participant, *later[:10]], by=state_user)
    _seat(upcoming, participant, NominationStatus.APPROVED, by=state_user)
    for person in later[:6]:
        _seat(upcoming, person, NominationStatus.CONFIRMED, by=state_user)
    for person in later[6:10]:
        _seat(upcoming, person, NominationStatus.NOMINATED, by=state_user)
    # Two of Kanpur Nagar's nominations for IIM Lucknow that the district officer follows up:
    # one seat declined (for the state cell to refill), one nomination rejected with its reason.
    kanpur = [
        p
        for p in eligible
        if p.district.lgd_code == 157
        and p != participant
        and iiml_programme.is_eligible(p.designation)
    ]
    if len(kanpur) >= 2:
        _seat(
            iiml_open,
            kanpur[-1],
            NominationStatus.DECLINED,
            by=state_user,
            reason="परिवार में विवाह",
        )
        _seat(
            iiml_open,
            kanpur[-2],
            NominationStatus.REJECTED,
            by=state_user,
            reason="पिछले बैच में प्रशिक्षित",
        )
    _pradhans_seat(iiml_done, people, by=state_user)
    iiml_people = [p for p in later[10:] if iiml_programme.is_eligible(p.designation)]
    for person in iiml_people[:5]:
        _seat(iiml_open, person, NominationStatus.CONFIRMED, by=state_user)
    # Nominated for "any batch" of IIT Kanpur, for the state cell's automatic allocation; some
    # cannot come in the week of batch 4.
    for index, person in enumerate(later[20:34]):
        _seat(
            None,
            person,
            NominationStatus.NOMINATED,
            by=state_user,
            programme=iitk_programme,
            unavailable_weeks=[D(2026, 12, 7)] if index % 3 == 0 else [],
        )
    return Nomination.objects.count()
