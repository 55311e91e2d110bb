"""Per-institute templates: logo and signatures checked and re-encoded, wording with
placeholders, a preview with sample data; only the institute's coordinator or the state."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from sashakt.certificates.images import ImageRejected, image_clean
from sashakt.certificates.models import CertificateTemplate
from sashakt.certificates.tests.conftest import pdf_text

pytestmark = pytest.mark.django_db

SVG_LOGO = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" '
    b'viewBox="0 0 40 40">'
    b'<circle cx="20" cy="20" r="18" fill="#1e4c8c"/></svg>'
)


def _png(colour=(200, 40, 40, 255), size=(120, 60), **info) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGBA", size, colour)
    image.info.update(info)
    image.save(out, format="PNG", pnginfo=_text_chunk())
    return out.getvalue()


def _text_chunk():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "<script>alert(1)</script>")
    return info


def test_a_png_is_re_encoded_without_its_metadata():
    data, kind = image_clean(_png())
    assert kind == "png" and data.startswith(b"\x89PNG")
    assert b"script" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (120, 60)


@pytest.mark.parametrize(
    "upload",
    [
        b"GIF89a....",
        b"\x89PNG\r\n\x1a\n broken",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><rect onload="x()" width="1" height="1"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        b'<use xlink:href="http://evil.example/x.svg#a"/></svg>',
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
    ],
)
def test_anything_but_a_plain_png_or_drawing_svg_is_refused(upload):
    with pytest.raises(ImageRejected):
        image_clean(upload)


def test_a_drawing_svg_is_kept_as_rewritten_svg():
    data, kind = image_clean(SVG_LOGO)
    assert kind == "svg" and b"<circle" in data


@pytest.mark.parametrize(("persona", "status"), [("iitk", 200), ("state", 200), ("iiml", 404)])
def test_only_the_institutes_coordinator_or_the_state_cell_edit_its_template(
    personas, client, persona, status
):
    client.force_login(personas.all_users()[persona])
    url = reverse("certificates:template_edit", args=[personas.iitk_institute.pk])
    assert client.get(url).status_code == status
    preview = reverse("certificates:template_preview", args=[personas.iitk_institute.pk])
    assert client.get(preview).status_code == status


def _form(**extra):
    data = {
        "primary_colour": "#7a1f1f",
        "accent_colour": "#c8962d",
        "wording_hi": "ने {institute} में {start} से {end} तक “{programme}” प्रशिक्षण पूर्ण किया।",
        "wording_en": "completed “{programme}” at {institute}, {start} to {end} ({hours} hours).",
        "signatories-TOTAL_FORMS": "1",
        "signatories-INITIAL_FORMS": "0",
        "signatories-MIN_NUM_FORMS": "0",
        "signatories-MAX_NUM_FORMS": "3",
        "signatories-0-order": "1",
        "signatories-0-name_hi": "प्रो. अमिताभ श्रीवास्तव",
        "signatories-0-name_en": "Prof. Amitabh Srivastava",
        "signatories-0-designation_hi": "कार्यक्रम निदेशक",
        "signatories-0-designation_en": "Programme Director",
    }
    data.update(extra)
    return data


def test_the_coordinator_uploads_a_logo_and_a_signature_and_previews_the_result(
    personas, client, tmp_path
):
    client.force_login(personas.iitk)
    url = reverse("certificates:template_edit", args=[personas.iitk_institute.pk])
    response = client.post(
        url,
        _form(
            logo=SimpleUploadedFile("logo.svg", SVG_LOGO, content_type="image/svg+xml"),
            **{"signatories-0-signature": SimpleUploadedFile("sign.png", _png(), "image/png")},
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    template = CertificateTemplate.objects.get(institute=personas.iitk_institute)
    assert template.logo_kind == "svg" and template.primary_colour == "#7a1f1f"
    signatory = template.signatories.get()
    assert signatory.signature.name.endswith(".png")
    with signatory.signature.open("rb") as handle:
        assert b"script" not in handle.read()
    preview = client.get(
        reverse("certificates:template_preview", args=[personas.iitk_institute.pk])
    )
    assert preview["Content-Type"] == "application/pdf"
    text = pdf_text(preview.content, tmp_path, mode="-raw")  # -layout drops turned text
    for expected in ["प्रो.अमिताभश्रीवास्तव", "ProgrammeDirector", "नमूना/Sample",
                     "completed“Leadershipandcapacitydevelopment"]:  # fmt: skip
        assert expected in text, expected


def test_bad_wording_and_a_bad_logo_are_refused_with_messages_and_nothing_saved(personas, client):
    client.force_login(personas.iitk)
    url = reverse("certificates:template_edit", args=[personas.iitk_institute.pk])
    response = client.post(
        url,
        _form(
            wording_en="completed {course}",
            primary_colour="red",
            logo=SimpleUploadedFile("logo.png", b"not an image", content_type="image/png"),
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "wording_en" in errors and "primary_colour" in errors and "logo" in errors
    assert not CertificateTemplate.objects.exists()


# --- Issue 23, item 28: a template is checked by drawing a sample at save ------------------

SVG_VIEWBOX_ONLY = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 80 40">'
    b'<rect x="2" y="2" width="76" height="36" fill="#1e4c8c"/></svg>'
)
SVG_NO_SIZE = b'<svg xmlns="http://www.w3.org/2000/svg"><circle cx="20" cy="20" r="18"/></svg>'
SVG_DEEP = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    + b"<g>" * 3000
    + b'<rect width="1" height="1"/>'
    + b"</g>" * 3000
    + b"</svg>"
)


def test_an_svg_logo_with_only_a_viewbox_is_given_its_size_and_drawn(personas, client, tmp_path):
    data, kind = image_clean(SVG_VIEWBOX_ONLY)
    assert kind == "svg" and b'width="80"' in data and b'height="40"' in data
    client.force_login(personas.iitk)
    url = reverse("certificates:template_edit", args=[personas.iitk_institute.pk])
    response = client.post(url, _form(logo=SimpleUploadedFile("logo.svg", SVG_VIEWBOX_ONLY)))
    assert response.status_code == 302
    preview = client.get(
        reverse("certificates:template_preview", args=[personas.iitk_institute.pk])
    )
    assert preview.status_code == 200 and "Sample" in pdf_text(preview.content, tmp_path, "-raw")


@pytest.mark.parametrize(
    ("logo", "message"),
    [
        (SVG_NO_SIZE, "चौड़ाई"),  # no size at all: refused, says what to add
        (SVG_DEEP, "जटिल"),  # 3,000 nested groups: refused, not a 500
    ],
    ids=["no-size", "deeply-nested"],
)
def test_an_svg_logo_that_cannot_be_drawn_is_refused_with_a_hindi_message(
    personas, client, logo, message
):
    client.force_login(personas.iitk)
    url = reverse("certificates:template_edit", args=[personas.iitk_institute.pk])
    response = client.post(
        url, _form(logo=SimpleUploadedFile("logo.svg", logo)), HTTP_ACCEPT_LANGUAGE="hi"
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["logo"])
    assert not CertificateTemplate.objects.exists()


@pytest.mark.parametrize(
    "wording",
    [
        "completed {programme:x>200000}",
        "completed {programme!r}",
        "completed {programme.__class__}",
        "completed {programme[0]}",
        "completed " + "very " * 200 + "{programme}",
    ],
)
def test_wording_allows_only_plain_names_in_curly_brackets(personas, client, wording):
    client.force_login(personas.iitk)
    url = reverse("certificates:template_edit", args=[personas.iitk_institute.pk])
    response = client.post(url, _form(wording_en=wording), HTTP_ACCEPT_LANGUAGE="hi")
    assert response.status_code == 200
    assert response.context["form"].errors["wording_en"]
    assert not CertificateTemplate.objects.exists()


def test_wording_saved_before_the_check_prints_quickly_without_its_format_spec(personas):
    import time

    from sashakt.certificates.pdf import certificate_pdf
    from sashakt.certificates.printable import demo_printable, look_of

    template = CertificateTemplate.objects.create(
        institute=personas.iitk_institute, wording_en="completed {programme:x>200000} well"
    )
    started = time.perf_counter()
    certificate_pdf(demo_printable(personas.iitk_institute), look_of(template))
    assert time.perf_counter() - started < 5  # 80 s before


def test_a_stored_logo_that_cannot_be_drawn_stops_the_save_with_a_message_until_replaced(
    personas, client
):
    """A logo stored before the checks (an SVG without a size) broke every certificate of
    the institute; saving the template now draws a sample first and says what is wrong."""
    from django.core.files.base import ContentFile

    template = CertificateTemplate.objects.create(institute=personas.iitk_institute)
    template.logo.save("old-logo.svg", ContentFile(SVG_NO_SIZE), save=True)
    client.force_login(personas.iitk)
    url = reverse("certificates:template_edit", args=[personas.iitk_institute.pk])
    response = client.post(url, _form(primary_colour="#112233"), HTTP_ACCEPT_LANGUAGE="hi")
    assert response.status_code == 200
    assert "नमूना प्रमाण-पत्र" in response.content.decode()
    template.refresh_from_db()
    assert template.primary_colour != "#112233" and not template.signatories.exists()
    response = client.post(
        url, _form(primary_colour="#112233", logo=SimpleUploadedFile("logo.svg", SVG_LOGO))
    )
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.primary_colour == "#112233"
