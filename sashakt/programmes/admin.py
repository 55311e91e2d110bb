"""Master data for the state cell: institutes and venues, MoUs with their targets and signed
PDF, programmes with modules and the session template. Batches and nominations have their
own pages, where the rules are enforced."""

from django.contrib import admin

from sashakt.programmes.models import (
    DistrictQuota,
    Holiday,
    Institute,
    Module,
    MoU,
    MoUTarget,
    Programme,
    TemplateSession,
    Venue,
)


class VenueInline(admin.TabularInline):
    model = Venue
    extra = 0


@admin.register(Institute)
class InstituteAdmin(admin.ModelAdmin):
    list_display = ["short_name", "name_en", "name_hi", "city"]
    search_fields = ["short_name", "name_en", "name_hi"]
    inlines = [VenueInline]


class MoUTargetInline(admin.TabularInline):
    model = MoUTarget
    extra = 1


@admin.register(MoU)
class MoUAdmin(admin.ModelAdmin):
    list_display = ["institute", "title", "signed_on", "valid_until", "target_people"]
    list_filter = ["institute"]
    inlines = [MoUTargetInline]


class ModuleInline(admin.StackedInline):
    model = Module
    extra = 0


class ProgrammeQuotaInline(admin.TabularInline):
    model = DistrictQuota
    fk_name = "programme"
    fields = ["district", "seats"]
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["title_en", "mou", "days", "approver"]
    list_filter = ["mou__institute"]
    inlines = [ModuleInline, ProgrammeQuotaInline]


@admin.register(TemplateSession)
class TemplateSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "module", "day", "starts_at", "minutes", "method"]
    list_filter = ["module__programme", "day"]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    """The gazetted holidays the batch form warns about."""

    list_display = ["date", "name_en", "name_hi"]
    date_hierarchy = "date"
    search_fields = ["name_en", "name_hi"]
