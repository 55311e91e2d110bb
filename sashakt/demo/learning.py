"""Demo learning and reaction data: IIT Kanpur's question bank, pre- and post-tests of the
completed batches with a realistic gain, declared education, and feedback on the faces, so
the results and feedback pages show living numbers. The coming batch 4 gets a pre-test that
opens on its first morning. Loading twice changes nothing (everything is keyed and skipped
when present); numbers come from a seeded generator, so every load gives the same pilot.
"""

import datetime
import random

from django.utils import timezone

from sashakt.assessments.models import (
    Answer,
    Assessment,
    AssessmentKind,
    Attempt,
    Education,
    EducationLevel,
    Option,
    Question,
    QuestionKind,
)
from sashakt.assessments.scoring import attempt_score
from sashakt.feedback.models import Applies, FeedbackItem, FeedbackResponse, Rating
from sashakt.nominations.models import NominationStatus
from sashakt.programmes.models import Batch, BatchStatus, Programme
from sashakt.programmes.services import timetable_generate

# Per module (by order): (Hindi, English, [(option hi, option en, correct)]).
BANK = {
    1: [
        (
            "एक अच्छा नेता निर्णय लेने से पहले क्या करता है?",
            "What does a good leader do before deciding?",
            [
                ("सबकी बात सुनता है", "Listens to everyone", True),
                ("अकेले तय करता है", "Decides alone", False),
                ("निर्णय टालता है", "Puts it off", False),
            ],
        ),
        (
            "टीम के काम की प्राथमिकता कैसे तय करें?",
            "How should a team's priorities be set?",
            [
                ("जनता की ज़रूरत के अनुसार", "By what people need", True),
                ("जो आसान हो", "Whatever is easy", False),
                ("जो पिछले साल हुआ", "As last year", False),
            ],
        ),
    ],
    2: [
        (
            "क्षेत्र पंचायत की बैठक का कोरम किस नियम से तय होता है?",
            "Which law sets the quorum of a Kshetra Panchayat meeting?",
            [
                (
                    "उ.प्र. क्षेत्र पंचायत तथा ज़िला पंचायत अधिनियम, 1961",
                    "UP Kshetra and Zila Panchayat Act, 1961",
                    True,
                ),
                ("मोटर वाहन अधिनियम", "Motor Vehicles Act", False),
                ("कोई नियम नहीं", "No rule", False),
            ],
        ),
    ],
    3: [
        (
            "किसी कार्य की प्रगति किससे जाँचते हैं?",
            "How is a works project's progress checked?",
            [
                ("माप पुस्तिका और स्थल निरीक्षण", "Measurement book and site visits", True),
                ("केवल ठेकेदार से पूछकर", "Only by asking the contractor", False),
                ("जाँच ज़रूरी नहीं", "It need not be checked", False),
            ],
        ),
        (
            "परियोजना बजट में कौन-सी बातें होती हैं?",
            "What belongs in a project budget?",
            [
                ("सामग्री", "Materials", True),
                ("मज़दूरी", "Wages", True),
                ("नेता का उपहार", "A gift for the leader", False),
            ],
        ),
    ],
    4: [
        (
            "पंचायत उन्नति सूचकांक (PAI) क्या मापता है?",
            "What does the Panchayat Advancement Index (PAI) measure?",
            [
                ("पंचायत की प्रगति", "A panchayat's progress", True),
                ("बारिश", "Rainfall", False),
                ("जनसंख्या ही", "Only population", False),
            ],
        ),
    ],
    5: [
        (
            "ई-ग्राम स्वराज पोर्टल किस काम आता है?",
            "What is the eGramSwaraj portal for?",
            [
                ("योजना, लेखा और भुगतान", "Planning, accounts and payments", True),
                ("फ़िल्में देखना", "Watching films", False),
                ("केवल मौसम", "Only the weather", False),
            ],
        ),
    ],
    6: [
        (
            "ग्राम सभा की बैठक वर्ष में कम से कम कितनी बार होनी चाहिए?",
            "At least how often must the Gram Sabha meet in a year?",
            [
                ("दो बार", "Twice", True),
                ("कभी नहीं", "Never", False),
                ("दस साल में एक बार", "Once in ten years", False),
            ],
        ),
        (
            "ग्राम सभा में लोगों को कैसे बुलाएँ?",
            "How should people be called to the Gram Sabha?",
            [
                ("मुनादी", "Public announcement", True),
                ("दीवार पर सूचना", "Notice on the wall", True),
                ("किसी को न बताएँ", "Tell nobody", False),
            ],
        ),
    ],
}
SHORT_QUESTION = (
    "अपनी पंचायत के लिए इस प्रशिक्षण से एक काम लिखिए जो आप करेंगे।",
    "Write one thing from this training you will do for your Panchayat.",
)
COMMENTS = [
    "उदाहरण बहुत उपयोगी थे।",
    "समय कम था, और अभ्यास चाहिए।",
    "ई-ग्राम स्वराज का प्रदर्शन अच्छा लगा।",
    "क्षेत्र भ्रमण सबसे अच्छा हिस्सा था।",
    "हिंदी में सामग्री मिले तो अच्छा।",
    "भोजन और रहने की व्यवस्था अच्छी थी।",
]
# The declared education of UP's Pradhans of 2015 (SEC): 9.6% none, 40% primary, 13% junior
# high, 12% high school, 12% intermediate, 14% graduate.
EDUCATION_WEIGHTS = [
    (Education.NONE, 10),
    (Education.PRIMARY, 40),
    (Education.JUNIOR, 13),
    (Education.HIGH, 12),
    (Education.INTERMEDIATE, 11),
    (Education.GRADUATE, 14),
]
ABILITY = {  # chance of a right answer before the training, by education
    Education.NONE: 0.3,
    Education.PRIMARY: 0.38,
    Education.JUNIOR: 0.45,
    Education.HIGH: 0.5,
    Education.INTERMEDIATE: 0.55,
    Education.GRADUATE: 0.62,
}


