"""Content people read shows in the page's language and falls back to the other one."""

import pytest
from django.template import Context, Template
from django.utils import translation

from sashakt.programmes.models import Module, Venue
from sashakt.test import programme_make

pytestmark = pytest.mark.django_db


def test_a_venue_name_follows_the_language_and_falls_back_when_one_is_missing(personas):
    programme_make(personas.iitk_institute)
    venue = Venue.objects.get()
    venue.name_hi = "आईआईटी कानपुर परिसर"
    venue.address_en = "Kalyanpur, Kanpur"
    with translation.override("hi"):
        assert venue.name == "आईआईटी कानपुर परिसर"
        assert venue.address == "Kalyanpur, Kanpur"  # no Hindi address: the English one
    with translation.override("en"):
        assert venue.name == "IIT Kanpur campus"
    venue.name_en = ""
    with translation.override("en"):
        assert venue.name == "आईआईटी कानपुर परिसर"  # no English name: the Hindi one


def test_writing_the_plain_field_name_keeps_working_and_fills_the_english_field(personas):
    programme = programme_make(personas.iitk_institute)
    module = Module.objects.create(
        programme=programme, title_hi="नेतृत्व", title_en="Leadership", objectives="Lead"
    )
    module.refresh_from_db()
    assert (module.objectives_en, module.objectives_hi) == ("Lead", "")


def test_the_template_filter_picks_the_language_and_the_person_name_is_in_the_page_script(
    personas,
):
    programme_make(personas.iitk_institute)
    venue = Venue.objects.get()
    venue.name_hi = "परिसर"
    template = Template('{% load bilingual %}{{ venue|localized:"name" }}|{{ person|person_name }}')
    context = Context({"venue": venue, "person": personas.kanpur_person})
    with translation.override("hi"):
        assert template.render(context) == "परिसर|राम कुमार"
    with translation.override("en"):
        assert template.render(context) == (
            'IIT Kanpur campus|<span title="राम कुमार">Ram Kumar</span>'
        )
