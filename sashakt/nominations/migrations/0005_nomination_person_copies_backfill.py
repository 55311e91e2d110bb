"""Copy every person's gender and social category onto their nominations. Re-runnable: only
the nominations whose copy differs are written, in one UPDATE (each row rewritten once)."""

from django.db import migrations
from django.db.models import OuterRef, Q, Subquery


def copy_from_people(apps, schema_editor):
    Nomination = apps.get_model("nominations", "Nomination")
    Person = apps.get_model("people", "Person")
    person = Person.objects.filter(pk=OuterRef("person_id"))
    copies = {
        name: Subquery(person.values(name)[:1]) for name in ("gender", "social_category")
    }
    stale = Q()
    for name, value in copies.items():
        stale |= ~Q(**{name: value})
    Nomination.objects.filter(stale).update(**copies)


class Migration(migrations.Migration):

    dependencies = [
        ("nominations", "0004_nomination_person_copies"),
        ("people", "0004_person_mobile_optional_place_review_import_origin"),
    ]

    operations = [
        migrations.RunPython(copy_from_people, migrations.RunPython.noop, elidable=True),
    ]
