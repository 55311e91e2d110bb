from django.contrib import admin

from sashakt.assessments.models import Assessment, EducationLevel, Option, Question


class OptionInline(admin.TabularInline):
    model = Option
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "module", "kind", "active"]
    list_filter = ["kind", "active", "module__programme"]
    search_fields = ["text_hi", "text_en"]
    inlines = [OptionInline]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "opens_at", "closes_at", "time_limit_minutes"]
    list_select_related = ["batch__programme"]


@admin.register(EducationLevel)
class EducationLevelAdmin(admin.ModelAdmin):
    list_display = ["person", "level"]
    raw_id_fields = ["person"]
