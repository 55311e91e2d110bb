"""The files a participant sends after the training: a voice note (recorded in the browser)
and a photo of what they did (compressed in the browser before upload). The server trusts
neither the name nor the browser's type: it reads the first bytes, and refuses a file over
its size limit before storing anything.
"""

from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from sashakt.core.recording import AUDIO_MAX_BYTES
from sashakt.core.refusals import Refused

VOICE_NOTE_MAX_BYTES = AUDIO_MAX_BYTES  # the size limit of every recording (core/recording.py)
PHOTO_MAX_BYTES = 5 * 1024 * 1024

# (what the file starts with, at which offset, the suffix it is stored with)
_AUDIO_SIGNATURES = (
    (b"\x1a\x45\xdf\xa3", 0, ".webm"),  # WebM/Matroska: Chrome's and Firefox's opus recordings
    (b"OggS", 0, ".ogg"),  # Ogg opus
    (b"ftyp", 4, ".m4a"),  # MP4 audio: Safari's recordings
    (b"ID3", 0, ".mp3"),
    (b"RIFF", 0, ".wav"),
)
_PHOTO_SIGNATURES = (
    (b"\xff\xd8\xff", 0, ".jpg"),
    (b"\x89PNG\r\n\x1a\n", 0, ".png"),
    (b"WEBP", 8, ".webp"),
)


class UploadRefused(Refused):
    pass


def _head(upload: UploadedFile) -> bytes:
    upload.seek(0)
    head: bytes = upload.read(16)
    upload.seek(0)
    return head


def _suffix(head: bytes, signatures: tuple[tuple[bytes, int, str], ...]) -> str | None:
    for magic, offset, suffix in signatures:
        if head[offset : offset + len(magic)] == magic:
            return suffix
    return None


def voice_note_check(upload: UploadedFile) -> str:
    """Refuse a voice note that is too large or not a recording; answer its file suffix."""
    if upload.size is not None and upload.size > VOICE_NOTE_MAX_BYTES:
        raise UploadRefused(
            _("The voice note is %(size)s; the limit is %(limit)s. Please record a shorter one.")
            % {
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(VOICE_NOTE_MAX_BYTES),
            }
        )
    suffix = _suffix(_head(upload), _AUDIO_SIGNATURES)
    if suffix is None:
        raise UploadRefused(
            _("This is not a voice recording we can play (webm, ogg, m4a, mp3 or wav).")
        )
    return suffix


def photo_check(upload: UploadedFile) -> str:
    """Refuse a photo that is too large or not a JPEG, PNG or WebP image; answer its suffix."""
    if upload.size is not None and upload.size > PHOTO_MAX_BYTES:
        raise UploadRefused(
            _("The photo is %(size)s; the limit is %(limit)s. Please send a smaller photo.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(PHOTO_MAX_BYTES)}
        )
    suffix = _suffix(_head(upload), _PHOTO_SIGNATURES)
    if suffix is None:
        raise UploadRefused(_("This is not a photo (JPEG, PNG or WebP)."))
    return suffix
