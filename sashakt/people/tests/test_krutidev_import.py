"""A district's Kruti Dev spreadsheet through the real import (issue 9, item 5)."""

import pytest
from django.utils import translation

from sashakt.core.text import legacy_text
from sashakt.people import cleaning
from sashakt.people.importing import participants_import
from sashakt.people.models import Person

pytestmark = pytest.mark.django_db
HEADERS = ["नाम", "लिंग", "मोबाइल", "पद", "जनपद", "विकास खंड"]


def _import(path, language="en", **kwargs):
    with translation.override(language):
        return participants_import(path, **kwargs)


def test_names_hinlegacy_garbled_are_saved_right(xlsx, geography):
    path = xlsx(
        [
            HEADERS,
            ["lquhrk oekZ", "efgyk", "9839012346", "izeq[k", "dkuiqj uxj", "fcYgkSj"],
            ["f'ko dqekj f=ikBh", 'iq#"k', "9839012347", "izeq[k", "dkuiqj uxj", "fcYgkSj"],
            ["/kesZUnz flag", 'iq#"k', "9839012348", "izeq[k", "dkuiqj uxj", "fcYgkSj"],
            ["bZ'oj pUnz JhokLro", 'iq#"k', "9839012349", "izeq[k", "dkuiqj uxj", "fcYgkSj"],
        ]
    )
    result = _import(path)
    assert result.created == 4, result.problems
    assert set(Person.objects.values_list("name", flat=True)) == {
        "सुनीता वर्मा",
        "शिव कुमार त्रिपाठी",
        "धर्मेन्द्र सिंह",
        "ईश्वर चन्द्र श्रीवास्तव",
    }


def test_latin_names_and_codes_inside_a_kruti_column_stay_as_typed(xlsx, geography):
    path = xlsx(
        [
            HEADERS,
            ["jke dqekj", 'iq#"k', "9839012345", "izeq[k", "dkuiqj uxj", "fcYgkSj"],
            ["lquhrk oekZ", "efgyk", "9839012346", "izeq[k", "dkuiqj uxj", "fcYgkSj"],
            ["f'ko dqekj", 'iq#"k', "9839012347", "izeq[k", "dkuiqj uxj", "fcYgkSj"],
            ["Sunil Yadav", 'iq#"k', "9839012348", "izeq[k", "dkuiqj uxj", "fcYgkSj"],
        ]
    )
    result = _import(path)
    assert "नाम" in result.legacy_columns
    assert result.created == 4, result.problems
    assert Person.objects.filter(name="Sunil Yadav").exists()
    for code in ["BS30", "12", "UP-78", "GP/12"]:
        assert legacy_text.legacy_decode(code) == code


def test_a_cell_that_converts_to_broken_hindi_is_a_row_problem_not_saved(xlsx, geography):
    path = xlsx(
        [
            HEADERS,
            ["jke dqekj", 'iq#"k', "9839012345", "izeq[k", "dkuiqj uxj", "fcYgkSj"],
            ["lquhrk oekZ", "efgyk", "9839012346", "izeq[k", "dkuiqj uxj", "fcYgkSj"],
            ["jke dqekkj", 'iq#"k', "9839012347", "izeq[k", "dkuiqj uxj", "fcYgkSj"],
        ]
    )
    result = _import(path, language="hi")
    assert not result.written and not Person.objects.exists()
    [problem] = result.problems
    assert (problem.row, problem.column) == (4, "नाम")
    assert problem.value == "राम कुमाार"
    assert problem.message == "यह कृतिदेव पाठ सही हिंदी में नहीं बदलता; इसे यूनिकोड में फिर से टाइप करें।"

    result = _import(path, skip_invalid=True)
    assert result.created == 2
    assert not Person.objects.filter(name__contains="ाा").exists()


def test_a_malformed_designation_is_refused_too():
    value = legacy_text.legacy_decode("izeqq[k")  # the u-sign typed twice
    assert value.problems == ["two_vowel_signs"]
    with pytest.raises(cleaning.CellError):
        cleaning.clean_designation(value)
    with pytest.raises(cleaning.CellError):
        cleaning.clean_name(value)


def test_column_detection_ignores_codes_and_keeps_latin_columns():
    assert legacy_text.column_is_legacy(["oekZ", "BS30", "jke dqekj", "UP-78", "12", "lquhrk oekZ"])
    assert not legacy_text.column_is_legacy(["Ram Kumar", "BS30", "Sunita Verma"])
    assert not legacy_text.column_is_legacy(["BS30", "UP-78", "12"])
