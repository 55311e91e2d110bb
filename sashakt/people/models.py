import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sashakt.core.models import TimeStampedModel
from sashakt.core.text.translit import other_script, phonetic_key
from sashakt.geography.models import Block, District, GramPanchayat

mobile_validator = RegexValidator(
    r"^[6-9][0-9]{9}$", _("Enter a 10-digit mobile number starting with 6, 7, 8 or 9.")
)


class Gender(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")
    OTHER = "O", _("Other")


class Designation(models.TextChoices):
    ZP_ADHYAKSH = "zp_adhyaksh", _("Zila Panchayat Adhyaksh")
    ZP_MEMBER = "zp_member", _("Zila Panchayat member")
    KP_PRAMUKH = "kp_pramukh", _("Kshetra Panchayat Pramukh")
    BDC_MEMBER = "bdc_member", _("BDC member")
    PRADHAN = "pradhan", _("Gram Pradhan")
    WARD_MEMBER = "ward_member", _("Ward member")
    AMA = "ama", _("Apar Mukhya Adhikari (AMA)")
    DPRO = "dpro", _("District Panchayat Raj Officer")
    BDO = "bdo", _("Block Development Officer")
    ADO_PANCHAYAT = "ado_panchayat", _("ADO Panchayat")
    SACHIV = "sachiv", _("Panchayat Sachiv")
    OTHER = "other", _("Other official")


class SocialCategory(models.TextChoices):
    SC = "SC", _("Scheduled Caste (SC)")
    ST = "ST", _("Scheduled Tribe (ST)")
    OBC = "OBC", _("Other Backward Class (OBC)")
    GENERAL = "GEN", _("General")


class LeftOffice(models.TextChoices):
    TERM_ENDED = "term_ended", _("Term ended")
    RESIGNED = "resigned", _("Resigned")
    DIED = "died", _("Died")


class PlaceLevel(models.IntegerChoices):
    DISTRICT = 1, _("district")
    BLOCK = 2, _("block")
    GRAM_PANCHAYAT = 3, _("gram panchayat")


# The smallest place a designation belongs to: a ZP Adhyaksh needs a district, a Pramukh a
# block, a Pradhan a gram panchayat.
DESIGNATION_PLACE = {
    Designation.ZP_ADHYAKSH: PlaceLevel.DISTRICT,
    Designation.ZP_MEMBER: PlaceLevel.DISTRICT,
    Designation.AMA: PlaceLevel.DISTRICT,
    Designation.DPRO: PlaceLevel.DISTRICT,
    Designation.OTHER: PlaceLevel.DISTRICT,
    Designation.KP_PRAMUKH: PlaceLevel.BLOCK,
    Designation.BDC_MEMBER: PlaceLevel.BLOCK,
    Designation.BDO: PlaceLevel.BLOCK,
    Designation.ADO_PANCHAYAT: PlaceLevel.BLOCK,
    Designation.PRADHAN: PlaceLevel.GRAM_PANCHAYAT,
    Designation.WARD_MEMBER: PlaceLevel.GRAM_PANCHAYAT,
    Designation.SACHIV: PlaceLevel.GRAM_PANCHAYAT,
}
# Posts one person holds in their place (DESIGNATION_PLACE): two rows with the same name
# there are the same person whatever their mobiles. Members, secretaries and "other" are many
# in one place: there two mobiles mean two people.
ONE_PER_PLACE = frozenset(
    {
        Designation.ZP_ADHYAKSH,
        Designation.AMA,
        Designation.DPRO,
        Designation.KP_PRAMUKH,
        Designation.BDO,
        Designation.ADO_PANCHAYAT,
        Designation.PRADHAN,
    }
)
ELECTED = {
    Designation.ZP_ADHYAKSH,
    Designation.ZP_MEMBER,
    Designation.KP_PRAMUKH,
    Designation.BDC_MEMBER,
    Designation.PRADHAN,
    Designation.WARD_MEMBER,
}
# RGSA: basic orientation within 6 months of election (or joining), refresher within 2 years.
ORIENTATION_WITHIN = relativedelta(months=6)
REFRESHER_WITHIN = relativedelta(years=2)


class Person(TimeStampedModel):
    """Someone the programme may train: an elected representative or an official."""

    name = models.CharField(_("name"), max_length=150, help_text=_("As written"))
    # Searched with icontains, which no index serves; name_key is the indexed search key.
    name_alt = models.CharField(_("name in the other script"), max_length=150, blank=True)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    # The practical key of a person, unique when present. Empty (NULL, never "") only for
    # people imported from result sheets without mobiles: they are listed as "mobile needed".
    mobile = models.CharField(
        _("mobile"),
        max_length=10,
        unique=True,
        null=True,
        blank=True,
        validators=[mobile_validator],
    )
    designation = models.CharField(_("designation"), max_length=20, choices=Designation.choices)
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        related_name="people",
        db_index=False,  # the (district, designation) index below serves it; one less to write
    )
    block = models.ForeignKey(
        Block, verbose_name=_("block"), on_delete=models.PROTECT, null=True, blank=True
    )
    gram_panchayat = models.ForeignKey(
        GramPanchayat,
        verbose_name=_("gram panchayat"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    # Kept as typed when the district's gram panchayat list is not loaded yet, so the
    # import loses nothing; linked to the LGD record once it is.
    gram_panchayat_name = models.CharField(
        _("gram panchayat (as typed)"), max_length=150, blank=True
    )
    email = models.EmailField(_("e-mail"), blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    social_category = models.CharField(
        _("social category"), max_length=3, choices=SocialCategory.choices, blank=True
    )
    term_start = models.DateField(
        _("date of election or joining"),
        null=True,
        blank=True,
        help_text=_("RGSA due dates follow from it."),
    )
    # Script-independent key of the name (see core.text.translit.phonetic_key): "राम कुमार"
    # and "Ram Kumar" share it. Used to find duplicates and to search across scripts.
    name_key = models.CharField(max_length=150, blank=True, db_index=True)
    # The gram panchayat typed in an import matched none (or several) of the district's: kept
    # as typed, and the district officer picks the right one from the review list.
    needs_place_review = models.BooleanField(_("gram panchayat needs review"), default=False)
    # Which import created this person, and from which row (the import's one audit event
    # lists everyone it created; the person's history page shows this line).
    source_import = models.ForeignKey(
        "ParticipantImport",
        verbose_name=_("created by import"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # imports are never deleted in practice; one less index to write
    )
    source_row = models.PositiveIntegerField(_("row in the imported file"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo record"), default=False)
    # Someone who has left office stays in the registry with their training history, but is
    # no longer nominated nor counted in the RGSA lists.
    left_office_on = models.DateField(_("left office on"), null=True, blank=True)
    left_office_why = models.CharField(
        _("why they left office"), max_length=20, choices=LeftOffice.choices, blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            models.Index(fields=["district", "designation"]),
            models.Index(fields=["district", "name_key"]),
            models.Index(fields=["name"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(mobile__regex=r"^[6-9][0-9]{9}$"), name="person_mobile_10_digits"
            ),
            models.CheckConstraint(
                condition=Q(left_office_on=None, left_office_why="")
                | (Q(left_office_on__isnull=False) & ~Q(left_office_why="")),
                name="person_left_office_date_and_why",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Derived from the name, so search and duplicate checks work across scripts.
        self.name_key = phonetic_key(self.name)[:150]
        self.mobile = self.mobile or None  # unique when present: never an empty string
        if not self.name_alt:
            self.name_alt = other_script(self.name)[:150]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("people:detail", args=[self.pk])

    def get_additional_data(self) -> dict | None:
        """Read by auditlog for the entry of a save: the reason a hand edit was given."""
        reason = getattr(self, "audit_reason", "")
        return {"reason": reason} if reason else None

    @property
    def in_office(self) -> bool:
        return self.left_office_on is None

    @property
    def orientation_due(self) -> datetime.date | None:
        return self.term_start + ORIENTATION_WITHIN if self.term_start else None

    @property
    def refresher_due(self) -> datetime.date | None:
        return self.term_start + REFRESHER_WITHIN if self.term_start else None

    def is_overdue(self, due: datetime.date | None, today: datetime.date | None = None) -> bool:
        # Training history arrives with attendance; until then nobody is recorded as trained.
        today = today or timezone.localdate()
        return bool(due and due < today)

    @property
    def orientation_overdue(self) -> bool:
        return self.is_overdue(self.orientation_due)

    @property
    def refresher_overdue(self) -> bool:
        return self.is_overdue(self.refresher_due)


class ParticipantImport(TimeStampedModel):
    """One spreadsheet on its way into the registry: upload, mapping, check, import."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        CHECKED = "checked", _("Checked")
        IMPORTED = "imported", _("Imported")
        FAILED = "failed", _("Failed")

    # Empty for an import run from the command line without --as-user.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("A district officer's imports are limited to their district."),
    )
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UPLOADED
    )
    skip_invalid = models.BooleanField(_("import the valid rows, report the rest"), default=False)
    columns = models.JSONField(default=list, blank=True)  # headers and samples as read
    mapping = models.JSONField(default=dict, blank=True)  # column index -> field
    decisions = models.JSONField(default=dict, blank=True)  # row number -> skip/merge/new
    # Values for required columns the file lacks (SEC result sheets have no designation).
    defaults = models.JSONField(default=dict, blank=True)  # field -> value
    allow_missing_mobile = models.BooleanField(
        _("import people without a mobile number"), default=False
    )
    summary = models.JSONField(default=dict, blank=True)
    check_job = models.ForeignKey(
        "core.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    import_job = models.ForeignKey(
        "core.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("participant import")
        verbose_name_plural = _("participant imports")

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("people:import_detail", args=[self.pk])
