import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from sashakt.core.models import TimeStampedModel, bilingual
from sashakt.core.text import localized
from sashakt.geography.models import District
from sashakt.people.models import Designation


class Institute(TimeStampedModel):
    """A partner institute of excellence (IIT Kanpur, IIM Lucknow, ...)."""

    short_name = models.CharField(_("short name"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_hi = models.CharField(_("name (Hindi)"), max_length=200)
    short_name_hi = models.CharField(_("short name (Hindi)"), max_length=60, blank=True)
    city = models.CharField(_("city"), max_length=100)
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, null=True, blank=True
    )
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["short_name"]
        verbose_name = _("institute")
        verbose_name_plural = _("institutes")

    def __str__(self) -> str:
        return self.display_short_name

    name = bilingual("name")

    @property
    def display_short_name(self) -> str:
        return localized(self.short_name_hi, self.short_name)


class Venue(TimeStampedModel):
    """Where an institute holds its batches: a campus, with its lecture room and hostel."""

    institute = models.ForeignKey(
        Institute, verbose_name=_("institute"), on_delete=models.CASCADE, related_name="venues"
    )
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_hi = models.CharField(_("name (Hindi)"), max_length=200, blank=True)
    address_en = models.CharField(_("address (English)"), max_length=300, blank=True)
    address_hi = models.CharField(_("address (Hindi)"), max_length=300, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    room_capacity = models.PositiveIntegerField(_("seats in the training room"))
    hostel_capacity = models.PositiveIntegerField(_("hostel beds"), default=0)

    class Meta:
        ordering = ["institute", "name_en"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    name = bilingual("name")
    address = bilingual("address")

    def __str__(self) -> str:
        return f"{self.name} ({self.institute})"

    @property
    def map_url(self) -> str:
        """A link to the venue on OpenStreetMap (a link, not a loaded map)."""
        if self.latitude is None or self.longitude is None:
            return ""
        lat, lon = f"{self.latitude:.5f}", f"{self.longitude:.5f}"
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=16/{lat}/{lon}"


class MoU(TimeStampedModel):
    """The department's memorandum of understanding with an institute: targets and money."""

    institute = models.ForeignKey(
        Institute, verbose_name=_("institute"), on_delete=models.PROTECT, related_name="mous"
    )
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_hi = models.CharField(_("title (Hindi)"), max_length=300, blank=True)
    signed_on = models.DateField(_("signed on"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    focus_areas_en = models.TextField(_("focus areas (English)"), blank=True)
    focus_areas_hi = models.TextField(_("focus areas (Hindi)"), blank=True)
    target_people = models.PositiveIntegerField(_("target: people to train"))
    cost_per_participant = models.DecimalField(
        _("cost per participant (₹)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    budget = models.DecimalField(
        _("budget (₹)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    # The agreed rate a batch's costs are held against (logistics: cost per participant-day).
    cost_per_participant_day = models.DecimalField(
        _("agreed cost per participant-day (₹)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
    )
    document = models.FileField(_("signed MoU (PDF)"), upload_to="mous/", blank=True)

    class Meta:
        ordering = ["-signed_on"]
        verbose_name = _("MoU")
        verbose_name_plural = _("MoUs")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=F("valid_from")), name="mou_valid_period"
            ),
        ]

    title = bilingual("title")
    focus_areas = bilingual("focus_areas")

    def __str__(self) -> str:
        return f"{self.institute} — {self.title}"

    # get_absolute_url: an MoU's page shows its progress (trained, certified) and lives in
    # `reports`; the root settings.py points to it (ABSOLUTE_URL_OVERRIDES).


class MoUTarget(models.Model):
    """A target by designation within an MoU, e.g. 75 ZP Adhyaksh + 175 KP Pramukh."""

    mou = models.ForeignKey(MoU, on_delete=models.CASCADE, related_name="targets")
    designation = models.CharField(_("designation"), max_length=20, choices=Designation.choices)
    people = models.PositiveIntegerField(_("people"))

    class Meta:
        verbose_name = _("MoU target")
        verbose_name_plural = _("MoU targets")
        constraints = [
            models.UniqueConstraint(fields=["mou", "designation"], name="mou_target_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_designation_display()}: {self.people}"


class Programme(TimeStampedModel):
    """A course an institute designs under an MoU and runs in phased batches."""

    mou = models.ForeignKey(
        MoU, verbose_name=_("MoU"), on_delete=models.PROTECT, related_name="programmes"
    )
    title_hi = models.CharField(_("title (Hindi)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300)
    days = models.PositiveSmallIntegerField(_("days"), default=5)
    eligible_designations = models.JSONField(
        _("eligible designations"),
        default=list,
        blank=True,
        help_text=_("Empty means everyone in the registry may be nominated."),
    )
    approver = models.CharField(
        _("nominations approved by"),
        max_length=12,
        choices=[("state", _("State programme cell")), ("institute", _("Institute"))],
        default="state",
    )
    default_district_quota = models.PositiveSmallIntegerField(
        _("seats per district per batch"),
        null=True,
        blank=True,
        help_text=_("Empty means no district quota."),
    )

    # The audit trail shows these lists by their labels.
    AUDIT_VALUE_LABELS = {"eligible_designations": Designation.choices}

    class Meta:
        ordering = ["mou", "title_en"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.title

    title = bilingual("title")

    @property
    def institute(self) -> Institute:
        return self.mou.institute

    # get_absolute_url: a programme's page shows its nominations and lives in `nominations`;
    # the root settings.py points to it (ABSOLUTE_URL_OVERRIDES), so this app names no URL of
    # a higher app.

    def clean(self) -> None:
        # A typo ("pradhaan") would silently make nobody of that designation eligible.
        wrong = [d for d in self.eligible_designations or [] if d not in Designation.values]
        if not isinstance(self.eligible_designations, list) or wrong:
            raise ValidationError(
                {"eligible_designations": _("Choose designations from the list.")}
            )

    def is_eligible(self, designation: str) -> bool:
        return not self.eligible_designations or designation in self.eligible_designations


class Module(models.Model):
    """A theme of a programme (leadership, financial management, ...) and what it teaches."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="modules")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title_hi = models.CharField(_("title (Hindi)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    objectives_en = models.TextField(_("learning objectives (English)"), blank=True)
    objectives_hi = models.TextField(_("learning objectives (Hindi)"), blank=True)

    class Meta:
        ordering = ["programme", "order"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    title = bilingual("title")
    objectives = bilingual("objectives")

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict:
        """Kept with each audit entry, so the programme's history lists its modules."""
        return {"programme": self.programme_id}


class SessionMethod(models.TextChoices):
    LECTURE = "lecture", _("Lecture")
    CASE_STUDY = "case_study", _("Case study")
    EXERCISE = "exercise", _("Interactive exercise")
    FIELD_VISIT = "field_visit", _("Field visit")
    GROUP_WORK = "group_work", _("Group work")


class TemplateSession(models.Model):
    """A session of a programme's day-by-day template, from which batch timetables follow."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="sessions")
    day = models.PositiveSmallIntegerField(_("day"))
    starts_at = models.TimeField(_("starts at"))
    minutes = models.PositiveSmallIntegerField(_("minutes"), default=90)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_hi = models.CharField(_("title (Hindi)"), max_length=200, blank=True)
    method = models.CharField(_("method"), max_length=20, choices=SessionMethod.choices)
    resource_person = models.CharField(_("resource person"), max_length=150, blank=True)
    materials_link = models.URLField(_("materials (link)"), blank=True)
    materials_file = models.FileField(_("materials (file)"), upload_to="materials/", blank=True)

    class Meta:
        ordering = ["day", "starts_at"]
        verbose_name = _("template session")
        verbose_name_plural = _("template sessions")

    title = bilingual("title")

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict:
        """Kept with each audit entry, so the programme's history lists its sessions."""
        return {"programme": self.module.programme_id}


class BatchStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", _("Open for nominations")
    LOCKED = "locked", _("Locked")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


# Allowed moves; anything else is refused by services.batch_set_status.
BATCH_TRANSITIONS = {
    BatchStatus.PLANNED: {BatchStatus.OPEN},
    BatchStatus.OPEN: {BatchStatus.LOCKED, BatchStatus.PLANNED},
    BatchStatus.LOCKED: {BatchStatus.RUNNING, BatchStatus.OPEN},
    BatchStatus.RUNNING: {BatchStatus.COMPLETED},
    BatchStatus.COMPLETED: {BatchStatus.CLOSED},
    BatchStatus.CLOSED: set(),
    BatchStatus.CANCELLED: set(),
}
# A batch is cancelled (with a reason, its people told) only before it runs, and only
# through nominations.services.batch_cancel, never by a plain status change.
CANCELLABLE = (BatchStatus.PLANNED, BatchStatus.OPEN, BatchStatus.LOCKED)


class Batch(TimeStampedModel):
    """One phase of a programme: five days at a venue for up to `capacity` people."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="batches"
    )
    number = models.PositiveSmallIntegerField(_("batch number"))
    venue = models.ForeignKey(Venue, verbose_name=_("venue"), on_delete=models.PROTECT)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    capacity = models.PositiveSmallIntegerField(_("seats"))
    status = models.CharField(
        _("status"), max_length=12, choices=BatchStatus.choices, default=BatchStatus.PLANNED
    )
    published = models.BooleanField(_("in the published calendar"), default=False)
    reporting_time = models.TimeField(_("reporting time"), default=datetime.time(9, 0))
    what_to_bring = models.TextField(_("what to bring"), blank=True)
    # The days it was set running and completed: the database refuses one before the
    # batch's first day or before its last day (services refuse to the minute).
    started_on = models.DateField(_("set running on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    cancel_reason = models.TextField(_("why it was cancelled"), blank=True)

    class Meta:
        ordering = ["start_date", "programme", "number"]
        verbose_name = _("batch")
        verbose_name_plural = _("batches")
        # The reminders' job reads the batches starting in the next few days.
        indexes = [models.Index(fields=["start_date"], name="batch_start_date")]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="batch_number_once"),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="batch_dates_in_order"
            ),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="batch_has_seats"),
            models.CheckConstraint(
                condition=Q(started_on__isnull=True) | Q(started_on__gte=F("start_date")),
                name="batch_not_running_before_first_day",
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(completed_on__gte=F("end_date")),
                name="batch_not_completed_before_last_day",
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""),
                name="batch_cancelled_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return gettext("%(programme)s — batch %(number)s") % {
            "programme": self.programme.title,
            "number": self.number,
        }

    # get_absolute_url: a batch's page shows its seats and lives in `nominations`; the root
    # settings.py points to it (ABSOLUTE_URL_OVERRIDES).

    @property
    def institute(self) -> Institute:
        return self.programme.mou.institute


class BatchDateChange(models.Model):
    """A published batch's dates change only with a recorded reason."""

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="date_changes")
    old_start = models.DateField()
    old_end = models.DateField()
    new_start = models.DateField()
    new_end = models.DateField()
    reason = models.TextField(_("reason"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at"]

    def __str__(self) -> str:
        return f"{self.batch_id}: {self.old_start} → {self.new_start} ({self.reason})"


class DistrictQuota(models.Model):
    """Seats a district may fill, per batch or for every batch of a programme."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    batch = models.ForeignKey(
        Batch, on_delete=models.CASCADE, null=True, blank=True, related_name="quotas"
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="quotas"
    )
    seats = models.PositiveSmallIntegerField(_("seats"))

    class Meta:
        verbose_name = _("district quota")
        verbose_name_plural = _("district quotas")
        constraints = [
            models.CheckConstraint(
                condition=Q(batch__isnull=False, programme__isnull=True)
                | Q(batch__isnull=True, programme__isnull=False),
                name="quota_for_batch_or_programme",
            ),
            models.UniqueConstraint(fields=["district", "batch"], name="quota_once_per_batch"),
            models.UniqueConstraint(
                fields=["district", "programme"], name="quota_once_per_programme"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.district}: {self.seats}"


class BatchSession(models.Model):
    """A session of a batch's timetable, generated from the programme's template and then
    adjusted by the coordinator."""

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="sessions")
    template = models.ForeignKey(
        TemplateSession, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    module = models.ForeignKey(Module, on_delete=models.SET_NULL, null=True, blank=True)
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    minutes = models.PositiveSmallIntegerField(_("minutes"), default=90)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_hi = models.CharField(_("title (Hindi)"), max_length=200, blank=True)
    method = models.CharField(_("method"), max_length=20, choices=SessionMethod.choices)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="batch_sessions",
    )
    resource_person = models.CharField(_("resource person"), max_length=150, blank=True)

    class Meta:
        ordering = ["date", "starts_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["trainer", "date"])]

    title = bilingual("title")

    def __str__(self) -> str:
        return f"{self.date} {self.starts_at:%H:%M} {self.title}"

    @property
    def ends_at(self) -> datetime.time:
        start = datetime.datetime.combine(self.date, self.starts_at)
        return (start + datetime.timedelta(minutes=self.minutes)).time()


class Holiday(models.Model):
    """A gazetted holiday of Uttar Pradesh, kept by the state cell: a batch planned on one is
    flagged on the batch form (not refused: a residential training may run through it)."""

    date = models.DateField(_("date"), unique=True)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_hi = models.CharField(_("name (Hindi)"), max_length=120, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("gazetted holiday")
        verbose_name_plural = _("gazetted holidays")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"

    @property
    def name(self) -> str:
        if get_language() == "hi" and self.name_hi:
            return self.name_hi
        return self.name_en
