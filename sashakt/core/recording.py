"""The form for uploading a sound recording (a question read aloud, a feedback item's audio):
one form for every app that takes one, with the same size limit and the same file types."""

from django import forms
from django.utils.translation import gettext_lazy as _

AUDIO_MAX_BYTES = 5 * 1024 * 1024
AUDIO_SUFFIXES = (".mp3", ".m4a", ".aac", ".ogg", ".oga", ".opus", ".wav", ".webm", ".amr")


class RecordingForm(forms.Form):
    audio = forms.FileField(
        label=_("Recording"),
        help_text=_("Record on a phone (up to 5 MB: mp3, m4a, ogg, wav, webm)."),
    )

    def clean_audio(self):
        audio = self.cleaned_data["audio"]
        if audio.size > AUDIO_MAX_BYTES:
            raise forms.ValidationError(_("The recording is larger than 5 MB."))
        if not audio.name.lower().endswith(AUDIO_SUFFIXES):
            raise forms.ValidationError(_("This is not a sound recording we can play."))
        return audio
