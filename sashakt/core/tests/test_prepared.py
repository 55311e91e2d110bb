"""The check-in's hand-written read is planned once per connection on PostgreSQL."""

import pytest
from django.db import connection

from sashakt.core.prepared import prepared_cursor

SQL = "SELECT id, name_en FROM geography_district WHERE lgd_code = %s OR name_en = %s"


@pytest.mark.django_db
def test_a_prepared_statement_answers_as_the_ordinary_cursor_and_is_kept():
    from sashakt.geography.models import District

    first, second = District.objects.order_by("lgd_code")[:2]
    answers = []
    for code, name in [(first.lgd_code, "Nowhere"), (0, second.name_en), (-1, "Nowhere")]:
        with connection.cursor() as plain:
            plain.execute(SQL, [code, name])
            expected = plain.fetchall()
        with prepared_cursor() as cursor:
            cursor.execute(SQL, [code, name])
            answers.append(cursor.fetchall())
        assert answers[-1] == expected
    assert [len(rows) for rows in answers] == [1, 1, 0]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT statement FROM pg_prepared_statements")
            kept = [row[0] for row in cursor.fetchall()]
        # One plan, made on the first call and reused by the other two.
        assert len([text for text in kept if "geography_district" in text]) == 1
