from django.contrib import admin

from sashakt.people.models import Person


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "name_alt", "designation", "district", "block", "mobile"]
    list_filter = ["designation", "gender", "is_demo", "district"]
    search_fields = ["name", "name_alt", "=mobile"]
    raw_id_fields = ["district", "block", "gram_panchayat"]
    list_select_related = ["district", "block"]
