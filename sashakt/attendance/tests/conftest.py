import pytest
from django.utils import translation

from sashakt.attendance.tests.factories import hall_make


@pytest.fixture(autouse=True)
def english_messages():
    """Service tests read messages in English; the Hindi ones are checked by the catalogue
    test and the page tests."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fresh_session_owners():
    """The check-in API remembers what each session belongs to for the life of a process;
    tests on SQLite roll back and reuse primary keys, which a real database never does."""
    from sashakt.attendance import selectors

    selectors._SESSION_OWNERS.clear()
    yield


@pytest.fixture
def hall(personas):
    """(batch, sessions, nominations): 5 one-session days, 4 confirmed people."""
    return hall_make(personas, people=4)
