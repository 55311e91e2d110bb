"""The library of module materials: who may read them, and adding and removing them.

Who may read a programme's materials: everyone nominated or seated for that programme,
before and after their batch (not those rejected, who declined, withdrew or were replaced);
the state cell and district officers (who may open every programme); the programme's
institute's coordinator and trainers. Who may add or remove them: the institute's
coordinator and the state cell.

An uploaded file's type is decided by its first bytes, never by its name or what the
browser says; the size is checked before anything is stored; the stored name is the
content's hash, so nothing the uploader typed reaches a path."""

import hashlib
import zipfile
from dataclasses import dataclass
from typing import IO
from urllib.parse import urlparse

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from sashakt.core.refusals import Refused
from sashakt.core.roles import Role
from sashakt.core.users import AnyUser, User
from sashakt.followup.models_library import Material, MaterialKind
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.programmes.models import Module, Programme

# A person nominated or seated for a programme reads its library, before and after the batch.
READER_STATUSES = (
    NominationStatus.NOMINATED,
    NominationStatus.WAITLISTED,
    NominationStatus.APPROVED,
    NominationStatus.CONFIRMED,
    NominationStatus.ATTENDED,
    NominationStatus.NOT_COMPLETED,
)
UPLOAD_ROLES = (Role.STATE, Role.INSTITUTE)
READ_ROLES = (Role.STATE, Role.DISTRICT, Role.INSTITUTE, Role.TRAINER, Role.PARTICIPANT)
VIDEO_HOSTS = ("youtube.com", "youtu.be", "vimeo.com", "gov.in", "nic.in")


class LibraryError(Refused):
    """A material refused (the message is for the user)."""


def signed_in_user(request: HttpRequest) -> User:
    """The user of a request a `role_required` view let through (always signed in)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def max_bytes() -> int:
    return settings.LIBRARY_MAX_MB * 1024 * 1024


# ---------------------------------------------------------------------------------------
# What a file is


@dataclass(frozen=True)
class Sniffed:
    content_type: str
    suffix: str
    kinds: tuple[str, ...]  # the kinds of material this file may be


PDF = Sniffed(
    "application/pdf", ".pdf", (MaterialKind.HANDOUT, MaterialKind.SLIDES, MaterialKind.CASE_STUDY)
)
PPTX = Sniffed(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".pptx",
    (MaterialKind.SLIDES,),
)
ODP = Sniffed("application/vnd.oasis.opendocument.presentation", ".odp", (MaterialKind.SLIDES,))
AUDIO = (MaterialKind.AUDIO,)


def sniff(head: bytes, path_for_zip: str | IO[bytes] | None = None) -> Sniffed | None:
    """The file's type from its first bytes (and, for a zip, the parts it holds)."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return Sniffed("audio/mpeg", ".mp3", AUDIO)
    if head.startswith(b"OggS"):
        return Sniffed("audio/ogg", ".ogg", AUDIO)
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return Sniffed("audio/wav", ".wav", AUDIO)
    if head[4:8] == b"ftyp" and head[8:12] in (b"M4A ", b"M4B ", b"mp42", b"isom", b"dash"):
        return Sniffed("audio/mp4", ".m4a", AUDIO)
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return Sniffed("audio/webm", ".webm", AUDIO)
    if head.startswith(b"PK\x03\x04") and path_for_zip is not None:
        try:
            with zipfile.ZipFile(path_for_zip) as archive:
                names = set(archive.namelist())
                if "ppt/presentation.xml" in names:
                    return PPTX
                if "mimetype" in names and archive.read("mimetype").startswith(
                    b"application/vnd.oasis.opendocument.presentation"
                ):
                    return ODP
        except (zipfile.BadZipFile, KeyError, OSError):
            return None
    return None


def _accepted_text() -> str:
    return _(
        "Upload a PDF (handouts, case studies, slides), a PowerPoint or OpenDocument "
        "presentation (slides), or a sound file (mp3, m4a, ogg, wav, webm); for a video give "
        "its link."
    )


# ---------------------------------------------------------------------------------------
# Who may read and change


