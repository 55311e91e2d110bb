"""Demo follow-up data (issue 26): action plans for the pilot's completed batches and their
check-ins at every stage the calendar has reached — answered by SMS link or by the district
officer's call, some with a photo, some still owed (the officers' overdue to-do), a few people
without a plan. The stage a batch's people are at on the load day (IIM Lucknow's recent
batches, see `demo.pilot`): nobody has answered it yet while it is merely due (its SMS is
queued in the outbox at the end of the load); once overdue, most have, but Kanpur Nagar's
people still owe it, so the demo district officer has calls to make. Two achieved
commitments are good practices, one with the person's consent, so the case studies show a
story. Loading twice changes nothing (a plan, a check-in and a
mark are skipped when present); generators seeded per person and stage give the same
pilot every time.
"""

import datetime
import io
import random

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from sashakt.core.roles import Role
from sashakt.core.users import User
from sashakt.followup.checkin_messages import followup_messages_due
from sashakt.followup.models import ActionPlan, CheckIn, Commitment, CommitmentStatus
from sashakt.followup.schedule import checkin_due_on, checkin_overdue_on, checkin_window_closes
from sashakt.followup.services import (
    AnswerInput,
    CommitmentInput,
    action_plan_save,
    checkin_record,
    consent_record,
    good_practice_mark,
)
from sashakt.followup.themes import LsdgTheme
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.programmes.models import Batch, BatchStatus, Module

# (Hindi, for whom) of commitments the demo's people write, per theme.
WHAT = {
    LsdgTheme.WATER_SUFFICIENT: ("गाँव के तीन तालाबों की सफ़ाई और मेड़बंदी", "खेती करने वाले परिवार"),
    LsdgTheme.CLEAN_GREEN: ("हर वार्ड में कूड़ा अलग करने के डिब्बे", "सभी वार्ड"),
    LsdgTheme.GOOD_GOVERNANCE: ("हर महीने खुली ग्राम सभा और उसका ब्योरा दीवार पर", "सभी ग्रामवासी"),
    LsdgTheme.WOMEN_FRIENDLY: ("महिला ग्राम सभा हर तिमाही", "गाँव की महिलाएँ"),
    LsdgTheme.HEALTHY: ("आंगनवाड़ी में हर महीने स्वास्थ्य दिवस", "गर्भवती महिलाएँ और बच्चे"),
    LsdgTheme.CHILD_FRIENDLY: ("स्कूल तक पक्का रास्ता और शौचालय", "स्कूल के बच्चे"),
    LsdgTheme.POVERTY_FREE: ("स्वयं सहायता समूहों को मनरेगा में काम", "भूमिहीन परिवार"),
    LsdgTheme.INFRASTRUCTURE: ("पंचायत भवन में कॉमन सर्विस सेंटर", "पूरी पंचायत"),
    LsdgTheme.SOCIALLY_JUST: ("छूटे बुज़ुर्गों की पेंशन के आवेदन", "बुज़ुर्ग और दिव्यांग"),
}
COMMENTS = {
    CommitmentStatus.DONE: "ग्राम सभा ने साथ दिया, काम पूरा हुआ।",
    CommitmentStatus.IN_PROGRESS: "आधा काम हुआ है, बाकी अगले महीने।",
    CommitmentStatus.STUCK: "बजट की मंज़ूरी नहीं मिली।",
    CommitmentStatus.DROPPED: "प्राथमिकता बदल गई।",
}
# How the answers spread at each stage: (done, in progress, stuck, dropped) weights.
SPREAD = {30: (1, 6, 2, 0), 90: (4, 4, 2, 1), 180: (7, 1, 1, 1)}
ANSWERED_SHARE = 0.75  # the rest still owe that check-in (the officer's overdue calls)
OWING_DISTRICT_LGD = 157  # Kanpur Nagar, the demo district officer's


def _photo() -> SimpleUploadedFile:
    image = Image.new("RGB", (320, 240), (46, 125, 50))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=70)
    return SimpleUploadedFile("demo.jpg", out.getvalue(), content_type="image/jpeg")


def _coordinator(batch: Batch) -> User | None:
    return (
        get_user_model()
        .objects.filter(role=Role.INSTITUTE, institute=batch.programme.mou.institute_id)
        .order_by("pk")
        .first()
    )