def _bank_load(programme: Programme) -> None:
    for module in programme.modules.all():
        if module.questions.exists():
            continue
        for order, (text_hi, text_en, options) in enumerate(BANK.get(module.order, []), start=1):
            correct = sum(1 for *_texts, right in options if right)
            question = Question.objects.create(
                module=module,
                kind=QuestionKind.MULTIPLE if correct > 1 else QuestionKind.SINGLE,
                text_hi=text_hi,
                text_en=text_en,
                order=order,
            )
            Option.objects.bulk_create(
                Option(question=question, text_hi=hi, text_en=en, is_correct=right, order=n)
                for n, (hi, en, right) in enumerate(options, start=1)
            )
        if module.order == 1:
            Question.objects.create(
                module=module,
                kind=QuestionKind.SHORT,
                text_hi=SHORT_QUESTION[0],
                text_en=SHORT_QUESTION[1],
                order=9,
            )


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _attempt(assessment, nomination, questions, chance, rng, *, assisted, helper):
    started = assessment.opens_at + datetime.timedelta(minutes=rng.randint(0, 40))
    order = [q.pk for q in questions]
    rng.shuffle(order)
    attempt = Attempt.objects.create(
        assessment=assessment,
        nomination=nomination,
        started_at=started,
        submitted_at=started + datetime.timedelta(minutes=rng.randint(12, 25)),
        question_order=order,
        option_order={str(q.pk): [o.pk for o in q.options.all()] for q in questions},
        assisted=assisted,
        recorded_by=helper if assisted else None,
    )
    answers = []
    for question in questions:
        right = rng.random() < chance
        options = list(question.options.all())
        if question.kind == QuestionKind.SHORT:
            answers.append(
                Answer(
                    attempt=attempt,
                    question=question,
                    text="ग्राम सभा नियमित करूँगा",
                    marks=1.0 if right else 0.5,
                )
            )
            continue
        correct = [o.pk for o in options if o.is_correct]
        chosen = correct if right else [rng.choice([o.pk for o in options if not o.is_correct])]
        answers.append(Answer(attempt=attempt, question=question, option_ids=chosen))
    Answer.objects.bulk_create(answers)
    attempt_score(attempt)
    attempt.save()


