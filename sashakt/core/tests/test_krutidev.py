"""Kruti Dev 010 conversion measured on real names and places (issue 9, item 5)."""

import unicodedata
from pathlib import Path

import hinlegacy
import pytest
from hinlegacy.decoder.engines.krutidev import unicode_to_krutidev

from sashakt.core.text.krutidev import (
    column_looks_like_krutidev,
    is_code_or_number,
    krutidev_to_unicode,
    looks_like_krutidev,
    malformed_devanagari,
)
from sashakt.core.text.krutidev_map import HALF_FORMS

CORPUS_FILE = Path(__file__).parent / "data" / "krutidev_corpus.tsv"


def _corpus() -> list[tuple[str, str, str]]:
    rows = []
    for line in CORPUS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kruti, unicode_text, kind = line.split("\t")
        rows.append((kruti, unicodedata.normalize("NFC", unicode_text), kind))
    return rows


CORPUS = _corpus()
_HALF_KEYS = tuple(HALF_FORMS) + ("}", "|", "=", "J", "K", ")")

# Each rule the converter implements, decided from the corpus row itself.
RULES = {
    "i_sign": lambda k, u: "\u093f" in u,
    "i_sign_on_two_keystroke_letter_or_cluster": lambda k, u: any(
        ("f" + key) in k for key in _HALF_KEYS
    ),
    "reph": lambda k, u: "Z" in k.replace("bZ", ""),
    "reph_over_signs": lambda k, u: any(f"{s}Z" in k for s in "kshqwSa"),
    "ii_typed_bZ": lambda k, u: "bZ" in k,
    "nukta": lambda k, u: "\u093c" in unicodedata.normalize("NFD", u),
    "half_form_conjunct": lambda k, u: "\u094d" in u,
    "ra_kar": lambda k, u: "\u094d\u0930" in u,
    "one_key_conjunct": lambda k, u: any(c in k for c in "J=K}|)ãàÙæç"),
    "ri": lambda k, u: "ऋ" in u or "\u0943" in u,
    "chandra_o": lambda k, u: "\u0949" in u or "ऑ" in u,
    "anusvara": lambda k, u: "\u0902" in u,
    "chandrabindu": lambda k, u: "\u0901" in u,
    "visarga": lambda k, u: "\u0903" in u,
    "danda": lambda k, u: "\u0964" in u,
    "digits": lambda k, u: any(ch.isdigit() for ch in u),
}

# What hinlegacy 1.0.1 garbles (issue 9): reph, ि before two-keystroke letters, bZ,
# Latin letters inside a Kruti Dev cell, nukta.
HINLEGACY_FAILURES = {
    "oekZ": "वर्मा",
    "'kekZ": "शर्मा",
    "/kesZUnz": "धर्मेन्द्र",
    "vk;Z": "आर्य",
    "rhFkZ": "तीर्थ",
    "f'ko": "शिव",
    "f'k{kk": "शिक्षा",
    "eqf[k;k": "मुखिया",
    "fLFkfr": "स्थिति",
    "vukjf{kr": "अनारक्षित",
    "bZ'oj": "ईश्वर",
    "izeq[k": "प्रमुख",
    "{ks=": "क्षेत्र",
    "JhokLro": "श्रीवास्तव",
    "f=ikBh": "त्रिपाठी",
    "f}rh;": "द्वितीय",
    "xkt+hiqj": "गाज़ीपुर",
    "lM+d": "सड़क",
}


def test_the_corpus_is_large_and_covers_every_rule_several_times():
    assert len(CORPUS) >= 150
    assert len({kruti for kruti, _u, _k in CORPUS}) == len(CORPUS), "duplicate rows"
    coverage = {rule: sum(test(k, u) for k, u, _kind in CORPUS) for rule, test in RULES.items()}
    print("corpus coverage by rule:", coverage)
    assert all(count >= 3 for count in coverage.values()), coverage
    kinds = {kind for _k, _u, kind in CORPUS}
    assert kinds == {"name", "surname", "designation", "place", "word"}


def test_the_converter_is_at_least_98_percent_exact_on_the_corpus():
    wrong = [
        (k, u, krutidev_to_unicode(k)) for k, u, _kind in CORPUS if krutidev_to_unicode(k) != u
    ]
    exact = 1 - len(wrong) / len(CORPUS)
    print(f"krutidev_to_unicode: {exact:.1%} exact on {len(CORPUS)} pairs; wrong: {wrong}")
    assert exact >= 0.98, wrong


def test_hinlegacy_is_measured_and_agreed_with_wherever_it_is_right():
    right = [k for k, u, _kind in CORPUS if hinlegacy.convert(k, "krutidev_010").unicode_text == u]
    print(f"hinlegacy 1.0.1: {len(right) / len(CORPUS):.1%} exact on {len(CORPUS)} pairs")
    assert right  # the cross-check below is not vacuous
    for kruti in right:
        assert krutidev_to_unicode(kruti) == hinlegacy.convert(kruti, "krutidev_010").unicode_text


