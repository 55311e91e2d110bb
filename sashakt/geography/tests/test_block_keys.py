"""The sound key of block names (the text kit's `phonetic_key`) against UP's real blocks."""

from collections import Counter

import pytest

from sashakt.core.text.translit import phonetic_key
from sashakt.geography.models import Block


@pytest.mark.django_db
def test_almost_every_block_of_a_district_has_its_own_key():
    """The importer finds a block by this key within its district; a clash there would send a
    person to the wrong block, so the importer must not rely on the key alone for those."""
    keys = Counter(
        (district_id, phonetic_key(name))
        for district_id, name in Block.objects.values_list("district_id", "name_en")
    )
    clashes = [key for key, count in keys.items() if count > 1]
    assert Block.objects.count() > 800
    assert len(clashes) <= 3, clashes
