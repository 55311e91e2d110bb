"""Where the batch's people sleep: hostel blocks and rooms of a venue, one row per bed, and each
seated person's stay (the bed, arrival and departure).

A room's beds are rows (`Bed`), and a stay holds one bed of its batch at most once
(`bed_once_per_batch`), so the database itself refuses a room more people than it has beds.
Batches of one venue whose dates overlap share the beds: the services lock the venue's rooms
before they read which beds are free, so two coordinators allocating at once are served one
after the other.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sashakt.core.models import bilingual
from sashakt.nominations.models import Nomination
from sashakt.people.models import Person
from sashakt.programmes.models import Batch, Venue


class HostelBlock(models.Model):
    """A hostel building (or wing) of a venue."""

    venue = models.ForeignKey(
        Venue, verbose_name=_("venue"), on_delete=models.CASCADE, related_name="hostel_blocks"
    )
    name_hi = models.CharField(_("name (Hindi)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)

    class Meta:
        ordering = ["venue", "name_en", "pk"]
        verbose_name = _("hostel block")
        verbose_name_plural = _("hostel blocks")
        constraints = [
            models.UniqueConstraint(fields=["venue", "name_en"], name="hostel_block_name_once"),
        ]

    name = bilingual("name")

    def __str__(self) -> str:
        return str(self.name)


class RoomGender(models.TextChoices):
    WOMEN = "women", _("Women")
    MEN = "men", _("Men")
    ANY = "any", _("Women or men (one at a time)")


class Room(models.Model):
    """A hostel room: its beds, who may sleep in it, whether a wheelchair user can."""

    block = models.ForeignKey(
        HostelBlock, verbose_name=_("hostel block"), on_delete=models.CASCADE, related_name="rooms"
    )
    number = models.CharField(_("room number"), max_length=20)
    floor = models.SmallIntegerField(_("floor"), default=0, help_text=_("0 is the ground floor."))
    beds = models.PositiveSmallIntegerField(_("beds"))
    gender = models.CharField(
        _("for"), max_length=5, choices=RoomGender.choices, default=RoomGender.ANY
    )
    accessible = models.BooleanField(
        _("accessible (step-free, wide door, accessible toilet)"), default=False
    )

    class Meta:
        ordering = ["block", "floor", "number"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [
            models.UniqueConstraint(fields=["block", "number"], name="room_number_once"),
            models.CheckConstraint(condition=Q(beds__gte=1, beds__lte=40), name="room_has_beds"),
            models.CheckConstraint(
                condition=Q(gender__in=RoomGender.values), name="room_gender_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.block} {self.number}"


class Bed(models.Model):
    """One bed of a room: made and removed by the room's services to match `Room.beds`."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="bed_rows")
    number = models.PositiveSmallIntegerField(_("bed"))

    class Meta:
        ordering = ["room", "number"]
        constraints = [
            models.UniqueConstraint(fields=["room", "number"], name="bed_number_once"),
            models.CheckConstraint(condition=Q(number__gte=1), name="bed_number_from_one"),
        ]

    def __str__(self) -> str:
        return f"{self.room}/{self.number}"


class Stay(models.Model):
    """A seated person's stay at the venue: the bed they sleep in, when they came and left.

    `batch` is the nomination's batch, copied so that the database can refuse one bed to two
    people of a batch."""

    nomination = models.OneToOneField(
        Nomination, verbose_name=_("nomination"), on_delete=models.CASCADE, related_name="stay"
    )
    batch = models.ForeignKey(
        Batch, verbose_name=_("batch"), on_delete=models.CASCADE, related_name="stays"
    )
    bed = models.ForeignKey(
        Bed,
        verbose_name=_("bed"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stays",
    )
    arrived_at = models.DateTimeField(_("arrived at"), null=True, blank=True)
    departed_at = models.DateTimeField(_("departed at"), null=True, blank=True)
    arrival_from_hall = models.BooleanField(
        _("arrival taken from the hall check-in"), default=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["batch", "pk"]
        verbose_name = _("stay")
        verbose_name_plural = _("stays")
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "bed"], condition=Q(bed__isnull=False), name="bed_once_per_batch"
            ),
            models.CheckConstraint(
                condition=Q(departed_at__isnull=True)
                | Q(arrived_at__isnull=True)
                | Q(departed_at__gte=models.F("arrived_at")),
                name="stay_departs_after_arrival",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nomination_id}: {self.bed or '-'}"


class RoomMove(models.Model):
    """A person moved to another bed by hand, and why."""

    stay = models.ForeignKey(Stay, on_delete=models.CASCADE, related_name="moves")
    from_bed = models.ForeignKey(
        Bed, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    to_bed = models.ForeignKey(Bed, on_delete=models.SET_NULL, null=True, related_name="+")
    reason = models.TextField(_("reason"))
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    moved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-moved_at", "-pk"]
        verbose_name = _("room move")
        verbose_name_plural = _("room moves")
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="room_move_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.stay_id}: {self.from_bed_id} → {self.to_bed_id}"


class RoomNeed(models.Model):
    """A person's declared need of an accessible room (the registry keeps no such field):
    declared once, it holds for every batch the person comes to."""

    person = models.OneToOneField(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="room_need"
    )
    accessible_room = models.BooleanField(_("needs an accessible room"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)
    noted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("room need")
        verbose_name_plural = _("room needs")

    def __str__(self) -> str:
        return f"{self.person_id}: {self.accessible_room}"


from sashakt.logistics.models_money import *  # noqa: E402, F403  (travel, TA/DA, costs)