def test_text_typed_by_hinlegacys_own_encoder_converts_back():
    """An encoder written by someone else types the corpus; we must read it back."""
    checked = 0
    for _kruti, unicode_text, _kind in CORPUS:
        typed = unicode_to_krutidev(unicode_text)
        if any("\u0900" <= ch <= "\u097f" for ch in typed):
            continue  # its encoder leaves nukta letters in Devanagari
        assert krutidev_to_unicode(typed) == unicode_text, typed
        checked += 1
    assert checked >= 200


@pytest.mark.parametrize(("kruti", "expected"), sorted(HINLEGACY_FAILURES.items()))
def test_what_hinlegacy_garbles_is_converted_right(kruti, expected):
    assert krutidev_to_unicode(kruti) == unicodedata.normalize("NFC", expected)
    assert malformed_devanagari(krutidev_to_unicode(kruti)) == []


@pytest.mark.parametrize(
    ("kruti", "expected"),
    [
        ("dhfrZ", "कीर्ति"),  # ि and reph on one consonant
        ("dk;ZØe", "कार्यक्रम"),
        ("b±V", "ईंट"),
        ("lokZsn;", "सर्वोदय"),  # reph over ा+े typed for ो
        ("MkWDVj", "डॉक्टर"),  # ा + ॅ typed for ॉ
        ("fQ+jkst+kckn", "फ़िरोज़ाबाद"),  # ि before a nukta letter
        ("Dk", "क"),  # half letter completed by the bar
        ("ÆBd", "र्ठिक"),  # DevLys/Kruti combined ि+reph glyph
        ("dks£", "कोख"),  # DevLys alternative ख
        ("", ""),
        ("xzke iapk;r BS30", "ग्राम पंचायत BS30"),  # a code inside a Kruti Dev cell
        ("okMZ ua- 12 UP-78", "वार्ड नं. 12 UP-78"),
    ],
)
def test_reordering_and_devlys_glyphs(kruti, expected):
    assert krutidev_to_unicode(kruti) == expected


@pytest.mark.parametrize("cell", ["BS30", "12", "UP-78", "GP/12", "9839012345", "26/08/2025"])
def test_codes_and_numbers_are_not_kruti_dev(cell):
    assert is_code_or_number(cell)
    assert not looks_like_krutidev(cell)


@pytest.mark.parametrize("cell", ["oekZ", "jke dqekj", "izeq[k", "fcYgkSj", "dkuiqj uxj"])
def test_kruti_dev_cells_are_recognised(cell):
    assert looks_like_krutidev(cell)


@pytest.mark.parametrize("cell", ["राम कुमार", "", "  ", "12-A", "fk", "Ram Kumar"])
def test_other_cells_are_not_kruti_dev(cell):
    assert not looks_like_krutidev(cell)


def test_a_column_is_decided_on_its_text_and_codes_do_not_vote():
    column = ["jke dqekj", "BS30", "lquhrk oekZ", "12", "UP-78", None, "f'ko"]
    assert column_looks_like_krutidev(column)
    assert not column_looks_like_krutidev(["Ram Kumar", "Sunita Verma", "BS30", "Shiv"])
    assert not column_looks_like_krutidev(["राम", "oekZ"])  # a Unicode column is left alone
    assert not column_looks_like_krutidev(["12", "BS30"])


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("वर््मा", "doubled_halant"),
        ("श्िाव", "halant_before_sign"),
        ("राम ाकुमार", "sign_at_word_start"),
        ("िशव", "sign_at_word_start"),
        ("इि", "sign_after_vowel"),
        ("काा", "two_vowel_signs"),
        ("मंे", "sign_after_anusvara"),
        ("रामर्", "stray_reph"),
        ("राम। कुमार", "danda_inside_text"),
    ],
)
def test_malformed_devanagari_is_reported_by_code(text, code):
    assert code in malformed_devanagari(text)


def test_well_formed_text_has_no_problems():
    assert malformed_devanagari(krutidev_to_unicode("Jheku~ jkeukFk")) == []  # श्रीमान्
    for _kruti, unicode_text, _kind in CORPUS:
        assert malformed_devanagari(unicode_text) == [], unicode_text


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("Qk+rek", "फ़ातमा"),  # the nukta typed after the sign
        ("[+kkfyn", "ख़ालिद"),  # between the half letter and its bar
        ("jke-dqekj", "राम-कुमार"),  # "-" between two parts of a name: a hyphen
        ("ds-ih- flag", "के.पी. सिंह"),  # after an initial: the font's full stop
        ("jke : dqekj", "राम : कुमार"),  # ":" alone: punctuation, not रू
        ("xq: izlkn", "गुरू प्रसाद"),  # ":" in a word: रू
        ("lkfo=kh", "सावित्री"),  # the typists' "=k" for त्र before a sign
        ("f=kHkqou", "त्रिभुवन"),
    ],
)
def test_real_sheet_failures_of_issue_21_read_right(typed, meant):
    assert krutidev_to_unicode(typed) == unicodedata.normalize("NFC", meant)
    assert not malformed_devanagari(krutidev_to_unicode(typed))
