from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sashakt.core.models import TimeStampedModel
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


class Person(TimeStampedModel):
    """Someone the programme may train: an elected representative or an official."""

    name = models.CharField(_("name"), max_length=150, help_text=_("As written"))
    name_alt = models.CharField(
        _("name in the other script"), max_length=150, blank=True, db_index=True
    )
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    mobile = models.CharField(
        _("mobile"), max_length=10, unique=True, validators=[mobile_validator]
    )
    designation = models.CharField(_("designation"), max_length=20, choices=Designation.choices)
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="people"
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
    is_demo = models.BooleanField(_("demo record"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [
            models.Index(fields=["district", "designation"]),
            models.Index(fields=["name"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(mobile__regex=r"^[6-9][0-9]{9}$"), name="person_mobile_10_digits"
            ),
        ]

    def __str__(self) -> str:
        return self.name