def programmes_readable(user: AnyUser) -> QuerySet[Programme]:
    """The programmes whose library `user` may open."""
    programmes = Programme.objects.select_related("mou__institute")
    if not isinstance(user, User) or not user.is_active:
        return programmes.none()
    if user.role in (Role.STATE, Role.DISTRICT):
        return programmes
    if user.role in (Role.INSTITUTE, Role.TRAINER) and user.institute_id:
        return programmes.filter(mou__institute_id=user.institute_id)
    if user.role == Role.PARTICIPANT and user.person_id:
        return programmes.filter(
            Exists(
                Nomination.objects.filter(
                    programme=OuterRef("pk"), person_id=user.person_id, status__in=READER_STATUSES
                )
            )
        )
    return programmes.none()


def materials_for_user(user: AnyUser) -> QuerySet[Material]:
    return Material.objects.filter(module__programme__in=programmes_readable(user)).select_related(
        "module__programme"
    )


def modules_changeable(user: AnyUser) -> QuerySet[Module]:
    """Modules whose materials `user` may add or remove."""
    if not isinstance(user, User) or not user.is_active:
        return Module.objects.none()
    if user.role == Role.STATE:
        return Module.objects.all()
    if user.role == Role.INSTITUTE and user.institute_id:
        return Module.objects.filter(programme__mou__institute_id=user.institute_id)
    return Module.objects.none()


def library_of(programmes: QuerySet[Programme]) -> QuerySet[Programme]:
    """The programmes with their modules and each module's materials, in order."""
    return programmes.prefetch_related(
        Prefetch(
            "modules",
            queryset=Module.objects.order_by("order").prefetch_related(
                Prefetch("materials", queryset=Material.objects.order_by("order", "pk"))
            ),
        )
    ).order_by("title_en")


# ---------------------------------------------------------------------------------------
# Writes


@transaction.atomic
def material_add(
    *,
    user: User,
    module: Module,
    kind: str,
    title_hi: str,
    title_en: str,
    upload: UploadedFile | None = None,
    link: str = "",
) -> Material:
    """Add a file or a video link to a module's materials."""
    if not modules_changeable(user).filter(pk=module.pk).exists():
        raise LibraryError(_("You may not add materials to this module."))
    if kind not in MaterialKind.values:
        raise LibraryError(_("Choose what kind of material this is."))
    material = Material(
        module=module,
        kind=kind,
        title_hi=title_hi.strip(),
        title_en=title_en.strip(),
        uploaded_by=user,
        order=module.materials.count() + 1,
    )
    if kind == MaterialKind.VIDEO:
        material.link = _video_link(link)
    else:
        if upload is None:
            raise LibraryError(_("Choose the file to upload."))
        _file_take(material, upload)
    material.full_clean(exclude=["file"])
    material.save()
    return material


def _video_link(link: str) -> str:
    link = (link or "").strip()
    parsed = urlparse(link)
    if parsed.scheme != "https" or not parsed.hostname:
        raise LibraryError(_("Give the video's full address, starting with https://."))
    return link


def _file_take(material: Material, upload: UploadedFile) -> None:
    if (upload.size or 0) > max_bytes():
        raise LibraryError(
            _("The file is larger than %(megabytes)s MB. Make it smaller or share it as a link.")
            % {"megabytes": settings.LIBRARY_MAX_MB}
        )
    digest = hashlib.sha256()
    size = 0
    head = b""
    for chunk in upload.chunks():
        if len(head) < 64:
            head += chunk[: 64 - len(head)]
        digest.update(chunk)
        size += len(chunk)
    if size > max_bytes():  # the size the browser claimed is not trusted either
        raise LibraryError(
            _("The file is larger than %(megabytes)s MB. Make it smaller or share it as a link.")
            % {"megabytes": settings.LIBRARY_MAX_MB}
        )
    if size == 0:
        raise LibraryError(_("The file is empty."))
    path = getattr(upload, "temporary_file_path", None)
    upload.seek(0)
    sniffed = sniff(head, path() if path else upload)
    if sniffed is None or material.kind not in sniffed.kinds:
        raise LibraryError(_accepted_text())
    upload.seek(0)
    material.content_type = sniffed.content_type
    material.suffix = sniffed.suffix
    material.size_bytes = size
    material.sha256 = digest.hexdigest()
    material.file.save("upload", upload, save=False)


@transaction.atomic
def material_remove(*, user: User, material: Material) -> None:
    if not modules_changeable(user).filter(pk=material.module_id).exists():
        raise LibraryError(_("You may not remove materials of this module."))
    name = material.file.name if material.file else ""
    material.delete()
    if name and not Material.objects.filter(file=name).exists():
        storage = material.file.storage
        transaction.on_commit(lambda: storage.delete(name))
