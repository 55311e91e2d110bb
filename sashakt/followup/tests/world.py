"""A small world for the follow-up's tests: IIT Kanpur's programme, one batch that has ended,
its three attendees (Kanpur's Pramukh, Lucknow's Adhyaksh and the participant persona), and
plans written through the real service."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from sashakt.followup.models import ActionPlan
from sashakt.followup.services import CommitmentInput, action_plan_save
from sashakt.followup.themes import LsdgTheme
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.programmes.models import Batch
from sashakt.test import Personas, batch_make, programme_make

# Smallest valid files of each kind (the server reads their first bytes).
WEBM = b"\x1a\x45\xdf\xa3" + b"\x00" * 200
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 200


@dataclass
class World:
    batch: Batch
    kanpur: Nomination  # Kanpur Nagar's Pramukh
    lucknow: Nomination  # Lucknow's Adhyaksh
    own: Nomination  # the participant persona's


def nomination_make(batch: Batch, person, status=NominationStatus.ATTENDED) -> Nomination:
    return Nomination.objects.create(
        programme=batch.programme,
        batch=batch,
        person=person,
        district=person.district,
        designation=person.designation,
        status=status,
    )


def world_make(personas: Personas, *, ended_days_ago: int = 0, status="completed") -> World:
    """A batch whose last day was `ended_days_ago` days ago (today by default)."""
    programme = programme_make(personas.iitk_institute)
    end = timezone.localdate() - datetime.timedelta(days=ended_days_ago)
    batch = batch_make(programme, start=end - datetime.timedelta(days=4), status=status)
    return World(
        batch=batch,
        kanpur=nomination_make(batch, personas.kanpur_person),
        lucknow=nomination_make(batch, personas.lucknow_person),
        own=nomination_make(batch, personas.participant.person),
    )


def plan_make(nomination: Nomination, by, *, themes=(LsdgTheme.WATER_SUFFICIENT,)) -> ActionPlan:
    """A plan written on the batch's last day (the service is told that day)."""
    assert nomination.batch is not None
    end = nomination.batch.end_date
    return action_plan_save(
        nomination=nomination,
        commitments=[
            CommitmentInput(
                theme=theme,
                by_when=end + datetime.timedelta(days=60),
                what=f"Commitment {number}",
                for_whom="Gram Sabha",
            )
            for number, theme in enumerate(themes, start=1)
        ],
        by=by,
        today=end,
    )


def batch_end_move(batch: Batch, days: int) -> None:
    """Move a batch's dates by `days` (as the programme's rescheduling would)."""
    Batch.objects.filter(pk=batch.pk).update(
        start_date=batch.start_date + datetime.timedelta(days=days),
        end_date=batch.end_date + datetime.timedelta(days=days),
    )
    batch.refresh_from_db()
