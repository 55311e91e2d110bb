"""Hindi month and day names, as every date format Django offers writes them."""

import datetime
import json
import re

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

MONTHS = [
    "जनवरी",
    "फ़रवरी",
    "मार्च",
    "अप्रैल",
    "मई",
    "जून",
    "जुलाई",
    "अगस्त",
    "सितंबर",
    "अक्टूबर",
    "नवंबर",
    "दिसंबर",
]
MONTHS_SHORT = ["जन", "फ़र", "मार्च", "अप्रैल", "मई", "जून", "जुल", "अग", "सित", "अक्टू", "नव", "दिस"]
MONTHS_AP = ["जन.", "फ़र.", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अग.", "सित.", "अक्टू.", "नव.", "दिस."]
DAYS = ["सोमवार", "मंगलवार", "बुधवार", "गुरुवार", "शुक्रवार", "शनिवार", "रविवार"]
DAYS_SHORT = ["सोम", "मंगल", "बुध", "गुरु", "शुक्र", "शनि", "रवि"]
MISSPELLINGS = ["दिसमबर", "नवमबर", "सितमबर", "गुरूवार", "गुरू", "दिस्", "\u200c", "सितम्बर."]


def render(value, format_string: str) -> str:
    with translation.override("hi"):
        return Template("{{ value|date:format_string }}").render(
            Context({"value": value, "format_string": format_string})
        )


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_is_spelt_right_in_every_format(month):
    day = datetime.date(2026, month, 26)
    index = month - 1
    assert render(day, "DATE_FORMAT") == f"26 {MONTHS[index]} 2026"
    assert render(day, "F") == MONTHS[index]
    assert render(day, "E") == MONTHS[index]  # the "alternative" (genitive) form
    assert render(day, "N") == MONTHS_AP[index]
    assert render(day, "M") == MONTHS_SHORT[index]
    assert render(day, "b") == MONTHS_SHORT[index]
    assert render(day, "YEAR_MONTH_FORMAT") == f"{MONTHS[index]} 2026"


@pytest.mark.parametrize("weekday", range(7))
def test_every_day_of_the_week_is_spelt_right(weekday):
    day = datetime.date(2026, 11, 23) + datetime.timedelta(days=weekday)  # 23 Nov 2026: Monday
    assert render(day, "l") == DAYS[weekday]
    assert render(day, "D") == DAYS_SHORT[weekday]
    assert render(day, "l, j F") == f"{DAYS[weekday]}, {23 + weekday} नवंबर"


def test_no_format_writes_the_misspellings_of_djangos_own_catalogue():
    rendered = " ".join(
        render(datetime.date(2026, month, day), "l D F E N M b")
        for month in range(1, 13)
        for day in (1, 2, 3, 4, 5, 6, 7)
    )
    assert [word for word in MISSPELLINGS if word in rendered] == []


def test_english_keeps_english_names():
    with translation.override("en"):
        text = Template('{{ d|date:"l j F" }}').render(Context({"d": datetime.date(2026, 12, 3)}))
    assert text == "Thursday 3 December"


@pytest.mark.django_db
def test_the_master_data_calendar_names_months_and_days_in_hindi(personas, client):
    client.force_login(personas.state)
    script = client.get(reverse("admin:jsi18n")).content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script, re.S).group(1))
    assert catalogue["December"] == "दिसंबर" and catalogue["September"] == "सितंबर"
    assert catalogue["Thursday"] == "गुरुवार"
    assert catalogue["abbrev. day Thursday\x04Thur"] == "गुरु"
    assert catalogue["one letter Thursday\x04T"] == "गु"
    assert catalogue["Choose a Date"] == "तारीख चुनें"
