from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from sashakt.accounts.models import AuthenticatorDevice, RecoveryCodeSet, SignInEvent, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "full_name", "role", "district", "institute", "is_active"]
    list_filter = ["role", "is_active", "institute", "district"]
    search_fields = ["username", "full_name", "mobile", "email"]
    raw_id_fields = ["person"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Person"), {"fields": ["full_name", "email", "mobile", "language"]}),
        (_("Role and scope"), {"fields": ["role", "district", "institute", "person"]}),
        (_("Status"), {"fields": ["is_active", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "username",
                    "full_name",
                    "role",
                    "district",
                    "institute",
                    "person",
                    "password1",
                    "password2",
                ],
            },
        )
    ]
    readonly_fields = ["last_login", "date_joined"]


@admin.register(SignInEvent)
class SignInEventAdmin(admin.ModelAdmin):
    """The sign-in audit, read-only."""

    list_display = ["at", "user", "method", "succeeded", "address", "place"]
    list_filter = ["method", "succeeded"]
    search_fields = ["user__username", "address", "place"]
    raw_id_fields = ["user"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


# Two-factor devices (accounts/two_factor.py): django-otp's own admin shows the secret key and
# a QR code of it; here the state cell only sees who has which and may delete one (a state
# cell account's lost phone; other staff are reset from the staff page).
admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)


@admin.register(AuthenticatorDevice, RecoveryCodeSet)
class TwoFactorDeviceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # two models
    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_select_related = ["user"]
    search_fields = ["user__username"]
    fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    readonly_fields = ["user", "name", "confirmed", "created_at", "last_used_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
