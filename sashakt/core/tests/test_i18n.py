import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from sashakt.conftest import require_or_skip

PO_PATH = Path(settings.BASE_DIR) / "locale/hi/LC_MESSAGES/django.po"
MO_PATH = PO_PATH.with_suffix(".mo")


def _untranslated(po) -> list[str]:
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        translated = all(entry.msgstr_plural.values()) if entry.msgid_plural else entry.msgstr
        if not translated or "fuzzy" in entry.flags:
            missing.append(entry.msgid)
    return missing


def test_every_string_in_the_hindi_catalogue_is_translated():
    assert _untranslated(polib.pofile(str(PO_PATH))) == []


def test_translations_keep_their_placeholders():
    placeholder = re.compile(r"%\(\w+\)s")
    for entry in polib.pofile(str(PO_PATH)):
        expected = sorted(placeholder.findall(entry.msgid))
        for text in entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]:
            assert sorted(placeholder.findall(text)) == expected, entry.msgid


def test_the_compiled_catalogue_matches_the_source():
    # Keyed by context too: "Valid" (a certificate) and "Valid" (an MoU's period) differ.
    compiled = {
        (entry.msgctxt, entry.msgid): entry.msgstr
        for entry in polib.mofile(str(MO_PATH))
        if entry.msgid
    }
    source = {
        (e.msgctxt, e.msgid): e.msgstr
        for e in polib.pofile(str(PO_PATH))
        if not e.msgid_plural and not e.obsolete
    }
    assert {k: v for k, v in compiled.items() if k in source} == source, (
        "locale/hi .mo is stale: run `make messages`"
    )


def test_every_user_facing_string_in_the_code_is_in_the_catalogue(tmp_path):
    require_or_skip(shutil.which("xgettext") is not None, "GNU gettext is not installed")
    base = Path(settings.BASE_DIR)
    work = tmp_path / "project"
    work.mkdir()
    for name in ["manage.py", "sashakt", "templates"]:
        source = base / name
        if source.is_dir():
            shutil.copytree(source, work / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, work / name)
    (work / "locale").mkdir()
    subprocess.run(
        [
            str(Path(settings.BASE_DIR) / ".venv/bin/python")
            if (base / ".venv/bin/python").exists()
            else "python",
            "manage.py",
            "makemessages",
            "--locale",
            "hi",
            "--no-location",
        ],
        cwd=work,
        check=True,
        capture_output=True,
        env={
            "PATH": "/usr/bin:/bin",
            "SASHAKT_VAR_DIR": str(tmp_path / "var"),
            "DJANGO_SETTINGS_MODULE": "sashakt.settings",
        },
    )
    extracted = {e.msgid for e in polib.pofile(str(work / "locale/hi/LC_MESSAGES/django.po"))}
    catalogue = {e.msgid for e in polib.pofile(str(PO_PATH))}
    assert sorted(extracted - catalogue) == [], "run `make messages` and translate"


@pytest.mark.parametrize("language", ["hi", "en"])
def test_numbers_shown_to_people_use_lakh_and_crore_grouping(language):
    with translation.override(language):
        assert intcomma(1234567) == "12,34,567"
        assert intcomma(123456789) == "12,34,56,789"
        assert intcomma(999) == "999"


def test_dates_are_day_first():
    import datetime

    with translation.override("en"):
        rendered = Template('{{ d|date:"SHORT_DATE_FORMAT" }}').render(
            Context({"d": datetime.date(2025, 8, 26)})
        )
    assert rendered == "26/08/2025"


@pytest.mark.django_db
def test_the_home_page_is_hindi_even_when_the_browser_asks_for_english(hindi_client):
    response = hindi_client.get("/")
    html = response.content.decode()
    assert '<html lang="hi">' in html
    assert "उत्तर प्रदेश में पंचायत प्रतिनिधियों का क्षमता विकास" in html


@pytest.mark.django_db
def test_english_is_one_click_away_and_the_choice_persists(hindi_client):
    response = hindi_client.post(
        reverse("accounts:set_language"), {"language": "en", "next": "/about/"}
    )
    assert response.status_code == 302 and response["Location"] == "/about/"
    html = hindi_client.get("/").content.decode()
    assert '<html lang="en">' in html and "Capacity building of Panchayat leaders" in html
    hindi_client.post(reverse("accounts:set_language"), {"language": "hi", "next": "/"})
    assert '<html lang="hi">' in hindi_client.get("/").content.decode()


@pytest.mark.django_db
def test_a_signed_in_users_language_follows_them_to_another_device(personas, client, rf):
    client.force_login(personas.dpro_kanpur)
    client.post(reverse("accounts:set_language"), {"language": "en", "next": "/"})
    personas.dpro_kanpur.refresh_from_db()
    assert personas.dpro_kanpur.language == "en"

    from django.test import Client

    other_device = Client()
    other_device.force_login(personas.dpro_kanpur)
    assert '<html lang="en">' in other_device.get("/").content.decode()


@pytest.mark.django_db
def test_the_language_switch_refuses_to_redirect_off_site(hindi_client):
    response = hindi_client.post(
        reverse("accounts:set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def _hindi_texts(po) -> list[tuple[str, str]]:
    return [
        (e.msgid, text)
        for e in po
        if not e.obsolete
        for text in (e.msgstr_plural.values() if e.msgid_plural else [e.msgstr])
    ]


def test_the_compiled_hindi_has_no_space_before_the_full_stop_and_django_says_it_right():
    """Django's own Hindi catalogue writes "यह क्षेत्र अपेक्षित हैं" and a space before
    every "।"; ours says those messages again, and neither slip reaches a page."""
    assert [m for m, t in _hindi_texts(polib.mofile(str(MO_PATH))) if " ।" in t] == []
    with translation.override("hi"):
        from django import forms

        assert forms.CharField().error_messages["required"] == "यह जानकारी ज़रूरी है।"
        for message in ["Enter a valid date.", "Enter a whole number.", "Enter a number."]:
            assert " ।" not in translation.gettext(message), message
        field = forms.IntegerField(max_value=5)
        with pytest.raises(forms.ValidationError) as refused:
            field.clean("7")
        assert " ।" not in refused.value.messages[0]


def test_one_spelling_for_certificate_and_district_and_no_latin_rgsa():
    """प्रमाण-पत्र (not प्रमाणपत्र); a district is जनपद (the tier "ज़िला पंचायत" and the
    officer "ज़िला पंचायत राज अधिकारी" keep their names); RGSA is written आरजीएसए."""
    texts = _hindi_texts(polib.pofile(str(PO_PATH)))
    assert [m for m, t in texts if "प्रमाणपत्र" in t] == []
    assert [m for m, t in texts if re.search(r"(ज़िल|जिल)(?!ा पंचायत)", t)] == []
    assert [m for m, t in texts if "जिला पंचायत" in t] == []  # the tier with its nukta
    assert [m for m, t in texts if "RGSA" in t] == []
