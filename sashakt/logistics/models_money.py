"""Money of the residential training: travel, TA/DA claims and their dated rates, bank
details, a batch's costs, the MoU's instalments and the institute's invoices.

Amounts are `Decimal` rupees with two places (paise) in the database; nothing here is a float.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sashakt.core.models import TimeStampedModel, bilingual
from sashakt.nominations.models import Nomination
from sashakt.people.models import Person
from sashakt.programmes.models import Batch, MoU

ZERO = Decimal("0.00")


class TravelMode(models.TextChoices):
    BUS = "bus", _("Bus")
    RAIL = "rail", _("Rail")
    CAR = "car", _("Taxi or own car")


class TravelClass(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary")
    SLEEPER = "sleeper", _("Sleeper")
    AC = "ac", _("Air-conditioned")


class ClaimantCategory(models.TextChoices):
    ELECTED = "elected", _("Elected representative")
    OFFICIAL = "official", _("Official")


class CityClass(models.TextChoices):
    X = "X", _("Class X city")
    Y = "Y", _("Class Y city")
    Z = "Z", _("Class Z city")


class RateTable(TimeStampedModel):
    """The state's TA/DA rates for a period. A claim keeps the table it was computed from,
    so a new table (a rate change) never rewrites an old claim. Periods never overlap."""

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_hi = models.CharField(_("name (Hindi)"), max_length=200, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    travel_ceiling = models.DecimalField(
        _("ceiling on the travel amount of one claim (₹)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    days_ceiling = models.PositiveSmallIntegerField(
        _("most days of daily allowance in one claim"), null=True, blank=True
    )

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("TA/DA rate table")
        verbose_name_plural = _("TA/DA rate tables")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
                name="rate_table_period",
            ),
        ]

    name = bilingual("name")

    def __str__(self) -> str:
        return str(self.name)


class KilometreRate(models.Model):
    table = models.ForeignKey(RateTable, on_delete=models.CASCADE, related_name="km_rates")
    mode = models.CharField(_("mode"), max_length=10, choices=TravelMode.choices)
    travel_class = models.CharField(_("class"), max_length=10, choices=TravelClass.choices)
    rate = models.DecimalField(_("rate per km (₹)"), max_digits=8, decimal_places=2)

    class Meta:
        verbose_name = _("rate per km")
        verbose_name_plural = _("rates per km")
        constraints = [
            models.UniqueConstraint(fields=["table", "mode", "travel_class"], name="km_rate_once"),
            models.CheckConstraint(condition=Q(rate__gte=0), name="km_rate_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} {self.get_travel_class_display()}: {self.rate}"


class DailyRate(models.Model):
    table = models.ForeignKey(RateTable, on_delete=models.CASCADE, related_name="daily_rates")
    category = models.CharField(_("category"), max_length=10, choices=ClaimantCategory.choices)
    city_class = models.CharField(_("city class"), max_length=1, choices=CityClass.choices)
    rate = models.DecimalField(_("daily allowance (₹)"), max_digits=8, decimal_places=2)

    class Meta:
        verbose_name = _("daily allowance")
        verbose_name_plural = _("daily allowances")
        constraints = [
            models.UniqueConstraint(
                fields=["table", "category", "city_class"], name="daily_rate_once"
            ),
            models.CheckConstraint(condition=Q(rate__gte=0), name="daily_rate_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.city_class}: {self.rate}"


class BankAccount(TimeStampedModel):
    """Where a person's TA/DA is paid. Shown in full only to the finance role."""

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="bank_account", verbose_name=_("person")
    )
    holder_name = models.CharField(_("account holder"), max_length=150)
    account_number = models.CharField(_("account number"), max_length=20)
    ifsc = models.CharField(_("IFSC"), max_length=11)
    bank_name = models.CharField(_("bank"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("bank account")
        verbose_name_plural = _("bank accounts")

    def __str__(self) -> str:
        return f"{self.person} — ****{self.account_number[-4:]}"


class Travel(TimeStampedModel):
    """How a seated person comes to the batch: the distance is the district headquarters'
    centroid to the venue × the road factor, unless someone overrode it with a reason."""

    nomination = models.OneToOneField(
        Nomination, on_delete=models.CASCADE, related_name="travel", verbose_name=_("nomination")
    )
    mode = models.CharField(_("mode"), max_length=10, choices=TravelMode.choices)
    travel_class = models.CharField(_("class"), max_length=10, choices=TravelClass.choices)
    computed_km = models.DecimalField(
        _("computed distance (km)"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    distance_km = models.DecimalField(_("distance (km)"), max_digits=7, decimal_places=1)
    override_reason = models.TextField(_("why the distance was changed"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("travel")
        verbose_name_plural = _("travel")
        constraints = [
            models.CheckConstraint(condition=Q(distance_km__gte=0), name="travel_km_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.nomination.person} — {self.distance_km} km"


class ClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    DISTRICT_APPROVED = "district_ok", _("Approved by the district officer")
    APPROVED = "approved", _("Approved by the state cell")
    REFUSED = "refused", _("Refused")
    PAID = "paid", _("Paid")


class Claim(TimeStampedModel):
    """A participant's TA/DA claim for one batch, with the amounts computed from the rate
    table in force on the outward journey day and the rule of each amount written out."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.PROTECT, related_name="claims", verbose_name=_("nomination")
    )
    rate_table = models.ForeignKey(
        RateTable, on_delete=models.PROTECT, related_name="claims", verbose_name=_("rate table")
    )
    mode = models.CharField(_("mode"), max_length=10, choices=TravelMode.choices)
    travel_class = models.CharField(_("class"), max_length=10, choices=TravelClass.choices)
    category = models.CharField(_("category"), max_length=10, choices=ClaimantCategory.choices)
    city_class = models.CharField(_("city class"), max_length=1, choices=CityClass.choices)
    distance_km = models.DecimalField(_("distance one way (km)"), max_digits=7, decimal_places=1)
    outward_on = models.DateField(_("outward journey"))
    return_on = models.DateField(_("return journey"))
    # What the rates gave: kept, so a later table never changes this claim; each amount's
    # rule is written out from these (`services_money.claim_rules`).
    km_rate = models.DecimalField(_("rate per km (₹)"), max_digits=8, decimal_places=2)
    daily_rate = models.DecimalField(_("daily allowance (₹)"), max_digits=8, decimal_places=2)
    days = models.PositiveSmallIntegerField(_("days"))
    travel_amount = models.DecimalField(_("travel (₹)"), max_digits=14, decimal_places=2)
    daily_amount = models.DecimalField(_("daily allowance (₹)"), max_digits=14, decimal_places=2)
    total = models.DecimalField(_("total (₹)"), max_digits=14, decimal_places=2)
    ticket = models.FileField(_("ticket photo"), upload_to="claims/", blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ClaimStatus.choices, default=ClaimStatus.SUBMITTED
    )
    refusal_reason = models.TextField(_("why it was refused"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    district_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    district_decided_at = models.DateTimeField(null=True, blank=True)
    state_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    state_decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("TA/DA claim")
        verbose_name_plural = _("TA/DA claims")
        constraints = [
            models.CheckConstraint(condition=Q(distance_km__gte=0), name="claim_km_not_negative"),
            models.CheckConstraint(
                condition=Q(return_on__gte=F("outward_on")), name="claim_return_after_outward"
            ),
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refusal_reason=""),
                name="claim_refusal_has_reason",
            ),
            # One live claim per seat: a refused claim may be entered again, never twice.
            models.UniqueConstraint(
                fields=["nomination"],
                condition=~Q(status="refused"),
                name="one_live_claim_per_nomination",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nomination.person} — ₹{self.total}"


class CostHead(models.TextChoices):
    VENUE = "venue", _("Venue")
    BOARDING = "boarding", _("Boarding and lodging")
    HONORARIA = "honoraria", _("Faculty honoraria")
    MATERIALS = "materials", _("Materials")
    TRAVEL = "travel", _("Travel")


class BatchCost(TimeStampedModel):
    """One line of what a batch cost the institute."""

    batch = models.ForeignKey(
        Batch, on_delete=models.CASCADE, related_name="costs", verbose_name=_("batch")
    )
    head = models.CharField(_("head"), max_length=12, choices=CostHead.choices)
    description = models.CharField(_("description"), max_length=200, blank=True)
    amount = models.DecimalField(_("amount (₹)"), max_digits=14, decimal_places=2)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["batch", "head", "pk"]
        verbose_name = _("batch cost")
        verbose_name_plural = _("batch costs")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="batch_cost_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.batch} — {self.get_head_display()}: ₹{self.amount}"


class Instalment(TimeStampedModel):
    """Money the department released to the institute under the MoU."""

    mou = models.ForeignKey(
        MoU, on_delete=models.PROTECT, related_name="instalments", verbose_name=_("MoU")
    )
    sanction_reference = models.CharField(_("sanction order number"), max_length=100)
    released_on = models.DateField(_("released on"))
    amount = models.DecimalField(_("amount (₹)"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["released_on", "pk"]
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="instalment_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.sanction_reference}: ₹{self.amount}"


class Invoice(TimeStampedModel):
    """What the institute billed the department under the MoU."""

    mou = models.ForeignKey(
        MoU, on_delete=models.PROTECT, related_name="invoices", verbose_name=_("MoU")
    )
    batch = models.ForeignKey(
        Batch,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoices",
        verbose_name=_("batch"),
    )
    number = models.CharField(_("invoice number"), max_length=60)
    invoiced_on = models.DateField(_("invoice date"))
    amount = models.DecimalField(_("amount (₹)"), max_digits=14, decimal_places=2)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["invoiced_on", "pk"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        constraints = [
            models.UniqueConstraint(fields=["mou", "number"], name="invoice_number_once"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="invoice_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number}: ₹{self.amount}"


MONEY_MODELS = (
    RateTable,
    KilometreRate,
    DailyRate,
    BankAccount,
    Travel,
    Claim,
    BatchCost,
    Instalment,
    Invoice,
)


def _audit_register() -> None:
    """Every change of money is audited; registered here (not in apps.py, which the rooms
    part of this app keeps) so the money models and their audit stay one unit."""
    from auditlog.registry import auditlog  # noqa: PLC0415

    for model in MONEY_MODELS:
        if not auditlog.contains(model):
            # The audit trail is read by the state cell: an account number is kept there
            # half masked, like everywhere but the finance role's pages.
            masked = ["account_number"] if model is BankAccount else []
            auditlog.register(model, mask_fields=masked)


_audit_register()
