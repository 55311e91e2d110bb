"""Insert many rows at once, for imports that write tens of thousands of records.

`bulk_create` builds a model instance per row and prepares every value through the ORM, which
costs more than the database does for a wide table. `rows_insert` writes plain dicts with one
prepared statement (`executemany`), preparing only the values whose database form differs
(dates, JSON) and filling the other fields with their defaults. Callers run it inside their own
transaction and do their own validation: no model `save()`, no signals.
"""

import operator
from collections.abc import Iterable

from django.db import connection, models
from django.utils import timezone


def _preparer(field: models.Field):
    """How a Python value becomes its database form, for the types where the two differ:
    the adapters the ORM itself ends with, without its per-value bookkeeping."""
    ops = connection.ops
    if isinstance(field, models.JSONField):
        return lambda value: ops.adapt_json_value(value, field.encoder)
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(field, models.TimeField | models.UUIDField | models.DecimalField):
        return lambda value: field.get_db_prep_save(value, connection)
    return None


def rows_insert(
    model: type[models.Model],
    rows: Iterable[dict],
    *,
    common: dict | None = None,
    batch_size: int = 5000,
) -> int:
    """Insert `rows` (dicts keyed by field attname, all with the same keys) into `model`'s
    table; return the count.

    `common` holds values shared by every row (prepared once). Fields neither gives get their
    default, evaluated once per call (auto_now and auto_now_add fields: the current time).
    """
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return 0
    now = timezone.now()
    common = common or {}
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]
    # The columns each row gives come first, then the ones that are the same for every row:
    # a row's parameters are then one tuple lookup plus a constant tail.
    varying = [f for f in fields if f.attname in first]
    constant = [f for f in fields if f.attname not in first]

    def constant_value(field):
        if field.attname in common:
            value = common[field.attname]
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now
        else:
            value = field.get_default()
        prepare = _preparer(field)
        return prepare(value) if prepare is not None and value is not None else value

    tail = tuple(constant_value(field) for field in constant)
    names = [field.attname for field in varying]
    pick = operator.itemgetter(*names) if len(names) > 1 else (lambda row: (row[names[0]],))
    prepared = [
        (position, func)
        for position, func in enumerate(_preparer(field) for field in varying)
        if func is not None
    ]

    def as_params(row: dict) -> tuple:
        values = pick(row)
        if prepared:
            values = list(values)
            for position, func in prepared:
                if values[position] is not None:
                    values[position] = func(values[position])
        return (*values, *tail)

    quote = connection.ops.quote_name
    columns = varying + constant
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(field.column) for field in columns),
        ", ".join(["%s"] * len(columns)),
    )
    count = 0
    batch: list[tuple] = [as_params(first)]
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(as_params(row))
            if len(batch) >= batch_size:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count
