"""LGD's place names are keyed by sound when they are loaded, and imports use those keys."""

from sashakt.core.text.translit import latin_to_devanagari, place_sound_key
from sashakt.geography import place_sounds
from sashakt.geography.gram_panchayats import lgd_pri_export_load
from sashakt.geography.models import Block, GramPanchayat
from sashakt.geography.place_sounds import place_sounds_known, place_sounds_path
from sashakt.geography.selectors import place_index
from sashakt.geography.signals import gram_panchayats_loaded
from sashakt.geography.tests.test_gram_panchayats import PRI_ROWS, _write_pri_csv


def _load_agra_gram_panchayats(tmp_path):
    result = lgd_pri_export_load(_write_pri_csv(tmp_path / "pri.csv", PRI_ROWS))
    assert result.written and result.counts.created == 4


def test_loading_gram_panchayats_keys_every_lgd_name(geography, tmp_path, settings):
    settings.VAR_DIR = tmp_path
    _load_agra_gram_panchayats(tmp_path)

    assert place_sounds_path().parent == tmp_path / "cache"
    known = place_sounds_known()
    names = set(GramPanchayat.objects.values_list("lgd_name", flat=True))
    names |= set(Block.objects.values_list("lgd_name", flat=True))
    assert len(names) > 800 and names <= set(known)
    assert all(known[name] == place_sound_key(name) for name in names)


def test_an_import_keys_only_what_was_typed(geography, tmp_path, settings):
    settings.VAR_DIR = tmp_path
    _load_agra_gram_panchayats(tmp_path)
    agra = GramPanchayat.objects.get(lgd_code=42728).district_id
    typed = latin_to_devanagari("Akabara")
    keyed = []

    def counting_key(text):
        keyed.append(text)
        return place_sound_key(text)

    index = place_index(phonetic_key=counting_key, known_sounds=place_sounds_known())
    match = index.gram_panchayat(typed, district_id=agra)
    assert (match.place.lgd_code, match.how) == (42728, "phonetic")
    assert keyed == [typed]  # LGD's names came keyed from the load

    keyed.clear()
    again = place_index(phonetic_key=counting_key).gram_panchayat(typed, district_id=agra)
    assert again == match
    # Without the stored keys every LGD name of the district is keyed for the import.
    in_agra = set(GramPanchayat.objects.filter(district_id=agra).values_list("lgd_name", flat=True))
    assert set(keyed) == in_agra | {typed} and len(in_agra) == 3


def test_keys_made_by_other_rules_are_not_used(geography, tmp_path, settings, monkeypatch):
    settings.VAR_DIR = tmp_path
    _load_agra_gram_panchayats(tmp_path)
    assert place_sounds_known()

    monkeypatch.setattr(place_sounds, "rules_fingerprint", lambda: "changed-rules")
    assert place_sounds_known() == {}
    place_sounds_path().parent.mkdir(exist_ok=True)
    place_sounds_path().write_text("{not json", encoding="utf-8")
    assert place_sounds_known() == {}


def test_an_unchanged_load_makes_only_missing_keys(geography, tmp_path, settings):
    # `make run` skips a load of unchanged files; after new transliteration rules the
    # keys of the new rules are still made there, once.
    settings.VAR_DIR = tmp_path
    _load_agra_gram_panchayats(tmp_path)
    path = place_sounds_path()
    path.write_text('{"MAI": "kept"}', encoding="utf-8")

    gram_panchayats_loaded.send(sender=GramPanchayat, changed=False)
    assert place_sounds_known() == {"MAI": "kept"}

    path.unlink()
    gram_panchayats_loaded.send(sender=GramPanchayat, changed=False)
    assert place_sounds_known()["Akabara"] == place_sound_key("Akabara")
