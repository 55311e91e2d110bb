"""The check-in's hand-written read is planned once per connection on PostgreSQL."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from sashakt.core.prepared import prepared_cursor

SQL = "SELECT id, app_label, model FROM django_content_type WHERE id = %s OR model = %s"


@pytest.mark.django_db
def test_a_prepared_statement_answers_as_the_ordinary_cursor_and_is_kept():
    first, second = ContentType.objects.order_by("pk")[:2]
    answers = []
    for pk, model in [(first.pk, "nothing-such"), (0, second.model), (-1, "nothing-such")]:
        with connection.cursor() as plain:
            plain.execute(SQL, [pk, model])
            expected = plain.fetchall()
        with prepared_cursor() as cursor:
            cursor.execute(SQL, [pk, model])
            answers.append(cursor.fetchall())
        assert answers[-1] == expected
    assert [len(rows) >= 1 for rows in answers] == [True, True, False]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT statement FROM pg_prepared_statements")
            kept = [row[0] for row in cursor.fetchall()]
        # One plan, made on the first call and reused by the other two.
        assert len([text for text in kept if "django_content_type" in text]) == 1