def _tests_load(batch: Batch, rng: random.Random, helper) -> None:
    questions = list(
        Question.objects.filter(module__programme=batch.programme, active=True).prefetch_related(
            "options"
        )
    )
    if not questions:
        return
    pre, _created = Assessment.objects.get_or_create(
        batch=batch,
        kind=AssessmentKind.PRE,
        defaults={
            "opens_at": _at(batch.start_date, 9),
            "closes_at": _at(batch.start_date, 11),
            "time_limit_minutes": 30,
        },
    )
    post, _created = Assessment.objects.get_or_create(
        batch=batch,
        kind=AssessmentKind.POST,
        defaults={
            "opens_at": _at(batch.end_date, 14),
            "closes_at": _at(batch.end_date, 17),
            "time_limit_minutes": 30,
        },
    )
    for nomination in batch.nominations.filter(status=NominationStatus.ATTENDED).order_by("pk"):
        if Attempt.objects.filter(nomination=nomination).exists():
            continue
        level = rng.choices(*zip(*EDUCATION_WEIGHTS, strict=True))[0]
        EducationLevel.objects.get_or_create(person=nomination.person, defaults={"level": level})
        before = ABILITY[level] + rng.uniform(-0.08, 0.08)
        after = min(0.95, before + 0.25 + rng.uniform(-0.1, 0.1))
        assisted = level == Education.NONE
        _attempt(pre, nomination, questions, before, rng, assisted=assisted, helper=helper)
        _attempt(post, nomination, questions, after, rng, assisted=assisted, helper=helper)


def _feedback_load(batch: Batch, rng: random.Random) -> None:
    session_items = list(FeedbackItem.objects.filter(applies_to=Applies.SESSION))
    batch_items = list(FeedbackItem.objects.filter(applies_to=Applies.BATCH))
    people = list(batch.nominations.filter(status=NominationStatus.ATTENDED))
    for target, items in [(None, batch_items), *[(s, session_items) for s in batch.sessions.all()]]:
        for nomination in people:
            exists = FeedbackResponse.objects.filter(nomination=nomination, session=target)
            if target is None:
                exists = exists.filter(batch=batch)
            if exists.exists():
                continue
            response = FeedbackResponse.objects.create(
                batch=batch,
                session=target,
                nomination=nomination,
                comment=rng.choice(COMMENTS) if rng.random() < 0.3 else "",
            )
            # Given on the day, as it would have been (trainers read only what came in
            # before the batch's feedback closed).
            day = target.date if target is not None else batch.end_date
            FeedbackResponse.objects.filter(pk=response.pk).update(
                created_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(17)))
            )
            Rating.objects.bulk_create(
                Rating(
                    response=response,
                    item=item,
                    value=max(
                        1,
                        min(5, round(rng.gauss(4.0 if item.code != "arrangements" else 3.4, 0.8))),
                    ),
                )
                for item in items
            )


def learning_load(*, state_user, coordinator, trainer) -> None:
    rng = random.Random(2025)
    for programme in Programme.objects.filter(mou__institute=coordinator.institute):
        _bank_load(programme)
        for batch in programme.batches.order_by("start_date"):
            if batch.status == BatchStatus.COMPLETED:
                if not batch.sessions.exists():
                    timetable_generate(user=state_user, batch=batch)
                if not batch.sessions.exclude(trainer=None).exists():
                    # The demo trainer took the first two sessions of each completed batch.
                    for session in batch.sessions.order_by("date", "starts_at")[:2]:
                        session.trainer = trainer
                        session.save(update_fields=["trainer"])
                _tests_load(batch, rng, coordinator)
                _feedback_load(batch, rng)
            elif (
                batch.status == BatchStatus.OPEN
                and batch.nominations.filter(
                    status__in=(NominationStatus.APPROVED, NominationStatus.CONFIRMED)
                ).exists()
            ):
                Assessment.objects.get_or_create(
                    batch=batch,
                    kind=AssessmentKind.PRE,
                    defaults={
                        "opens_at": _at(batch.start_date, 9),
                        "closes_at": _at(batch.start_date, 11),
                        "time_limit_minutes": 30,
                    },
                )
