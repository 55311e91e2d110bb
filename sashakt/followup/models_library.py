"""The library: each programme module's materials, to go back to after the batch.

A material is a stored file (a handout or case study as PDF, slides, a sound recording) or
a link to a short video. Files are private: they go out only through the library's view,
which checks who asks (`followup/library.py`)."""

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sashakt.core.models import TimeStampedModel, bilingual
from sashakt.programmes.models import Module


class MaterialKind(models.TextChoices):
    HANDOUT = "handout", _("Handout")
    SLIDES = "slides", _("Slides")
    AUDIO = "audio", _("Audio")
    VIDEO = "video", _("Video link")
    CASE_STUDY = "case_study", _("Case study")


def material_upload_to(material: "Material", filename: str) -> str:
    # The name on disk is ours (the content hash): nothing the uploader typed reaches a path.
    return f"followup/library/{material.module_id}/{material.sha256}{material.suffix}"


class Material(TimeStampedModel):
    module = models.ForeignKey(
        Module, verbose_name=_("module"), on_delete=models.CASCADE, related_name="materials"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=MaterialKind.choices)
    title_hi = models.CharField(_("title (Hindi)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    file = models.FileField(_("file"), upload_to=material_upload_to, blank=True, max_length=200)
    # Decided from the file's first bytes when uploaded, never from its name.
    content_type = models.CharField(_("file type"), max_length=100, blank=True)
    suffix = models.CharField(max_length=10, blank=True)
    size_bytes = models.PositiveBigIntegerField(_("size"), default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    link = models.URLField(_("link"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    is_demo = models.BooleanField(_("demo record"), default=False)

    class Meta:
        ordering = ["module__programme", "module__order", "order", "pk"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        constraints = [
            models.CheckConstraint(
                condition=Q(file="", kind="video") & ~Q(link="")
                | ~Q(file="") & Q(link="") & ~Q(kind="video"),
                name="material_is_a_file_or_a_video_link",
            )
        ]

    title = bilingual("title")

    def __str__(self) -> str:
        return str(self.title)

    @property
    def is_link(self) -> bool:
        return not self.file

    @property
    def download_name(self) -> str:
        return f"{self.title_en[:60] or 'material'}{self.suffix}"


# The stored name, hash and sniffed type follow from the file; the audit keeps what people
# chose (titles, kind, module, link) and the size.
auditlog.register(Material, exclude_fields=["file", "sha256", "suffix", "content_type"])
