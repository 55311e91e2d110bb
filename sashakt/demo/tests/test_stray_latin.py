"""Hindi pages show no English except names, codes and numbers (sashakt/stray_latin.py)."""

import pytest
from django.urls import reverse

from sashakt.people.models import Person
from sashakt.stray_latin import assert_no_stray_latin, stray_latin_words, visible_text

PAGE = """<!DOCTYPE html><html lang="hi"><head><title>सशक्त</title>
<style>body { font-family: "Noto Sans"; }</style><script>var label = "Submit";</script></head>
<body><p class="intro" data-note="ignored">प्रशिक्षण <b>IIT Kanpur</b> में, 26/08/2025 से</p>
<button type="submit" lang="en">English</button>
<input type="text" placeholder="Search by name"><img src="/static/logo.svg" alt="">
<p>संपर्क: office@example.gov.in, https://lgdirectory.gov.in/ · LGD 157 · Report.xlsx</p>
<p>Status: planned<br>राम कुमार (Ram Kumar)</p></body></html>"""


def test_visible_text_skips_scripts_styles_and_attributes_nobody_sees():
    text = " ".join(visible_text(PAGE))
    assert "Submit" not in text and "font-family" not in text and "intro" not in text
    assert "ignored" not in text and "English" not in text  # lang="en" is English on purpose
    assert "Search by name" in text  # a placeholder is read on the screen
    assert "IIT Kanpur" in text


def test_english_words_are_found_and_names_codes_numbers_and_addresses_are_not():
    words = [word for word, _ in stray_latin_words(PAGE, allowed=["Kanpur", "Ram Kumar"])]
    assert words == ["Search", "by", "name", "Status", "planned"]


def test_the_assertion_names_each_word_and_where_it_stands():
    with pytest.raises(AssertionError) as failure:
        assert_no_stray_latin(PAGE, allowed=["Kanpur", "Ram Kumar"])
    assert "'planned' in 'Status: planned'" in str(failure.value)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", reverse("accounts:login")])
def test_the_public_home_and_the_sign_in_page_have_no_stray_english(hindi_client, url):
    response = hindi_client.get(url)
    assert response.status_code == 200
    assert_no_stray_latin(response.content.decode())


def test_the_master_data_pages_are_hindi_in_the_apps_font(personas, client):
    client.force_login(personas.state)
    html = client.get(reverse("admin:index")).content.decode()
    assert '<html lang="hi"' in html
    assert "/static/css/admin.css" in html and "NotoSansDevanagari.woff2" in html
    assert "साइट देखें" in html and "हाल के काम" in html  # Django's catalogue lacks these
    # Our models' names are Hindi; "Axes" is the login-throttling app's untranslatable label.
    assert_no_stray_latin(html, allowed=["Axes", personas.state.username])

    html = client.get(reverse("admin:people_person_changelist")).content.decode()
    assert_no_stray_latin(
        html,
        allowed=["Axes", personas.state.username, "Search"]  # alt="Search" is hard-coded
        + [p.name_alt for p in Person.objects.all()]
        + [p.block.name_en for p in Person.objects.exclude(block=None)],
    )


def test_djangos_own_password_rules_are_explained_in_hindi():
    from django.contrib.auth.password_validation import (
        password_validators_help_texts,
        validate_password,
    )
    from django.core.exceptions import ValidationError
    from django.utils import translation

    with translation.override("hi"), pytest.raises(ValidationError) as refused:
        validate_password("1234")
    messages = " ".join(refused.value.messages)
    assert "यह पासवर्ड बहुत छोटा है" in messages and "केवल अंक" in messages
    with translation.override("hi"):
        help_texts = " ".join(password_validators_help_texts())
    assert_no_stray_latin(f"<p>{messages}</p><p>{help_texts}</p>")


def test_the_demo_staff_names_in_the_header_are_hindi():
    """The header of a Hindi page once named the demo staff in English ("State Programme
    Cell (demo)")."""
    import re

    from sashakt.demo.services import ACCOUNTS

    assert [a.full_name for a in ACCOUNTS if re.search("[A-Za-z]", a.full_name)] == []
