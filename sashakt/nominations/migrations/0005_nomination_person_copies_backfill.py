"""Copy every person's gender and social category onto their nominations. Re-runnable: only
the nominations whose copy differs are written, one UPDATE per field."""

from django.db import migrations
from django.db.models import OuterRef, Q, Subquery


def copy_from_people(apps, schema_editor):
    Nomination = apps.get_model("nominations", "Nomination")
    Person = apps.get_model("people", "Person")
    for name in ("gender", "social_category"):
        value = Subquery(Person.objects.filter(pk=OuterRef("person_id")).values(name)[:1])
        Nomination.objects.filter(~Q(**{name: value})).update(**{name: value})


class Migration(migrations.Migration):

    dependencies = [
        ("nominations", "0004_nomination_person_copies"),
        ("people", "0004_person_mobile_optional_place_review_import_origin"),
    ]

    operations = [
        migrations.RunPython(copy_from_people, migrations.RunPython.noop, elidable=True),
    ]
