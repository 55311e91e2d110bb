"""Small factories for assessment tests: a module with a three-question bank, seated people."""

import datetime

from django.utils import timezone

from sashakt.assessments import services
from sashakt.assessments.models import AssessmentKind, QuestionKind
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.programmes.models import Module
from sashakt.test import batch_make, person_make, programme_make


def bank_make(programme, user, *, title="Leadership"):
    """A module with one single-choice, one multiple-choice and one short-text question."""
    module = Module.objects.create(
        programme=programme, order=programme.modules.count() + 1, title_hi=title, title_en=title
    )
    single = services.question_create(
        user=user,
        module=module,
        kind=QuestionKind.SINGLE,
        text_hi="ग्राम सभा की बैठक वर्ष में कितनी बार होनी चाहिए?",
        text_en="How often must the Gram Sabha meet in a year?",
        options=[
            {"text_hi": "एक बार", "text_en": "Once"},
            {"text_hi": "कम से कम दो बार", "text_en": "At least twice", "is_correct": True},
            {"text_hi": "कभी नहीं", "text_en": "Never"},
        ],
    )
    multiple = services.question_create(
        user=user,
        module=module,
        kind=QuestionKind.MULTIPLE,
        text_hi="पंचायत के धन के स्रोत चुनिए",
        text_en="Choose the sources of Panchayat funds",
        options=[
            {"text_hi": "वित्त आयोग", "text_en": "Finance Commission", "is_correct": True},
            {"text_hi": "अपनी आय", "text_en": "Own revenue", "is_correct": True},
            {"text_hi": "लॉटरी", "text_en": "Lottery"},
        ],
    )
    short = services.question_create(
        user=user,
        module=module,
        kind=QuestionKind.SHORT,
        text_hi="ई-ग्राम स्वराज क्या है?",
        text_en="What is eGramSwaraj?",
        options=[],
    )
    return module, single, multiple, short


def seat(batch, person, number) -> Nomination:
    return Nomination.objects.create(
        programme=batch.programme,
        batch=batch,
        person=person,
        district=person.district,
        designation=person.designation,
        status=NominationStatus.CONFIRMED,
        seat=number,
    )


def batch_with_tests(personas, *, people=3):
    """IIT Kanpur's batch with a bank, open pre- and post-tests and `people` seated people
    (the participant persona holds seat 1)."""
    programme = programme_make(personas.iitk_institute)
    bank = bank_make(programme, personas.iitk)
    batch = batch_make(programme, status="running")
    nominations = [seat(batch, personas.participant.person, 1)]
    for n in range(1, people):
        person = person_make(name=f"व्यक्ति {n}", name_alt=f"Person {n}", mobile=f"98390101{n:02d}")
        nominations.append(seat(batch, person, n + 1))
    now = timezone.now()
    for kind in AssessmentKind.values:
        services.assessment_schedule(
            user=personas.iitk,
            batch=batch,
            kind=kind,
            opens_at=now - datetime.timedelta(hours=1),
            closes_at=now + datetime.timedelta(hours=5),
            time_limit_minutes=None,
        )
    return batch, bank, nominations
