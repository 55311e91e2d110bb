from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sashakt.core.models import TimeStampedModel
from sashakt.geography.models import District


class Institute(TimeStampedModel):
    """A partner institute of excellence (IIT Kanpur, IIM Lucknow, ...)."""

    short_name = models.CharField(_("short name"), max_length=40, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_hi = models.CharField(_("name (Hindi)"), max_length=200)
    short_name_hi = models.CharField(_("short name (Hindi)"), max_length=60, blank=True)
    city = models.CharField(_("city"), max_length=100)
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, null=True, blank=True
    )
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["short_name"]
        verbose_name = _("institute")
        verbose_name_plural = _("institutes")

    def __str__(self) -> str:
        return self.display_short_name

    @property
    def name(self) -> str:
        return self.name_hi if get_language() == "hi" and self.name_hi else self.name_en

    @property
    def display_short_name(self) -> str:
        if get_language() == "hi" and self.short_name_hi:
            return self.short_name_hi
        return self.short_name
