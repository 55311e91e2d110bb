import pytest
from django.utils import translation

from sashakt.attendance.tests.factories import hall_make


@pytest.fixture(autouse=True)
def english_messages():
    """Service tests read messages in English; the Hindi ones are checked by the catalogue
    test and the page tests."""
    with translation.override("en"):
        yield


@pytest.fixture
def hall(personas):
    """(batch, sessions, nominations): 5 one-session days, 4 confirmed people."""
    return hall_make(personas, people=4)
