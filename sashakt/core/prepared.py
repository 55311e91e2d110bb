"""Statements PostgreSQL plans once per connection, and statements sent without waiting.

Django's PostgreSQL backend binds parameters on the client and never prepares, so the server
plans every statement afresh. For a hand-written join on a hot path the plan costs more than
the run (the check-in's seven-table read: about 1.2 ms to plan, 0.1 ms to run).
`prepared_rows` gives such a read a server-side prepared plan, kept for as long as the
(persistent) connection lives. On SQLite it is the ordinary cursor: the sqlite3 module already
keeps compiled statements. While queries are being logged (DEBUG, or a test capturing them) it
is the ordinary cursor too, because psycopg does not say what a prepared statement ran and the
log would show nothing.

Only for hand-written reads with `%s` placeholders whose parameters are plain values.
"""

from contextlib import contextmanager
from functools import cache

from django.db import DatabaseError, connection


def prepared_rows(sql: str, params: list) -> list[tuple]:
    """The rows of `sql`, planned once per connection on PostgreSQL."""
    if connection.vendor != "postgresql" or connection.queries_logged:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    try:
        return _prepared_fetch(sql, params)
    except DatabaseError as error:
        # The kept plan is gone from the server (a pooler handed this client another server
        # connection, or something ran DEALLOCATE) while psycopg still offers it: outside a
        # transaction the connection is replaced (psycopg's list of plans goes with it) and
        # the read runs once more; inside one, the rollback that follows clears the list.
        if connection.in_atomic_block or not _plan_lost(error):
            raise
        connection.close()
        return _prepared_fetch(sql, params)


def _prepared_fetch(sql: str, params: list) -> list[tuple]:
    connection.ensure_connection()
    raw = _preparing_cursor_class()(connection.connection)
    # Wrapped as Django wraps its own cursors: its errors, its execute_wrappers.
    with connection.make_cursor(raw) as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _plan_lost(error: DatabaseError) -> bool:
    import psycopg  # noqa: PLC0415 - loaded only when PostgreSQL is the database

    return isinstance(error.__cause__, psycopg.errors.InvalidSqlStatementName)


@cache
def _preparing_cursor_class():
    import psycopg  # noqa: PLC0415 - only installed where PostgreSQL is used

    class PreparingCursor(psycopg.Cursor):
        """Binds on the server and prepares every statement it runs."""

        def execute(self, query, params=None, **kwargs):
            kwargs["prepare"] = True
            return super().execute(query, params, **kwargs)

    return PreparingCursor


@contextmanager
def pipelined():
    """On PostgreSQL, send the statements of the block without waiting for each one's answer
    where nothing reads it yet (psycopg's pipeline mode): an UPDATE whose row count nobody
    reads travels with the next statement. Only for blocks that never need a row count at
    once (Django's save of an existing row does). Errors are raised as Django's, at the latest
    when the block ends."""
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    with connection.wrap_database_errors, connection.connection.pipeline():
        yield
