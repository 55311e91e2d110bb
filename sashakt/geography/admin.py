from django.contrib import admin

from sashakt.geography.models import Block, District, DistrictAlias, GramPanchayat


class DistrictAliasInline(admin.TabularInline):
    model = DistrictAlias
    fields = ["alias", "key"]
    readonly_fields = ["key"]
    extra = 0


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["lgd_code", "name_en", "name_hi", "lgd_name"]
    search_fields = ["name_en", "name_hi", "lgd_name", "=lgd_code"]
    inlines = [DistrictAliasInline]


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):
    list_display = ["lgd_code", "name_en", "name_hi", "district"]
    list_filter = ["district"]
    search_fields = ["name_en", "name_hi", "lgd_name", "=lgd_code"]


@admin.register(GramPanchayat)
class GramPanchayatAdmin(admin.ModelAdmin):
    list_display = ["lgd_code", "name_en", "name_hi", "block", "district"]
    list_filter = ["district"]
    search_fields = ["name_en", "name_hi", "=lgd_code"]
    raw_id_fields = ["block", "district"]
    list_select_related = ["block", "district"]
