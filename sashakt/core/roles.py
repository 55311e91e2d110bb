from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STATE = "state", _("State programme cell")
    INSTITUTE = "institute", _("Institute coordinator")
    DISTRICT = "district", _("District officer")
    TRAINER = "trainer", _("Trainer / resource person")
    PARTICIPANT = "participant", _("Participant")
    # The department's accounts section: pays TA/DA claims and sees bank details; reads the
    # money of every MoU, batch and claim, nothing else.
    FINANCE = "finance", _("Finance")
