"""One recording form for every app that takes a sound file (questions, feedback items)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from sashakt.core.recording import AUDIO_MAX_BYTES, RecordingForm


def _form(name: str, size: int) -> RecordingForm:
    upload = SimpleUploadedFile(name, b"\0" * size, content_type="audio/mpeg")
    return RecordingForm(data={}, files={"audio": upload})


def test_it_takes_a_phone_recording():
    form = _form("Question 3.M4A", 1000)
    assert form.is_valid()
    assert form.cleaned_data["audio"].name == "Question 3.M4A"


def test_it_refuses_a_recording_over_five_megabytes():
    form = _form("long.mp3", AUDIO_MAX_BYTES + 1)
    with translation.override("en"):
        assert form.errors["audio"] == ["The recording is larger than 5 MB."]


def test_it_refuses_a_file_that_is_not_sound():
    form = _form("notes.pdf", 1000)
    with translation.override("en"):
        assert form.errors["audio"] == ["This is not a sound recording we can play."]