def _plan(nomination: Nomination, by: User) -> ActionPlan:
    rng = random.Random(f"plan:{nomination.pk}")
    end = nomination.batch.end_date if nomination.batch else timezone.localdate()
    themes = rng.sample(list(WHAT), rng.choice((1, 2, 2, 3)))
    # Most people name the module the commitment draws on; some leave it.
    modules = list(
        Module.objects.filter(programme_id=nomination.programme_id).values_list("pk", flat=True)
    )
    pick = random.Random(f"module:{nomination.pk}")
    plan = action_plan_save(
        nomination=nomination,
        commitments=[
            CommitmentInput(
                theme=theme,
                by_when=end + datetime.timedelta(days=rng.choice((60, 90, 120, 150))),
                what=WHAT[theme][0],
                for_whom=WHAT[theme][1],
                module_id=pick.choice(modules) if modules and pick.random() < 0.7 else None,
            )
            for theme in themes
        ],
        by=by,
        today=end,
    )
    return plan


def _checkins(plan: ActionPlan, today: datetime.date, officer: User | None) -> int:
    made = 0
    end = plan.batch_end
    for stage, weights in SPREAD.items():
        # One generator per plan and stage: a second load draws the same answers and skips.
        rng = random.Random(f"checkin:{plan.nomination_id}:{stage}")
        due = checkin_due_on(end, stage)
        answered = rng.random() < ANSWERED_SHARE
        if checkin_window_closes(end, stage) >= today:  # the stage people are at now
            # Not yet overdue: the SMS has just gone and nobody has answered yet. Overdue:
            # Kanpur Nagar's people still owe it (the demo district officer's calls to make).
            answered = answered and (
                checkin_overdue_on(end, stage) <= today
                and plan.nomination.person.district.lgd_code != OWING_DISTRICT_LGD
            )
        if due > today or not answered or CheckIn.objects.filter(plan=plan, stage=stage).exists():
            continue
        by_phone = officer is not None and rng.random() < 0.4
        answers = []
        for commitment in plan.commitments.all():
            status = rng.choices(list(COMMENTS), weights=weights)[0]
            answers.append(
                AnswerInput(
                    commitment=commitment,
                    status=status,
                    factor="" if by_phone else rng.choice(("training", "gram_sabha", "funds")),
                    comment="" if by_phone else COMMENTS[status],
                    photo=_photo()
                    if not by_phone and status == CommitmentStatus.DONE and rng.random() < 0.5
                    else None,
                )
            )
        checkin_record(
            plan=plan,
            stage=stage,
            answers=answers,
            channel="phone" if by_phone else "link",
            by=officer if by_phone else None,
            today=min(due + datetime.timedelta(days=rng.randint(0, 6)), today),
        )
        made += 1
    return made


def followup_demo_load(state_user: User) -> int:
    """Plans and check-ins for every completed pilot batch; returns the plans written."""
    today = timezone.localdate()
    written = 0
    batches = Batch.objects.filter(status=BatchStatus.COMPLETED).order_by("start_date", "pk")
    officers = {
        u.district_id: u
        for u in get_user_model().objects.filter(role=Role.DISTRICT).order_by("-pk")
    }
    for batch in batches:
        coordinator = _coordinator(batch) or state_user
        attended = batch.nominations.filter(status=NominationStatus.ATTENDED).select_related(
            "person__user"
        )
        for index, nomination in enumerate(attended.order_by("pk")):
            plan = ActionPlan.objects.filter(nomination=nomination).first()
            if plan is None:
                if index % 5 == 4:
                    continue  # a few people never wrote one (the coordinator's list shows them)
                own = getattr(nomination.person, "user", None)  # None: no account
                plan = _plan(nomination, own or coordinator)
                if own is None and index % 4:
                    # Most typed it on their own phone, signed in with a code; the demo has
                    # no account for them, so the plan is written as the coordinator's and
                    # then shown as their own.
                    ActionPlan.objects.filter(pk=plan.pk).update(assisted=False, entered_by=None)
                written += 1
            _checkins(plan, today, officers.get(nomination.district_id))
    if not Commitment.objects.filter(good_practice_at__isnull=False).exists():
        achieved = (
            Commitment.objects.filter(status=CommitmentStatus.DONE, answers__photo__gt="")
            .distinct()
            .order_by("pk")[:2]
        )
        for number, commitment in enumerate(achieved):
            good_practice_mark(commitment=commitment, by=state_user)
            if number == 0:
                consent_record(commitment=commitment, by=state_user)
    # The check-in SMS due today go to the outbox now, as the calendar's periodic job would
    # send them (once per plan and stage however often it runs), so their links can be tried.
    followup_messages_due()
    return written
