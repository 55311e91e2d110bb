from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class PlaceNameMixin(models.Model):
    lgd_code = models.PositiveIntegerField(_("LGD code"), unique=True)
    lgd_name = models.CharField(_("name in LGD"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_hi = models.CharField(_("name (Hindi)"), max_length=120, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the interface language (English where no Hindi name is known yet)."""
        if get_language() == "hi" and self.name_hi:
            return self.name_hi
        return self.name_en


class District(PlaceNameMixin):
    # LGD's local-body code of the Zila (District) Panchayat: a series of its own, never
    # compared with `lgd_code`.
    district_panchayat_code = models.PositiveIntegerField(
        _("District Panchayat local-body code"), null=True, blank=True, unique=True
    )
    centroid_lat = models.FloatField(_("centroid latitude"), null=True, blank=True)
    centroid_lon = models.FloatField(_("centroid longitude"), null=True, blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")


class Block(PlaceNameMixin):
    """A development block, the area of one Kshetra Panchayat."""

    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="blocks"
    )
    # LGD's local-body code of the Kshetra (Intermediate) Panchayat whose area this block is.
    # A series of its own: 238 of UP's IP codes equal some unrelated block code.
    intermediate_panchayat_code = models.PositiveIntegerField(
        _("Intermediate Panchayat local-body code"), null=True, blank=True, unique=True
    )
    intermediate_panchayat_name = models.CharField(
        _("Intermediate Panchayat name in LGD"), max_length=120, blank=True
    )
    # The State Election Commission's own spelling (2015), kept for matching sheets.
    sec_name_hi = models.CharField(_("name as the SEC prints it"), max_length=120, blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("block")
        verbose_name_plural = _("blocks")


class GramPanchayat(PlaceNameMixin):
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        related_name="gram_panchayats",
    )
    block = models.ForeignKey(
        Block,
        verbose_name=_("block"),
        on_delete=models.PROTECT,
        related_name="gram_panchayats",
        null=True,
        blank=True,
    )
    # A GP's `lgd_code` is its Village Panchayat local-body code. LGD links it to its
    # Intermediate and District Panchayat by local-body codes (series distinct from block
    # and district codes); they are kept as given and never compared with those.
    intermediate_panchayat_code = models.PositiveIntegerField(null=True, blank=True)
    district_panchayat_code = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("gram panchayat")
        verbose_name_plural = _("gram panchayats")
        indexes = [models.Index(fields=["district", "name_en"])]


class DistrictAlias(models.Model):
    """Another name people use for a district: an old name, a variant spelling, Hindi."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(_("alias"), max_length=120)
    key = models.CharField(max_length=120, unique=True)

    class Meta:
        ordering = ["alias"]
        verbose_name = _("district alias")
        verbose_name_plural = _("district aliases")

    def __str__(self) -> str:
        return f"{self.alias} → {self.district.name_en}"


class GeographyDataVersion(models.Model):
    """What a reference data load last read, so an unchanged load can be skipped."""

    name = models.CharField(max_length=60, unique=True)
    sha256 = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.name} {self.sha256[:12]}"
