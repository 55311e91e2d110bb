"""The library: uploads checked by content and size, files served only to those who may
read the programme's library, the participant's page small and listing sizes."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile

from sashakt.core.roles import Role
from sashakt.followup import library
from sashakt.followup.models_library import Material, MaterialKind
from sashakt.followup.tests.outcome_factories import library_setup, pdf_bytes
from sashakt.nominations.models import Nomination, NominationStatus
from sashakt.test import user_make

MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x64" + b"\x00" * 2000


@pytest.fixture
def setup(personas):
    return library_setup(personas)


@pytest.fixture
def handout(personas, setup):
    _programme, first, _second, _batch = setup
    return library.material_add(
        user=personas.iitk,
        module=first,
        kind=MaterialKind.HANDOUT,
        title_hi="नेतृत्व: पुस्तिका",
        title_en="Leadership: handout",
        upload=SimpleUploadedFile("handout.pdf", pdf_bytes("Leadership")),
    )


def _file_url(material: Material) -> str:
    return f"/followup/library/files/{material.pk}/{material.sha256[:16]}/"


def test_the_coordinator_adds_a_pdf_and_it_is_stored_privately(personas, setup, client, settings):
    _programme, first, _second, _batch = setup
    client.force_login(personas.iitk)
    content = pdf_bytes("Leadership")
    response = client.post(
        f"/followup/library/module/{first.pk}/add/",
        {
            "kind": MaterialKind.HANDOUT,
            "title_hi": "पुस्तिका",
            "title_en": "Handout",
            "file": SimpleUploadedFile("anything.bin", content, content_type="text/plain"),
        },
    )
    assert response.status_code == 302
    material = Material.objects.get()
    assert material.content_type == "application/pdf"  # from its bytes, not its name
    assert material.size_bytes == len(content)
    assert material.file.name.endswith(material.sha256 + ".pdf")
    assert (settings.MEDIA_ROOT / material.file.name).read_bytes() == content


def test_a_40_mb_file_is_refused(personas, setup, client):
    _programme, first, _second, _batch = setup
    client.force_login(personas.iitk)
    big = b"%PDF-1.4\n" + b"0" * (40 * 1024 * 1024)
    response = client.post(
        f"/followup/library/module/{first.pk}/add/",
        {
            "kind": MaterialKind.HANDOUT,
            "title_hi": "बड़ी फ़ाइल",
            "title_en": "Large file",
            "file": SimpleUploadedFile("big.pdf", big),
        },
    )
    assert response.status_code == 200
    assert "फ़ाइल 20 एमबी से बड़ी है" in response.content.decode()
    assert not Material.objects.exists()


@pytest.mark.parametrize(
    ("kind", "name", "content"),
    [
        (MaterialKind.HANDOUT, "handout.pdf", b"MZ\x90\x00 a program, named as a PDF"),
        (MaterialKind.HANDOUT, "handout.pdf", b"<html><script>alert(1)</script></html>"),
        (MaterialKind.HANDOUT, "talk.mp3", MP3),  # a recording is not a handout
        (MaterialKind.AUDIO, "talk.mp3", b"%PDF-1.4 a pdf named as a recording"),
    ],
)
def test_a_wrong_type_is_refused(personas, setup, kind, name, content):
    _programme, first, _second, _batch = setup
    with pytest.raises(library.LibraryError):
        library.material_add(
            user=personas.iitk,
            module=first,
            kind=kind,
            title_hi="ग़लत",
            title_en="Wrong",
            upload=SimpleUploadedFile(name, content),
        )
    assert not Material.objects.exists()


def test_a_recording_and_a_video_link_are_accepted(personas, setup):
    _programme, first, _second, _batch = setup
    audio = library.material_add(
        user=personas.iitk,
        module=first,
        kind=MaterialKind.AUDIO,
        title_hi="भाषण",
        title_en="Talk",
        upload=SimpleUploadedFile("talk.mp3", MP3),
    )
    assert audio.content_type == "audio/mpeg"
    video = library.material_add(
        user=personas.iitk,
        module=first,
        kind=MaterialKind.VIDEO,
        title_hi="वीडियो",
        title_en="Video",
        link="https://www.youtube.com/watch?v=abc",
    )
    assert video.is_link
    with pytest.raises(library.LibraryError):
        library.material_add(
            user=personas.iitk,
            module=first,
            kind=MaterialKind.VIDEO,
            title_hi="वीडियो",
            title_en="Video",
            link="javascript:alert(1)",
        )


def test_another_institute_cannot_add_or_remove(personas, setup, handout, client):
    _programme, first, _second, _batch = setup
    for user in (personas.iiml, personas.dpro_kanpur, personas.trainer, personas.participant):
        client.force_login(user)
        add = client.get(f"/followup/library/module/{first.pk}/add/")
        remove = client.post(f"/followup/library/material/{handout.pk}/remove/")
        assert add.status_code in (403, 404), user
        assert remove.status_code in (403, 404), user
    assert Material.objects.filter(pk=handout.pk).exists()


def test_removing_asks_first(
    personas, handout, client, settings, django_capture_on_commit_callbacks
):
    client.force_login(personas.iitk)
    page = client.get(f"/followup/library/material/{handout.pk}/remove/")
    assert b'data-testid="confirm-remove"' in page.content
    assert Material.objects.filter(pk=handout.pk).exists()
    stored = settings.MEDIA_ROOT / handout.file.name
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        removed = client.post(f"/followup/library/material/{handout.pk}/remove/")
    assert removed.status_code == 302
    assert not Material.objects.filter(pk=handout.pk).exists()
    assert not stored.exists()  # the file goes once the removal is committed


def test_the_file_goes_only_to_those_who_may_read_the_library(personas, setup, handout, client):
    _programme, _first, _second, batch = setup
    url = _file_url(handout)
    allowed = {
        "participant": personas.participant,  # seated for the programme
        "state": personas.state,
        "dpro_kanpur": personas.dpro_kanpur,
        "dpro_lucknow": personas.dpro_lucknow,  # district officers open every programme
        "iitk": personas.iitk,
        "trainer": personas.trainer,  # of IIT Kanpur
    }
    for name, user in allowed.items():
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, name
        assert b"".join(response.streaming_content).startswith(b"%PDF-"), name
        assert response["Content-Type"] == "application/pdf"
    # Another district's participant, never nominated for this programme.
    other = user_make("lucknow-participant", Role.PARTICIPANT, person=personas.lucknow_person)
    client.force_login(other)
    assert client.get(url).status_code == 404
    assert b"Leadership" not in client.get("/followup/library/").content
    client.force_login(personas.iiml)
    assert client.get(url).status_code == 404
    # A participant whose nomination was rejected no longer reads it.
    Nomination.objects.filter(person=personas.participant.person).update(
        status=NominationStatus.REJECTED, seat=None, reason="Not eligible"
    )
    client.force_login(personas.participant)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the sign-in page
    client.force_login(personas.state)
    assert client.get(f"/followup/library/files/{handout.pk}/0000000000000000/").status_code == 404


def test_after_the_batch_the_library_stays_open(personas, setup, handout, client):
    _programme, _first, _second, batch = setup
    Nomination.objects.filter(person=personas.participant.person).update(
        status=NominationStatus.ATTENDED, seat=None
    )
    client.force_login(personas.participant)
    assert client.get(_file_url(handout)).status_code == 200


def test_the_participants_page_is_small_and_shows_sizes(personas, setup, handout, client):
    client.force_login(personas.participant)
    response = client.get("/followup/library/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "नेतृत्व: पुस्तिका" in html  # Hindi by default
    found = re.search(r'data-testid="material-size">([^<]+)<', html)
    assert found is not None
    size = found.group(1)
    assert size.split()[-1] in ("KB", "केबी")
    assert "<script>" not in html  # CSP: scripts come from files only
    script = finders.find("followup/library.js")
    assert isinstance(script, str)
    assert len(response.content) + Path(script).stat().st_size < 200_000


def test_the_offline_worker_covers_the_library(client, personas):
    response = client.get("/followup/library/sw.js")
    assert response.status_code == 200
    assert response["Service-Worker-Allowed"] == "/followup/library/"
    assert b"/library/files/" in response.content


def test_the_library_pages_read_in_hindi(personas, setup, handout, client):
    from sashakt.stray_latin import assert_no_stray_latin  # noqa: PLC0415

    client.force_login(personas.participant)
    assert_no_stray_latin(
        client.get("/followup/library/").content.decode(), allowed={"participant"}
    )
    client.force_login(personas.iitk)
    _programme, first, _second, _batch = setup
    for url in ("/followup/library/", f"/followup/library/module/{first.pk}/add/"):
        assert_no_stray_latin(client.get(url).content.decode(), allowed={"iitk"})
