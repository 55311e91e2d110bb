"""A small world for the learning page and the completion report, counted by hand.

IIT Kanpur's batch B1 (two sessions, 26 and 27 August 2025) has five people on the roll:
the personas' Kanpur person, the Lucknow person, and Participants 1–3 (Kanpur Nagar).

Attendance (P = present, L = late, A = absent, – = no mark):
                 session 1 (trainer, module Gram Sabha)   session 2 (trainer 2, module Finance)
  Kanpur person        P                                      P
  Lucknow person       P                                      A
  Participant 1        P                                      L
  Participant 2        P                                      P
  Participant 3        P                                      –
  -> 8 attended of 10 (80.0%); Kanpur Nagar's four: 7 of 8 (87.5%); Lucknow's one: 1 of 2.

Tests (six questions, three a module; marks per question, Gram Sabha | Finance):
  Kanpur person   pre 1 1 1 | 0 0 0 = 3/6 (50%)      post 1 1 1 | 1 1 1 = 6/6 (100%)
  Lucknow person  pre 1 1 0 | 0 0 0 = 2/6 (33.3%)    post 1 1 1 | 1 0 0 = 4/6 (66.7%)
  Participant 1   pre 1 0 0 | 0 0 0 = 1/6 (16.7%)    no post-test
  -> batch: pre (50 + 33.33 + 16.67) / 3 = 33.3, post (100 + 66.67) / 2 = 83.3, gain 50.0,
     Hake's g 50 / 66.67 = 0.75; Gram Sabha pre 6/9 = 66.7, post 6/6 = 100;
     Finance pre 0/9 = 0, post 4/6 = 66.7.
IIM Lucknow's batch B3: Geeta (the participant persona, Kanpur Nagar) pre 2/5 = 40%.

Session feedback (content, trainer, relevance):
  session 1: all five answer; content 1, 2, 3, 4, 5, trainer 5, relevance 4
             -> 5 answers, mean of all ratings (15 + 25 + 20) / 15 = 4.0; content 3.0.
  session 2: Kanpur person, Participants 1 and 2 answer -> 3 answers: no mean shown.
Whole-batch feedback (not session feedback, so in none of the figures by trainer or module):
  all five answer content 4, trainer 4, relevance 5, arrangements 2.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from sashakt.assessments import services as assessments
from sashakt.assessments.models import Answer, AssessmentKind, Attempt
from sashakt.assessments.tests.factories import bank_make
from sashakt.attendance.models import Mark, MarkMethod, MarkStatus
from sashakt.attendance.tests.factories import hall_make
from sashakt.feedback import services as feedback
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.test import batch_make, programme_make, user_make


@dataclass
class LearningWorld:
    batch: object
    sessions: list
    people: list  # nominations in roll order: Kanpur, Lucknow, Participants 1-3
    modules: tuple
    iiml_batch: object
    trainer2: object


def _attempt(assessment, nomination, marks: list[int], questions: list) -> Attempt:
    now = timezone.now()
    attempt = Attempt.objects.create(
        assessment=assessment,
        nomination=nomination,
        started_at=now,
        submitted_at=now,
        question_order=[q.pk for q in questions],
        score=sum(marks),
        max_score=len(questions),
    )
    for question, mark in zip(questions, marks, strict=True):
        Answer.objects.create(attempt=attempt, question=question, marks=mark)
    return attempt


def learning_world_make(personas) -> LearningWorld:
    batch, sessions, people = hall_make(
        personas, people=5, days=2, start=datetime.date(2025, 8, 26)
    )
    programme = batch.programme
    gram_sabha, *gram_sabha_questions = bank_make(programme, personas.iitk, title="Gram Sabha")
    finance, *finance_questions = bank_make(programme, personas.iitk, title="Finance")
    questions = gram_sabha_questions + finance_questions
    trainer2 = user_make("trainer2", "trainer", institute=personas.iitk_institute)
    first, second = sessions
    first.module = gram_sabha
    second.module, second.trainer = finance, trainer2
    first.save()
    second.save()

    statuses = {
        first: ["present"] * 5,
        second: ["present", "absent", "late", "present", None],
    }
    for session, marks in statuses.items():
        for nomination, status in zip(people, marks, strict=True):
            if status:
                Mark.objects.create(
                    nomination=nomination,
                    session=session,
                    status=MarkStatus(status),
                    arrived_at=datetime.time(12, 20) if status == "late" else None,
                    method=MarkMethod.GRID,
                    marked_at=timezone.now(),
                )

    tests = {}
    for kind in AssessmentKind.values:
        tests[kind] = assessments.assessment_schedule(
            user=personas.iitk,
            batch=batch,
            kind=kind,
            opens_at=None,
            closes_at=None,
            time_limit_minutes=None,
        )
    pre, post = tests[AssessmentKind.PRE], tests[AssessmentKind.POST]
    _attempt(pre, people[0], [1, 1, 1, 0, 0, 0], questions)
    _attempt(post, people[0], [1, 1, 1, 1, 1, 1], questions)
    _attempt(pre, people[1], [1, 1, 0, 0, 0, 0], questions)
    _attempt(post, people[1], [1, 1, 1, 1, 0, 0], questions)
    _attempt(pre, people[2], [1, 0, 0, 0, 0, 0], questions)

    for n, nomination in enumerate(people):
        feedback.feedback_submit(
            user=personas.iitk,
            nomination=nomination,
            session=first,
            ratings={"content": 1 + n, "trainer": 5, "relevance": 4},
            assisted=True,
        )
    for nomination in (people[0], people[2], people[3]):
        feedback.feedback_submit(
            user=personas.iitk,
            nomination=nomination,
            session=second,
            ratings={"content": 2, "trainer": 3, "relevance": 3},
            assisted=True,
        )
    for nomination in people:
        feedback.feedback_submit(
            user=personas.iitk,
            nomination=nomination,
            session=None,
            ratings={"content": 4, "trainer": 4, "relevance": 5, "arrangements": 2},
            assisted=True,
        )

    iiml_programme = programme_make(personas.iiml_institute)
    iiml_bank = bank_make(iiml_programme, personas.iiml, title="Planning")[1:]
    extra = bank_make(iiml_programme, personas.iiml, title="Audit")[1:]
    iiml_batch = batch_make(iiml_programme, start=datetime.date(2025, 12, 1), status="running")
    geeta = Nomination.objects.create(
        person=personas.participant.person,
        programme=iiml_programme,
        batch=iiml_batch,
        district=personas.participant.person.district,
        designation=personas.participant.person.designation,
        status=NominationStatus.CONFIRMED,
        seat=1,
    )
    iiml_pre = assessments.assessment_schedule(
        user=personas.iiml,
        batch=iiml_batch,
        kind=AssessmentKind.PRE,
        opens_at=None,
        closes_at=None,
        time_limit_minutes=None,
    )
    _attempt(iiml_pre, geeta, [1, 1, 0, 0, 0], (iiml_bank + extra)[:5])
    return LearningWorld(batch, sessions, people, (gram_sabha, finance), iiml_batch, trainer2)
