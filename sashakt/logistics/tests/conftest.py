import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages():
    """Service tests read messages in English; the Hindi ones are checked by the catalogue
    test and the page tests."""
    with translation.override("en"):
        yield
