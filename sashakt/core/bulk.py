"""Insert many rows at once, for imports that write tens of thousands of records.

`bulk_create` builds a model instance per row and prepares every value through the ORM, which
costs more than the database does for a wide table. `rows_insert` writes plain dicts with one
prepared statement (`executemany`), preparing only the values whose database form differs
(dates, JSON) and filling the other fields with their defaults. Callers run it inside their own
transaction and do their own validation: no model `save()`, no signals.
"""

from collections.abc import Iterable, Sequence

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
    """Insert `rows` (dicts keyed by field attname) into `model`'s table; return the count.

    `common` holds values shared by every row (prepared once). Fields neither gives get their
    default, evaluated once per call (auto_now and auto_now_add fields: the current time).
    """
    now = timezone.now()
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]
    defaults = {}
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            defaults[field.attname] = now
        else:
            defaults[field.attname] = field.get_default()
    defaults.update(common or {})
    prepare = {field.attname: _preparer(field) for field in fields}
    prepare = {name: func for name, func in prepare.items() if func is not None}
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    names = [field.attname for field in fields]
    prepared_defaults = {
        name: (prepare[name](value) if name in prepare and value is not None else value)
        for name, value in defaults.items()
    }

    def as_params(row: dict) -> Sequence:
        params = []
        for name in names:
            if name in row:
                value = row[name]
                if value is not None and name in prepare:
                    value = prepare[name](value)
                params.append(value)
            else:
                params.append(prepared_defaults[name])
        return params

    count = 0
    batch: list[Sequence] = []
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
