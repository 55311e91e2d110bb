from django.contrib import admin

from sashakt.feedback.models import FeedbackItem


@admin.register(FeedbackItem)
class FeedbackItemAdmin(admin.ModelAdmin):
    """The state cell edits the statements and uploads their recordings here. Responses are
    not in the admin: nobody browses who wrote what."""

    list_display = ["code", "applies_to", "text_hi", "text_en", "order", "active"]
    list_filter = ["applies_to", "active"]
