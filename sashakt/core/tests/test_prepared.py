"""The check-in's hand-written read is planned once per connection on PostgreSQL, and a plan
the server lost is made again instead of failing every read on that connection."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from sashakt.core.prepared import prepared_rows

SQL = "SELECT id, app_label, model FROM django_content_type WHERE id = %s OR model = %s"


def _kept_plans(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return len([row[0] for row in cursor.fetchall() if table in row[0]])


@pytest.mark.django_db
def test_a_prepared_read_answers_as_the_ordinary_cursor_and_its_plan_is_kept():
    first, second = ContentType.objects.order_by("pk")[:2]
    answers = []
    for pk, model in [(first.pk, "nothing-such"), (0, second.model), (-1, "nothing-such")]:
        with connection.cursor() as plain:
            plain.execute(SQL, [pk, model])
            expected = plain.fetchall()
        answers.append(prepared_rows(SQL, [pk, model]))
        assert answers[-1] == expected
    assert [len(rows) >= 1 for rows in answers] == [True, True, False]
    if connection.vendor == "postgresql":
        # One plan, made on the first call and reused by the other two.
        assert _kept_plans("django_content_type") == 1


@pytest.mark.django_db(transaction=True)
def test_a_plan_lost_behind_psycopgs_back_is_made_again_not_refused():
    """A pooler can hand the connection to another server session, or something can run
    DEALLOCATE: psycopg still offers the plan and PostgreSQL answers "prepared statement does
    not exist". The read replaces the connection and answers; the next reads work as before."""
    if connection.vendor != "postgresql":
        pytest.skip("prepared plans are PostgreSQL's")
    first = ContentType.objects.order_by("pk").first()
    assert prepared_rows(SQL, [first.pk, ""])[0][0] == first.pk
    # Behind psycopg's back: the server forgets every plan, psycopg's list still has it.
    connection.connection.pgconn.exec_(b"DEALLOCATE ALL")
    assert prepared_rows(SQL, [first.pk, ""])[0][0] == first.pk
    assert prepared_rows(SQL, [first.pk, ""])[0][0] == first.pk
    assert _kept_plans("django_content_type") == 1
