from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from sashakt.core.roles import Role
from sashakt.geography.models import District
from sashakt.people.models import Person, mobile_validator
from sashakt.programmes.models import Institute


class SashaktUserManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        # A superuser is someone in the state programme cell.
        extra_fields.setdefault("role", Role.STATE)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in. Their role and scope decide everything they may see."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    mobile = models.CharField(
        _("mobile"),
        max_length=10,
        unique=True,
        null=True,
        blank=True,
        validators=[mobile_validator],
        help_text=_("May be used instead of the username to sign in."),
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Required for district officers: the district they may see."),
    )
    institute = models.ForeignKey(
        Institute,
        verbose_name=_("institute"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Required for institute coordinators (and trainers of an institute)."),
    )
    person = models.OneToOneField(
        Person,
        verbose_name=_("registry record"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="user",
        help_text=_("Required for participants: their own record in the registry."),
    )
    language = models.CharField(
        _("language"),
        max_length=5,
        blank=True,
        choices=[("hi", "हिन्दी"), ("en", "English")],
    )

    objects = SashaktUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role=Role.DISTRICT) | Q(district__isnull=False),
                name="district_officer_has_district",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.INSTITUTE) | Q(institute__isnull=False),
                name="institute_coordinator_has_institute",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.PARTICIPANT) | Q(person__isnull=False),
                name="participant_has_person",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    @property
    def is_state_cell(self) -> bool:
        return self.is_active and self.role == Role.STATE

    # The state programme cell may do everything, in the admin too (master data); other
    # roles never use the admin. Permissions below that level come from core.permissions.
    def has_perm(self, perm, obj=None) -> bool:
        return self.is_state_cell or super().has_perm(perm, obj)

    def has_module_perms(self, app_label) -> bool:
        return self.is_state_cell or super().has_module_perms(app_label)


class SignInMethod(models.TextChoices):
    PASSWORD = "password", _("Password")
    CODE = "code", _("One-time code")
    HALL = "hall", _("Hall sign-in")


class SignInEvent(models.Model):
    """Every sign-in and every failed attempt, whatever the method (the sign-in audit).

    Failed hall sign-ins are also what the hall's limits count (see backends.py)."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(  # the record outlives the account
        User, verbose_name=_("user"), on_delete=models.SET_NULL, null=True, blank=True
    )
    method = models.CharField(_("method"), max_length=10, choices=SignInMethod.choices)
    succeeded = models.BooleanField(_("succeeded"))
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    place = models.CharField(_("where"), max_length=40, blank=True)  # e.g. "batch:12"

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["method", "succeeded", "at"], name="acc_signin_recent")]
        verbose_name = _("sign-in")
        verbose_name_plural = _("sign-ins")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.method} {self.user_id} {self.succeeded}"


class SignInCode(models.Model):
    """One request for a one-time code: a row for every request, whether the number reaches an
    account or not, so the limits per number and per address count both alike.

    Only a keyed hash of the code is kept (`code_hash`, empty when no account was reached);
    the number is kept as a keyed digest too, never in clear."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    mobile_digest = models.CharField(max_length=64, db_index=True)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, null=True, blank=True
    )
    # A seat holder without an account yet: the account is made when this code is used.
    person = models.ForeignKey(
        Person,
        verbose_name=_("registry record"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    code_hash = models.CharField(max_length=100, blank=True)
    expires_at = models.DateTimeField(_("expires"))
    wrong_attempts = models.PositiveSmallIntegerField(_("wrong attempts"), default=0)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.user_id}"


class AuthenticatorDevice(TOTPDevice):  # type: ignore[misc]  # django-otp ships no types
    """django-otp's authenticator-app device under our own name, for the admin's list (the
    package's model has no Hindi name and its own admin shows the secret key)."""

    class Meta:
        proxy = True
        verbose_name = _("authenticator app")
        verbose_name_plural = _("authenticator apps")


class RecoveryCodeSet(StaticDevice):  # type: ignore[misc]  # django-otp ships no types
    """django-otp's static device, which holds a user's recovery codes (hashed)."""

    class Meta:
        proxy = True
        verbose_name = _("recovery code set")
        verbose_name_plural = _("recovery code sets")
