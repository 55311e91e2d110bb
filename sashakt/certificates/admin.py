"""Certificates are read here; issue, revoke and re-issue happen on their pages, where the
rules are enforced and the history kept."""

from django.contrib import admin

from sashakt.certificates.models import Certificate, CertificateTemplate, Signatory


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["number", "name_en", "name_hi", "programme", "status", "issued_at"]
    list_filter = ["status", "institute"]
    search_fields = ["number", "name_en", "name_hi"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SignatoryInline(admin.TabularInline):
    model = Signatory
    extra = 0
    exclude = ["signature"]  # uploaded on the template page, where images are checked


@admin.register(CertificateTemplate)
class CertificateTemplateAdmin(admin.ModelAdmin):
    list_display = ["institute", "primary_colour", "accent_colour"]
    exclude = ["logo", "logo_kind"]  # uploaded on the template page, where images are checked
    inlines = [SignatoryInline]
