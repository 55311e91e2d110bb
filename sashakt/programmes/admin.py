from django.contrib import admin

from sashakt.programmes.models import Institute


@admin.register(Institute)
class InstituteAdmin(admin.ModelAdmin):
    list_display = ["short_name", "name_en", "name_hi", "city"]
    search_fields = ["short_name", "name_en", "name_hi"]
