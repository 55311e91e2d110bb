from django.contrib import admin

from sashakt.attendance.models import Completion, CompletionRule, DayEvidence, Mark, MarkChange


@admin.register(CompletionRule)
class CompletionRuleAdmin(admin.ModelAdmin):
    list_display = ["programme", "min_percent", "require_post_test"]


@admin.register(Mark)
class MarkAdmin(admin.ModelAdmin):
    list_display = ["session", "nomination", "status", "method", "marked_by", "marked_at"]
    list_filter = ["status", "method"]
    raw_id_fields = ["session", "nomination", "marked_by"]

    def has_add_permission(self, request):
        return False  # marks are recorded through the attendance pages (history, rules)

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(MarkChange)
class MarkChangeAdmin(admin.ModelAdmin):
    list_display = [
        "session",
        "nomination",
        "old_status",
        "new_status",
        "changed_by",
        "received_at",
    ]
    raw_id_fields = ["session", "nomination", "changed_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Completion)
class CompletionAdmin(admin.ModelAdmin):
    list_display = ["nomination", "batch", "sessions_attended", "sessions_total", "completed"]
    list_filter = ["completed"]
    raw_id_fields = ["nomination", "batch", "decided_by"]


@admin.register(DayEvidence)
class DayEvidenceAdmin(admin.ModelAdmin):
    list_display = ["batch", "date", "original_name", "uploaded_by", "uploaded_at"]
    raw_id_fields = ["batch", "uploaded_by"]
